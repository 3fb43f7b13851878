"""Run a short transaction again when another desk got in the way.

Two desks writing at the same moment are refereed by the database: SQLite
makes one wait (busy timeout) and, past the timeout, says "database is
locked"; PostgreSQL may abort one side of a deadlock (SQLSTATE 40P01), a
serializable transaction that lost a race (40001) or a ``NOWAIT`` lock (55P03).
Each of those leaves nothing behind (the transaction was rolled back), so the
whole unit of work can simply run again. :func:`run_with_retry` does that a
bounded number of times, telling the technician "another desk is busy, trying
again…" through a callback, and then gives up with :class:`~app.errors.Busy`.

Only transient conflicts are retried. A refusal (``already on loan to …``),
bad input, or a database that cannot be reached at all is raised at once.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError

from app.errors import Busy

T = TypeVar("T")

BUSY_MESSAGE = "another desk is busy, trying again…"
GAVE_UP_MESSAGE = ("another desk kept the database busy; nothing was changed. "
                   "Try again in a moment")
#: PostgreSQL SQLSTATEs that mean "lost a race, run the transaction again"
RETRYABLE_SQLSTATES = frozenset({
    "40001",  # serialization_failure
    "40P01",  # deadlock_detected
    "55P03",  # lock_not_available
})
#: words SQLite uses for SQLITE_BUSY / SQLITE_LOCKED
_SQLITE_BUSY_WORDS = ("database is locked", "database table is locked", "database is busy",
                      "database schema is locked")

DEFAULT_ATTEMPTS = 6


def sqlstate_of(exc: BaseException) -> str | None:
    """The SQLSTATE of a database error (psycopg, or wrapped by SQLAlchemy), if any."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    return state if isinstance(state, str) else None


def is_transient(exc: BaseException) -> bool:
    """True when ``exc`` (or what it wraps) is a conflict that a fresh attempt can win."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if sqlstate_of(current) in RETRYABLE_SQLSTATES:
            return True
        orig = current.orig if isinstance(current, DBAPIError) else current
        if type(orig).__module__.startswith("sqlite3") or type(orig).__name__ == "OperationalError":
            text = str(orig).lower()
            if any(word in text for word in _SQLITE_BUSY_WORDS):
                return True
        current = current.__cause__ or current.__context__
    return False


def backoff(attempt: int, *, base: float = 0.05, cap: float = 1.0) -> float:
    """Seconds to wait before attempt ``attempt + 1``: exponential with full jitter."""
    return random.uniform(0, min(cap, base * (2 ** attempt)))


def run_with_retry(
    fn: Callable[[], T],
    *,
    on_retry: Callable[[str], None] | None = None,
    attempts: int = DEFAULT_ATTEMPTS,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Call ``fn`` (one whole unit of work); run it again after a transient conflict.

    ``fn`` must open its own unit of work so that each attempt is a fresh
    transaction. ``on_retry`` is told :data:`BUSY_MESSAGE` before each new
    attempt (the desk shows it; the CLI prints it to stderr). After
    ``attempts`` tries the last conflict is raised as :class:`Busy`.
    """
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    for attempt in range(attempts):
        try:
            return fn()
        except Exception as exc:
            if not is_transient(exc):
                raise
            if attempt == attempts - 1:
                raise Busy(GAVE_UP_MESSAGE) from exc
            if on_retry is not None:
                on_retry(BUSY_MESSAGE)
            sleep(backoff(attempt))
    raise AssertionError("unreachable")  # pragma: no cover


def friendly_operational(exc: OperationalError) -> str:
    """What to tell a person when the database refused or could not be reached."""
    text = str(exc.orig) if exc.orig is not None else str(exc)
    if is_transient(exc) or "locked" in text or "busy" in text:
        return "another desk is busy with the database; try again in a moment"
    first = text.splitlines()[0] if text else str(exc)
    state = sqlstate_of(exc)
    server = not type(exc.orig).__module__.startswith("sqlite3")
    if server and (exc.connection_invalidated or state is None or state.startswith("08")):
        return f"the database server cannot be reached; check it is running and try again ({first})"
    return f"cannot use the database: {first}"
