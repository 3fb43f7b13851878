"""Moving an asset: to another room, cupboard or trolley of its school, or to another
school. One audited action; a move between schools is a trust admin's."""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import PermissionDenied, Refused
from app.services.lookup import get_asset
from app.services.places import get_location
from app.services.site_admin import location_path
from app.services.site_scope import require_write_at, site_code
from app.status_words import status_in_words
from app.uow import UnitOfWork
from db.places import Location


@dataclass(frozen=True)
class MoveResult:
    tag: str
    #: where it was and where it is now (``Site › Room``), for a person to read
    was: str
    now: str
    #: the move also made this its home location (or it changed school)
    home: bool
    site_changed: bool


def move_asset(uow: UnitOfWork, tag: str, location_code: str, *,
               home: bool = False) -> MoveResult:
    """Put an asset at a location (its current location; ``home``: its home too).

    A move to another school's location makes it that school's asset, at home there, and
    needs a trust admin. An asset on loan is where its borrower is: check it in first.
    """
    asset = get_asset(uow, tag, for_update=True)
    location = get_location(uow, location_code)
    if not location.active:
        raise Refused(f"{location.code} is out of use: choose another location")
    if asset.status == "on_loan":
        raise Refused(f"{asset.tag} is on loan: check it in first (it goes back to its home "
                      "location), then move it")
    if asset.status == "retired":
        raise Refused(f"{asset.tag} is {status_in_words(asset.status)}")
    site_changed = asset.site_id is not None and asset.site_id != location.site_id
    if site_changed and not (uow.actor.is_trust_admin
                             or (uow.actor.is_admin and uow.actor.site_id is None)):
        raise PermissionDenied(
            f"{asset.tag} belongs to {site_code(uow, asset.site_id)} and {location.code} is at "
            f"{site_code(uow, location.site_id)}: only a trust admin can move an asset to "
            "another school")
    require_write_at(uow, asset.site_id, asset.tag)
    was_loc = (uow.session.get(Location, asset.current_location_id)
               if asset.current_location_id is not None else None)
    was = location_path(uow, was_loc) if was_loc is not None else site_code(uow, asset.site_id)
    make_home = home or site_changed or asset.home_location_id is None
    if asset.current_location_id == location.id and (
            not make_home or asset.home_location_id == location.id):
        raise Refused(f"{asset.tag} is at {location.code} already")
    changes: dict[str, object] = {"current_location_id": location.id,
                                  "site_id": location.site_id}
    if make_home:
        changes["home_location_id"] = location.id
    uow.update(asset, **changes)
    now = location_path(uow, location)
    uow.audit("asset_moved", asset, tag=asset.tag, was=was, to=location.code,
              home=make_home, site_changed=site_changed)
    uow.commit()
    return MoveResult(asset.tag, was, now, make_home, site_changed)
