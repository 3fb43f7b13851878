"""Rule 7: whatever was scanned, say what it is.

Accepted forms: a bare asset tag (any case, surrounding whitespace), a tag
behind the configured label prefix, Snipe-IT label URLs ``…/ht/<tag>``,
``…/hardware/<id>`` and the older ``…/hardware/<id>/view`` (grokability/snipe-it#1817),
a staff code or badge code, and the verification QR of a printed receipt
(``LKR:<number>:<code>``). Text that is none of these but reads as a scanner set
up for a US keyboard on a German or French PC gets :func:`layout_advice`.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from sqlalchemy import bindparam, select

from app.clock import local_date
from app.keyboard_layouts import layout_mismatches
from app.keys import tag_key
from app.prepared import Prepared
from app.services.asset_view import AssetView, asset_view_by_snipeit_id, find_asset_view
from app.services.lookup import find_person, find_receipt, open_loans_of
from app.uow import UnitOfWork
from db.kits import Kit
from db.models import Loan, Person, Receipt

if TYPE_CHECKING:
    from app.services.kits import KitCard
    from app.services.places import PlaceLabel

MAX_SCAN_LENGTH = 512
_HT_RE = re.compile(r"/ht/([^/?#]+)/?$", re.IGNORECASE)
_HW_RE = re.compile(r"/hardware/(\d+)(?:/view)?/?$", re.IGNORECASE)
#: a receipt's QR text (``LKR:R-2026-0042:3f2a9c017b4ed210``), or its number and code as the
#: receipt invites people to quote them: ``R-2026-0042 · 3f2a 9c01 7b4e d210``, any case,
#: the code grouped or not
_RECEIPT_RE = re.compile(
    r"^(?:LKR\s*:\s*)?([A-Z]-\d{4}-\d{4,})[\s:·-]*((?:[0-9a-f]{4}[\s-]?){3}[0-9a-f]{4})$",
    re.IGNORECASE)
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


class ParsedScan(NamedTuple):
    """The scanned text taken apart, before any lookup (immutable: a named tuple, built
    in one step where a frozen dataclass sets each field in turn)."""

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
        return ParsedScan("receipt", m.group(1).upper(), re.sub(r"[\s-]", "", m.group(2)).lower())
    if "://" in s or s.lower().startswith(("www.", "/")):
        try:
            path = urllib.parse.urlsplit(s if "://" in s else "http://" + s.lstrip("/")).path
        except ValueError:  # not a URL after all ("/[": an unclosed IPv6 host, from hypothesis)
            path = ""
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
class ScanResult:
    type: Literal["asset", "kit", "person", "receipt", "unknown"]
    text: str
    asset: AssetView | None = None
    kit: KitCard | None = None
    person: Person | None = None
    items: list[Loan] = field(default_factory=list)
    receipt: Receipt | None = None
    receipt_number: str | None = None
    receipt_code: str | None = None
    #: for an unknown code that a keyboard-layout mismatch explains: what to change
    advice: str | None = None

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
        if self.type == "kit" and self.kit is not None:
            k = self.kit
            return {
                "type": "kit",
                "tag": k.tag,
                "name": k.name,
                "kind": k.kind,
                "active": k.active,
                "members": [{"tag": m.tag, "kind": m.kind, "status": m.status,
                             "holder": m.holder, "with_kit": m.with_kit} for m in k.members],
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
        return {"type": "unknown", **({"advice": self.advice} if self.advice else {})}

    def known_as(self) -> str:
        """A few words naming what was found ("" when nothing was)."""
        if self.type == "asset" and self.asset is not None:
            return f"{self.asset.asset.kind} {self.asset.asset.tag}"
        if self.type == "kit" and self.kit is not None:
            return f"kit {self.kit.tag} ({self.kit.name})"
        if self.type == "person" and self.person is not None:
            return f"{self.person.name} ({self.person.staff_code})"
        if self.type == "receipt" and self.receipt is not None:
            return f"receipt {self.receipt.number}"
        return ""


def resolve_scan(uow: UnitOfWork, text: str, *, advise: bool = True) -> ScanResult:
    """Turn any scanned text into an asset, a person, a receipt, or "unknown" (with
    :func:`layout_advice` unless ``advise`` is false)."""
    parsed = parse_scan(text, uow.settings.scanner.prefix)
    raw = parsed.value
    if parsed.kind == "empty":
        return ScanResult("unknown", raw)
    if parsed.kind == "receipt":
        receipt = find_receipt(uow, parsed.value)
        return ScanResult("receipt", raw, receipt=receipt, receipt_number=parsed.value,
                          receipt_code=parsed.code)
    view: AssetView | None = None
    if parsed.kind == "snipeit_id":
        view = asset_view_by_snipeit_id(uow, int(parsed.value)) \
            if len(parsed.value) < 12 else None
    else:
        view = find_asset_view(uow, parsed.value)
        if view is None and parsed.code:  # a tag that merely starts like the prefix
            view = find_asset_view(uow, parsed.code)
    if view is not None:
        return ScanResult("asset", raw, asset=view)
    if parsed.kind != "snipeit_id":
        kit = find_kit_card(uow, parsed.value)
        if kit is None and parsed.code:
            kit = find_kit_card(uow, parsed.code)
        if kit is not None:
            return ScanResult("kit", raw, kit=kit)
    if parsed.kind == "tag_or_code":
        person = find_person(uow, parsed.value)
        if person is not None:
            return ScanResult("person", raw, person=person, items=open_loans_of(uow, person.id))
    return ScanResult("unknown", raw, advice=layout_advice(uow, text) if advise else None)


#: a kit's tag is looked for only when no asset has the scanned tag (one indexed read)
_KIT_BY_KEY = Prepared(select(Kit.id).where(Kit.tag_key == bindparam("key")))


def find_kit_card(uow: UnitOfWork, tag: str) -> KitCard | None:
    """The kit tagged ``tag`` with its members' states, if there is one."""
    row = uow.fetch_one(_KIT_BY_KEY, {"key": tag_key(tag)})
    if row is None:
        return None
    from app.services.kits import card_of

    kit = uow.session.get(Kit, row[0])
    return card_of(uow, kit) if kit is not None else None


def layout_advice(uow: UnitOfWork, text: str) -> str | None:
    """For an unknown code: if it reads as a US-programmed scanner on a German or French
    layout (a character a US keyboard cannot type, or a reading this desk knows), what the
    technician should change; else None."""
    typed = _CONTROL_RE.sub("", text or "").strip()
    if len(typed) > MAX_SCAN_LENGTH:
        return None
    for mismatch in layout_mismatches(typed):
        found = resolve_scan(uow, mismatch.meant, advise=False).known_as()
        if found or mismatch.telltale:
            return mismatch.advice(found)
    return None


def today(uow: UnitOfWork) -> dt.date:
    return local_date(uow.now)


def place_label(uow: UnitOfWork, text: str) -> PlaceLabel | None:
    """The location ``text`` (a scan: the scanner's prefix allowed) is the label of, if any."""
    from app.services.places import PlaceLabel, find_location
    from db.places import Site

    parsed = parse_scan(text, uow.settings.scanner.prefix)
    if parsed.kind not in ("tag_or_code", "snipeit_tag") or not parsed.value:
        return None
    for code in dict.fromkeys(c for c in (parsed.value, parsed.code) if c):
        location = find_location(uow, code)
        if location is not None:
            site = uow.session.get(Site, location.site_id)
            return PlaceLabel(location.code, location.name, location.kind,
                              site.code if site else "", site.name if site else "", location.active)
    return None
