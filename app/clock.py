"""The one place that reads the wall clock, so tests and the demo can pin time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def fixed_clock(at: dt.datetime) -> Clock:
    def _now() -> dt.datetime:
        return at

    return _now


def local_date(at: dt.datetime) -> dt.date:
    """The calendar date at the desk (local time) for a UTC instant."""
    return at.astimezone().date()
