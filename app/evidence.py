"""Evidence outside the audit chain that ``audit verify`` also checks: the archived
receipt PDFs and closed stocktakes' reports (each file's bytes against its recorded
SHA-256) and the anchors printed on the receipts (each must still hold in the chain)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import anchors
from app.atomic_files import sha256_file
from db.models import Receipt


@dataclass
class ArchiveCheck:
    receipts: int = 0
    archived: int = 0
    problems: list[str] = field(default_factory=list)
    #: the anchors printed on receipts: (receipt number, anchor)
    printed: list[tuple[str, anchors.Anchor]] = field(default_factory=list)


def check_receipts(session: Session, data_dir: Path, limit: int = 20) -> ArchiveCheck:
    """Every archived receipt file against its SHA-256; the anchors printed on receipts."""
    out = ArchiveCheck()
    rows = session.execute(
        select(Receipt.number, Receipt.file, Receipt.file_sha256, Receipt.content)
        .order_by(Receipt.id)).all()
    for number, file, sha, content in rows:
        out.receipts += 1
        token = content.get("anchor") if isinstance(content, dict) else None
        if isinstance(token, str):
            try:
                out.printed.append((number, anchors.parse(token)))
            except Exception:
                out.problems.append(f"receipt {number} carries an unreadable anchor {token!r}")
        if not file:
            continue
        out.archived += 1
        path = data_dir / file
        try:
            actual = sha256_file(path)
        except FileNotFoundError:
            if path.with_name(f".{path.name}.pending").exists():  # staged with its commit
                out.problems.append(f"receipt {number}: its archived file {file} was left "
                                    "pending when the app stopped; 'loan-kiosk receipt "
                                    "repair' puts it in place")
            else:
                out.problems.append(f"receipt {number}: its archived file {file} is missing")
            continue
        except OSError as exc:
            out.problems.append(f"receipt {number}: its archived file {file} cannot be read "
                                f"({exc.strerror})")
            continue
        if actual != sha:
            out.problems.append(f"receipt {number}: its archived file {file} was altered "
                                f"(SHA-256 {actual[:16]}…, recorded {str(sha)[:16]}…)")
    out.problems += _stocktake_reports(session, data_dir)
    if len(out.problems) > limit:
        out.problems[limit:] = [f"… and {len(out.problems) - limit} more"]
    return out


def _stocktake_reports(session: Session, data_dir: Path) -> list[str]:
    """Each closed stocktake's archived report against its SHA-256."""
    from db.stocktakes import Stocktake

    problems = []
    for number, file, sha in session.execute(
            select(Stocktake.id, Stocktake.file, Stocktake.file_sha256)
            .where(Stocktake.file.is_not(None)).order_by(Stocktake.id)):
        try:
            actual = sha256_file(data_dir / str(file))
        except OSError as exc:
            problems.append(f"stocktake #{number}: its report {file} is missing or cannot be "
                            f"read ({exc.strerror})")
            continue
        if actual != sha:
            problems.append(f"stocktake #{number}: its report {file} was altered")
    return problems


@dataclass(frozen=True)
class AnchorReport:
    """The chain checked, and its anchor now (what the admin screen shows)."""

    ok: bool
    events: int
    token: str | None
    problem: str | None = None


def current_anchor(session: Session) -> AnchorReport:
    """Verify the chain, then give its anchor (none for a broken chain: it would prove nothing)."""
    from app import audit

    result = audit.verify(session)
    if not result.ok:
        return AnchorReport(False, result.events, None, result.problem)
    return AnchorReport(True, result.events, audit.head_anchor(session).token)
