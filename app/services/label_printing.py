"""Printing a sheet of asset labels through the print queue, as receipts are printed.

The sheet is saved under ``<data dir>/documents/labels/`` and becomes a print job.
A printer that is away keeps the job queued (the desk retries it every minute, and
``loan-kiosk receipt retry`` does too) and the technician is told so in plain words,
never with the print system's exception.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.atomic_files import write_new_file
from app.bootstrap import AppContext
from app.devices.printer import PrinterFactory, printer_label
from app.services.documents.print_queue import attempt_print_jobs
from app.uow import Actor
from db.models import PrintJob

LABELS_DIR = Path("documents") / "labels"


@dataclass(frozen=True)
class LabelPrintOutcome:
    message: str
    printed: bool
    path: Path
    job_id: int


def save_labels(app_ctx: AppContext, pdf: bytes) -> Path:
    """The sheet saved under the documents folder (a new file each time); its full path."""
    stamp = app_ctx.db.clock().strftime("%Y%m%d-%H%M%S")
    return write_new_file(app_ctx.paths.data_dir / LABELS_DIR / f"labels-{stamp}.pdf", pdf,
                          pick_new_name=True)


def print_labels(app_ctx: AppContext, actor: Actor, pdf: bytes, count: int | None = None, *,
                 printer_name: str | None = None,
                 printer_factory: PrinterFactory | None = None) -> LabelPrintOutcome:
    """Save the label sheet, queue it for the printer and try to print it now (through
    ``printer_factory``, else the composition root's)."""
    path = save_labels(app_ctx, pdf)
    title = "Asset labels" + (f" ({count} label{'s' if count != 1 else ''})" if count else "")
    return print_saved(app_ctx, actor, path, title, ("Labels", "the labels"),
                       printer_name=printer_name, printer_factory=printer_factory)


def print_saved(app_ctx: AppContext, actor: Actor, path: Path, title: str,
                noun: tuple[str, str], *, printer_name: str | None = None,
                printer_factory: PrinterFactory | None = None) -> LabelPrintOutcome:
    """Queue a PDF saved in the data folder for the printer (audited) and try to print it
    now. ``noun``: what it is, as a sentence starts and inside one (``("Labels", "the
    labels")``). A printer that is away keeps the job queued, and the message says so."""
    printer_factory = printer_factory or app_ctx.printer_factory
    queue = printer_name or app_ctx.settings.printing.printer or None
    with app_ctx.uow(actor) as uow:
        job = PrintJob(document=str(path.relative_to(app_ctx.paths.data_dir)), receipt_id=None,
                       printer=queue, copies=1, title=title, state="queued", attempts=0,
                       created_at=uow.now, updated_at=uow.now)
        uow.session.add(job)
        uow.session.flush()
        uow.audit("print_queued", job, printer=queue, title=title)
        uow.commit()
        job_id = job.id
    outcomes = attempt_print_jobs(app_ctx, actor, [job_id], printer_factory)
    start, inside = noun
    verb = "are" if inside.endswith("s") else "is"
    if outcomes and outcomes[0].printed:
        name = printer_factory(app_ctx.settings, queue).name
        return LabelPrintOutcome(f"{start} sent to {name or 'the default printer'}.", True, path,
                                 job_id)
    with app_ctx.uow(actor, readonly=True) as uow:
        now = uow.session.get(PrintJob, job_id)
        state, error = (now.state, now.last_error) if now else ("done", None)
    if state == "failed":
        message = f"{inside[0].upper()}{inside[1:]} could not be printed: {error}. " \
                  f"{'They' if verb == 'are' else 'It'} {verb} saved as {path}."
    elif state == "queued":
        reason = error or f"{printer_label(queue)} is not available"
        message = f"{reason} — {inside} {verb} saved and will print when it is back ({path})."
    else:  # another desk's retry took the job meanwhile
        message = f"{inside[0].upper()}{inside[1:]} {verb} on {'their' if verb == 'are' else 'its'} " \
                  f"way to {printer_label(queue)[0].lower()}{printer_label(queue)[1:]}."
    return LabelPrintOutcome(message, state == "done", path, job_id)
