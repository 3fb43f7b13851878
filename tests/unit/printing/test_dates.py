"""One date formatter for paper, desk and command line, without strftime's ``%-d``."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest

from printing.dates import date_text, date_time_text

ROOT = Path(__file__).resolve().parents[3]


def test_the_forms_a_person_reads() -> None:
    # 7 December 2026 is a Monday (calendar: 1 Dec 2026 is a Tuesday)
    day = dt.date(2026, 12, 7)
    assert date_text(day) == "7 Dec 2026"
    assert date_text(day, weekday=True) == "Mon 7 Dec 2026"
    assert date_text(day, weekday=True, year=False) == "Mon 7 Dec"
    assert date_text(day, weekday=True, month=False) == "Mon 7"
    assert date_text(dt.date(2026, 1, 31)) == "31 Jan 2026"
    assert date_time_text(dt.datetime(2026, 12, 7, 9, 5)) == "7 Dec 2026 09:05"


def test_a_datetime_is_written_as_its_own_date() -> None:
    at = dt.datetime(2026, 12, 7, 23, 30, tzinfo=dt.UTC)
    assert date_text(at) == "7 Dec 2026"


@pytest.mark.skipif(sys.platform == "win32", reason="%-d is what Windows lacks")
def test_same_text_as_the_glibc_formats_it_replaces() -> None:
    for offset in range(0, 400, 7):
        day = dt.date(2026, 1, 1) + dt.timedelta(days=offset)
        assert date_text(day) == day.strftime("%-d %b %Y")
        assert date_text(day, weekday=True) == day.strftime("%a %-d %b %Y")
        assert date_text(day, weekday=True, year=False) == day.strftime("%a %-d %b")
        assert date_text(day, weekday=True, month=False) == day.strftime("%a %-d")


def test_no_code_uses_a_format_windows_does_not_have() -> None:
    pattern = re.compile(r"""strftime\([^)]*%-|['"][^'"\n]*%-[a-zA-Z][^'"\n]*['"]""")
    offenders = [str(p.relative_to(ROOT)) for folder in ("app", "db", "printing", "ink", "ui")
                 for p in (ROOT / folder).rglob("*.py") if pattern.search(p.read_text("utf-8"))]
    assert offenders == []
