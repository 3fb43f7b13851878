"""Rule 7: whatever was scanned, say what it is.

Accepted forms: a bare asset tag (any case, surrounding whitespace), a tag
behind the configured label prefix, Snipe-IT label URLs ``…/ht/<tag>`` and
``…/hardware/<id>``, a staff code or badge code, and the verification QR of a
printed receipt (``LKR:<number>:<code>``).
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import and_, bindparam, func, select

from app.clock import local_date
from app.keys import tag_key
from app.services.encryption import EncryptionState, state_from_check
from app.services.lookup import find_person, latest_check, open_loan, open_loans_of
from app.uow import UnitOfWork
from db.models import Asset, EncryptionCheck, Loan, Person, Receipt

MAX_SCAN_LENGTH = 512
_HT_RE = re.compile(r"/ht/([^/?#]+)/?$", re.IGNORECASE)
_HW_RE = re.compile(r"/hardware/(\d+)/?$", re.IGNORECASE)
_RECEIPT_RE = re.compile(r"^LKR:([A-Z]-\d{4}-\d{4,}):([0-9a-f]{16})$", re.IGNORECASE)
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class ParsedScan:
    """The scanned text taken apart, before any lookup."""

    kind: Literal["tag_or_code", "snipeit_tag", "snipeit_id", "receipt", "empty"]
    value: str
    #: the receipt's verification code; for a prefixed tag, the text before stripping
    code: str | None = None


def parse_scan(text: str, prefix: str = "") -> ParsedScan:
    """Pure: classify scanned text (no database)."""
    s = _CONTROL_RE.sub("", text or "").strip()
    if not s or len(s) > MAX_SCAN_LENGTH:
        return ParsedScan("empty", "")
    m = _RECEIPT_RE.match(s)
    if m:
        return ParsedScan("receipt", m.group(1).upper(), m.group(2).lower())
    if "://" in s or s.lower().startswith(("www.", "/")):
        path = urllib.parse.urlsplit(s if "://" in s else "http://" + s.lstrip("/")).path
        path = urllib.parse.unquote(path)
        m = _HT_RE.search(path)
        if m:
            return ParsedScan("snipeit_tag", m.group(1).strip())
        m = _HW_RE.search(path)
        if m:
            return ParsedScan("snipeit_id", m.group(1))
    if prefix and s.casefold().startswith(prefix.casefold()) and len(s) > len(prefix):
        return ParsedScan("tag_or_code", s[len(prefix):].strip(), code=s)
    return ParsedScan("tag_or_code", s)


@dataclass
class AssetView:
    asset: Asset
    encryption: EncryptionState
    loan: Loan | None

    @property
    def holder(self) -> Person | None:
        return self.loan.person if self.loan else None

    def is_overdue(self, today: dt.date) -> bool:
        return self.loan is not None and self.loan.due_on < today


@dataclass
class ScanResult:
    type: Literal["asset", "person", "receipt", "unknown"]
    text: str
    asset: AssetView | None = None
    person: Person | None = None
    items: list[Loan] = field(default_factory=list)
    receipt: Receipt | None = None
    receipt_number: str | None = None
    receipt_code: str | None = None

    @property
    def receipt_matches(self) -> bool | None:
        if self.type != "receipt":
            return None
        return self.receipt is not None and self.receipt.content_sha256[:16] == self.receipt_code

    def to_dict(self, today: dt.date) -> dict[str, Any]:
        """The ``whois --json`` document."""
        if self.type == "asset" and self.asset is not None:
            a = self.asset
            return {
                "type": "asset",
                "tag": a.asset.tag,
                "kind": a.asset.kind,
                "status": a.asset.status,
                "encrypted": a.encryption.encrypted,
                "holder": a.holder.staff_code if a.holder else None,
                "due": a.loan.due_on.isoformat() if a.loan else None,
                "overdue": a.is_overdue(today),
                "make": a.asset.make,
                "model": a.asset.model,
            }
        if self.type == "person" and self.person is not None:
            p = self.person
            return {
                "type": "person",
                "staff_code": p.staff_code,
                "name": p.name,
                "status": p.status,
                "items": [ln.asset.tag for ln in self.items],
            }
        if self.type == "receipt":
            return {
                "type": "receipt",
                "number": self.receipt_number,
                "found": self.receipt is not None,
                "matches": bool(self.receipt_matches),
            }
        return {"type": "unknown"}


def asset_view(uow: UnitOfWork, asset: Asset) -> AssetView:
    return AssetView(asset, state_from_check(latest_check(uow, asset.id)), open_loan(uow, asset.id))


#: A scanned tag's asset, open loan, holder and latest encryption check in one indexed
#: query (tag_key unique index; the open-loan partial index; the (asset_id, id) check
#: index), built once. Four round trips through the ORM cost four times one; see
#: docs/performance.md.
_ASSET_VIEW_BY_KEY = (
    select(Asset, Loan, Person, EncryptionCheck)
    .outerjoin(Loan, and_(Loan.asset_id == Asset.id, Loan.outcome.is_(None)))
    .outerjoin(Person, Person.id == Loan.person_id)
    .outerjoin(
        EncryptionCheck,
        EncryptionCheck.id == select(func.max(EncryptionCheck.id))
        .where(EncryptionCheck.asset_id == Asset.id).correlate(Asset).scalar_subquery(),
    )
    .where(Asset.tag_key == bindparam("key"))
)


def find_asset_view(uow: UnitOfWork, tag: str) -> AssetView | None:
    """What :func:`asset_view` of the asset tagged ``tag`` gives, in one query (None: no such tag).

    The holder arrives in the same row, so ``view.holder`` needs no further query.
    """
    row = uow.session.execute(_ASSET_VIEW_BY_KEY, {"key": tag_key(tag)}).one_or_none()
    if row is None:
        return None
    asset, loan, _person, check = row
    return AssetView(asset, state_from_check(check), loan)


def resolve_scan(uow: UnitOfWork, text: str) -> ScanResult:
    """Turn any scanned text into an asset, a person, a receipt, or "unknown"."""
    parsed = parse_scan(text, uow.settings.scanner.prefix)
    raw = parsed.value
    if parsed.kind == "empty":
        return ScanResult("unknown", raw)
    if parsed.kind == "receipt":
        receipt = uow.session.execute(
            select(Receipt).where(Receipt.number == parsed.value)
        ).scalar_one_or_none()
        return ScanResult("receipt", raw, receipt=receipt, receipt_number=parsed.value,
                          receipt_code=parsed.code)
    view: AssetView | None = None
    if parsed.kind == "snipeit_id":
        asset = uow.session.execute(
            select(Asset).where(Asset.snipeit_id == int(parsed.value))
        ).scalar_one_or_none() if len(parsed.value) < 12 else None
        view = asset_view(uow, asset) if asset is not None else None
    else:
        view = find_asset_view(uow, parsed.value)
        if view is None and parsed.code:  # a tag that merely starts like the prefix
            view = find_asset_view(uow, parsed.code)
    if view is not None:
        return ScanResult("asset", raw, asset=view)
    if parsed.kind == "tag_or_code":
        person = find_person(uow, parsed.value)
        if person is not None:
            return ScanResult("person", raw, person=person, items=open_loans_of(uow, person.id))
    return ScanResult("unknown", raw)


def today(uow: UnitOfWork) -> dt.date:
    return local_date(uow.now)
