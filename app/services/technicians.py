"""Technicians: who may use the desk, with PINs stored only as salted scrypt hashes."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import math
import os
import re
from dataclasses import dataclass

from sqlalchemy import select

from app.errors import InvalidInput, PermissionDenied, Refused
from app.keys import badge_key
from app.uow import Actor, UnitOfWork
from db.models import Technician

# scrypt: memory-hard (16 MiB per hash with these parameters)
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILURES = 5
LOCK_SECONDS = 60
USERNAME_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def hash_pin(pin: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                            dklen=32)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt, want = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
        got = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=int(n), r=int(r), p=int(p),
                             dklen=len(want))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, want)


def validate_pin(pin: str) -> None:
    if not (pin.isdigit() and 4 <= len(pin) <= 12):
        raise InvalidInput("a PIN must be 4 to 12 digits")


def find_technician(uow: UnitOfWork, username_or_badge: str) -> Technician | None:
    name = username_or_badge.strip()
    tech = uow.session.execute(
        select(Technician).where(Technician.username == name)
    ).scalar_one_or_none()
    if tech is None and name:
        tech = uow.session.execute(
            select(Technician).where(Technician.badge_code == badge_key(name))
        ).scalar_one_or_none()
    return tech


def count_technicians(uow: UnitOfWork) -> int:
    return len(uow.session.execute(select(Technician.id)).all())


def add_technician(uow: UnitOfWork, username: str, pin: str, *, admin: bool = False,
                   display_name: str | None = None, badge: str | None = None) -> Technician:
    """Add a technician. Only an admin may, except for the very first (who becomes admin)."""
    first = count_technicians(uow) == 0
    if not first:
        uow.actor.require_admin("add technicians")
    if not USERNAME_RE.match(username):
        raise InvalidInput("a username is 1-64 letters, digits, dots, dashes or underscores")
    validate_pin(pin)
    if find_technician(uow, username) is not None:
        raise Refused(f"there is already a technician called {username!r}")
    tech = Technician(
        username=username, display_name=(display_name or username).strip()[:200],
        pin_hash=hash_pin(pin), role="admin" if (admin or first) else "technician",
        badge_code=badge_key(badge) if badge else None, active=True, failed_attempts=0,
        created_at=uow.now,
    )
    uow.session.add(tech)
    uow.audit("technician_added", tech, username=username, role=tech.role)
    uow.commit()
    return tech


@dataclass
class SignInResult:
    ok: bool
    message: str
    actor: Actor | None = None


def sign_in(uow: UnitOfWork, username_or_badge: str, pin: str) -> SignInResult:
    """Check a PIN; after 5 failures the account is locked for a minute. Audited."""
    tech = find_technician(uow, username_or_badge)
    if tech is None or not tech.active:
        return SignInResult(False, "Unknown technician or wrong PIN.")
    if tech.locked_until is not None and tech.locked_until > uow.now:
        secs = max(1, math.ceil((tech.locked_until - uow.now).total_seconds()))
        return SignInResult(False, f"Too many wrong PINs. Try again in {secs} seconds.")
    if check_pin(pin, tech.pin_hash):
        if tech.failed_attempts or tech.locked_until:
            tech.failed_attempts = 0
            tech.locked_until = None
        uow.audit("sign_in", tech, username=tech.username)
        uow.commit()
        return SignInResult(True, f"Signed in as {tech.display_name}.",
                            Actor(tech.username, tech.role, tech.id))
    tech.failed_attempts += 1
    message = "Unknown technician or wrong PIN."
    if tech.failed_attempts >= MAX_FAILURES:
        tech.locked_until = uow.now + dt.timedelta(seconds=LOCK_SECONDS)
        tech.failed_attempts = 0
        message = f"Too many wrong PINs. Try again in {LOCK_SECONDS} seconds."
    uow.audit("sign_in_failed", tech, username=tech.username)
    uow.commit()
    return SignInResult(False, message)


def verify_pin(uow: UnitOfWork, pin: str) -> None:
    """Confirm the signed-in technician's PIN (e.g. before a leaver return); raises if wrong."""
    if uow.actor.technician_id is None:
        return
    tech = uow.session.get(Technician, uow.actor.technician_id)
    if tech is None or not check_pin(pin, tech.pin_hash):
        raise PermissionDenied("that PIN is not right")
