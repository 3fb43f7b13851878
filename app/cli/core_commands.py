"""The core commands: init, import, checkout, checkin, lost, encryption, trip, leaver,
whois, report, audit, technician, backup, demo-data."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from app.cli.context import CliContext, print_json
from app.cli.inputs import (
    archive_and_print,
    date_arg,
    parse_tagged,
    read_file,
    signature_from_file,
)
from app.errors import InvalidInput, LoanKioskError
from app.uow import UnitOfWork
from db.models import ENCRYPTION_METHODS


def register(sub: Any) -> None:
    from app.cli import common_parent

    common = [common_parent()]

    p = sub.add_parser("init", parents=common, help="create or upgrade the database")
    p.set_defaults(handler=cmd_init)

    imp = sub.add_parser("import", help="import the staff list or the asset register from CSV")
    imp_sub = imp.add_subparsers(dest="what", metavar="WHAT", required=True)
    for what in ("staff", "assets"):
        p = imp_sub.add_parser(what, parents=common, help=f"import {what} from a CSV file")
        p.add_argument("file", metavar="FILE.csv")
        p.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=cmd_import)

    p = sub.add_parser("checkout", parents=common, help="lend an asset to a member of staff")
    p.add_argument("tag")
    p.add_argument("staff_code")
    p.add_argument("--due", type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument("--purpose")
    p.add_argument("--trip", metavar="NAME")
    p.add_argument("--personal-data", action="store_true",
                   help="the borrower will keep personal data on the device")
    p.add_argument("--override-reason", metavar="TEXT",
                   help="(admin) lend an unencrypted device for personal data anyway, with a reason")
    p.add_argument("--signature", metavar="SIG.json", help="the borrower's signature")
    p.add_argument("--print-ack", action="store_true", help="print a loan acknowledgement")
    p.add_argument("--printer", metavar="NAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_checkout)

    from app.cli.returns import add_checkin_command

    add_checkin_command(sub, common)

    p = sub.add_parser("lost", parents=common, help="report an asset lost")
    p.add_argument("tag")
    p.add_argument("--note")
    p.add_argument("--stolen", action="store_true", help="record it as stolen rather than lost")
    p.set_defaults(handler=cmd_lost)

    p = sub.add_parser("encryption", parents=common, help="record an encryption check")
    p.add_argument("tag")
    p.add_argument("--method", choices=ENCRYPTION_METHODS)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--encrypted", dest="encrypted", action="store_true")
    g.add_argument("--not-encrypted", dest="encrypted", action="store_false")
    p.add_argument("--note")
    p.set_defaults(handler=cmd_encryption)

    trip = sub.add_parser("trip", help="trips and visits (school phones)")
    trip_sub = trip.add_subparsers(dest="trip_command", metavar="ACTION", required=True)
    p = trip_sub.add_parser("create", parents=common, help="create a trip")
    p.add_argument("name")
    p.add_argument("--leader", required=True, metavar="STAFF_CODE")
    p.add_argument("--start", required=True, type=date_arg, metavar="DATE")
    p.add_argument("--end", required=True, type=date_arg, metavar="DATE")
    p.add_argument("--destination")
    p.set_defaults(handler=cmd_trip_create)
    p = trip_sub.add_parser("status", parents=common, help="which phones are still out")
    p.add_argument("name")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_trip_status)
    from app.cli.documents import add_trip_sheet_command

    add_trip_sheet_command(trip_sub)

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
    p.add_argument("--print", dest="print_", action="store_true", help="print the receipt")
    p.add_argument("--printer", metavar="NAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_leaver_return)
    p = leaver_sub.add_parser("list", parents=common, help="people leaving in the next 30 days")
    p.add_argument("--days", type=int, default=30)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_leaver_list)

    p = sub.add_parser("whois", parents=common, help="what a scanned code is")
    p.add_argument("code")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_whois)

    p = sub.add_parser("report", parents=common, help="on-loan, overdue, leavers, unencrypted, history")
    p.add_argument("name", choices=("on-loan", "overdue", "leavers", "unencrypted", "history"))
    p.add_argument("arg", nargs="?", metavar="TAG|STAFF_CODE", help="for history")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--out", metavar="FILE")
    p.set_defaults(handler=cmd_report)

    aud = sub.add_parser("audit", help="the tamper-evident audit log")
    aud_sub = aud.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    p = aud_sub.add_parser("verify", parents=common, help="check the chain and every audited row")
    p.add_argument("--anchor", action="append", default=[], metavar="TOKEN",
                   help="an anchor from `audit head` the chain must still hold (repeatable)")
    p.add_argument("--anchors", action="append", default=[], metavar="FILE",
                   help="a file of anchors, one a line (# comments allowed)")
    p.set_defaults(handler=cmd_audit_verify)
    p = aud_sub.add_parser("head", parents=common,
                           help="check the chain, then print its anchor (keep it off this PC)")
    p.set_defaults(handler=cmd_audit_head)

    tech = sub.add_parser("technician", help="desk technicians")
    tech_sub = tech.add_subparsers(dest="tech_command", metavar="ACTION", required=True)
    p = tech_sub.add_parser("add", parents=common, help="add a technician (asks for a PIN)")
    p.add_argument("username")
    p.add_argument("--admin", action="store_true")
    p.add_argument("--name", help="display name")
    p.add_argument("--badge", help="badge code for signing in by scan")
    p.add_argument("--pin-stdin", action="store_true", help="read the PIN from standard input")
    p.set_defaults(handler=cmd_technician_add)

    p = sub.add_parser("backup", parents=common, help="consistent online copy of the database")
    p.add_argument("file")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("demo-data", parents=common, help="fill a database with a demo school")
    p.set_defaults(handler=cmd_demo_data)


# -- handlers -------------------------------------------------------------------


def cmd_init(args: argparse.Namespace, ctx: CliContext) -> int:
    app = ctx.app
    from db.schema import current_revision

    print(f"database ready at {app.db.engine.url.render_as_string(hide_password=True)} "
          f"(schema {current_revision(app.db.engine)})")
    return 0


def cmd_import(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.imports.assets import import_assets
    from app.imports.staff import import_staff

    data = read_file(args.file)
    fn = import_staff if args.what == "staff" else import_assets
    report = ctx.transaction(
        lambda uow: fn(uow, data, source_name=Path(args.file).name, dry_run=args.dry_run))
    if args.json:
        print_json(report.to_dict())
    else:
        for line in report.format_lines():
            print(line)
    return 0


def cmd_checkout(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.loans import check_out
    from app.services.receipts import loan_ack

    actor = ctx.actor()
    sig = signature_from_file(args.signature)

    def lend(uow: UnitOfWork) -> tuple[str, str, str, dt.date, int, list[int], list[str]]:
        from app.clock import local_date
        from app.services.borrowers import cap_note, overdue_items, overdue_warning

        result = check_out(
            uow, args.tag, args.staff_code, due=args.due, purpose=args.purpose, trip=args.trip,
            personal_data=args.personal_data, override_reason=args.override_reason, signature=sig,
        )
        loan = result.loans[0]
        person = result.person
        notes = []
        if result.capped_at is not None:
            notes.append(f"note: {cap_note(person.name, result.capped_at)}")
        overdue = overdue_items(uow, person.id, local_date(uow.now))
        if overdue:
            notes.append(f"warning: {overdue_warning(person.name, overdue)}")
        return (loan.asset.tag, person.staff_code, person.name, loan.due_on,
                loan.id, [ln.id for ln in result.loans], notes)

    tag, staff_code, name, due, loan_id, loan_ids, notes = ctx.transaction(lend, actor)
    ack_number = None
    if args.print_ack:

        def acknowledge(uow: UnitOfWork) -> str:
            from db.models import Loan

            loans = [uow.session.get(Loan, i) for i in loan_ids]
            ack = loan_ack(uow, [ln for ln in loans if ln is not None])
            uow.commit()
            return ack.number

        ack_number = ctx.transaction(acknowledge, actor)
    if args.json:
        print_json({"tag": tag, "staff_code": staff_code, "due": due.isoformat(),
                    "loan_id": loan_id, "ack": ack_number, "warnings": notes})
    else:
        print(f"{tag} lent to {name} ({staff_code}), due back {due.strftime('%a %-d %b %Y')}")
    for note in notes:
        print(note, file=sys.stderr)
    if ack_number:
        archive_and_print(ctx, actor, ack_number, out=None, print_=True, printer=args.printer)
    return 0


def cmd_lost(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.loans import report_lost

    kind = "stolen" if args.stolen else "lost"

    def lose(uow: UnitOfWork) -> str:
        result = report_lost(uow, args.tag, note=args.note, kind=kind)
        who = f" (was on loan to {result.loan.person.name})" if result.loan else ""
        return f"{result.asset.tag} recorded as {kind}{who}; incident #{result.incident.id} opened"

    print(ctx.transaction(lose))
    return 0


def cmd_encryption(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.encryption import record_check, state_from_check

    def record(uow: UnitOfWork) -> str:
        check = record_check(uow, args.tag, encrypted=args.encrypted, method=args.method,
                             note=args.note)
        return f"{check.asset.tag}: {state_from_check(check).label}"

    print(ctx.transaction(record))
    return 0


def cmd_trip_create(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.trips import create_trip

    def create(uow: UnitOfWork) -> str:
        trip = create_trip(uow, args.name, leader=args.leader, start=args.start, end=args.end,
                           destination=args.destination)
        return (f"trip {trip.name!r} created ({trip.start_date} to {trip.end_date}, "
                f"leader {trip.leader.name})")

    print(ctx.transaction(create))
    return 0


def cmd_trip_status(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.trips import trip_status

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:  # read everything before it closes
        st = trip_status(uow, args.name)
        name = st.trip.name
        out = [(ln.asset.tag, ln.person.staff_code, ln.asset.phone_number) for ln in st.out]
        back = [ln.asset.tag for ln in st.back]
    if args.json:
        print_json({"trip": name, "out": [o[0] for o in out], "back": back})
        return 0
    print(f"{name}: {len(out)} out, {len(back)} back")
    for tag, sc, phone in out:
        print(f"  out  {tag}  {sc}  {phone or ''}".rstrip())
    return 0


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
                           printer=args.printer)
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

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        people = [(p.staff_code, p.name, p.leaving_date, p.status)
                  for p in leaving_soon(uow, args.days)]
    if args.json:
        print_json([{"staff_code": s, "name": n, "leaving_date": d, "status": st}
                    for s, n, d, st in people])
    else:
        for s, n, d, st in people:
            print(f"{s}  {n}  {d or ''}  {st}")
    return 0


def cmd_whois(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.clock import local_date
    from app.services.scan import resolve_scan

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        result = resolve_scan(uow, args.code)
        data = result.to_dict(local_date(uow.now))
    if args.json:
        print_json(data)
    elif data["type"] == "asset":
        enc = {True: "encrypted", False: "not encrypted", None: "encryption unknown"}[data["encrypted"]]
        holder = f", on loan to {data['holder']} until {data['due']}" if data["holder"] else ""
        print(f"asset {data['tag']} ({data['kind']}, {data['status']}, {enc}){holder}")
    elif data["type"] == "person":
        items = ", ".join(data["items"]) or "nothing"
        print(f"person {data['staff_code']} {data['name']} ({data['status']}), holds: {items}")
    elif data["type"] == "receipt":
        verdict = "matches the record" if data["matches"] else "does NOT match the record"
        print(f"receipt {data['number']}: {verdict}" if data["found"]
              else f"receipt {data['number']}: not in this database")
    else:
        print("unknown code" + (f": {data['advice']}" if data.get("advice") else ""))
    return 0


def cmd_report(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services import reports

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        rows = reports.run_report(uow, args.name, args.arg)
    fields = reports.FIELDS[args.name]
    if args.format == "csv":
        text = reports.to_csv(rows, fields)
    elif args.format == "json":
        text = reports.to_json(rows) + "\n"
    else:
        text = reports.to_table(rows, fields)
    if args.out:
        newline = "" if args.format == "csv" else None
        with open(args.out, "w", encoding="utf-8-sig" if args.format == "csv" else "utf-8",
                  newline=newline) as fh:
            fh.write(text)
        print(f"{len(rows)} rows written to {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_audit_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    from app import anchors, audit
    from app.evidence import check_receipts

    given = anchors.parse_all(args.anchor, [Path(f) for f in args.anchors])
    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        result = audit.verify(uow.session, anchors=given)
        archive = check_receipts(uow.session, ctx.app.paths.data_dir)
        printed = [a for _, a in archive.printed]
        on_paper = audit.verify(uow.session, anchors=printed) if result.ok and printed else None
    if not result.ok:
        print(f"audit log BROKEN: {result.problem}")
        return 1
    if on_paper is not None and not on_paper.ok:
        problem = str(on_paper.problem)
        numbers = [n for n, a in archive.printed if f"anchor {a.token} " in problem]
        where = f" (printed on receipt {numbers[0]})" if numbers else ""
        print(f"audit log BROKEN: {problem}{where}")
        return 1
    held = f"; {len(given)} anchor{'s' if len(given) != 1 else ''} held" if given else ""
    print(f"audit log intact ({result.events} events{held})")
    if archive.problems:
        for problem in archive.problems:
            print(f"receipts archive BROKEN: {problem}")
        return 1
    print(f"receipts archive intact ({archive.archived} archived files match their SHA-256; "
          f"the anchors printed on {len(printed)} receipts hold)")
    return 0


def cmd_audit_head(args: argparse.Namespace, ctx: CliContext) -> int:
    """The chain is verified first: an anchor of a log already tampered with proves nothing."""
    from app import audit

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        result = audit.verify(uow.session)
        anchor = audit.head_anchor(uow.session)
    if not result.ok:
        print(f"audit log BROKEN: {result.problem}")
        print("no anchor given: fix or restore the log first")
        return 1
    print(f"audit log intact ({result.events} events). Write this anchor down, or keep it "
          "with your DPO, off this PC; `audit verify --anchor` checks it later:")
    print(anchor.token)
    return 0


def cmd_technician_add(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.technicians import add_technician

    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    else:
        if not sys.stdin.isatty():
            raise InvalidInput("no terminal to ask for a PIN: use --pin-stdin")
        import getpass

        pin = getpass.getpass("PIN for the new technician: ")
        if getpass.getpass("Same PIN again: ") != pin:
            raise InvalidInput("the two PINs differ")
    tech = ctx.transaction(
        lambda uow: add_technician(uow, args.username, pin, admin=args.admin,
                                   display_name=args.name, badge=args.badge))
    print(f"technician {tech.username} added ({tech.role})")
    return 0


def cmd_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.backup import backup_anchor, backup_database

    path = backup_database(ctx.app.db, Path(args.file))
    print(f"backup written to {path}")
    anchor = backup_anchor(path)
    if anchor is not None:
        print(f"its audit anchor (also in {path.name}.anchor): {anchor.token}")
    return 0


def cmd_demo_data(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.demo import fill_demo

    summary = fill_demo(ctx.app, ctx.actor())
    print(summary)
    return 0
