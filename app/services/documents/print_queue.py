"""The print queue: every copy of a document is a job that survives a printer being away.

A job is queued, claimed ("printing") by one desk, sent, and marked done; a printer that
is away keeps it queued with the reason (the desk retries every minute, and so does
``loan-kiosk receipt retry``); a claim older than :data:`STALE_CLAIM` was abandoned and
is retried. Each step is its own audited unit of work, so a crash loses no job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from app.bootstrap import AppContext
from app.devices.printer import Printer, PrinterFactory, PrinterUnavailable, printer_label
from app.errors import InvalidInput
from app.services.documents.archive import archive, intact, noun
from app.uow import Actor
from db.models import PrintJob, Receipt

#: a "printing" claim older than this was abandoned (the desk closed mid-job): retry it
STALE_CLAIM = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class PrintOutcome:
    """What happened to one document's print jobs, in words fit for the desk."""

    message: str
    printed: bool
    number: str | None = None
    sent: int = 0
    waiting: int = 0
    job_ids: tuple[int, ...] = ()


def queue_print(app_ctx: AppContext, actor: Actor, number: str, printer_name: str | None = None,
                copies: int | None = None, *,
                printer_factory: PrinterFactory | None = None) -> PrintOutcome:
    """Queue a receipt for printing and try to print it now.

    A leaver's receipt prints ``settings.printing.receipt_copies`` copies (one
    for the leaver, one for the file); other documents one. Each copy is its
    own job, so a printer that fails halfway loses nothing. When the printer
    is away the jobs stay queued (see :func:`retry_print_jobs`) and the
    message says so. The printer comes from ``printer_factory``, else the
    composition root's (``app_ctx.printer_factory``: the ``[printing] backend``).
    """
    archived = archive(app_ctx, actor, number)
    queue_name = printer_name or app_ctx.settings.printing.printer or None
    if copies is None:
        copies = app_ctx.settings.printing.receipt_copies \
            if archived.kind == "leaver_return" else 1
    if copies < 1:
        raise InvalidInput("the number of copies must be at least 1")
    title = f"{_sentence(noun(archived.kind))} {archived.number}"
    with app_ctx.uow(actor) as uow:
        jobs = []
        for i in range(1, copies + 1):
            job = PrintJob(
                document=archived.file, receipt_id=archived.id, printer=queue_name, copies=1,
                title=f"{title} (copy {i} of {copies})" if copies > 1 else title,
                state="queued", attempts=0, created_at=uow.now, updated_at=uow.now,
            )
            uow.session.add(job)
            jobs.append(job)
        uow.session.flush()
        for job in jobs:
            uow.audit("print_queued", job, number=archived.number, printer=queue_name,
                      title=job.title)
        uow.commit()
        ids = [job.id for job in jobs]
    outcomes = _attempt(app_ctx, actor, ids, printer_factory or app_ctx.printer_factory)
    return outcomes[0] if outcomes else PrintOutcome(f"nothing to print for {number}", False)


def retry_print_jobs(app_ctx: AppContext, actor: Actor,
                     printer_factory: PrinterFactory | None = None) -> list[PrintOutcome]:
    """Try again every job still waiting (one outcome per document). Safe to call often:
    while a printer stays away nothing is written."""
    with app_ctx.uow(actor, readonly=True) as uow:
        stale = uow.now - STALE_CLAIM
        rows = uow.session.execute(
            select(PrintJob.id, PrintJob.state, PrintJob.updated_at)
            .where(PrintJob.state.in_(("queued", "printing")))
            .order_by(PrintJob.id)
        ).all()
    ids = [r.id for r in rows if r.state == "queued" or r.updated_at <= stale]
    return _attempt(app_ctx, actor, ids, printer_factory or app_ctx.printer_factory)


@dataclass
class PendingJob:
    id: int
    title: str
    printer: str | None
    state: str
    attempts: int
    last_error: str | None
    created_at: dt.datetime


def pending_print_jobs(app_ctx: AppContext) -> list[PendingJob]:
    """Jobs not yet printed, oldest first."""
    with app_ctx.uow(Actor("system"), readonly=True) as uow:
        jobs = uow.session.execute(
            select(PrintJob).where(PrintJob.state.in_(("queued", "printing")))
            .order_by(PrintJob.id)
        ).scalars()
        return [PendingJob(j.id, j.title, j.printer, j.state, j.attempts, j.last_error,
                           j.created_at) for j in jobs]


@dataclass
class _Tally:
    number: str | None
    noun: str
    printer: str | None
    sent: int = 0
    waiting: int = 0
    failed: int = 0
    error: str = ""
    job_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class _Job:
    """A job as read before sending it, with what it prints."""

    id: int
    queue: str | None
    document: str
    title: str
    last_error: str | None
    number: str | None
    noun: str
    #: the archived file's SHA-256, checked before sending
    expected_sha: str | None


def _jobs(app_ctx: AppContext, actor: Actor, job_ids: Sequence[int]) -> list[_Job]:
    """The jobs (that still exist) with their receipts, read together in one unit of work."""
    found: dict[int, _Job] = {}
    with app_ctx.uow(actor, readonly=True) as uow:
        for start in range(0, len(job_ids), 500):
            rows = uow.session.execute(
                select(PrintJob, Receipt).outerjoin(Receipt, Receipt.id == PrintJob.receipt_id)
                .where(PrintJob.id.in_(job_ids[start:start + 500]))
            ).all()
            for job, receipt in rows:
                found[job.id] = _Job(
                    job.id, job.printer, job.document, job.title, job.last_error,
                    receipt.number if receipt else None,
                    noun(receipt.kind) if receipt else job.title,
                    receipt.file_sha256 if receipt else None)
    return [found[i] for i in job_ids if i in found]


def _attempt(app_ctx: AppContext, actor: Actor, job_ids: Sequence[int],
             printer_factory: PrinterFactory) -> list[PrintOutcome]:
    printers: dict[str | None, Printer] = {}
    down: dict[str | None, PrinterUnavailable] = {}
    tallies: dict[str, _Tally] = {}
    for job in _jobs(app_ctx, actor, job_ids):
        job_id = job.id
        tally = tallies.setdefault(job.number or job.title,
                                   _Tally(job.number, job.noun, job.queue))
        tally.job_ids.append(job_id)
        queue, document, title = job.queue, job.document, job.title
        last_error, expected_sha = job.last_error, job.expected_sha
        if queue not in printers:
            printers[queue] = printer_factory(app_ctx.settings, queue)
            status_error = _status_error(printers[queue])
            if status_error is not None:
                down[queue] = status_error
        if queue in down:
            _defer(app_ctx, actor, job_id, last_error, down[queue], count_attempt=False)
            tally.waiting += 1
            tally.error = down[queue].message
            continue
        path = app_ctx.paths.data_dir / document
        if not path.is_file() or (expected_sha and not intact(path, expected_sha)):
            _finish(app_ctx, actor, job_id, "failed",
                    error=f"the archived file {document} is missing or was altered")
            tally.failed += 1
            tally.error = f"the archived file {document} is missing or was altered"
            continue
        if not _claim(app_ctx, actor, job_id):
            continue  # another desk is printing it
        try:
            # two-sided only when asked: printers written before duplex existed take no such word
            sides = {"duplex": True} if app_ctx.settings.printing.duplex else {}
            system_id = printers[queue].submit(path, copies=1, title=title, **sides)
        except PrinterUnavailable as exc:
            down[queue] = exc
            _defer(app_ctx, actor, job_id, None, exc, count_attempt=True)
            tally.waiting += 1
            tally.error = exc.message
            continue
        except Exception as exc:
            err = PrinterUnavailable(queue, f"could not print: {exc}")
            _defer(app_ctx, actor, job_id, None, err, count_attempt=True)
            tally.waiting += 1
            tally.error = err.message
            continue
        _finish(app_ctx, actor, job_id, "done", system_id=system_id)
        tally.sent += 1
    return [_outcome(t) for t in tallies.values()]


#: for documents other than receipts (label sheets) that go through the same queue
attempt_print_jobs = _attempt


def _status_error(printer: Printer) -> PrinterUnavailable | None:
    status = printer.status()
    if status.available:
        return None
    label = printer_label(printer.name)
    reason = status.message[len(label):].strip() if status.message.startswith(label) \
        else f"is not available: {status.message}"
    return PrinterUnavailable(printer.name, reason)


def _claim(app_ctx: AppContext, actor: Actor, job_id: int) -> bool:
    with app_ctx.uow(actor) as uow:
        job = uow.session.get(PrintJob, job_id, with_for_update=True)
        if job is None:
            return False
        if job.state == "printing" and job.updated_at > uow.now - STALE_CLAIM:
            return False
        if job.state not in ("queued", "printing"):
            return False
        job.state = "printing"
        job.attempts += 1
        job.updated_at = uow.now
        uow.audit("print_sending", job, title=job.title, printer=job.printer,
                  attempt=job.attempts)
        uow.commit()
    return True


def _finish(app_ctx: AppContext, actor: Actor, job_id: int, state: str, *,
            system_id: str | None = None, error: str | None = None) -> None:
    with app_ctx.uow(actor) as uow:
        job = uow.session.get(PrintJob, job_id, with_for_update=True)
        if job is None:
            return
        job.state = state
        job.updated_at = uow.now
        if system_id is not None:
            job.system_job_id = system_id
        if error is not None:
            job.last_error = error
        elif state == "done":
            job.last_error = None
        uow.audit("print_sent" if state == "done" else "print_failed", job, title=job.title,
                  printer=job.printer, system_job_id=system_id, error=error)
        uow.commit()


def _defer(app_ctx: AppContext, actor: Actor, job_id: int, known_error: str | None,
           err: PrinterUnavailable, *, count_attempt: bool) -> None:
    """Keep the job queued with the reason; write only when something changed."""
    if not count_attempt and known_error == err.message:
        return
    with app_ctx.uow(actor) as uow:
        job = uow.session.get(PrintJob, job_id, with_for_update=True)
        if job is None:
            return
        job.state = "queued"
        job.last_error = err.message
        job.updated_at = uow.now
        uow.audit("print_waiting", job, title=job.title, printer=job.printer,
                  reason=err.message)
        uow.commit()


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _outcome(t: _Tally) -> PrintOutcome:
    what = f"{t.noun} {t.number}" if t.number else t.noun
    where = printer_label(t.printer)
    copies = t.sent + t.waiting + t.failed
    if t.failed:
        message = f"{_sentence(what)} cannot be printed: {t.error}"
    elif t.waiting == 0:
        n = f" ({t.sent} copies)" if t.sent > 1 else ""
        message = f"{_sentence(what)} sent to {where[0].lower()}{where[1:]}{n}"
    else:
        done = f" ({t.sent} of {copies} copies printed)" if t.sent else ""
        message = f"{t.error} — {what} saved, will print when it is back{done}"
    return PrintOutcome(message, t.waiting == 0 and t.failed == 0, t.number, t.sent,
                        t.waiting, tuple(t.job_ids))
