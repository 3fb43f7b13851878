"""Document commands: ``receipt show|print|verify|queue|retry``, ``labels`` and
``trip sheet`` (added to the ``trip`` group by :func:`add_trip_sheet_command`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.context import CliContext, print_json
from app.cli.inputs import bounded_int
from app.errors import InvalidInput
from db.models import ASSET_KINDS

#: exit statuses of ``receipt verify``
VERIFY_EXIT = {"match": 0, "mismatch": 1, "not_ours": 2}


def register(sub: Any) -> None:
    from app.cli.options import common_parent
    from printing.label_stock import TEMPLATES

    common = [common_parent()]
    receipt = sub.add_parser("receipt", help="show, print or verify receipts")
    r_sub = receipt.add_subparsers(dest="receipt_command", metavar="ACTION", required=True)

    p = r_sub.add_parser("show", parents=common, help="show a receipt, or save its PDF")
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--out", metavar="FILE.pdf", help="save the receipt's PDF here")
    p.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_receipt_show)

    p = r_sub.add_parser("print", parents=common, help="print a receipt (queued if the "
                                                        "printer is away)")
    p.add_argument("number", metavar="NUMBER")
    p.add_argument("--printer", metavar="NAME", help="print queue (default: the settings', "
                                                     "else the system default)")
    p.add_argument("--copies", type=bounded_int(1, 10), metavar="N",
                   help="copies (default: 2 for a leaver's receipt, else 1)")
    add_backend_option(p)
    p.set_defaults(handler=cmd_receipt_print)

    p = r_sub.add_parser("verify", parents=common,
                         help="check a receipt PDF against the record (exit 0 match, "
                              "1 differs, 2 not a receipt)")
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_receipt_verify)

    p = r_sub.add_parser("queue", parents=common, help="list print jobs still waiting")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_receipt_queue)

    p = r_sub.add_parser("retry", parents=common, help="try the waiting print jobs again now")
    add_backend_option(p)
    p.set_defaults(handler=cmd_receipt_retry)

    p = r_sub.add_parser("repair", parents=common,
                         help="put every receipt's PDF where it belongs (after a crash or a "
                              "full disk)")
    p.set_defaults(handler=cmd_receipt_repair)

    p = sub.add_parser("labels", parents=common, help="QR asset labels as a PDF label sheet")
    p.add_argument("--out", metavar="FILE.pdf", required=True)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--tags", nargs="+", metavar="TAG", help="these assets, in this order")
    which.add_argument("--kind", choices=ASSET_KINDS, help="every asset of this kind")
    which.add_argument("--all", dest="all_", action="store_true",
                       help="every asset (except retired ones)")
    p.add_argument("--template", choices=sorted(TEMPLATES),
                   help="label stock (default: from the settings)")
    p.add_argument("--start", type=bounded_int(1, 200), default=None, metavar="N",
                   help="first free label on a partly used sheet (1 = top left; "
                        "default: the printing.label_start setting)")
    p.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    p.set_defaults(handler=cmd_labels)


def add_trip_sheet_command(trip_subparsers: Any) -> None:
    """``trip sheet NAME``: called by the module that owns the ``trip`` group."""
    from app.cli.options import common_parent

    p = trip_subparsers.add_parser("sheet", parents=[common_parent()],
                                   help="the trip's phone sheet (travels with the trip)")
    p.add_argument("name")
    p.add_argument("--out", metavar="FILE.pdf", help="save the sheet's PDF here")
    p.add_argument("--print", dest="print_", action="store_true", help="print the sheet")
    p.add_argument("--printer", metavar="NAME")
    add_backend_option(p)
    p.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    p.set_defaults(handler=cmd_trip_sheet)


def add_backend_option(parser: argparse.ArgumentParser) -> None:
    """``--backend qt|cups``: print through this backend instead of the settings' choice."""
    from app.config import PRINT_BACKENDS

    parser.add_argument("--backend", choices=PRINT_BACKENDS,
                        help="print through Qt's print support or CUPS's lp (default: "
                             "[printing] backend, else qt on Windows and macOS, cups on Linux)")


def cmd_receipt_show(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services import documents
    from app.services.receipts import get_receipt
    from printing.verification import format_code
    from printing.wording import fmt_datetime, outcome_label

    actor = ctx.actor()
    with ctx.app.uow(actor, readonly=True) as uow:
        r = get_receipt(uow, args.number)
        number, kind, content = r.number, r.kind, dict(r.content)
        code = r.content_sha256[:16]
        archived = str(ctx.app.paths.data_dir / r.file) if r.file else None
    if args.out:
        out = documents.export_receipt(ctx.app, actor, number, Path(args.out),
                                       overwrite=args.force)
        print(f"{documents.DOCUMENT_NOUNS.get(kind, 'document')} {number} written to {out}")
        return 0
    if args.json:
        print_json({"number": number, "kind": kind, "verification_code": code,
                    "file": archived, "content": content})
        return 0
    person = content.get("person") or content.get("leader") or {}
    print(f"{number}  {documents.DOCUMENT_NOUNS.get(kind, kind)}, issued "
          f"{fmt_datetime(content.get('issued_at'))} by "
          f"{(content.get('technician') or {}).get('name', '?')}")
    if person:
        print(f"  {person.get('name')} ({person.get('staff_code')})"
              + (f", {person['department']}" if person.get("department") else ""))
    if content.get("trip"):
        trip = content["trip"]
        print(f"  trip {trip.get('name')}: {trip.get('start_date')} to {trip.get('end_date')}")
    for item in content.get("items") or []:
        status = outcome_label(item["outcome"]) if item.get("outcome") else \
            f"due {item.get('due_on')}"
        note = f" — {item['note']}" if item.get("note") else ""
        print(f"  {item.get('tag')}  {item.get('kind') or ''}  {status}{note}")
    print(f"  verification code {format_code(code)}")
    print(f"  archived as {archived}" if archived else "  not archived yet "
          "(use --out or 'receipt print')")
    return 0


def cmd_receipt_print(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services import documents

    outcome = documents.queue_print(ctx.app, ctx.actor(), args.number,
                                    printer_name=args.printer, copies=args.copies,
                                    printer_factory=ctx.printer_factory())
    print(outcome.message, file=sys.stdout if outcome.printed else sys.stderr)
    return 0 if outcome.printed else 1


def cmd_receipt_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services import documents

    outcome = documents.verify_receipt_pdf(ctx.app, Path(args.file))
    if args.json:
        print_json({"status": outcome.status, "number": outcome.number,
                    "message": outcome.message, "differences": list(outcome.differences)})
    elif outcome.status == "mismatch" and outcome.differences:
        print(f"receipt {outcome.number} does NOT match the record:")
        for d in outcome.differences:
            print(f"  - {d}")
    else:
        print(outcome.message, file=sys.stdout if outcome.status == "match" else sys.stderr)
    return VERIFY_EXIT[outcome.status]


def cmd_receipt_queue(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services import documents

    jobs = documents.pending_print_jobs(ctx.app)
    if args.json:
        print_json([{"id": j.id, "title": j.title, "printer": j.printer, "state": j.state,
                     "attempts": j.attempts, "last_error": j.last_error,
                     "created_at": j.created_at.isoformat()} for j in jobs])
        return 0
    if not jobs:
        print("no print jobs waiting")
    for j in jobs:
        print(f"#{j.id}  {j.title}  printer {j.printer or '(default)'}  {j.state}"
              + (f" — {j.last_error}" if j.last_error else ""))
    return 0


def cmd_receipt_retry(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services import documents

    outcomes = documents.retry_print_jobs(ctx.app, ctx.actor(), ctx.printer_factory())
    if not outcomes:
        print("no print jobs waiting")
    for o in outcomes:
        print(o.message, file=sys.stdout if o.printed else sys.stderr)
    return 0 if all(o.printed for o in outcomes) else 1


def cmd_labels(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services import documents
    from printing.label_stock import get_template

    pdf = documents.render_labels(ctx.app, tags=args.tags, kind=args.kind, all_=args.all_,
                                  template=args.template,
                                  start=args.start or ctx.app.settings.printing.label_start)
    out = documents.write_output(Path(args.out), pdf, overwrite=args.force)
    template = get_template(args.template or ctx.app.settings.printing.label_template)
    print(f"labels written to {out} ({template.name})")
    return 0


def cmd_trip_sheet(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services import documents

    if not args.out and not args.print_:
        raise InvalidInput("say what to do with the sheet: --out FILE.pdf and/or --print")
    actor = ctx.actor()
    number, _archived = documents.render_trip_sheet(ctx.app, actor, args.name)
    if args.out:
        out = documents.export_receipt(ctx.app, actor, number, Path(args.out),
                                       overwrite=args.force)
        print(f"trip sheet {number} written to {out}")
    if args.print_:
        outcome = documents.queue_print(ctx.app, actor, number, printer_name=args.printer,
                                        printer_factory=ctx.printer_factory())
        print(outcome.message, file=sys.stdout if outcome.printed else sys.stderr)
        return 0 if outcome.printed else 1
    return 0


def cmd_receipt_repair(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.documents.archive import repair_archive

    report = repair_archive(ctx.app, ctx.actor())
    done = report.recovery
    for number in done.finished:
        print(f"receipt {number}: its PDF, archived with it, is now in place")
    for number in report.archived:
        print(f"receipt {number}: archived now (it had no PDF)")
    if done.removed:
        print(f"{len(done.removed)} PDF(s) of receipts never saved removed")
    problems = done.problems + report.failed
    for problem in problems:
        print(f"not repaired: {problem}", file=sys.stderr)
    if not (done.finished or report.archived or done.removed or problems):
        print("every receipt's PDF is where it belongs")
    return 1 if problems else 0
