"""UTCDateTime reads a stored time back as the same aware UTC datetime whichever way it
builds it: a naive SQLite value gains UTC (its fold kept), an aware one is converted."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.dialects import postgresql, sqlite

from db.base import UTCDateTime


def test_a_naive_stored_time_comes_back_as_replace_would_make_it() -> None:
    t = UTCDateTime()
    for naive in (dt.datetime(2026, 3, 29, 1, 30, 0, 123456), dt.datetime(1, 1, 1),
                  dt.datetime(9999, 12, 31, 23, 59, 59, 999999),
                  dt.datetime(2026, 10, 25, 1, 30, fold=1)):
        got = t.process_result_value(naive, sqlite.dialect())
        want = naive.replace(tzinfo=dt.UTC)
        assert got == want and got is not None
        assert (got.tzinfo, got.fold, type(got)) == (dt.UTC, want.fold, dt.datetime)
        assert got.isoformat() == want.isoformat()


def test_an_aware_stored_time_is_converted_to_utc() -> None:
    aware = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    got = UTCDateTime().process_result_value(aware, postgresql.dialect())
    assert got == aware and got is not None and got.tzinfo == dt.UTC and got.hour == 10
    assert UTCDateTime().process_result_value(None, sqlite.dialect()) is None
