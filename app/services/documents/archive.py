"""The archive: receipts rendered from their record into ``<data dir>/documents/<year>/``.

A receipt is normally archived with its commit (:mod:`app.services.documents.staging`);
what follows archives one issued without a data folder, or whose file went missing.

Rendering happens outside database transactions (it takes a moment): the record is
read once, in one unit of work, sealed (:func:`app.fingerprint.seal`, refused if it no
longer matches its stored fingerprint) and rendered; the file is written atomically and
never overwritten, and its SHA-256 is recorded on the receipt in a second unit of work.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.atomic_files import sha256_file, write_new_file
from app.bootstrap import AppContext
from app.errors import InvalidInput, Refused
from app.services.documents.staging import (
    DOCUMENT_NOUNS,
    Recovery,
    finish,
    noun,
    recover,
    school_logo,
    sealed_record,
    signature_data,
)
from app.services.receipts import get_receipt
from app.uow import Actor, UnitOfWork
from db.models import Receipt
from ink.signature import SignatureData
from printing.render import SealedContent, render_receipt

__all__ = ["DOCUMENT_NOUNS", "noun", "sealed_record", "signature_data"]

log = logging.getLogger(__name__)

def logo_path(app_ctx: AppContext) -> Path | None:
    """The school logo from the settings (relative paths are in the data dir), if it exists."""
    return school_logo(app_ctx.settings, app_ctx.paths.data_dir)


def intact(path: Path, sha256: str | None) -> bool:
    try:
        return sha256 is not None and sha256_file(path) == sha256
    except OSError:
        return False


def render_receipt_pdf(app_ctx: AppContext, number: str) -> bytes:
    """The PDF of a receipt rendered from its record (not written anywhere)."""
    with app_ctx.uow(Actor("system"), readonly=True) as uow:
        document = _printable(uow, get_receipt(uow, number))
    return _render(app_ctx, document)


@dataclass(frozen=True)
class _Printable:
    """What rendering a receipt needs, read with the receipt in one unit of work."""

    sealed: SealedContent
    signature: SignatureData | None


def _printable(uow: UnitOfWork, receipt: Receipt) -> _Printable:
    return _Printable(sealed_record(receipt), signature_data(uow, receipt.signature_id))


def _render(app_ctx: AppContext, document: _Printable) -> bytes:
    try:
        return render_receipt(document.sealed, document.signature,
                              size=app_ctx.settings.printing.page_size, logo=logo_path(app_ctx))
    except ValueError as exc:  # a setting the printing code cannot use (a page size…)
        number = document.sealed.content.get("number")
        raise InvalidInput(f"cannot make the PDF of {number}: {exc}") from exc


@dataclass(frozen=True)
class ArchivedReceipt:
    """A receipt whose PDF is in the archive: what printing it needs, without reading it again."""

    id: int
    number: str
    kind: str
    #: the archived file, relative to the data folder, and its full path
    file: str
    path: Path


def archive_receipt(app_ctx: AppContext, actor: Actor, number: str) -> Path:
    """Render a receipt into ``documents/<year>/<number>.pdf`` and record its SHA-256.

    Idempotent: a receipt already archived, with its file intact, is not
    rendered again. A recorded file that went missing or was altered is kept
    as it is (evidence) and a fresh copy is written beside it.
    """
    return archive(app_ctx, actor, number).path


def archive(app_ctx: AppContext, actor: Actor, number: str) -> ArchivedReceipt:
    """:func:`archive_receipt`, saying which receipt it archived.

    The receipt is read once, and rendered from that read (its content sealed, its
    signature); the second unit of work only records the file, after checking that
    another desk did not archive it meanwhile.
    """
    data_dir = app_ctx.paths.data_dir
    with app_ctx.uow(actor, readonly=True) as uow:
        receipt = get_receipt(uow, number)
        number, kind, receipt_id = receipt.number, receipt.kind, receipt.id
        if receipt.file and (intact(data_dir / receipt.file, receipt.file_sha256)
                             or finish(data_dir, receipt.file, receipt.file_sha256)):
            # archived; or archived with its commit, the file left pending: now in place
            return ArchivedReceipt(receipt_id, number, kind, receipt.file, data_dir / receipt.file)
        previous = receipt.file
        year = receipt.created_at.year
        document = _printable(uow, receipt)
    pdf = _render(app_ctx, document)
    sha = hashlib.sha256(pdf).hexdigest()
    target = app_ctx.paths.documents_dir / str(year) / f"{number}.pdf"
    # an earlier run may have written it without getting to record it
    written = target if intact(target, sha) else write_new_file(target, pdf, pick_new_name=True)
    relative = written.relative_to(data_dir).as_posix()
    with app_ctx.uow(actor) as uow:
        receipt = get_receipt(uow, number)
        if receipt.file and intact(data_dir / receipt.file, receipt.file_sha256):
            # another desk archived it meanwhile
            return ArchivedReceipt(receipt_id, number, kind, receipt.file, data_dir / receipt.file)
        receipt.file = relative
        receipt.file_sha256 = sha
        details: dict[str, Any] = {"number": number, "file": relative, "sha256": sha}
        if previous:
            details["replaces"] = previous
        uow.audit("receipt_archived", receipt, **details)
        uow.commit()
    return ArchivedReceipt(receipt_id, number, kind, relative, written)


def refuse_archive_target(app_ctx: AppContext, dest: Path) -> None:
    """Refuse to write into the documents archive: its files are evidence, written
    once by :func:`archive_receipt` and never replaced, not even with ``--force``."""
    archive = app_ctx.paths.documents_dir.resolve()
    target = dest.expanduser().resolve()
    if target == archive or archive in target.parents:
        raise Refused(f"{dest} is in the receipts archive ({archive}); archived receipts are "
                      "evidence and are never overwritten. Choose a file outside that folder.")


def export_receipt(app_ctx: AppContext, actor: Actor, number: str, dest: Path, *,
                   overwrite: bool = False) -> Path:
    """Archive the receipt (if need be) and copy the archived PDF to ``dest``.

    ``dest`` is never overwritten unless asked; the copy is the archived file
    byte for byte, so it verifies.
    """
    refuse_archive_target(app_ctx, dest)
    archived = archive_receipt(app_ctx, actor, number)
    try:
        return write_new_file(dest, archived.read_bytes(), overwrite=overwrite)
    except FileExistsError:
        raise Refused(f"{dest} already exists; choose another name (or --force to replace it)"
                      ) from None
    except OSError as exc:
        raise InvalidInput(f"cannot write {dest}: {exc.strerror}") from exc


def write_output(dest: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Save generated bytes (labels, a sheet) to a file the user named, atomically."""
    try:
        return write_new_file(dest, data, overwrite=overwrite)
    except FileExistsError:
        raise Refused(f"{dest} already exists; choose another name (or --force to replace it)"
                      ) from None
    except OSError as exc:
        raise InvalidInput(f"cannot write {dest}: {exc.strerror}") from exc


@dataclass
class RepairReport:
    recovery: Recovery
    #: receipts committed without an archived PDF, archived now
    archived: list[str]
    #: receipts that still could not be archived, and why
    failed: list[str]


def repair_archive(app_ctx: AppContext, actor: Actor) -> RepairReport:
    """Put every receipt's PDF where it belongs: finish the pending files of committed
    receipts, delete those of receipts never committed, archive committed receipts with no
    PDF (issued without a data folder, or whose archiving failed)."""
    from sqlalchemy import select

    with app_ctx.uow(actor, readonly=True) as uow:
        recovery = recover(uow.session, app_ctx.paths.data_dir)
        missing = list(uow.session.execute(
            select(Receipt.number).where(Receipt.file.is_(None)).order_by(Receipt.id)).scalars())
    archived, failed = [], []
    for number in missing:
        try:
            archive_receipt(app_ctx, actor, number)
            archived.append(number)
        except (InvalidInput, Refused, OSError) as exc:
            failed.append(f"{number}: {getattr(exc, 'message', None) or exc}")
    return RepairReport(recovery, archived, failed)
