"""Kits: a labelled group of assets (a laptop trolley, a trip phone case, a laptop with its
charger and bag) — created, filled and emptied by scanning, listed, deactivated.

A kit's tag is scanned like an asset's, so the two never share a tag: a kit cannot take an
asset's tag here, and an asset cannot take a kit's (:func:`kit_tag_taken`, called by asset
creation, editing and import). An asset is in at most one kit (``kit_members.asset_id`` is
unique); each member keeps its own loans and history. Lending and taking a kit back are in
:mod:`app.services.kit_loans`. Every change is one audited transaction.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.errors import InvalidInput, NotFound, Refused
from app.keys import mixed_scripts, tag_key
from app.services.lookup import get_asset
from app.services.places import get_location, get_site
from app.status_words import status_in_words
from app.uow import UnitOfWork
from db.kits import KIT_KINDS, Kit, KitMember
from db.models import Asset, Loan, Person
from db.places import Location, Site

TAG_LONGEST = 64
#: what a kit can be (for forms: the desk imports nothing of db/)
KINDS: tuple[str, ...] = KIT_KINDS


def find_kit(uow: UnitOfWork, tag: str, *, for_update: bool = False) -> Kit | None:
    q = select(Kit).where(Kit.tag_key == tag_key(tag))
    if for_update:
        q = q.with_for_update()
    return uow.session.execute(q).scalar_one_or_none()


def get_kit(uow: UnitOfWork, tag: str, *, for_update: bool = False) -> Kit:
    kit = find_kit(uow, tag, for_update=for_update)
    if kit is None:
        raise NotFound(f"no kit with tag {tag.strip()!r}")
    return kit


def kit_tag_taken(uow: UnitOfWork, tag: str) -> str | None:
    """The tag of the kit using ``tag`` (any case), if any: an asset may not take it."""
    return uow.session.scalar(select(Kit.tag).where(Kit.tag_key == tag_key(tag)))


def kit_tag_keys(uow: UnitOfWork) -> dict[str, str]:
    """Every kit's tag by its key (for an import, which checks many tags at once)."""
    return dict(uow.session.execute(select(Kit.tag_key, Kit.tag)).all())


def _tag(tag: str) -> str:
    tag = unicodedata.normalize("NFKC", tag or "").strip()
    if not tag or len(tag) > TAG_LONGEST or any(c.isspace() or not c.isprintable() for c in tag):
        raise InvalidInput(f"a kit tag is 1-{TAG_LONGEST} characters without spaces: {tag!r}")
    if mixed_scripts(tag):
        raise InvalidInput(f"the kit tag {tag!r} mixes alphabets ({', '.join(mixed_scripts(tag) or [])})")
    return tag


def _name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name or len(name) > 200:
        raise InvalidInput("a kit name is 1-200 characters")
    return name


@dataclass(frozen=True)
class MemberState:
    """One member of a kit as the kit card shows it (plain data)."""

    tag: str
    kind: str
    status: str
    #: who has it, when it is on loan ("Ms X (AB1)"), and whether it went out with this kit
    holder: str | None = None
    with_kit: bool = False
    due_on: dt.date | None = None
    #: lent "with personal data" (its return says how the data was dealt with)
    personal_data: bool = False

    @property
    def state_text(self) -> str:
        if self.status == "on_loan" and self.holder:
            how = "with the kit" if self.with_kit else "on its own"
            return f"on loan to {self.holder} ({how})"
        return status_in_words(self.status)


@dataclass(frozen=True)
class KitCard:
    """A kit and its members (plain data, alive after the unit of work)."""

    tag: str
    name: str
    kind: str
    active: bool
    site: str | None
    home: str | None
    notes: str | None
    members: tuple[MemberState, ...]

    @property
    def out_with_kit(self) -> list[MemberState]:
        return [m for m in self.members if m.with_kit]

    @property
    def available(self) -> list[MemberState]:
        return [m for m in self.members if m.status == "available"]

    @property
    def summary(self) -> str:
        n = len(self.members)
        words = [f"{n} member{'s' if n != 1 else ''}"]
        if self.out_with_kit:
            words.append(f"{len(self.out_with_kit)} out with the kit")
        if len(self.available) != n:
            words.append(f"{len(self.available)} available")
        if not self.active:
            words.append("inactive")
        return ", ".join(words)


def _members(uow: UnitOfWork, kit: Kit) -> list[tuple[Asset, Loan | None, Person | None]]:
    rows = uow.session.execute(
        select(Asset, Loan, Person)
        .join(KitMember, KitMember.asset_id == Asset.id)
        .outerjoin(Loan, (Loan.asset_id == Asset.id) & Loan.outcome.is_(None))
        .outerjoin(Person, Person.id == Loan.person_id)
        .where(KitMember.kit_id == kit.id).order_by(Asset.tag_key)).all()
    return list(rows)


def kit_card(uow: UnitOfWork, tag: str) -> KitCard:
    kit = get_kit(uow, tag)
    return card_of(uow, kit)


def card_of(uow: UnitOfWork, kit: Kit) -> KitCard:
    members = []
    for asset, loan, person in _members(uow, kit):
        holder = f"{person.name} ({person.staff_code})" if person is not None else None
        if loan is not None and loan.location_id is not None:
            holder = f"{_location_name(uow, loan.location_id)} (responsible: {holder})"
        members.append(MemberState(asset.tag, asset.kind, asset.status, holder,
                                   loan is not None and loan.kit_id == kit.id,
                                   loan.due_on if loan is not None else None,
                                   bool(loan is not None and loan.personal_data)))
    site_row = uow.session.get(Site, kit.site_id) if kit.site_id else None
    home = uow.session.get(Location, kit.home_location_id) if kit.home_location_id else None
    return KitCard(kit.tag, kit.name, kit.kind, kit.active, site_row.code if site_row else None,
                   f"{home.name} ({home.code})" if home else None, kit.notes, tuple(members))


def _location_name(uow: UnitOfWork, location_id: int) -> str:
    location = uow.session.get(Location, location_id)
    return location.name if location is not None else f"location #{location_id}"


@dataclass(frozen=True)
class KitRow:
    tag: str
    name: str
    kind: str
    members: int
    out: int
    active: bool
    #: the kit's school's code and name (read in the list's own statement)
    site: str | None = None
    school: str | None = None


def list_kits(uow: UnitOfWork, *, include_inactive: bool = False,
              site: str | None = None) -> list[KitRow]:
    """The desk's school's kits (``site``: a school's code, or ALL for every school's), each
    with its member count and how many members are out with it."""
    from app.services.site_scope import resolve_scope

    site_id = resolve_scope(uow, site).site_id
    members = (select(KitMember.kit_id, func.count().label("n"))
               .group_by(KitMember.kit_id).subquery())
    out = (select(Loan.kit_id, func.count().label("n")).where(Loan.outcome.is_(None),
                                                             Loan.kit_id.is_not(None))
           .group_by(Loan.kit_id).subquery())
    q = (select(Kit.tag, Kit.name, Kit.kind, func.coalesce(members.c.n, 0),
                func.coalesce(out.c.n, 0), Kit.active, Site.code, Site.name)
         .outerjoin(members, members.c.kit_id == Kit.id).outerjoin(out, out.c.kit_id == Kit.id)
         .outerjoin(Site, Site.id == Kit.site_id)
         .order_by(Kit.tag_key))
    if not include_inactive:
        q = q.where(Kit.active.is_(True))
    if site_id is not None:
        q = q.where(Kit.site_id == site_id)
    return [KitRow(*row) for row in uow.session.execute(q)]


def add_kit(uow: UnitOfWork, tag: str, name: str, *, kind: str = "bundle",
            site: str | None = None, home: str | None = None, notes: str | None = None,
            members: Sequence[str] = ()) -> KitCard:
    """Create a kit (and, optionally, put ``members`` in it) in one transaction."""
    tag = _tag(tag)
    if kind not in KIT_KINDS:
        raise InvalidInput(f"a kit is one of {', '.join(KIT_KINDS)}, not {kind!r}")
    if find_kit(uow, tag) is not None:
        raise Refused(f"there is already a kit with the tag {tag!r}")
    asset_tag = uow.session.scalar(select(Asset.tag).where(Asset.tag_key == tag_key(tag)))
    if asset_tag is not None:
        raise Refused(f"{tag!r} is already an asset's tag ({asset_tag}); a kit needs a tag of "
                      "its own, so a scan of it is never mistaken for the asset")
    site_id = get_site(uow, site).id if site else None
    home_id = None
    if home:
        location = get_location(uow, home)
        if site_id is not None and location.site_id != site_id:
            raise Refused(f"{location.code} is at another site")
        home_id, site_id = location.id, location.site_id
    if site_id is None:  # the desk's school, so it is in the desk's list of kits
        from app.services.site_scope import home_site_id

        site_id = home_site_id(uow)
    notes = (notes or "").strip() or None
    if notes is not None and len(notes) > 2000:
        raise InvalidInput("the notes are too long (at most 2,000 characters)")
    kit = Kit(tag=tag, tag_key=tag_key(tag), name=_name(name), kind=kind, site_id=site_id,
              home_location_id=home_id, notes=notes, active=True, created_at=uow.now)
    uow.session.add(kit)
    uow.session.flush()
    uow.audit("kit_added", kit, tag=tag, name=kit.name, kind=kind, site=site, home=home)
    _add_members(uow, kit, members)
    _commit(uow)
    return card_of(uow, kit)


def _commit(uow: UnitOfWork) -> None:
    try:
        uow.commit()
    except IntegrityError as exc:  # another desk put the same asset in a kit just now
        raise Refused("another desk changed this kit or its assets at the same time; "
                      "scan again to see where things are") from exc


def _add_members(uow: UnitOfWork, kit: Kit, tags: Iterable[str]) -> list[str]:
    added: list[str] = []
    seen: set[int] = set()
    for tag in tags:
        if not tag.strip():
            continue
        asset = get_asset(uow, tag, for_update=True)
        if asset.id in seen:
            continue
        seen.add(asset.id)
        other = uow.session.execute(
            select(Kit.tag, Kit.id).join(KitMember, KitMember.kit_id == Kit.id)
            .where(KitMember.asset_id == asset.id)).first()
        if other is not None:
            if other.id == kit.id:
                continue  # already in this kit: scanning it twice changes nothing
            raise Refused(f"{asset.tag} is already in kit {other.tag}: take it out of that kit "
                          "first (an asset is in one kit at a time)")
        if asset.status == "retired":
            raise Refused(f"{asset.tag} is retired and cannot go in a kit")
        member = KitMember(kit_id=kit.id, asset_id=asset.id, added_at=uow.now)
        uow.session.add(member)
        uow.session.flush()
        uow.audit("kit_member_added", member, kit=kit.tag, tag=asset.tag)
        added.append(asset.tag)
    return added


def add_members(uow: UnitOfWork, kit_tag: str, tags: Sequence[str]) -> tuple[KitCard, list[str]]:
    """Put assets in a kit (scanning a member already in it again changes nothing).
    Returns the kit and the tags newly added."""
    kit = get_kit(uow, kit_tag, for_update=True)
    if not kit.active:
        raise Refused(f"kit {kit.tag} is inactive: reactivate it first")
    added = _add_members(uow, kit, tags)
    _commit(uow)
    return card_of(uow, kit), added


def remove_members(uow: UnitOfWork, kit_tag: str, tags: Sequence[str]) -> tuple[KitCard, list[str]]:
    """Take assets out of a kit. A member out on a loan of this kit stays in it until the kit
    is checked in (or the member is checked in or reported lost on its own)."""
    kit = get_kit(uow, kit_tag, for_update=True)
    removed: list[str] = []
    for tag in tags:
        if not tag.strip():
            continue
        asset = get_asset(uow, tag)
        member = uow.session.execute(
            select(KitMember).where(KitMember.kit_id == kit.id, KitMember.asset_id == asset.id)
            .with_for_update()).scalar_one_or_none()
        if member is None:
            raise Refused(f"{asset.tag} is not in kit {kit.tag}")
        lent = uow.session.scalar(select(Loan.id).where(
            Loan.asset_id == asset.id, Loan.outcome.is_(None), Loan.kit_id == kit.id))
        if lent is not None:
            raise Refused(f"{asset.tag} is out on loan with kit {kit.tag}: check the kit (or "
                          f"{asset.tag} on its own) in first, or report it lost")
        uow.audit("kit_member_removed", member, kit=kit.tag, tag=asset.tag)
        uow.session.delete(member)
        removed.append(asset.tag)
    _commit(uow)
    return card_of(uow, kit), removed


def edit_kit(uow: UnitOfWork, kit_tag: str, *, name: str | None = None,
             notes: str | None = None, home: str | None = None) -> KitCard:
    """Rename a kit, change its notes or its home location."""
    kit = get_kit(uow, kit_tag, for_update=True)
    changes: dict[str, object] = {}
    if name is not None and _name(name) != kit.name:
        changes["name"] = [kit.name, _name(name)]
        kit.name = _name(name)
    if notes is not None and ((notes.strip() or None) != kit.notes):
        changes["notes"] = [kit.notes, notes.strip() or None]
        kit.notes = notes.strip() or None
    if home is not None:
        location = get_location(uow, home) if home.strip() else None
        new_id = location.id if location else None
        if new_id != kit.home_location_id:
            changes["home"] = location.code if location else None
            kit.home_location_id = new_id
            if location is not None:
                kit.site_id = location.site_id
    if changes:
        uow.audit("kit_edited", kit, tag=kit.tag, changes=changes)
        uow.commit()
    return card_of(uow, kit)


def set_kit_active(uow: UnitOfWork, kit_tag: str, active: bool) -> KitCard:
    """Deactivate a kit (it can no longer be lent; its members are freed to join other kits)
    or reactivate one (an admin's action, either way)."""
    uow.actor.require_admin("deactivate or reactivate a kit")
    kit = get_kit(uow, kit_tag, for_update=True)
    if kit.active == active:
        raise Refused(f"kit {kit.tag} is already {'active' if active else 'inactive'}")
    freed: list[str] = []
    if not active:
        out = uow.session.scalar(select(func.count()).select_from(Loan).where(
            Loan.kit_id == kit.id, Loan.outcome.is_(None)))
        if out:
            raise Refused(f"kit {kit.tag} has {out} member(s) out on loan: check it in first")
        for member, tag in uow.session.execute(
                select(KitMember, Asset.tag).join(Asset, Asset.id == KitMember.asset_id)
                .where(KitMember.kit_id == kit.id).order_by(Asset.tag_key)):
            uow.audit("kit_member_removed", member, kit=kit.tag, tag=tag)
            uow.session.delete(member)
            freed.append(tag)
    kit.active = active
    uow.audit("kit_deactivated" if not active else "kit_reactivated", kit, tag=kit.tag,
              members_freed=freed)
    uow.commit()
    return card_of(uow, kit)


def kit_member_count(uow: UnitOfWork, kit_id: int) -> int:
    return uow.session.scalar(select(func.count()).select_from(KitMember)
                              .where(KitMember.kit_id == kit_id)) or 0
