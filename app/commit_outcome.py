"""A commit whose answer was lost with the connection to the database server.

If the connection breaks while the server commits, the server may have committed or
not: the client cannot tell. :class:`app.uow.UnitOfWork` then asks again on a fresh
connection whether the work's last audit event is in the log (its content is known
before the commit; its number and hash too when it sealed its own events): there, it
was saved; absent, it was not. When the server cannot be asked either,
:class:`~app.errors.CommitOutcomeUnknown` says so and names the audit anchor that
settles it later (``loan-kiosk audit verify --anchor``), when the work sealed its events.
Such work is never retried by itself: doing it again might do it twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError, OperationalError

from app import anchors
from app.errors import Busy, CommitOutcomeUnknown
from app.retry import sqlstate_of
from db.models import AuditEvent

log = logging.getLogger(__name__)

NOT_SAVED = ("the connection to the database server was lost while saving; it was checked "
             "afterwards and nothing was saved: try again")


def run_after_commit(steps: list[Callable[[], object]]) -> None:
    """Run (and take out) the steps a unit of work keeps for after its commit
    (``UnitOfWork.after_commit``: a receipt's PDF given its final name); never run if it rolls
    back. A failure is logged, not raised: the work is saved, and each step is one that is
    finished again later (:func:`app.services.documents.staging.recover`)."""
    while steps:
        step = steps.pop(0)
        try:
            step()
        except Exception:  # noqa: BLE001 - committed: the step is redone at the next start
            log.exception("a step after the commit failed (it is redone later)")


def connection_lost(exc: OperationalError) -> bool:
    """The server's connection broke (not a refusal by the server, nor SQLite)."""
    orig = exc.orig
    if orig is None or type(orig).__module__.startswith("sqlite3"):
        return False
    state = sqlstate_of(exc)
    return bool(exc.connection_invalidated or state is None or state.startswith("08"))


def was_saved(engine: Engine, last: dict[str, Any], attempts: int = 2) -> bool | None:
    """Whether the audit log holds event ``last`` (its row, :func:`app.audit.last_written`):
    by its number and hash when it was sealed in its own transaction, else by its content
    (its time, technician, action and details; sealed later by whichever desk held the
    head), or by how its details start and end when the database wrote the ids in them (a
    stocktake scan: :mod:`app.services.stocktake_rows`). None when the server cannot be asked."""
    if last.get("hash") is not None:
        query = select(AuditEvent.id).where(AuditEvent.seq == last["seq"],
                                            AuditEvent.hash == last["hash"])
    elif "details" not in last:  # written by a statement of its own: the database chose its ids
        query = select(AuditEvent.id).where(
            AuditEvent.action == last["action"], AuditEvent.at == last["at"],
            AuditEvent.actor == last["actor"],
            AuditEvent.details.startswith(last["details_start"], autoescape=True),
            AuditEvent.details.endswith(last["details_end"], autoescape=True)).limit(1)
    else:
        query = select(AuditEvent.id).where(
            AuditEvent.action == last["action"], AuditEvent.at == last["at"],
            AuditEvent.actor == last["actor"], AuditEvent.details == last["details"]).limit(1)
    for _ in range(attempts):  # the first connection out of the pool may be a dead one too
        try:
            with engine.connect() as conn:
                found = conn.execute(query).first()
                conn.rollback()
        except DBAPIError:
            continue
        return found is not None
    return None


def settle(engine: Engine, last: dict[str, Any] | None, exc: OperationalError,
           conn: Connection | None = None) -> None:
    """Return if the work whose commit lost its connection was saved; raise otherwise
    (:class:`~app.errors.Busy`: it was not; :class:`~app.errors.CommitOutcomeUnknown`:
    nobody can tell yet). ``conn``, the unit of work's, is dead: marked so, it is never
    rolled back or reused (a flight's error reaches SQLAlchemy only through us)."""
    if conn is not None and not conn.invalidated:
        conn.invalidate()
    saved = was_saved(engine, last) if last is not None else None
    if saved:
        log.warning("the connection was lost while committing; its last audit event (%s) is "
                    "in the log: the work was saved", last["action"] if last else "?")
        return
    if saved is False:
        raise Busy(NOT_SAVED) from exc
    where = ("the server could not be asked afterwards. Do not do it again yet: when the "
             "server is back, check what the desk shows for it")
    token = None
    if last is not None and last.get("hash") is not None:
        token = anchors.for_event(int(last["seq"]), str(last["hash"])).token
        where = ("the server could not be asked afterwards. Do not do it again yet: when the "
                 f"server is back, 'loan-kiosk audit verify --anchor {token}' holds if it was "
                 "saved and fails, naming that anchor, if it was not")
    raise CommitOutcomeUnknown("the connection to the database server was lost while saving, "
                               f"so whether it was saved is not known: {where}", token) from exc
