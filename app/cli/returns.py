"""``loan-kiosk checkin``: take an asset back — its condition, how personal data on it was
dealt with, and (when the ``signature.on_return`` setting asks) the borrower's signature,
with a short return receipt."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.context import CliContext, print_json
from app.uow import UnitOfWork
from db.models import CONDITIONS, DATA_HANDLING


def add_checkin_command(sub: Any, common: list[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("checkin", parents=common, help="take an asset (or a kit) back")
    p.add_argument("tag", help="an asset's tag, or a kit's: every member out with it comes back")
    p.add_argument("--missing", nargs="+", metavar="TAG", default=[],
                   help="a kit: members not brought back (they stay on loan, listed)")
    p.add_argument("--report-lost", action="store_true",
                   help="a kit: report the --missing members lost (an incident each)")
    p.add_argument("--condition", choices=CONDITIONS, default="ok")
    p.add_argument("--note")
    p.add_argument("--data", choices=DATA_HANDLING,
                   help="lent with personal data: the borrower removed it, IT wiped the device, "
                        "or it is kept (for a handover)")
    p.add_argument("--data-note", metavar="TEXT",
                   help="about the personal data (e.g. who it is kept for)")
    p.add_argument("--signature", metavar="SIG.json",
                   help="the borrower's signature on return (makes a return receipt)")
    p.add_argument("--out", metavar="FILE.pdf", help="also write the return receipt PDF here")
    p.add_argument("--force", action="store_true", help="replace the --out file if it exists")
    p.add_argument("--print", dest="print_", action="store_true", help="print the return receipt")
    p.add_argument("--printer", metavar="NAME")
    p.add_argument("--put-at", metavar="LOCATION",
                   help="put it at this location, not back at its home location")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_checkin)


def cmd_checkin(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.cli.inputs import archive_and_print, signature_from_file
    from app.services.loans import check_in

    actor = ctx.actor()
    sig = signature_from_file(args.signature)
    if _is_kit(ctx, args.tag):
        return _kit_checkin(args, ctx, sig)
    if args.missing or args.report_lost:
        from app.errors import InvalidInput

        raise InvalidInput("--missing and --report-lost are for checking a kit in")

    def take_back(uow: UnitOfWork) -> dict[str, Any]:
        result = check_in(uow, args.tag, condition=args.condition, note=args.note,
                          data=args.data, data_note=args.data_note, signature=sig,
                          put_at=args.put_at)
        loan = result.loan
        return {"tag": loan.asset.tag, "staff_code": loan.person.staff_code,
                "name": loan.person.name, "condition": loan.condition_in,
                "incident": result.incident.id if result.incident else None,
                "personal_data": bool(loan.personal_data), "data": loan.data_in,
                "receipt": result.receipt.number if result.receipt else None}

    done = ctx.transaction(take_back, actor)
    if args.json:
        print_json({k: v for k, v in done.items() if k != "name"})
    else:
        print(f"{done['tag']} returned by {done['name']} ({done['staff_code']}), "
              f"condition {done['condition']}")
        if done["incident"]:
            print(f"damage incident #{done['incident']} opened; {done['tag']} is now in repair")
        if done["data"]:
            print(f"personal data: {done['data']}")
        if done["receipt"]:
            print(f"return receipt {done['receipt']}")
    if done["personal_data"] and not done["data"]:
        print(f"warning: {done['tag']} was lent with personal data and how it was dealt with is "
              "not recorded (--data removed|wiped|kept); an admin can reverse this check-in "
              "(loan-kiosk reverse) to record it", file=sys.stderr)
    if done["receipt"]:
        archive_and_print(ctx, actor, done["receipt"], out=args.out, print_=args.print_,
                           printer=args.printer, force=args.force)
    return 0


def _is_kit(ctx: CliContext, tag: str) -> bool:
    from app.services.lookup import find_asset
    from app.services.scan import find_kit_card

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        return find_asset(uow, tag) is None and find_kit_card(uow, tag) is not None


def _kit_checkin(args: argparse.Namespace, ctx: CliContext, sig: Any) -> int:
    from app.cli.inputs import archive_and_print
    from app.services.kit_loans import check_in_kit

    actor = ctx.actor()

    def take_back(uow: UnitOfWork) -> dict[str, Any]:
        r = check_in_kit(uow, args.tag, missing=args.missing,
                         report_missing_lost=args.report_lost, condition=args.condition,
                         note=args.note, data=args.data, data_note=args.data_note, signature=sig)
        loans = r.returned or r.missing
        holder = loans[0].person if loans else None
        return {"kit": r.kit_tag, "name": r.kit_name,
                "returned": [ln.asset.tag for ln in r.returned],
                "missing": [{"tag": ln.asset.tag, "staff_code": ln.person.staff_code,
                             "holder": ln.person.name, "with": r.holders[ln.asset.tag]}
                            for ln in r.missing],
                "lost": r.lost, "incidents": [i.id for i in r.incidents],
                "staff_code": getattr(holder, "staff_code", None),
                "receipt": r.receipt.number if r.receipt else None,
                "data_unrecorded": [ln.asset.tag for ln in r.returned
                                    if ln.personal_data and ln.data_in is None]}

    done = ctx.transaction(take_back, actor)
    if args.json:
        print_json(done)
    else:
        n = len(done["returned"])
        print(f"kit {done['kit']} {done['name']}: {n} item{'s' if n != 1 else ''} back"
              + (f" ({', '.join(done['returned'])})" if n else ""))
        for m in done["missing"]:
            print(f"MISSING {m['tag']}: still on loan to {m['with']}")
        for tag in done["lost"]:
            print(f"MISSING {tag}: reported lost")
        if done["incidents"]:
            print(f"incident {', '.join(f'#{i}' for i in done['incidents'])} opened")
        if done["receipt"]:
            print(f"return receipt {done['receipt']}")
    if done["data_unrecorded"]:
        print(f"warning: {', '.join(done['data_unrecorded'])} were lent with personal data and "
              "how it was dealt with is not recorded (--data removed|wiped|kept); an admin can "
              "reverse these check-ins (loan-kiosk reverse) to record it", file=sys.stderr)
    if done["missing"] and not args.json:
        print(f"warning: {len(done['missing'])} member(s) of kit {done['kit']} not back: check "
              "each in when it turns up, or report it lost (loan-kiosk lost TAG)", file=sys.stderr)
    if done["receipt"]:
        archive_and_print(ctx, actor, done["receipt"], out=args.out, print_=args.print_,
                           printer=args.printer, force=args.force)
    return 0
