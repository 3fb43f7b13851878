"""Documents: archive receipts as PDFs, print them (queued while a printer is away),
verify a printed or saved receipt against the record, render label sheets and
trip phone sheets.

Rendering happens outside database transactions (it takes a moment); the
record is read in one unit of work and the result stored in another. Archived
files live in ``<data dir>/documents/<year>/<number>.pdf``, are written
atomically and never overwritten, and their SHA-256 is kept on the receipt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select

from app.bootstrap import AppContext
from app.devices.printer import Printer, PrinterFactory, PrinterUnavailable, printer_label
from app.errors import InvalidInput, NotFound, Refused
from app.services.lookup import get_asset, get_trip
from app.services.receipt_rows import row_problems
from app.services.receipts import content_sha256, create_receipt, get_receipt, person_block
from app.signatures import SignatureData
from app.uow import Actor, UnitOfWork
from db.models import ASSET_KINDS, Asset, Loan, PrintJob, Receipt, Signature
from printing.atomic import sha256_file, write_new_file
from printing.fonts import printable
from printing.labels import AssetLabel, LabelTooSmall, get_template, label_payload
from printing.labels import render_labels as render_label_sheet
from printing.render import CONTENT_ATTACHMENT, render_receipt
from printing.verification import format_code, parse_verification_payload

log = logging.getLogger(__name__)

#: what each kind of receipt is called in messages
DOCUMENT_NOUNS = {"leaver_return": "receipt", "loan_ack": "acknowledgement",
                  "trip_sheet": "trip sheet", "loan_return": "return receipt"}
#: a "printing" claim older than this was abandoned (the desk closed mid-job): retry it
STALE_CLAIM = dt.timedelta(minutes=10)


def _noun(kind: str) -> str:
    return DOCUMENT_NOUNS.get(kind, "document")


# -- archive ----------------------------------------------------------------------------


def _signature_data(uow: UnitOfWork, signature_id: int | None) -> SignatureData | None:
    if signature_id is None:
        return None
    row = uow.session.get(Signature, signature_id)
    if row is None or not row.strokes or not row.window:
        return None  # purged under the retention policy, or never inked
    return SignatureData.from_dict({
        "strokes": row.strokes, "window": row.window, "device": row.device or "",
        "incomplete": bool(row.incomplete),
    })


def logo_path(app_ctx: AppContext) -> Path | None:
    """The school logo from the settings (relative paths are in the data dir), if it exists."""
    logo = app_ctx.settings.school.logo.strip()
    if not logo:
        return None
    path = Path(logo).expanduser()
    if not path.is_absolute():
        path = app_ctx.paths.data_dir / path
    if not path.is_file():
        log.warning("school logo %s not found; documents are printed without it", path)
        return None
    return path


def _intact(path: Path, sha256: str | None) -> bool:
    try:
        return sha256 is not None and sha256_file(path) == sha256
    except OSError:
        return False


def _check_record(receipt: Receipt) -> None:
    if content_sha256(receipt.content) != receipt.content_sha256:
        raise Refused(
            f"the record of {_noun(receipt.kind)} {receipt.number} no longer matches its "
            "fingerprint: it was changed outside Loan Kiosk, so it is not printed "
            "(run 'loan-kiosk audit verify')")


def render_receipt_pdf(app_ctx: AppContext, number: str) -> bytes:
    """The PDF of a receipt rendered from its record (not written anywhere)."""
    with app_ctx.uow(Actor("system"), readonly=True) as uow:
        receipt = get_receipt(uow, number)
        _check_record(receipt)
        content = dict(receipt.content)
        signature = _signature_data(uow, receipt.signature_id)
    try:
        return render_receipt(content, signature, size=app_ctx.settings.printing.page_size,
                              logo=logo_path(app_ctx))
    except ValueError as exc:  # a setting the printing code cannot use (a page size…)
        raise InvalidInput(f"cannot make the PDF of {number}: {exc}") from exc


def archive_receipt(app_ctx: AppContext, actor: Actor, number: str) -> Path:
    """Render a receipt into ``documents/<year>/<number>.pdf`` and record its SHA-256.

    Idempotent: a receipt already archived, with its file intact, is not
    rendered again. A recorded file that went missing or was altered is kept
    as it is (evidence) and a fresh copy is written beside it.
    """
    data_dir = app_ctx.paths.data_dir
    with app_ctx.uow(actor, readonly=True) as uow:
        receipt = get_receipt(uow, number)
        number = receipt.number
        if receipt.file and _intact(data_dir / receipt.file, receipt.file_sha256):
            return data_dir / receipt.file
        previous = receipt.file
        year = receipt.created_at.year
    pdf = render_receipt_pdf(app_ctx, number)
    sha = hashlib.sha256(pdf).hexdigest()
    target = app_ctx.paths.documents_dir / str(year) / f"{number}.pdf"
    # an earlier run may have written it without getting to record it
    written = target if _intact(target, sha) else write_new_file(target, pdf, pick_new_name=True)
    relative = written.relative_to(data_dir).as_posix()
    with app_ctx.uow(actor) as uow:
        receipt = get_receipt(uow, number)
        if receipt.file and _intact(data_dir / receipt.file, receipt.file_sha256):
            return data_dir / receipt.file  # another desk archived it meanwhile
        receipt.file = relative
        receipt.file_sha256 = sha
        details: dict[str, Any] = {"number": number, "file": relative, "sha256": sha}
        if previous:
            details["replaces"] = previous
        uow.audit("receipt_archived", receipt, **details)
        uow.commit()
    return written


def export_receipt(app_ctx: AppContext, actor: Actor, number: str, dest: Path, *,
                   overwrite: bool = False) -> Path:
    """Archive the receipt (if need be) and copy the archived PDF to ``dest``.

    ``dest`` is never overwritten unless asked; the copy is the archived file
    byte for byte, so it verifies.
    """
    refuse_archive_target(app_ctx, dest)
    archived = archive_receipt(app_ctx, actor, number)
    try:
        return write_new_file(dest, archived.read_bytes(), mode=0o644, overwrite=overwrite)
    except FileExistsError:
        raise Refused(f"{dest} already exists; choose another name (or --force to replace it)"
                      ) from None
    except OSError as exc:
        raise InvalidInput(f"cannot write {dest}: {exc.strerror}") from exc


def refuse_archive_target(app_ctx: AppContext, dest: Path) -> None:
    """Refuse to write into the documents archive: its files are evidence, written
    once by :func:`archive_receipt` and never replaced, not even with ``--force``."""
    archive = app_ctx.paths.documents_dir.resolve()
    target = dest.expanduser().resolve()
    if target == archive or archive in target.parents:
        raise Refused(f"{dest} is in the receipts archive ({archive}); archived receipts are "
                      "evidence and are never overwritten. Choose a file outside that folder.")


def write_output(dest: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Save generated bytes (labels, a sheet) to a file the user named, atomically."""
    try:
        return write_new_file(dest, data, mode=0o644, overwrite=overwrite)
    except FileExistsError:
        raise Refused(f"{dest} already exists; choose another name (or --force to replace it)"
                      ) from None
    except OSError as exc:
        raise InvalidInput(f"cannot write {dest}: {exc.strerror}") from exc


# -- printing ---------------------------------------------------------------------------


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
    archive_receipt(app_ctx, actor, number)
    queue_name = printer_name or app_ctx.settings.printing.printer or None
    with app_ctx.uow(actor) as uow:
        receipt = get_receipt(uow, number)
        if copies is None:
            copies = app_ctx.settings.printing.receipt_copies \
                if receipt.kind == "leaver_return" else 1
        if copies < 1:
            raise InvalidInput("the number of copies must be at least 1")
        title = f"{_sentence(_noun(receipt.kind))} {receipt.number}"
        assert receipt.file is not None
        jobs = []
        for i in range(1, copies + 1):
            job = PrintJob(
                document=receipt.file, receipt_id=receipt.id, printer=queue_name, copies=1,
                title=f"{title} (copy {i} of {copies})" if copies > 1 else title,
                state="queued", attempts=0, created_at=uow.now, updated_at=uow.now,
            )
            uow.session.add(job)
            jobs.append(job)
        uow.session.flush()
        for job in jobs:
            uow.audit("print_queued", job, number=receipt.number, printer=queue_name,
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


def _attempt(app_ctx: AppContext, actor: Actor, job_ids: Sequence[int],
             printer_factory: PrinterFactory) -> list[PrintOutcome]:
    printers: dict[str | None, Printer] = {}
    down: dict[str | None, PrinterUnavailable] = {}
    tallies: dict[str, _Tally] = {}
    for job_id in job_ids:
        with app_ctx.uow(actor, readonly=True) as uow:
            job = uow.session.get(PrintJob, job_id)
            if job is None:
                continue
            receipt = uow.session.get(Receipt, job.receipt_id) if job.receipt_id else None
            key = receipt.number if receipt else job.title
            tally = tallies.setdefault(key, _Tally(
                receipt.number if receipt else None,
                _noun(receipt.kind) if receipt else job.title, job.printer))
            tally.job_ids.append(job_id)
            queue, document, title = job.printer, job.document, job.title
            last_error = job.last_error
            expected_sha = receipt.file_sha256 if receipt else None
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
        if not path.is_file() or (expected_sha and not _intact(path, expected_sha)):
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


# -- verify -----------------------------------------------------------------------------

_PAYLOAD_BYTES_RE = re.compile(rb"LKR:[A-Za-z]-\d{4}-\d{4,}:[0-9a-fA-F]{16}")


@dataclass(frozen=True)
class VerifyOutcome:
    status: Literal["match", "mismatch", "not_ours"]
    message: str
    number: str | None = None
    differences: tuple[str, ...] = ()


@dataclass
class _PdfClaims:
    number: str
    code: str | None
    content: dict[str, Any] | None
    text: str | None
    problems: list[str]


def _read_pdf(data: bytes) -> _PdfClaims | None:
    """What a PDF says about itself; None when it is not one of our receipts."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        return None
    import pypdf  # only verification needs it

    problems: list[str] = []
    payload: tuple[str, str] | None = None
    content: dict[str, Any] | None = None
    text: str | None = None
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL)  # a damaged file is reported below, in words
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        metadata: Mapping[str, Any] = reader.metadata or {}
        keywords = metadata.get("/Keywords")
        if isinstance(keywords, str):
            payload = parse_verification_payload(keywords)
        blobs = reader.attachments.get(CONTENT_ATTACHMENT)
        if blobs:
            loaded = json.loads(blobs[0].decode("utf-8"))
            if isinstance(loaded, dict):
                content = loaded
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as exc:  # a damaged file: fall back to what the raw bytes show
        problems.append(f"the PDF is damaged ({exc.__class__.__name__})")
    finally:
        pypdf_log.setLevel(level)
    if payload is None:
        m = _PAYLOAD_BYTES_RE.search(data)
        if m:
            payload = parse_verification_payload(m.group(0).decode("ascii"))
    if payload is None and content is not None and isinstance(content.get("number"), str):
        payload = (content["number"].upper(), "")
        problems.append("the verification code is missing from the PDF")
    if payload is None:
        return None
    if content is None:
        problems.append("the receipt content embedded in the PDF is missing or unreadable")
    return _PdfClaims(payload[0], payload[1] or None, content, text, problems)


def _differences(pdf: Any, record: Any, path: str = "") -> list[str]:
    """Field-by-field differences between two JSON values, as "where: PDF …, record …"."""
    if isinstance(pdf, dict) and isinstance(record, dict):
        out: list[str] = []
        for key in sorted(set(pdf) | set(record)):
            where = f"{path}.{key}" if path else str(key)
            if key not in pdf:
                out.append(f"{where}: missing from the PDF")
            elif key not in record:
                out.append(f"{where}: in the PDF but not in the record")
            else:
                out.extend(_differences(pdf[key], record[key], where))
        return out
    if isinstance(pdf, list) and isinstance(record, list):
        out = []
        if len(pdf) != len(record):
            out.append(f"{path}: {len(pdf)} entries in the PDF, {len(record)} in the record")
        for i, (a, b) in enumerate(zip(pdf, record, strict=False)):
            out.extend(_differences(a, b, f"{path}[{i + 1}]"))
        return out
    if pdf != record:
        return [f"{path}: the PDF says {pdf!r}, the record says {record!r}"]
    return []


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _right_to_left(text: str) -> bool:
    import unicodedata

    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _visible_expectations(content: Mapping[str, Any], code: str) -> list[tuple[str, str]]:
    """(description, text) a person reading the PDF must see."""
    expected = [("the receipt number", str(content.get("number", ""))),
                ("the verification code", format_code(code))]
    person = content.get("person") or content.get("leader") or {}
    if isinstance(person, dict) and person.get("name"):
        expected.append(("the name", str(person["name"])))
    for item in content.get("items") or []:
        if isinstance(item, dict) and item.get("tag"):
            expected.append((f"item {item['tag']}", str(item["tag"])))
    return expected


def verify_receipt_pdf(app_ctx: AppContext, path: Path) -> VerifyOutcome:
    """Check a receipt PDF against the database.

    It matches when the content embedded in the PDF equals the record, the
    record still matches its stored fingerprint, the printed code is the
    record's, the text shows the number, code, name and tags, and — for an
    archived receipt — the file is byte for byte the archived one.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"no such file: {path}") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from exc
    claims = _read_pdf(data)
    if claims is None:
        return VerifyOutcome("not_ours", f"{path} is not a Loan Kiosk receipt")
    number = claims.number
    problems = list(claims.problems)
    with app_ctx.uow(Actor("system"), readonly=True) as uow:
        receipt = uow.session.execute(
            select(Receipt).where(Receipt.number == number)
        ).scalar_one_or_none()
        if receipt is None:
            return VerifyOutcome("mismatch", f"receipt {number} is not in the database",
                                 number, (f"receipt {number} is not in the database",))
        record = dict(receipt.content)
        stored = receipt.content_sha256
        file_sha = receipt.file_sha256
    record_code = stored[:16]
    if content_sha256(record) != stored:
        problems.append("the database record was changed after the receipt was issued "
                        "(it no longer matches its stored fingerprint)")
    if claims.code is not None and claims.code != record_code:
        problems.append(f"the verification code on the PDF ({format_code(claims.code)}) is not "
                        f"the record's ({format_code(record_code)})")
    if claims.content is not None:
        if claims.code is not None and content_sha256(claims.content)[:16] != claims.code:
            problems.append("the content embedded in the PDF does not match the code printed "
                            "on it")
        diffs = _differences(claims.content, record)
        problems.extend(diffs[:10])
        if len(diffs) > 10:
            problems.append(f"… and {len(diffs) - 10} more differences")
    if claims.text is not None:
        seen = _squash(claims.text)
        for what, expected in _visible_expectations(record, record_code):
            shown = printable(expected)
            if _right_to_left(shown):
                continue  # text extraction reorders right-to-left runs: compared via content
            if _squash(shown) not in seen:
                problems.append(f"the printed text does not show {what} ({expected})")
        problems.extend(row_problems(record, claims.text))
    if file_sha is not None and hashlib.sha256(data).hexdigest() != file_sha:
        problems.append("the file is not the archived copy: its bytes differ "
                        f"(SHA-256 {hashlib.sha256(data).hexdigest()[:16]}…, archived "
                        f"{file_sha[:16]}…)")
    if problems:
        return VerifyOutcome(
            "mismatch", f"receipt {number} does not match the record: " + "; ".join(problems),
            number, tuple(problems))
    return VerifyOutcome("match", f"receipt {number} matches the record", number)


# -- labels -----------------------------------------------------------------------------


def render_labels(app_ctx: AppContext, tags: Iterable[str] | None = None,
                  kind: str | None = None, all_: bool = False, template: str | None = None,
                  start: int = 1, *, outline: bool = False) -> bytes:
    """A label sheet PDF for the chosen assets (by tag, by kind, or all but retired)."""
    tag_list = [t for t in (tags or []) if t.strip()]
    chosen = sum([bool(tag_list), kind is not None, all_])
    if chosen != 1:
        raise InvalidInput("choose which labels to print: tags, a kind, or all")
    settings = app_ctx.settings
    try:
        t = get_template(template or settings.printing.label_template)
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None
    with app_ctx.uow(Actor("system"), readonly=True) as uow:
        assets: list[Asset]
        if tag_list:
            seen: set[int] = set()
            assets = []
            for tag in tag_list:
                asset = get_asset(uow, tag)
                if asset.id not in seen:
                    seen.add(asset.id)
                    assets.append(asset)
        else:
            q = select(Asset).where(Asset.status != "retired").order_by(Asset.tag_key)
            if kind is not None:
                if kind not in ASSET_KINDS:
                    raise InvalidInput(f"unknown kind {kind!r}: use one of "
                                       f"{', '.join(ASSET_KINDS)}")
                q = q.where(Asset.kind == kind)
            assets = list(uow.session.execute(q).scalars())
        if not assets:
            raise NotFound("no assets to label" + (f" of kind {kind}" if kind else ""))
        prefix = settings.scanner.prefix if settings.printing.label_use_prefix else ""
        labels = [AssetLabel(label_payload(a.tag, prefix), a.tag, a.kind, settings.school.name)
                  for a in assets]
    try:
        return render_label_sheet(labels, t, start=start, outline=outline)
    except LabelTooSmall as exc:
        raise InvalidInput(str(exc)) from None
    except ValueError as exc:
        raise InvalidInput(str(exc)) from None


# -- trip sheets ------------------------------------------------------------------------


def _trip_sheet_content(uow: UnitOfWork, name: str) -> tuple[Any, dict[str, Any]]:
    trip = get_trip(uow, name)
    loans = uow.session.execute(
        select(Loan).where(Loan.trip_id == trip.id, Loan.outcome.is_(None)).order_by(Loan.id)
    ).scalars()
    items = [{
        "tag": ln.asset.tag, "make": ln.asset.make, "model": ln.asset.model,
        "phone_number": ln.asset.phone_number, "imei": ln.asset.imei,
        "due_on": ln.due_on.isoformat(),
    } for ln in loans]
    return trip, {
        "trip": {"name": trip.name, "destination": trip.destination,
                 "start_date": trip.start_date.isoformat(),
                 "end_date": trip.end_date.isoformat()},
        "leader": person_block(trip.leader),
        "items": items,
    }


def issue_trip_sheet(app_ctx: AppContext, actor: Actor, name: str) -> str:
    """The number of the trip's phone sheet as things stand (a new T-number only when the
    phones, leader or signature changed since the last sheet)."""
    with app_ctx.uow(actor) as uow:
        trip, content = _trip_sheet_content(uow, name)
        last = uow.session.execute(
            select(Receipt).where(Receipt.kind == "trip_sheet", Receipt.trip_id == trip.id)
            .order_by(Receipt.id.desc()).limit(1)
        ).scalar_one_or_none()
        if last is not None and last.signature_id == trip.signature_id and all(
            last.content.get(k) == v for k, v in content.items()
        ):
            return last.number
        receipt = create_receipt(uow, "trip_sheet", content, person=trip.leader,
                                 signature_id=trip.signature_id, trip_id=trip.id)
        uow.audit("receipt_created", receipt, number=receipt.number, kind="trip_sheet",
                  trip=trip.name, sha256=receipt.content_sha256)
        uow.commit()
        return receipt.number


def render_trip_sheet(app_ctx: AppContext, actor: Actor, name: str) -> tuple[str, Path]:
    """Issue (if need be) and archive the trip's phone sheet: (number, archived PDF)."""
    number = issue_trip_sheet(app_ctx, actor, name)
    return number, archive_receipt(app_ctx, actor, number)
