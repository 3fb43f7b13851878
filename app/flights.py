"""A writing unit of work's statements on PostgreSQL, sent in as few round trips as they allow.

Over a WAN each round trip costs the network's latency, and a check-out used to be
nine of them. Here, with psycopg's pipeline (:func:`app.prepared.run_batch`):

* **reads ahead** — a service names the locking reads it is about to make
  (:meth:`app.uow.UnitOfWork.prefetch`); they go in one flight with the ``BEGIN``,
  the ids its new rows will take (from their sequences) and the audit chain's probe
  (:data:`app.audit.PROBE`), and its later ``fetch_one`` calls are answered from them;
* **its own BEGIN** — the connection is in autocommit (``Database.write_bind``) and
  the unit of work sends ``BEGIN`` with its first flight and ``COMMIT`` with its
  last: psycopg would send its own ``BEGIN`` and wait for it, a round trip alone;
* **writes held** — ``UPDATE``\\ s and ``INSERT``\\ s whose answer nothing waits for
  are held, and go with the next statement that needs an answer, or with the audit
  events and the ``COMMIT`` in the commit's one flight.

So a check-out or a check-in is two round trips. SQLite (in process, nothing to
save) runs every statement at once, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, func, select

from app.audit_chain import PROBE, Probe, probe_from
from app.prepared import Prepared, run_batch
from db.models import Base

#: (statement, parameter sets) waiting to go
Held = tuple[Prepared, list[dict[str, Any]]]

_ID_READS: dict[str, Prepared] = {}
#: what :meth:`app.uow.UnitOfWork.fetch_one` finds for a read not sent ahead
NOT_READ = object()


def next_ids(model: type[Base]) -> Prepared:
    """``n`` ids from the table's id sequence (PostgreSQL), one row each."""
    table = cast(Table, model.__table__)
    stmt = _ID_READS.get(table.name)
    if stmt is None:
        seq = func.pg_get_serial_sequence(table.name, "id")
        stmt = Prepared(select(func.nextval(seq))
                        .select_from(func.generate_series(1, bindparam("n"))), many=True)
        _ID_READS[table.name] = stmt
    return stmt


def read_key(read: Prepared, params: dict[str, Any]) -> tuple[Any, ...]:
    return (id(read), tuple(sorted(params.items())))


class Flights:
    """What a unit of work has read ahead, holds back, and knows of the audit chain."""

    def __init__(self, connection: Callable[[], Connection]) -> None:
        #: the unit of work's connection (made on first use)
        self.connection = connection
        #: answers of reads sent ahead, by :func:`read_key`
        self.ahead: dict[tuple[Any, ...], tuple[Any, ...] | None] = {}
        #: writes not sent yet, in order
        self.held: list[Held] = []
        #: table name -> ids taken from its sequence for rows not inserted yet
        self.ids: dict[str, list[int]] = {}
        #: the transaction's explicit BEGIN has been sent (the connection is in autocommit)
        self.begun = False
        #: the audit chain as the read-ahead flight found it, while it still holds: every
        #: row written since was locked (or made) by that flight
        self.probe: Probe | None = None

    def reset(self) -> None:
        """Forget everything: the transaction is being rolled back (its BEGIN with it)."""
        self.ahead.clear()
        self.held.clear()
        self.ids.clear()
        self.probe = None
        self.begun = False

    def take_id(self, table: str) -> int | None:
        ids = self.ids.get(table)
        return ids.pop(0) if ids else None

    def take_held(self) -> list[Held]:
        held, self.held = self.held, []
        return held

    def send(self, batch: list[Held], *, commit: bool = False) -> list[tuple[Any, ...] | None]:
        """The held writes, then ``batch`` (then ``COMMIT``), in one flight; ``batch``'s answers."""
        held = self.take_held()
        if self.begun and not held and not batch and not commit:
            return []
        if commit and not self.begun and not batch:
            return []  # nothing was sent: nothing to commit
        conn = self.connection()
        if not conn.in_transaction():
            conn.begin()  # SQLAlchemy's own bookkeeping; the driver is in autocommit
        begin, self.begun = not self.begun, True
        try:
            answers = run_batch(conn.connection.dbapi_connection, conn.dialect, held + batch,
                                begin=begin, commit=commit)
        finally:
            if commit:
                self.begun = False
        return answers[len(held):]

    def prefetch(self, reads: Sequence[tuple[Prepared, dict[str, Any]]],
                 ids: dict[type[Base], int | tuple[Prepared, dict[str, Any]]]) -> None:
        """:meth:`app.uow.UnitOfWork.prefetch`: ``reads``, ``ids`` and the probe, one flight.

        ``ids``: model -> how many ids to take from its sequence, or a read of its own
        that answers one id a row (when how many depends on the data).
        """
        batch: list[Held] = [(r, [p]) for r, p in reads]
        wanted = list(ids.items())
        for model, n in wanted:
            batch.append((next_ids(model), [{"n": n}]) if isinstance(n, int) else (n[0], [n[1]]))
        batch += [(stmt, [{}]) for stmt in PROBE]
        answers = self.send(batch)
        for (read, params), row in zip(reads, answers, strict=False):
            self.ahead[read_key(read, params)] = row
        for i, (model, _) in enumerate(wanted):
            taken = cast(tuple[tuple[int], ...], answers[len(reads) + i])
            self.ids.setdefault(str(model.__tablename__), []).extend(r[0] for r in taken)
        self.probe = probe_from(answers[-2], answers[-1])

    def probe_now(self) -> Probe:
        """The audit chain's probe, with whatever writes are held (one flight)."""
        head, unsealed = self.send([(stmt, [{}]) for stmt in PROBE])
        return probe_from(head, unsealed)
