"""Technicians: scrypt-hashed PINs, rate-limited sign-in, admin-only management."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext
from app.errors import InvalidInput, PermissionDenied, Refused
from app.services.technicians import add_technician, sign_in
from app.uow import Actor
from db.models import Technician
from tests.conftest import MutableClock
from tests.integration.test_pin_lockout import wait_out


def test_first_technician_becomes_admin_and_pin_is_hashed(app_ctx: AppContext) -> None:
    with app_ctx.uow(Actor("cli:root", "technician")) as uow:
        tech = add_technician(uow, "jo", "482913", display_name="Jo Bloggs")
    assert tech.role == "admin"
    assert "482913" not in tech.pin_hash and tech.pin_hash.startswith("scrypt$")
    with app_ctx.uow(Actor("t", "admin")) as uow:
        other = add_technician(uow, "sam", "482913")
    assert other.pin_hash != tech.pin_hash  # salted


def test_plain_technician_cannot_add_technicians(app_ctx: AppContext) -> None:
    with app_ctx.uow(Actor("x", "admin")) as uow:
        add_technician(uow, "jo", "123456")
    with app_ctx.uow(Actor("jo2", "technician")) as uow, pytest.raises(PermissionDenied):
        add_technician(uow, "sam", "123456")


def test_bad_pins_and_duplicates(app_ctx: AppContext, admin: Actor) -> None:
    with app_ctx.uow(admin) as uow, pytest.raises(InvalidInput):
        add_technician(uow, "jo", "12")
    with app_ctx.uow(admin) as uow:
        add_technician(uow, "jo", "123456")
    with app_ctx.uow(admin) as uow, pytest.raises(Refused):
        add_technician(uow, "jo", "567800")


def test_sign_in_and_lockout(app_ctx: AppContext, admin: Actor, clock: MutableClock) -> None:
    with app_ctx.uow(admin) as uow:
        add_technician(uow, "jo", "123456", badge="TECH-9")
    with app_ctx.uow(Actor("desk")) as uow:
        ok = sign_in(uow, "TECH-9", "123456")
    assert ok.ok and ok.actor is not None and ok.actor.name == "jo" and ok.actor.role == "admin"
    for _ in range(5):
        with app_ctx.uow(Actor("desk")) as uow:
            res = sign_in(uow, "jo", "000000")
        assert not res.ok
    assert "Try again in 60 seconds" in res.message
    with app_ctx.uow(Actor("desk")) as uow:  # even the right PIN waits out the lock
        assert not sign_in(uow, "jo", "123456").ok
    wait_out(app_ctx, clock, 61)
    with app_ctx.uow(Actor("desk")) as uow:
        assert sign_in(uow, "jo", "123456").ok
    with app_ctx.uow(Actor("desk"), readonly=True) as uow:
        tech = uow.session.execute(select(Technician)).scalar_one()
        assert tech.failed_attempts == 0 and tech.locked_until is None
