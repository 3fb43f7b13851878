"""``loan-kiosk checkout``, ``checkin`` and ``lost``: lending, taking back, reporting loss."""

from __future__ import annotations

import argparse
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

    p = sub.add_parser("checkout", parents=common,
                       help="lend an asset (or every member of a kit) to a member of staff")
    p.add_argument("tag", help="an asset's tag, or a kit's: every member goes out together")
    p.add_argument("staff_code", help="the borrower (with --to-location: who is responsible)")
    p.add_argument("--to-location", metavar="LOCATION",
                   help="lend it to a room (by location code); the member of staff is responsible")
    p.add_argument("--lend-rest", action="store_true",
                   help="a kit with members on loan, lost or in repair: lend the others anyway")
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

    def lend(uow: UnitOfWork) -> dict[str, Any]:
        from app.clock import local_date
        from app.services.borrowers import cap_note, overdue_items, overdue_warning
        from app.services.kit_loans import KitNotWhole, check_out_kit
        from app.services.lookup import find_asset
        from app.services.scan import find_kit_card

        options: dict[str, Any] = dict(
            due=args.due, purpose=args.purpose, trip=args.trip, personal_data=args.personal_data,
            override_reason=args.override_reason, signature=sig, to_location=args.to_location,
            booking_override=args.booking_override)
        kit = None
        if find_asset(uow, args.tag) is None and find_kit_card(uow, args.tag) is not None:
            try:
                kit = check_out_kit(uow, args.tag, args.staff_code, lend_rest=args.lend_rest,
                                    **options)
            except KitNotWhole as exc:  # say how, here: the option
                raise KitNotWhole(exc.kit_tag, exc.listed, exc.others,
                                  " (checkout again with --lend-rest)") from None
            result = kit.result
        else:
            result = check_out(uow, args.tag, args.staff_code, **options)
        loan = result.loans[0]
        person = result.person
        notes = list(result.bookings.notes) if result.bookings else []
        if kit is not None and kit.skipped:
            notes.append("note: left behind: " + "; ".join(f"{u.tag} ({u.why})"
                                                          for u in kit.skipped))
        if result.capped_at is not None:
            notes.append(f"note: {cap_note(person.name, result.capped_at)}")
        overdue = overdue_items(uow, person.id, local_date(uow.now))
        if overdue:
            notes.append(f"warning: {overdue_warning(person.name, overdue)}")
        return {"tag": kit.kit_tag if kit else loan.asset.tag, "kit": kit is not None,
                "kit_name": kit.kit_name if kit else None,
                "tags": [ln.asset.tag for ln in result.loans],
                "left_behind": [u.tag for u in kit.skipped] if kit else [],
                "staff_code": person.staff_code, "name": person.name, "due": loan.due_on,
                "loan_id": loan.id, "loan_ids": [ln.id for ln in result.loans],
                "location": args.to_location, "notes": notes}

    done = ctx.transaction(lend, actor)
    ack_number = None
    if args.print_ack:
        ack_number = ctx.transaction(lambda uow: acknowledge_loans(uow, done["loan_ids"]), actor)
    if args.json:
        data = {"tag": done["tag"], "staff_code": done["staff_code"],
                "due": done["due"].isoformat(), "loan_id": done["loan_id"], "ack": ack_number,
                "warnings": done["notes"]}
        if done["kit"]:
            data.update(kit=done["tag"], tags=done["tags"], loan_ids=done["loan_ids"],
                        left_behind=done["left_behind"])
        if done["location"]:
            data["location"] = done["location"]
        print_json(data)
    else:
        to = f"{done['name']} ({done['staff_code']})"
        if done["location"]:
            to = f"{done['location']} (responsible: {to})"
        what = done["tag"]
        if done["kit"]:
            what = (f"kit {done['tag']} {done['kit_name']} ({len(done['tags'])} items: "
                    f"{', '.join(done['tags'])})")
        print(f"{what} lent to {to}, due back {date_text(done['due'], weekday=True)}")
    for note in done["notes"]:
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
