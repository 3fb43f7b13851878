"""``loan-kiosk leaver return|list``: a member of staff leaving returns their equipment."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.context import CliContext, print_json
from app.cli.inputs import archive_and_print, bounded_int, parse_tagged, signature_from_file
from app.cli.options import common_parent
from app.errors import InvalidInput, LoanKioskError


def register(sub: Any) -> None:
    common = [common_parent()]

    leaver = sub.add_parser("leaver", help="a member of staff leaving returns their equipment")
    leaver_sub = leaver.add_subparsers(dest="leaver_command", metavar="ACTION", required=True)
    p = leaver_sub.add_parser("return", parents=common,
                              help="check in what was handed back, record the rest, issue a receipt")
    p.add_argument("staff_code")
    p.add_argument("--tags", nargs="+", metavar="TAG",
                   help="what was handed back (default: everything outstanding)")
    p.add_argument("--none", action="store_true", help="nothing was handed back")
    p.add_argument("--note", action="append", default=[], metavar="TAG=TEXT",
                   help="a note for one item, e.g. about why it was not returned")
    p.add_argument("--data", action="append", default=[], metavar="TAG=removed|wiped|kept",
                   help="for an item lent with personal data: how the data was dealt with")
    p.add_argument("--confirm-not-leaving", action="store_true",
                   help="go ahead although the person is not marked as leaving")
    p.add_argument("--signature", metavar="SIG.json", help="the leaver's signature")
    p.add_argument("--out", metavar="FILE.pdf", help="also write the receipt PDF here")
    p.add_argument("--force", action="store_true", help="replace the --out file if it exists")
    p.add_argument("--print", dest="print_", action="store_true", help="print the receipt")
    p.add_argument("--printer", metavar="NAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_leaver_return)
    p = leaver_sub.add_parser("list", parents=common, help="people leaving in the next 30 days")
    p.add_argument("--days", type=bounded_int(0, 3650), default=30)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_leaver_list)


def cmd_leaver_return(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.leavers import leaver_return

    if args.none and args.tags:
        raise InvalidInput("use either --tags or --none")
    actor = ctx.actor()
    sig = signature_from_file(args.signature)
    returned = [] if args.none else args.tags
    notes = parse_tagged(args.note)
    data = parse_tagged(args.data, "--data", "removed|wiped|kept")
    receipt = ctx.transaction(
        lambda uow: leaver_return(uow, args.staff_code, returned_tags=returned, notes=notes,
                                  data=data, signature=sig,
                                  confirm_not_leaving=args.confirm_not_leaving), actor)
    content = receipt.content
    items = content["items"]
    back = [i["tag"] for i in items if i["outcome"] == "returned"]
    missing = [i["tag"] for i in items if i["outcome"] != "returned"]
    if args.json:
        print_json({"receipt": receipt.number, "sha256": receipt.content_sha256,
                    "returned": back, "not_returned": missing})
    else:
        print(f"receipt {receipt.number}: {content['person']['name']} marked as left; "
              f"{len(back)} returned, {len(missing)} not returned")
        for tag in missing:
            print(f"  not returned: {tag}")
    try:
        archive_and_print(ctx, actor, receipt.number, out=args.out, print_=args.print_,
                           printer=args.printer, force=args.force)
    except Exception as exc:  # the return is committed: never let that go unsaid
        reason = exc.message if isinstance(exc, LoanKioskError) else str(exc) or type(exc).__name__
        print(f"error: the leaver return IS recorded (receipt {receipt.number}), but its receipt "
              f"could not be archived: {reason}. Nothing is lost: put that right, then run "
              f"'loan-kiosk receipt show {receipt.number} --out FILE.pdf' (or 'loan-kiosk receipt "
              f"print {receipt.number}') to archive it and hand it over.", file=sys.stderr)
        return EXIT_NOT_ARCHIVED
    return 0


#: ``leaver return``: recorded, but the receipt is not archived yet (the message says how)
EXIT_NOT_ARCHIVED = 3


def cmd_leaver_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.leavers import leaving_soon
    from app.services.site_scope import every_school_shown, school_of

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        people = [(p.staff_code, p.name, p.leaving_date, p.status,
                   (school_of(uow, p.site_id) or ("", ""))[0])
                  for p in leaving_soon(uow, args.days)]
        every = every_school_shown(uow)
    if args.json:
        print_json([{"staff_code": s, "name": n, "leaving_date": d, "status": st, "site": site or None}
                    for s, n, d, st, site in people])
    else:
        for s, n, d, st, site in people:
            school = f"{site or '-':<6} " if every else ""  # --site ALL: whose each is
            print(f"{school}{s}  {n}  {d or ''}  {st}")
    return 0
