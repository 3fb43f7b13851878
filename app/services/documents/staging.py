"""A receipt's PDF archived in the same recoverable step as its commit.

Inside the transaction that issues a receipt, :func:`stage` renders it, writes it
(fsynced) as a *pending* file beside its final name (``documents/<year>/.R-2026-0001.pdf.pending``)
and records the final name and SHA-256 on the receipt, audited. Once the commit
is made, :func:`finish` gives the file its final name (a hard link: never over another
file; :attr:`app.uow.UnitOfWork.after_commit`).
So every failure leaves one of:

- nothing: rendering or writing failed (a bad page size, a full disk) before the
  commit, which rolls back; the error says so and nothing was saved;
- a pending file whose receipt was never committed: deleted by :func:`recover`;
- a committed receipt whose file is still pending (the desk stopped between the commit
  and the rename): finished by :func:`recover`, which runs when the app starts, in
  ``loan-kiosk receipt repair``, and for that receipt whenever it is archived or printed.

Nothing here overwrites an archived receipt.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.atomic_files import move_new, sha256_file, write_new_file
from app.config import Settings
from app.errors import InvalidInput, Refused
from app.fingerprint import seal
from app.uow import UnitOfWork
from db.models import Receipt, Signature
from ink.signature import BadSignature, SignatureData
from printing.render import SealedContent, render_receipt

log = logging.getLogger(__name__)

PENDING_SUFFIX = ".pending"
#: a pending file younger than this may belong to a transaction still running on
#: another desk: :func:`recover` leaves it alone
PENDING_GRACE_SECONDS = 600

#: what each kind of receipt is called in messages
DOCUMENT_NOUNS = {"leaver_return": "receipt", "loan_ack": "acknowledgement",
                  "trip_sheet": "trip sheet", "loan_return": "return receipt"}


def noun(kind: str) -> str:
    return DOCUMENT_NOUNS.get(kind, "document")


def pending_path(target: Path) -> Path:
    return target.with_name(f".{target.name}{PENDING_SUFFIX}")


def final_path(pending: Path) -> Path:
    return pending.with_name(pending.name[1:-len(PENDING_SUFFIX)])


def signature_data(uow: UnitOfWork, signature_id: int | None) -> SignatureData | None:
    if signature_id is None:
        return None
    row = uow.session.get(Signature, signature_id)
    if row is None or not row.strokes or not row.window:
        return None  # purged under the retention policy, or never inked
    try:
        return SignatureData.from_dict({
            "strokes": row.strokes, "window": row.window, "device": row.device or "",
            "incomplete": bool(row.incomplete),
        })
    except BadSignature as exc:  # a row changed behind the app's back (audit verify names it)
        raise InvalidInput(f"the stored signature #{signature_id} cannot be drawn: "
                           f"{exc.message}") from exc


def sealed_record(receipt: Receipt) -> SealedContent:
    """The receipt's content sealed for printing, refused if the record no longer matches."""
    sealed = seal(dict(receipt.content))
    if sealed.sha256 != receipt.content_sha256:
        raise Refused(
            f"the record of {noun(receipt.kind)} {receipt.number} no longer matches its "
            "fingerprint: it was changed outside Loan Kiosk, so it is not printed "
            "(run 'loan-kiosk audit verify')")
    return sealed


def school_logo(settings: Settings, data_dir: Path) -> Path | None:
    """The school logo from the settings (relative paths are in the data dir), if it exists."""
    logo = settings.school.logo.strip()
    if not logo:
        return None
    path = Path(logo).expanduser()
    if not path.is_absolute():
        path = data_dir / path
    if not path.is_file():
        log.warning("school logo %s not found; documents are printed without it", path)
        return None
    return path


def render_pdf(settings: Settings, data_dir: Path, sealed: SealedContent,
               signature: SignatureData | None) -> bytes:
    try:
        return render_receipt(sealed, signature, size=settings.printing.page_size,
                              logo=school_logo(settings, data_dir))
    except ValueError as exc:  # a setting the printing code cannot use (a page size…)
        raise InvalidInput(f"cannot make the PDF of {sealed.content.get('number')}: {exc}") from exc


def _free_target(folder: Path, number: str) -> Path:
    target, n = folder / f"{number}.pdf", 1
    while target.exists() or pending_path(target).exists():
        n += 1
        target = folder / f"{number}-{n}.pdf"
    return target


def stage(uow: UnitOfWork, receipt: Receipt) -> None:
    """Render ``receipt`` into its pending file and record its final name and SHA-256, in
    the unit of work (call it just before the commit). Raises, leaving the commit undone,
    when the PDF cannot be made or written. Without a data folder, nothing is staged (the
    receipt is archived after the commit, as :func:`app.services.documents.archive` does)."""
    data_dir = uow.db.data_dir
    if data_dir is None:
        return
    uow.session.flush()
    try:
        pdf = render_pdf(uow.settings, data_dir, sealed_record(receipt),
                         signature_data(uow, receipt.signature_id))
    except InvalidInput as exc:  # a setting the printing code cannot use: nothing is committed
        raise InvalidInput(f"nothing was saved: {exc.message}; put that right and do it "
                           "again") from exc
    sha = hashlib.sha256(pdf).hexdigest()
    target = _free_target(data_dir / "documents" / str(receipt.created_at.year), receipt.number)
    try:
        write_new_file(pending_path(target), pdf)  # fsynced; never over a file
    except OSError as exc:  # a full disk: the commit is not made, so nothing is half-saved
        raise InvalidInput(
            f"nothing was saved: the {noun(receipt.kind)}'s PDF could not be written in "
            f"{target.parent} ({exc.strerror or exc}); make room there (or put the folder "
            "right) and do it again") from exc
    relative = target.relative_to(data_dir).as_posix()
    uow.update(receipt, file=relative, file_sha256=sha)  # an ORM row or one on the cursor
    uow.audit("receipt_archived", receipt, number=receipt.number, file=relative, sha256=sha)
    uow.after_commit.append(lambda: finish(data_dir, relative, sha))


def finish(data_dir: Path, relative: str, sha256: str | None) -> bool:
    """Give a committed receipt's pending file its final name; False: there is none to
    finish (or it is not the recorded one)."""
    target = data_dir / relative
    pending = pending_path(target)
    try:
        if sha256 is None or sha256_file(pending) != sha256:
            return False
    except FileNotFoundError:
        return False
    move_new(pending, target)
    return True


@dataclass
class Recovery:
    #: receipts whose pending file was put in place
    finished: list[str] = field(default_factory=list)
    #: pending files of receipts never committed, deleted
    removed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def recover(session: Session, data_dir: Path, *, now: float | None = None) -> Recovery:
    """Finish every pending file whose receipt committed; delete the rest once they are
    older than :data:`PENDING_GRACE_SECONDS` (their transaction is over)."""
    out = Recovery()
    documents = data_dir / "documents"
    if not documents.is_dir():
        return out
    now = time.time() if now is None else now
    for pending in sorted(documents.glob(f"*/.*.pdf{PENDING_SUFFIX}")):
        target = final_path(pending)
        relative = target.relative_to(data_dir).as_posix()
        row = session.execute(select(Receipt.number, Receipt.file_sha256)
                              .where(Receipt.file == relative)).first()
        try:
            if row is None:  # its receipt was never committed (or not yet: grace)
                if now - pending.stat().st_mtime >= PENDING_GRACE_SECONDS:
                    pending.unlink()
                    out.removed.append(relative)
                continue
            if not target.exists():
                if finish(data_dir, relative, row[1]):
                    out.finished.append(row[0])
                else:
                    out.problems.append(f"receipt {row[0]}: its pending PDF {pending.name} is "
                                        "not the one recorded; it is kept as it is")
            elif sha256_file(target) == row[1]:
                pending.unlink()  # put in place already: this copy is spare
                out.removed.append(relative)
            else:
                out.problems.append(f"receipt {row[0]}: another file is where its PDF belongs "
                                    f"({relative}); its own copy is kept as {pending.name}")
        except OSError as exc:
            out.problems.append(f"{relative}: {exc.strerror or exc}")
    return out


def recover_on_start(engine: Engine, data_dir: Path) -> None:
    """:func:`recover` when the app opens (only called when pending files exist); never
    stops the start: what it did or could not do goes to the log."""
    try:
        with Session(engine) as session:
            done = recover(session, data_dir)
    except Exception:  # noqa: BLE001 - the start goes on; 'receipt repair' says more
        log.exception("could not finish the receipts archived when the app last stopped")
        return
    for number in done.finished:
        log.info("receipt %s: its PDF, archived with its commit, is now in place", number)
    for problem in done.problems:
        log.warning("receipts archive: %s (run 'loan-kiosk receipt repair')", problem)
