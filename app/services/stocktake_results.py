"""What a stocktake's scans add up to, and acting on it.

* **found**: expected here and scanned;
* **missing**: expected here (home or current location in the stocktake's place), not
  scanned and not on loan;
* **on loan**: expected here but lent (not missing: the loan says where it is);
* **unexpected**: scanned here but belonging elsewhere, with where it belongs;
* **unknown**: codes that matched no asset, as scanned.

An asset recorded as lost that is scanned is found (the result says so); one not scanned
is not listed as missing again. Retired assets are expected nowhere.

:func:`confirm_moves` puts every unexpected item where it was found (one audited action);
:func:`mark_missing_lost` records missing items as lost, each with an incident.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased

from app.errors import InvalidInput, Refused
from app.services.loans import open_incident
from app.services.stocktakes import StocktakeInfo, get_stocktake, info
from app.uow import UnitOfWork
from db.models import Asset, Loan, Person
from db.places import Location, Site
from db.stocktakes import StocktakeScan
from printing.dates import date_text

#: the result's lists, in the order the desk's tabs and the report show them
SECTIONS = ("found", "missing", "unexpected", "on_loan", "unknown")
SECTION_TITLES = {"found": "Found", "missing": "Missing", "unexpected": "Unexpected",
                  "on_loan": "On loan", "unknown": "Unknown codes"}


@dataclass(frozen=True)
class Item:
    """One line of a stocktake's result."""

    tag: str
    asset_id: int | None
    description: str
    status: str
    #: where it belongs (home location, else site) and where it was last put
    home: str
    current: str
    #: who scanned it, when, at which desk (None: not scanned)
    scanned_at: dt.datetime | None = None
    scanned_by: str | None = None
    #: on loan: to whom, due when; unexpected: where it belongs; found: if it was lost
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class StocktakeResult:
    stocktake: StocktakeInfo
    found: list[Item] = field(default_factory=list)
    missing: list[Item] = field(default_factory=list)
    unexpected: list[Item] = field(default_factory=list)
    on_loan: list[Item] = field(default_factory=list)
    unknown: list[Item] = field(default_factory=list)
    #: asset ids expected in this place (found, missing or on loan)
    expected_ids: frozenset[int] = frozenset()
    #: unexpected items :func:`confirm_moves` would move for this technician (not retired,
    #: not another school's — a trust admin moves those too), and the other schools' codes
    movable: int = 0
    other_schools: tuple[str, ...] = ()

    def section(self, name: str) -> list[Item]:
        if name not in SECTIONS:
            raise InvalidInput(f"a stocktake's result has {', '.join(SECTIONS)}, not {name!r}")
        items: list[Item] = getattr(self, name)
        return items

    def counts(self) -> dict[str, int]:
        return {name: len(self.section(name)) for name in SECTIONS}

    @property
    def expected(self) -> int:
        return len(self.expected_ids)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"stocktake": self.stocktake.to_dict(), "counts": self.counts(),
                                "expected": self.expected}
        for name in SECTIONS:
            data[name] = [item.to_dict() for item in self.section(name)]
        return data


def scope_location_ids(uow: UnitOfWork, site_id: int, location_id: int | None) -> set[int]:
    """The location and every location nested inside it (None: every location of the site)."""
    rows = uow.session.execute(select(Location.id, Location.parent_id)
                               .where(Location.site_id == site_id)).all()
    if location_id is None:
        return {row[0] for row in rows}
    children: dict[int | None, list[int]] = {}
    for loc_id, parent in rows:
        children.setdefault(parent, []).append(loc_id)
    scope, todo = {location_id}, [location_id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in scope:
                scope.add(child)
                todo.append(child)
    return scope


_HOME = aliased(Location)
_CURRENT = aliased(Location)
_COLUMNS = (Asset.id, Asset.tag, Asset.kind, Asset.make, Asset.model, Asset.status,
            Asset.site_id, Asset.home_location_id, Asset.current_location_id,
            _HOME.code, _CURRENT.code, Site.code, Person.first_name, Person.last_name,
            Loan.due_on)


def _asset_rows(where: Any) -> Any:
    """The columns of a result line, for the assets ``where`` picks (one query)."""
    return (select(*_COLUMNS)
            .outerjoin(_HOME, _HOME.id == Asset.home_location_id)
            .outerjoin(_CURRENT, _CURRENT.id == Asset.current_location_id)
            .outerjoin(Site, Site.id == Asset.site_id)
            .outerjoin(Loan, and_(Loan.asset_id == Asset.id, Loan.outcome.is_(None)))
            .outerjoin(Person, Person.id == Loan.person_id)
            .where(where))


def _item(row: Any, scan: tuple[dt.datetime, str] | None, note: str = "") -> Item:
    (asset_id, tag, kind, make, model, status, _site_id, _home_id, _current_id,
     home, current, site, first, last, due) = row
    what = " ".join(p for p in (make, model) if p) or kind
    if status == "on_loan" and first is not None and not note:
        note = f"lent to {first} {last}".strip() + (f", due {date_text(due)}" if due else "")
    return Item(tag, asset_id, what, status, home or site or "", current or "",
                scan[0] if scan else None, scan[1] if scan else None, note)


def stocktake_result(uow: UnitOfWork, stocktake_id: int | str) -> StocktakeResult:
    """Found, missing, unexpected, on loan and unknown codes: three queries in all."""
    stocktake = get_stocktake(uow, stocktake_id)
    result = StocktakeResult(info(uow, stocktake))
    scope = scope_location_ids(uow, stocktake.site_id, stocktake.location_id)
    here = or_(Asset.home_location_id.in_(scope), Asset.current_location_id.in_(scope)) \
        if scope else Asset.id.is_(None)
    if stocktake.location_id is None:
        here = or_(here, Asset.site_id == stocktake.site_id)
    scans: dict[int, tuple[dt.datetime, str]] = {}
    for asset_id, code, at, by, desk in uow.session.execute(
            select(StocktakeScan.asset_id, StocktakeScan.code, StocktakeScan.scanned_at,
                   StocktakeScan.scanned_by, StocktakeScan.desk)
            .where(StocktakeScan.stocktake_id == stocktake.id).order_by(StocktakeScan.id)):
        who = f"{by} at {desk}" if desk else by
        if asset_id is None:
            result.unknown.append(Item(code, None, "matches no asset", "", "", "", at, who))
        else:
            scans[asset_id] = (at, who)
    expected: set[int] = set()
    for row in uow.session.execute(_asset_rows(and_(here, Asset.status != "retired"))
                                   .order_by(Asset.tag)):
        asset_id, status = row[0], row[5]
        expected.add(asset_id)
        seen = scans.get(asset_id)
        if seen is not None:
            result.found.append(_item(row, seen, "was recorded as lost" if status == "lost" else ""))
        elif status == "on_loan":
            result.on_loan.append(_item(row, None))
        elif status != "lost":
            result.missing.append(_item(row, None))
    result.expected_ids = frozenset(expected)
    others = [a for a in scans if a not in expected]
    for chunk in range(0, len(others), 500):
        ids = others[chunk:chunk + 500]
        for row in uow.session.execute(_asset_rows(Asset.id.in_(ids)).order_by(Asset.tag)):
            result.unexpected.append(_item(row, scans[row[0]], _belongs(row)))
            status, site_id, site = row[5], row[6], row[11]
            if status == "retired":
                continue
            if site_id is None or site_id == stocktake.site_id or uow.actor.is_trust_admin:
                result.movable += 1
            elif (site or "") not in result.other_schools:
                result.other_schools += (site or f"school #{site_id}",)
    return result


def _belongs(row: Any) -> str:
    status, home, current, site = row[5], row[9], row[10], row[11]
    if status == "retired":
        return "retired"
    where = home or current or site
    text = f"belongs in {where}" if where else "has no home recorded"
    if current and current != home:
        text += f", last put in {current}"
    return text + (" (recorded as lost)" if status == "lost" else "")


@dataclass(frozen=True)
class Moved:
    tag: str
    #: where it was recorded (a location code, a site code, or "")
    was: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Moves:
    """What :func:`confirm_moves` did: the items moved, and those left as they were (why)."""

    moved: list[Moved]
    #: (tag, why): another school's items, which only that school or a trust admin moves
    kept: list[tuple[str, str]]
    #: where the moved items are now recorded: the stocktake's location (or school) code
    to: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"moved": [m.to_dict() for m in self.moved], "to": self.to,
                "kept": [{"tag": t, "why": why} for t, why in self.kept]}


def _refuse_closed(result: StocktakeResult, action: str) -> None:
    """A closed stocktake's result is read against today's register, not the day it was
    closed (an item found elsewhere since is still "missing" there): it is history, and its
    archived report says what it found; acting on it now would act on stale scans."""
    if result.stocktake.status == "closed":
        number = result.stocktake.id
        raise Refused(f"stocktake #{number} is closed, so it is too late to {action}: its "
                      "result is history (its report says what it found); start a new "
                      "stocktake of the place to act on what is there now")


def _other_school(uow: UnitOfWork, asset: Asset, site_id: int) -> str | None:
    """The code of the school ``asset`` belongs to when it is not ``site_id``'s and the actor
    may not change that school's rows (a trust admin may), else None."""
    if asset.site_id is None or asset.site_id == site_id or uow.actor.is_trust_admin:
        return None
    site = uow.session.get(Site, asset.site_id)
    return site.code if site is not None else f"school #{asset.site_id}"


def confirm_moves(uow: UnitOfWork, stocktake_id: int | str) -> Moves:
    """Put every unexpected (not retired) item where this stocktake found it, in one action.

    Its current location becomes the stocktake's location (an item of no school joins the
    stocktake's school); its home is left as it is (moving its home is a move of its own).
    Another school's item is moved only by a trust admin (it then joins this school);
    otherwise it is left as it is and said (``kept``): its school moves it. One transaction,
    one audit event per asset.
    """
    result = stocktake_result(uow, stocktake_id)
    _refuse_closed(result, "confirm its moves")
    stocktake = get_stocktake(uow, stocktake_id)
    moving = [i for i in result.unexpected if i.asset_id is not None and i.status != "retired"]
    if not moving:
        raise Refused(f"stocktake #{stocktake.id} found nothing out of place to move")
    here = result.stocktake.location_code or result.stocktake.site_code
    done = Moves([], [], here)
    assets = uow.session.execute(select(Asset).where(Asset.id.in_([i.asset_id for i in moving]))
                                 .with_for_update()).scalars()
    by_id = {a.id: a for a in assets}
    for item in moving:
        asset = by_id[item.asset_id]  # type: ignore[index]
        other = _other_school(uow, asset, stocktake.site_id)
        if other is not None:
            done.kept.append((asset.tag, f"belongs to {other}: a technician of {other} or a "
                                         "trust admin moves it"))
            continue
        was = item.current or item.home
        if stocktake.location_id is not None:
            asset.current_location_id = stocktake.location_id
        elif asset.current_location_id is not None:
            current = uow.session.get(Location, asset.current_location_id)
            if current is not None and current.site_id != stocktake.site_id:
                asset.current_location_id = None  # it is no longer in the other school's room
        asset.site_id = stocktake.site_id
        uow.audit("stocktake_move", asset, tag=asset.tag, stocktake=stocktake.id, was=was,
                  to=here)
        done.moved.append(Moved(asset.tag, was))
    if done.moved:
        uow.commit()
    return done


@dataclass(frozen=True)
class MarkedLost:
    """What :func:`mark_missing_lost` did: the items recorded lost, and those left (why)."""

    lost: list[Item]
    kept: list[tuple[str, str]]

    def to_dict(self) -> dict[str, Any]:
        return {"lost": [i.to_dict() for i in self.lost],
                "kept": [{"tag": t, "why": why} for t, why in self.kept]}


def mark_missing_lost(uow: UnitOfWork, stocktake_id: int | str,
                      tags: Iterable[str] | None = None) -> MarkedLost:
    """Record missing items as lost, each opening a ``lost`` incident (one transaction).

    ``tags``: only these (each must be missing in this stocktake); None: every one missing.
    Another school's item is left as it is unless a trust admin does it (``kept`` says so).
    """
    result = stocktake_result(uow, stocktake_id)
    _refuse_closed(result, "record its missing items as lost")
    number = result.stocktake.id
    missing = {i.tag.casefold(): i for i in result.missing}
    if tags is None:
        chosen = list(missing.values())
    else:
        chosen = []
        for tag in tags:
            item = missing.get(tag.strip().casefold())
            if item is None:
                raise Refused(f"{tag.strip()} is not missing in stocktake #{number}")
            chosen.append(item)
    if not chosen:
        raise Refused(f"nothing is missing in stocktake #{number}")
    assets = {a.id: a for a in uow.session.execute(
        select(Asset).where(Asset.id.in_([i.asset_id for i in chosen])).with_for_update()
    ).scalars()}
    place = result.stocktake.location_code or result.stocktake.site_code
    stocktake_site = get_stocktake(uow, number).site_id
    done = MarkedLost([], [])
    for item in chosen:
        asset = assets[item.asset_id]  # type: ignore[index]
        if asset.status not in ("available", "in_repair"):  # changed since the result was read
            raise Refused(f"{asset.tag} is now {asset.status}; look at the result again")
        other = _other_school(uow, asset, stocktake_site)
        if other is not None:
            done.kept.append((asset.tag, f"belongs to {other}: a technician of {other} or a "
                                         "trust admin records it lost"))
            continue
        asset.status = "lost"
        open_incident(uow, "lost", asset, None, None,
                      f"missing at stocktake #{number} of {place}")
        uow.audit("stocktake_marked_lost", asset, tag=asset.tag, stocktake=number)
        done.lost.append(item)
    if done.lost:
        uow.commit()
    return done
