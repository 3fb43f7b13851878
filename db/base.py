"""The declarative base every model shares, and the UTC datetime type (kept apart from the
models so the notices' tables (:mod:`db.notices`) can sit beside them without a circle)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import DateTime, MetaData, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC datetimes on every backend.

    SQLite has no time zones: values are stored as naive UTC and come back
    aware, so that comparisons and audit digests behave the same everywhere.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        value = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            # value.replace(tzinfo=dt.UTC), the same datetime (fold too) in a quarter of
            # the time: replace() parses its keywords at 0.65 µs a call on Python 3.11,
            # twice per scan (a loan's time out, the last encryption check's time)
            return dt.datetime.combine(value, value.time(), dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    #: tables whose rows are digested into the audit log
    __audited__: ClassVar[bool] = True
    #: columns left out of the row's audit digest (state a desk may not read or write)
    __digest_exclude__: ClassVar[frozenset[str]] = frozenset()
