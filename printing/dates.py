"""How a date is written, everywhere: on paper, at the desk and at the command line.

``7 Dec 2026``, ``Mon 7 Dec 2026``, ``Mon 7``, ``7 Dec 2026 14:05``. The day is written
without a leading zero by formatting the number, never with strftime's ``%-d``, which
exists only in the C libraries of Linux and macOS (Windows raises ``ValueError``).
Standard library only, so every floor can use it without loading ReportLab.
"""

from __future__ import annotations

import datetime as dt


def date_text(value: dt.date, *, weekday: bool = False, month: bool = True,
              year: bool = True) -> str:
    """``7 Dec 2026``; with ``weekday`` ``Mon 7 Dec 2026``; ``month``/``year`` false leave
    those out (for the first half of a range: ``Mon 30 Nov``, ``Mon 23``).

    A datetime is written as its own calendar date: callers convert to local time first.
    """
    parts = [f"{value:%a}"] if weekday else []
    parts.append(str(value.day))
    if month:
        parts.append(f"{value:%b}")
        if year:
            parts.append(f"{value:%Y}")
    return " ".join(parts)


def date_time_text(at: dt.datetime) -> str:
    """``7 Dec 2026 14:05``: the instant as given (callers choose the time zone)."""
    return f"{date_text(at)} {at:%H:%M}"
