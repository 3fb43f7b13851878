"""The demo school's trust: two schools with rooms, cupboards and trolleys, and where
each demo person and asset belongs (part of :mod:`app.demo`)."""

from __future__ import annotations

from collections.abc import Sequence

from app.database import Database
from app.uow import Actor
from db.models import Asset, Person

#: the demo trust's second school
OTHER_SCHOOL = ("NFH", "Northfield High School")

#: (code, name, kind, inside) of each school's locations, by the school's code
ROOMS: dict[str, tuple[tuple[str, str, str, str | None], ...]] = {
    "EXA": (("EXA-ICT", "ICT office", "room", None),
            ("EXA-ICT-C1", "Laptop cupboard", "cupboard", "EXA-ICT"),
            ("EXA-LIB", "Library", "room", None),
            ("EXA-TROLLEY-A", "Laptop trolley A", "trolley", "EXA-LIB"),
            ("EXA-SCI2", "Science Lab 2", "room", None)),
    "NFH": (("NFH-ICT", "IT office", "room", None),
            ("NFH-C1", "Tablet cupboard", "cupboard", "NFH-ICT"),
            ("NFH-TROLLEY", "Laptop trolley", "trolley", "NFH-ICT")),
}


def make_places(db: Database, actor: Actor, school_name: str) -> dict[str, tuple[int, int]]:
    """The two schools and their locations: location code -> (site id, location id)."""
    from app.services import places

    made: dict[str, tuple[int, int]] = {}
    for code, name in (("EXA", school_name), OTHER_SCHOOL):
        with db.uow(actor) as uow:
            site_id = places.add_site(uow, code, name).id
        for loc_code, loc_name, kind, inside in ROOMS[code]:
            with db.uow(actor) as uow:
                loc = places.add_location(uow, code, loc_code, loc_name, kind=kind,
                                          parent_code=inside)
                made[loc_code] = (site_id, loc.id)
    return made


def _home(asset: Asset, where: tuple[int, int]) -> None:
    asset.site_id, asset.home_location_id = where
    asset.current_location_id = asset.home_location_id


def place(people: Sequence[Person], assets: Sequence[Asset],
          made: dict[str, tuple[int, int]]) -> None:
    """Most staff and kit at Example Academy; the last twelve staff, ten laptops and eight
    tablets at Northfield High."""
    exa, nfh = made["EXA-ICT"][0], made["NFH-ICT"][0]
    for i, person in enumerate(people):
        person.site_id = nfh if i >= len(people) - 12 else exa
    counts: dict[str, int] = {}
    for asset in assets:
        n = counts[asset.kind] = counts.get(asset.kind, 0) + 1
        if asset.kind == "laptop":
            code = "EXA-ICT-C1" if n <= 20 else "EXA-TROLLEY-A" if n <= 50 else "NFH-TROLLEY"
        elif asset.kind == "tablet":
            code = "EXA-LIB" if n <= 16 else "NFH-C1"
        elif asset.kind == "phone":
            code = "EXA-ICT-C1"
        else:
            code = "EXA-SCI2" if n <= 8 else "NFH-ICT"
        _home(asset, made[code])
