"""Technicians: who may use the desk, with PINs stored only as salted scrypt hashes."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import math
import os
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select

from app.actor import current_os_user
from app.errors import InvalidInput, PermissionDenied, Refused
from app.keys import badge_key
from app.uow import Actor, UnitOfWork
from db import pins
from db.models import Technician
from db.pins import PinOutcome

# scrypt: memory-hard (16 MiB per hash with these parameters)
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILURES = 5
#: the first lock-out; each further wrong PIN while the count stays high doubles it
LOCK_SECONDS = 60
#: the longest lock-out (back-off stops doubling here)
MAX_LOCK_SECONDS = 3600
#: PIN length: a 4-digit PIN's scrypt hash falls to an offline search in minutes
MIN_PIN_LENGTH = 6
MAX_PIN_LENGTH = 12
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
    if not (pin.isascii() and pin.isdigit() and MIN_PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH):
        raise InvalidInput(f"a PIN must be {MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} digits")


def username_key(name: str) -> str:
    """How usernames are compared: Unicode-normalised (NFKC), trimmed, case-insensitive."""
    return unicodedata.normalize("NFKC", name).strip().casefold()


def find_technician(uow: UnitOfWork, username_or_badge: str, *,
                    for_update: bool = False) -> Technician | None:
    """The technician with this username (any case, any Unicode form) or badge code.

    ``for_update``: lock the row until the unit of work ends (PostgreSQL ``FOR UPDATE``;
    SQLite's writing transaction is ``BEGIN IMMEDIATE`` already), so that parallel PIN
    checks for one technician queue up behind each other's failure count.
    """
    name = username_or_badge.strip()
    key = username_key(name)
    query = select(Technician).where(func.lower(Technician.username) == key)
    if for_update:
        query = query.with_for_update()
    tech = uow.session.execute(query).scalar_one_or_none()
    if tech is None and name:
        query = select(Technician).where(Technician.badge_code == badge_key(name))
        if for_update:
            query = query.with_for_update()
        tech = uow.session.execute(query).scalar_one_or_none()
    return tech


def count_technicians(uow: UnitOfWork) -> int:
    return len(uow.session.execute(select(Technician.id)).all())


def add_technician(uow: UnitOfWork, username: str, pin: str, *, admin: bool = False,
                   display_name: str | None = None, badge: str | None = None,
                   trust_admin: bool = False, site: str | None = None) -> Technician:
    """Add a technician. Only an admin may, except for the very first (who becomes admin).

    The technician belongs to ``site`` (a school's code), else to this desk's school. A
    trust admin (an admin of every school) is added only by a trust admin, or by an admin
    while the trust has none yet (a one-school install becoming a trust)."""
    first = count_technicians(uow) == 0
    if not first:
        uow.actor.require_admin("add technicians")
    if trust_admin and not first and not uow.actor.is_trust_admin:
        has_one = uow.session.execute(select(Technician.id).where(
            Technician.role == "trust_admin", Technician.active.is_(True)).limit(1)).first()
        if has_one is not None:
            raise PermissionDenied("only a trust admin can add a trust admin")
    from app.services.site_scope import home_site_id

    if site:
        from app.services.places import get_site

        site_id: int | None = get_site(uow, site).id
        if not uow.actor.may_write_at(site_id):
            raise PermissionDenied(f"only a trust admin or an admin of {site.strip()} can add "
                                   "technicians there")
    else:
        site_id = home_site_id(uow)
    username = unicodedata.normalize("NFKC", username).strip()
    if not USERNAME_RE.match(username):
        raise InvalidInput("a username is 1-64 letters, digits, dots, dashes or underscores")
    validate_pin(pin)
    if find_technician(uow, username) is not None:
        raise Refused(f"there is already a technician called {username!r}")
    tech = Technician(
        username=username, display_name=(display_name or username).strip()[:200],
        pin_hash=hash_pin(pin),
        role="trust_admin" if trust_admin else "admin" if (admin or first) else "technician",
        badge_code=badge_key(badge) if badge else None, active=True, failed_attempts=0,
        created_at=uow.now, site_id=site_id,
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
    #: the PIN was right but shorter than :data:`MIN_PIN_LENGTH`: it must be changed now
    must_change_pin: bool = False


def lock_seconds(failures: int) -> int:
    """How long a technician is locked out after ``failures`` wrong PINs in a row: none
    below :data:`MAX_FAILURES`, then 60 s, doubling with each further wrong PIN, at most
    an hour (PostgreSQL's ``pin_check`` applies the same rule)."""
    if failures < MAX_FAILURES:
        return 0
    return min(MAX_LOCK_SECONDS, LOCK_SECONDS * 2 ** min(failures - MAX_FAILURES, 16))


def _digest(params: str | None, pin: str) -> str | None:
    """The base64 scrypt digest of ``pin`` under ``scrypt$N$r$p$salt`` (None: unusable)."""
    try:
        scheme, n, r, p, salt_b64 = (params or "").split("$")
        if scheme != "scrypt":
            return None
        digest = hashlib.scrypt(pin.encode("utf-8"), salt=base64.b64decode(salt_b64), n=int(n),
                                r=int(r), p=int(p), dklen=32)
    except (ValueError, TypeError):
        return None
    return base64.b64encode(digest).decode()


def _attempt(uow: UnitOfWork, tech: Technician, pin: str, *,
             new_hash: str | None = None) -> PinOutcome:
    """Check ``pin`` for ``tech`` (row locked), counting a wrong one, in the unit of work.

    A locked-out technician's PIN is not compared. ``new_hash``: store it if the PIN
    is right. PostgreSQL: through the owner's ``pin_check`` / ``pin_set`` (the desk
    role cannot read the hash, nor write the count), on the server's clock. SQLite:
    here, on the unit of work's clock.
    """
    if not uow.db.is_sqlite:
        digest = _digest(pins.pin_params(uow.session, tech.id), pin)
        if new_hash is not None:
            return pins.pin_set(uow.session, tech.id, digest, new_hash)
        return pins.pin_check(uow.session, tech.id, digest)
    if not tech.active:
        return PinOutcome("unknown", 0, 0)
    if tech.locked_until is not None and tech.locked_until > uow.now:
        secs = max(1, math.ceil((tech.locked_until - uow.now).total_seconds()))
        return PinOutcome("locked", tech.failed_attempts, secs)
    if check_pin(pin, tech.pin_hash):
        failures = tech.failed_attempts
        if failures or tech.locked_until:
            tech.failed_attempts = 0
            tech.locked_until = None
        if new_hash is not None:
            tech.pin_hash = new_hash
        return PinOutcome("ok", failures, 0)
    tech.failed_attempts += 1
    wait = lock_seconds(tech.failed_attempts)
    if wait:
        tech.locked_until = uow.now + dt.timedelta(seconds=wait)
    return PinOutcome("wrong", tech.failed_attempts, wait)


def _too_many(wait: int) -> str:
    return f"Too many wrong PINs. Try again in {wait} seconds."


def sign_in(uow: UnitOfWork, username_or_badge: str, pin: str, *,
            record_success: bool = True) -> SignInResult:
    """Check a PIN. Audited, and committed whatever the outcome.

    The technician's row is locked while the PIN is checked, so parallel attempts
    are counted one after another: after :data:`MAX_FAILURES` wrong PINs in a row
    the account is locked (:func:`lock_seconds`: 60 s, then doubling), and a locked
    account's PIN is not even checked. The count goes back to 0 only on a right PIN.
    ``record_success=False`` (the CLI, whose every write names the technician anyway):
    a right PIN writes nothing unless a failure count had to be cleared.
    """
    tech = find_technician(uow, username_or_badge, for_update=True)
    if tech is None or not tech.active:
        return SignInResult(False, "Unknown technician or wrong PIN.")
    result = _attempt(uow, tech, pin)
    if result.outcome == "unknown":
        return SignInResult(False, "Unknown technician or wrong PIN.")
    if result.outcome == "locked":
        return SignInResult(False, _too_many(result.wait_seconds))
    if result.outcome == "ok":
        short = len(pin) < MIN_PIN_LENGTH
        if record_success or result.failures:
            flags = {"must_change_pin": True} if short else {}
            uow.audit("sign_in", tech, username=tech.username, **flags)
            uow.commit()
        return SignInResult(True, f"Signed in as {tech.display_name}.",
                            Actor(tech.username, tech.role, tech.id, current_os_user(),
                                  tech.site_id),
                            must_change_pin=short)
    uow.audit("sign_in_failed", tech, username=tech.username, failures=result.failures)
    uow.commit()
    if result.wait_seconds:
        return SignInResult(False, _too_many(result.wait_seconds))
    return SignInResult(False, "Unknown technician or wrong PIN.")


def change_pin(uow: UnitOfWork, username: str, old_pin: str, new_pin: str) -> None:
    """A technician replaces their own PIN (proving the old one). Audited.

    A wrong old PIN counts towards the lock-out as a wrong sign-in does (committed,
    then refused), and a locked-out technician cannot change their PIN.
    """
    validate_pin(new_pin)
    if new_pin == old_pin:
        raise InvalidInput("the new PIN must differ from the old one")
    tech = find_technician(uow, username, for_update=True)
    if tech is None or not tech.active:
        raise PermissionDenied("that PIN is not right")
    result = _attempt(uow, tech, old_pin, new_hash=hash_pin(new_pin))
    if result.outcome == "ok":
        uow.audit("pin_changed", tech, username=tech.username)
        uow.commit()
        return
    if result.outcome == "wrong":
        uow.audit("sign_in_failed", tech, username=tech.username, failures=result.failures,
                  during="pin_change")
        uow.commit()
    if result.wait_seconds:
        raise PermissionDenied(_too_many(result.wait_seconds))
    raise PermissionDenied("that PIN is not right")


def verify_pin(uow: UnitOfWork, pin: str) -> None:
    """Confirm the signed-in technician's PIN (e.g. before a leaver return); raises if wrong.

    Checked as a sign-in is (a locked-out technician is refused); the caller's work
    is rolled back on a wrong PIN, and with it the count.
    """
    if uow.actor.technician_id is None:
        return
    tech = uow.session.get(Technician, uow.actor.technician_id)
    if tech is None:
        raise PermissionDenied("that PIN is not right")
    result = _attempt(uow, tech, pin)
    if result.outcome == "locked":
        raise PermissionDenied(_too_many(result.wait_seconds))
    if result.outcome != "ok":
        raise PermissionDenied("that PIN is not right")
