"""PostgreSQL: checking and setting a PIN through the owner's functions (migration
``i18_pin_check``), so that a desk never reads a PIN hash. SQLite has no such
functions: app/services/technicians.py checks PINs in Python there."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class PinOutcome:
    #: ``ok``, ``wrong`` (counted), ``locked`` (not even compared) or ``unknown``
    outcome: str
    #: wrong PINs in a row now (``ok``: the count the right PIN cleared)
    failures: int
    #: seconds the technician must wait (0: not locked out)
    wait_seconds: int


def pin_params(session: Session, technician_id: int) -> str | None:
    """``scrypt$N$r$p$salt`` of an active technician's PIN hash (None: none usable)."""
    return session.execute(text("SELECT pin_params(:t)"), {"t": technician_id}).scalar_one()


def pin_check(session: Session, technician_id: int, digest: str | None) -> PinOutcome:
    """Compare a PIN's digest in the database, counting a wrong one, in the session's
    transaction (the technician's row stays locked until it ends)."""
    row = session.execute(text("SELECT outcome, failures, wait_seconds FROM pin_check(:t, :d)"),
                          {"t": technician_id, "d": digest}).one()
    return PinOutcome(row[0], row[1], row[2])


def pin_set(session: Session, technician_id: int, old_digest: str | None,
            new_hash: str) -> PinOutcome:
    """Check the old PIN's digest as :func:`pin_check` does; if right, store ``new_hash``."""
    row = session.execute(
        text("SELECT outcome, failures, wait_seconds FROM pin_set(:t, :d, :h)"),
        {"t": technician_id, "d": old_digest, "h": new_hash}).one()
    return PinOutcome(row[0], row[1], row[2])
