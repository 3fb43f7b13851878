"""Machinery shared by the importers: column sizes, unique-value owners, writing, committing."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Hashable
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import String, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import Busy
from app.imports.report import ImportReport, RejectedRow
from app.uow import UnitOfWork
from db.models import Base

#: a record as the importer sees it: column name → value
Record = dict[str, Any]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def gc_paused(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``fn`` with Python's cyclic garbage collector paused (as it was, afterwards).

    An import allocates tens of thousands of records, rows and tuples in
    bursts. The collector counts allocations, not garbage, so those bursts set
    off full collections that walk every object in the process (≈ 70 ms on a
    20,000-row file, a sixth of the import) and find nothing: what an import
    builds holds no reference cycles and is freed by reference counting.
    """
    @functools.wraps(fn)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()

    return paused


def max_length(model: type[Base], column: str) -> int:
    """The declared size of a string column, so limits follow db/models.py."""
    sql_type = model.__table__.c[column].type
    assert isinstance(sql_type, String) and sql_type.length is not None, column
    return sql_type.length


def key_for_report(raw: str | None) -> str | None:
    """A row's code as written (trimmed, cut short if absurdly long) for :class:`RejectedRow`."""
    value = (raw or "").strip()
    return value[:100] or None


class Owners:
    """Who holds each value of a unique column, kept up to date as rows are accepted."""

    def __init__(self, records: dict[str, Record], column: str) -> None:
        self._owner: dict[Hashable, str] = {
            rec[column]: k for k, rec in records.items() if rec[column] is not None
        }

    def other_owner(self, value: Hashable | None, key: str) -> str | None:
        """The key of the record other than ``key`` holding ``value``, if any."""
        if value is None:
            return None
        owner = self._owner.get(value)
        return owner if owner is not None and owner != key else None

    def move(self, key: str, old: Hashable | None, new: Hashable | None) -> None:
        if old == new:
            return
        if old is not None and self._owner.get(old) == key:
            del self._owner[old]
        if new is not None:
            self._owner[new] = key


def load(session: Session, model: type[Base], key: str,
         columns: tuple[str, ...]) -> tuple[dict[str, int], dict[str, Record]]:
    """Every row of ``model`` in one query, as plain records: (ids, records), keyed by ``key``.

    Plain rows are several times cheaper than ORM objects; only the rows an
    import changes are loaded as objects, by :func:`write`.
    """
    table = model.__table__
    ids: dict[str, int] = {}
    records: dict[str, Record] = {}
    for row in session.execute(select(table.c.id, *(table.c[c] for c in columns))):
        record = dict(zip(columns, row[1:], strict=True))
        ids[record[key]] = row[0]
        records[record[key]] = record
    return ids, records


#: ids per ``IN (…)`` when loading the objects to update (well under every backend's limit)
CHUNK = 500


def write(uow: UnitOfWork, model: type[Base], key: str, ids: dict[str, int],
          changes: dict[str, Record], unique: tuple[str, ...]) -> dict[str, int]:
    """Apply accepted changes; returns the ids of the new rows by key.

    New rows go in with :meth:`UnitOfWork.insert_many` (plain records, one
    statement, each row's digest audited as for an ORM row): building ORM
    objects for thousands of rows cost several times the SQL. Changed rows
    are loaded as objects and updated through the session.

    Unique values can move between records within one file (a badge handed
    from one person to another). The database checks uniqueness row by row,
    so moved values are first released in a flush of their own; new rows
    only take values nobody holds once the file is applied, so inserting
    them before the updates are flushed cannot collide.
    """
    session = uow.session
    wanted = [ids[k] for k in changes if k in ids]
    id_column = model.__table__.c.id
    existing: dict[str, Base] = {}
    for start in range(0, len(wanted), CHUNK):
        query = select(model).where(id_column.in_(wanted[start:start + CHUNK]))
        existing.update((getattr(obj, key), obj) for obj in session.scalars(query))
    released = False
    for k, obj in existing.items():
        rec = changes[k]
        for column in unique:
            if getattr(obj, column) is not None and getattr(obj, column) != rec[column]:
                setattr(obj, column, None)
                released = True
    if released:
        session.flush()
    new_keys = [k for k in changes if k not in existing]
    created = dict(zip(new_keys, uow.insert_many(model, [changes[k] for k in new_keys]),
                       strict=True))
    for k, current in existing.items():
        for column, value in changes[k].items():
            if getattr(current, column) != value:
                setattr(current, column, value)
    return created


def count(report: ImportReport, old: Record | None, new: Record, *, more: bool = False) -> bool:
    """Count a row as created, updated or unchanged; True when it changes something.

    ``more`` says the row changes something besides the record (adds a check).
    """
    if old is None:
        report.created += 1
        return True
    if old == new and not more:
        report.unchanged += 1
        return False
    report.updated += 1
    return True


def reject(report: ImportReport, line: int, reason: str, raw_key: str | None) -> None:
    report.rejected.append(RejectedRow(line, reason, key_for_report(raw_key)))


def finish(uow: UnitOfWork, report: ImportReport, *, action: str, entity: str,
           source_name: str) -> None:
    """Audit and commit the import, unless it is a dry run or changes nothing."""
    if report.dry_run or not report.changed:
        return
    uow.audit(
        action, entity=entity, file=source_name, created=report.created,
        updated=report.updated, unchanged=report.unchanged, rejected=len(report.rejected),
    )
    try:
        uow.commit()
    except IntegrityError as exc:
        # Only a change made at the same moment at another desk can get here:
        # every unique value was checked against the rows loaded at the start.
        first = str(exc.orig).splitlines()[0] if exc.orig is not None else str(exc)
        raise Busy(
            "another desk changed the same records while the file was being imported; "
            f"nothing was imported, run the import again ({first})"
        ) from exc
