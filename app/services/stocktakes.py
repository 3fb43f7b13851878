"""Stocktakes by scanning: start one for a location (with its sub-locations) or a whole
school, scan into it from any number of desks, pause and resume it.

What the scans add up to (found, missing, unexpected, on loan), confirming moves and
marking missing items lost are in :mod:`app.services.stocktake_results`; closing it with
its PDF report in :mod:`app.services.documents.stocktake_reports`.
"""

from __future__ import annotations

import datetime as dt
import socket
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, select

from app.errors import InvalidInput, NotFound, Refused
from app.keys import normalise_code, tag_key
from app.services.places import find_location, find_site
from app.services.scan import parse_scan
from app.services.stocktake_rows import Facts, insert_scan
from app.uow import UnitOfWork
from db.kits import Kit
from db.models import Asset
from db.places import Location, Site
from db.stocktakes import Stocktake, StocktakeScan

#: the most codes one ``stocktake scan`` (or one paste) may carry
MAX_CODES_AT_ONCE = 5000


def this_desk() -> str:
    """The name a desk's scans are recorded under: the computer's name."""
    return socket.gethostname()[:128] or "desk"


@dataclass(frozen=True)
class StocktakeInfo:
    """A stocktake as lists and the desk show it."""

    id: int
    status: str
    site_code: str
    site_name: str
    #: None: the whole site
    location_code: str | None
    location_name: str | None
    started_at: dt.datetime
    started_by: str
    closed_at: dt.datetime | None
    closed_by: str | None
    scans: int
    file: str | None

    @property
    def place(self) -> str:
        """``"ICT1 (ICT suite 1), NHS"``, or ``"the whole of NHS"``."""
        if self.location_code is None:
            return f"the whole of {self.site_code} ({self.site_name})"
        return f"{self.location_code} ({self.location_name}), {self.site_code}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["place"] = self.place
        return data


def _stocktake_id(stocktake_id: int | str) -> int:
    text = str(stocktake_id).strip().lstrip("#")
    if not text.isdigit() or len(text) > 12:
        raise InvalidInput(f"a stocktake is named by its number (stocktake list shows them), "
                           f"not {str(stocktake_id).strip()!r}")
    return int(text)


def get_stocktake(uow: UnitOfWork, stocktake_id: int | str, *,
                  for_update: bool = False) -> Stocktake:
    number = _stocktake_id(stocktake_id)
    stmt = select(Stocktake).where(Stocktake.id == number)
    if for_update:
        stmt = stmt.with_for_update()
    stocktake = uow.session.execute(stmt).scalar_one_or_none()
    if stocktake is None:
        raise NotFound(f"there is no stocktake #{number}")
    return stocktake


def info(uow: UnitOfWork, stocktake: Stocktake) -> StocktakeInfo:
    site = uow.session.get(Site, stocktake.site_id)
    location = uow.session.get(Location, stocktake.location_id) if stocktake.location_id else None
    scans = uow.session.execute(select(func.count()).select_from(StocktakeScan)
                                .where(StocktakeScan.stocktake_id == stocktake.id)).scalar_one()
    assert site is not None
    return StocktakeInfo(
        stocktake.id, stocktake.status, site.code, site.name,
        location.code if location else None, location.name if location else None,
        stocktake.started_at, stocktake.started_by, stocktake.closed_at, stocktake.closed_by,
        int(scans), stocktake.file)


def find_place(uow: UnitOfWork, code: str) -> tuple[Site, Location | None]:
    """What ``code`` names: a location (and its site), else a whole site."""
    if not code.strip():
        raise InvalidInput("say which location (or school) the stocktake is of: its code")
    location = find_location(uow, code)
    if location is not None:
        site = uow.session.get(Site, location.site_id)
        assert site is not None
        return site, location
    site = find_site(uow, code)
    if site is not None:
        return site, None
    raise NotFound(f"there is no location or school with the code {code.strip()!r}")


def _going(uow: UnitOfWork, place_code: str) -> tuple[Site, Location | None, Stocktake | None]:
    """The place ``place_code`` names and its stocktake not closed yet (if any), read with the
    site's row locked, so that two desks starting the same place at once take turns."""
    site, location = find_place(uow, place_code)
    if location is not None and not location.active:
        raise Refused(f"{location.code} is no longer in use")
    uow.session.execute(select(Site.id).where(Site.id == site.id).with_for_update())
    going = uow.session.execute(
        select(Stocktake).where(Stocktake.site_id == site.id,
                                Stocktake.location_id.is_(None) if location is None
                                else Stocktake.location_id == location.id,
                                Stocktake.status != "closed").with_for_update()).scalars().first()
    return site, location, going


def _start(uow: UnitOfWork, site: Site, location: Location | None) -> StocktakeInfo:
    stocktake = Stocktake(site_id=site.id, location_id=location.id if location else None,
                          started_at=uow.now, started_by=uow.actor.name, status="open")
    uow.session.add(stocktake)
    uow.session.flush()
    uow.audit("stocktake_started", stocktake, site=site.code,
              location=location.code if location else None)
    done = info(uow, stocktake)
    uow.commit()
    return done


def start_stocktake(uow: UnitOfWork, place_code: str) -> StocktakeInfo:
    """Start a stocktake of a location (its sub-locations too) or of a whole school.

    One place has one stocktake going at a time: an open or paused one of the same place
    is refused (resume it instead), so two desks starting at once scan into one.
    """
    site, location, going = _going(uow, place_code)
    if going is not None:
        what = f"stocktake #{going.id} of {location.code if location else site.code}"
        if going.status == "paused":
            raise Refused(f"{what} is not closed yet (it is paused): resume it ('loan-kiosk "
                          f"stocktake resume {going.id}') or close it")
        raise Refused(f"{what} is not closed yet (it is open): scan into it ('loan-kiosk "
                      f"stocktake scan {going.id} TAG...') or close it")
    return _start(uow, site, location)


@dataclass(frozen=True)
class Scanned:
    """One code scanned into a stocktake."""

    code: str
    #: the asset's tag (None: the code matched no asset)
    tag: str | None
    asset_id: int | None
    #: False: this asset (or unknown code) was already in the stocktake; nothing written
    new: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _code_of(uow: UnitOfWork, text: str) -> tuple[str, str]:
    """(the code as it will be kept, the tag key it is looked up by)."""
    parsed = parse_scan(text, uow.settings.scanner.prefix)
    if parsed.kind == "empty":
        raise InvalidInput("nothing was scanned (an empty or over-long code)")
    if parsed.kind == "snipeit_id":
        asset = uow.session.execute(select(Asset.tag).where(
            Asset.snipeit_id == int(parsed.value))).scalar_one_or_none()
        if asset is not None:
            return asset, tag_key(asset)
    code = parsed.value[:128]
    return code, tag_key(code)


def scan(uow: UnitOfWork, stocktake_id: int | str, text: str, *,
         desk: str | None = None) -> Scanned:
    """Record one scan: one statement (look-up, checks and insert), its audit, the commit.

    On PostgreSQL a new scan is one round trip: the statement writes its own audit event
    and goes with ``BEGIN`` and ``COMMIT`` (:mod:`app.services.stocktake_rows`). Scanning
    what is already in the stocktake (from this desk or another) records nothing and says
    so; a code matching no asset is kept as scanned (listed as unknown). A scan into a
    stocktake not open, of another school, or of a kit's label writes nothing and is
    refused (why: from the statement's answer on PostgreSQL, read after it on SQLite).
    """
    number = _stocktake_id(stocktake_id)
    code, key = _code_of(uow, text)
    actor = uow.actor
    site = None if actor.is_trust_admin else actor.site_id
    # NFKC may lengthen a code (one ligature, many letters): the key is kept to its column
    row, facts = insert_scan(uow, number, key, code, normalise_code(code)[:128], uow.now, desk,
                             site=site, event={"stocktake": number, "code": code})
    if row is None:
        return _not_written(uow, number, code, key, facts)
    asset_id = row[2]  # (id, stocktake_id, asset_id, …): the table's columns
    return Scanned(code, code if asset_id is not None else None, asset_id, True)


def _not_written(uow: UnitOfWork, number: int, code: str, key: str,
                 facts: Facts | None) -> Scanned:
    """Why a scan wrote nothing: the stocktake is not open or of another school, the code is
    a kit's label (refused), or it is a repeat. ``facts``: what the scan's statement found
    (PostgreSQL), else read now."""
    if facts is None:
        found = uow.session.execute(select(Stocktake.status, Stocktake.site_id)
                                    .where(Stocktake.id == number)).first()
        asset_id = uow.session.execute(select(Asset.id).where(Asset.tag_key == key)).scalar()
        kit = None if asset_id is not None else uow.session.execute(
            select(Kit.tag, Kit.name).where(Kit.tag_key == key)).first()
        status, site_id = found or (None, None)
        kit_tag, kit_name = kit or (None, None)
        facts = Facts(status, site_id, asset_id, kit_tag, kit_name)
    if facts.status is None:
        raise NotFound(f"there is no stocktake #{number}")
    if facts.status != "open":
        hint = f"resume it first ('loan-kiosk stocktake resume {number}')" \
            if facts.status == "paused" else "start a new one"
        raise Refused(f"stocktake #{number} is {facts.status}: {hint}")
    if not uow.actor.may_write_at(facts.site_id):
        site = uow.session.get(Site, facts.site_id)
        raise Refused(f"stocktake #{number} is of {site.code if site else facts.site_id}: only a "
                      "trust admin or a technician of that school can scan into it (you can "
                      "still look at it)")
    if facts.asset_id is None and facts.kit_tag is not None:
        # a kit's label names a group, not an item that is here: each member is scanned
        raise Refused(f"{facts.kit_tag} is the label of the kit {facts.kit_name}: scan each item "
                      "in it (a kit's members are counted one by one)")
    tag = code if facts.asset_id is not None else None
    return Scanned(code, tag, facts.asset_id, False)


def scan_many(uow_factory: Any, stocktake_id: int | str, texts: list[str], *,
              desk: str | None = None) -> list[Scanned]:
    """Scan several codes, each in its own unit of work (as a desk would, one at a time)."""
    if len(texts) > MAX_CODES_AT_ONCE:
        raise InvalidInput(f"at most {MAX_CODES_AT_ONCE} codes at once")
    out: list[Scanned] = []
    for text in texts:
        with uow_factory() as uow:
            out.append(scan(uow, stocktake_id, text, desk=desk))
    return out


def _set_status(uow: UnitOfWork, stocktake_id: int | str, to: str, allowed: tuple[str, ...],
                action: str) -> StocktakeInfo:
    stocktake = get_stocktake(uow, stocktake_id, for_update=True)
    if stocktake.status not in allowed:
        number = stocktake.id
        if stocktake.status == to:
            raise Refused(f"stocktake #{number} is {to} already")
        if stocktake.status == "closed":
            raise Refused(f"stocktake #{number} is closed: it stays in the history as it is "
                          "(start a new one to scan again)")
        raise Refused(f"stocktake #{number} is {stocktake.status}; it cannot be {to} now")
    stocktake.status = to
    uow.audit(action, stocktake)
    done = info(uow, stocktake)
    uow.commit()
    return done


def pause_stocktake(uow: UnitOfWork, stocktake_id: int | str) -> StocktakeInfo:
    """Stop scanning for now (scans are refused until it is resumed); nothing is lost."""
    return _set_status(uow, stocktake_id, "paused", ("open",), "stocktake_paused")


def resume_stocktake(uow: UnitOfWork, stocktake_id: int | str) -> StocktakeInfo:
    return _set_status(uow, stocktake_id, "open", ("paused",), "stocktake_resumed")


def list_stocktakes(uow: UnitOfWork, *, going_only: bool = False, limit: int = 200,
                    site: str | None = None) -> list[StocktakeInfo]:
    """Stocktakes, newest first (``going_only``: those not closed), of the desk's school or
    of the school ``site`` names (ALL: every school's)."""
    from app.services.site_scope import resolve_scope

    stmt = select(Stocktake).order_by(Stocktake.id.desc()).limit(limit)
    if going_only:
        stmt = stmt.where(Stocktake.status != "closed")
    site_id = resolve_scope(uow, site).site_id
    if site_id is not None:
        stmt = stmt.where(Stocktake.site_id == site_id)
    return [info(uow, s) for s in uow.session.execute(stmt).scalars()]


def start_or_resume(uow: UnitOfWork, place_code: str) -> StocktakeInfo:
    """The desk's scan of a location label: the place's stocktake going on (resumed if it was
    paused), or a new one (two desks scanning the same label at once get the same one)."""
    site, location, going = _going(uow, place_code)
    if going is None:
        return _start(uow, site, location)
    if going.status == "paused":
        going.status = "open"
        uow.audit("stocktake_resumed", going)
        done = info(uow, going)
        uow.commit()
        return done
    return info(uow, going)
