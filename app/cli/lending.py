"""``loan-kiosk checkout``, ``checkin`` and ``lost``: lending, taking back, reporting loss."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from app.cli.context import CliContext, print_json
from app.cli.inputs import archive_and_print, date_arg, signature_from_file
from app.cli.options import common_parent
from app.cli.returns import add_checkin_command
from app.uow import UnitOfWork
from printing.dates import date_text


def register(sub: Any) -> None:
    common = [common_parent()]

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
    p.add_argument("--booking-override", metavar="REASON",
                   help="lend it although it is booked for someone else from today (audited)")
    p.add_argument("--signature", metavar="SIG.json", help="the borrower's signature")
    p.add_argument("--print-ack", action="store_true", help="print a loan acknowledgement")
    p.add_argument("--printer", metavar="NAME")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_checkout)

    add_checkin_command(sub, common)

    p = sub.add_parser("lost", parents=common, help="report an asset lost")
    p.add_argument("tag")
    p.add_argument("--note")
    p.add_argument("--stolen", action="store_true", help="record it as stolen rather than lost")
    p.set_defaults(handler=cmd_lost)


def cmd_checkout(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.loans import check_out
    from app.services.receipts import acknowledge_loans

    actor = ctx.actor()
    sig = signature_from_file(args.signature)

    def lend(uow: UnitOfWork) -> tuple[str, str, str, dt.date, int, list[int], list[str]]:
        from app.clock import local_date
        from app.services.borrowers import cap_note, overdue_items, overdue_warning

        result = check_out(
            uow, args.tag, args.staff_code, due=args.due, purpose=args.purpose, trip=args.trip,
            personal_data=args.personal_data, override_reason=args.override_reason, signature=sig,
            booking_override=args.booking_override,
        )
        loan = result.loans[0]
        person = result.person
        notes = list(result.bookings.notes) if result.bookings else []
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
        ack_number = ctx.transaction(lambda uow: acknowledge_loans(uow, loan_ids), actor)
    if args.json:
        print_json({"tag": tag, "staff_code": staff_code, "due": due.isoformat(),
                    "loan_id": loan_id, "ack": ack_number, "warnings": notes})
    else:
        print(f"{tag} lent to {name} ({staff_code}), due back {date_text(due, weekday=True)}")
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
