"""Small builders for test data, written through an audited unit of work like the app does."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.bootstrap import AppContext
from app.keys import badge_key, search_name, staff_key, tag_key
from app.uow import SYSTEM, Actor
from db.models import Asset, EncryptionCheck, Person


def add_person(ctx: AppContext, code: str, first: str = "Ada", last: str = "Lovelace", *,
               status: str = "active", badge: str | None = None,
               leaving_date: dt.date | None = None, actor: Actor = SYSTEM, **extra: Any) -> int:
    with ctx.uow(actor) as uow:
        p = Person(staff_code=code, staff_key=staff_key(code), first_name=first, last_name=last,
                   status=status, badge_code=badge, badge_key=badge_key(badge) if badge else None,
                   leaving_date=leaving_date, search_name=search_name(first, last), **extra)
        uow.session.add(p)
        uow.audit("test_person", p)
        uow.commit()
        return p.id


def add_asset(ctx: AppContext, tag: str, kind: str = "laptop", *, encrypted: bool | None = None,
              method: str | None = None, status: str = "available", actor: Actor = SYSTEM,
              **extra: Any) -> int:
    with ctx.uow(actor) as uow:
        a = Asset(tag=tag, tag_key=tag_key(tag), kind=kind, status=status,
                  make=extra.pop("make", "Dell"), model=extra.pop("model", "Latitude 5440"), **extra)
        uow.session.add(a)
        uow.session.flush()
        if encrypted is not None:
            uow.session.add(EncryptionCheck(
                asset_id=a.id, encrypted=encrypted,
                method=method or ("bitlocker" if encrypted else None),
                verified_at=uow.now, verified_by=actor.name))
        uow.audit("test_asset", a)
        uow.commit()
        return a.id


def school(ctx: AppContext) -> None:
    """A tiny school: three staff (one leaving, one left), assets of every kind."""
    add_person(ctx, "AB1", "Siân", "Ó Briain", badge="CARD-001", email="sian@example.org",
               department="Science")
    add_person(ctx, "CD2", "Łukasz", "Żółć", department="Maths")
    add_person(ctx, "LV3", "Zoë", "Ødegård", status="leaving",
               leaving_date=dt.date(2026, 12, 18))
    add_person(ctx, "GN4", "Дмитрий", "Иванов", status="left", leaving_date=dt.date(2026, 7, 20))
    add_asset(ctx, "LT-0001", "laptop", encrypted=True, serial="SN-L1")
    add_asset(ctx, "LT-0002", "laptop", encrypted=False, serial="SN-L2")
    add_asset(ctx, "LT-0003", "laptop", serial="SN-L3")  # never checked: unknown
    add_asset(ctx, "PH-0001", "phone", encrypted=True, method="android",
              imei="356938035643809", phone_number="07700 900001", snipeit_id=417)
    add_asset(ctx, "PH-0002", "phone", encrypted=True, method="android")
    add_asset(ctx, "TB-0001", "tablet", encrypted=True, method="ios")
    add_asset(ctx, "AV-0001", "other")
    add_asset(ctx, "LT-0009", "laptop", status="in_repair")


def add_site(ctx: AppContext, code: str = "NHS", name: str = "Northfield High School") -> int:
    from app.services import places

    with ctx.uow(SYSTEM) as uow:
        return places.add_site(uow, code, name).id


def add_location(ctx: AppContext, code: str, name: str | None = None, *, site: str = "NHS",
                 kind: str = "room", parent: str | None = None) -> int:
    from app.services import places

    with ctx.uow(SYSTEM) as uow:
        return places.add_location(uow, site, code, name or code, kind=kind,
                                   parent_code=parent).id
