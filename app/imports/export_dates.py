"""Dates as an asset system's export shows them, for the optional columns of an asset
import (Purchase Date, Checkout Date, Expected Checkin Date).

Snipe-IT writes dates in its display format, which a school chooses in its settings:
``2024-08-19`` (the default), ``Mon Aug 19, 2024``, ``Aug 19, 2024``, ``19 Aug, 2024``,
``19/08/2024``, ``19.08.2024``, ``2024.08.19.``; date-and-time columns add a time
(``10:15 AM``). All of these are read; a date with slashes is day first (a UK school's
setting), as everywhere else in Loan Kiosk. The staff import stays strict
(:func:`app.imports.cells.date`): a leaving date decides who may borrow.
"""

from __future__ import annotations

import datetime as dt
import re

from app.imports import cells
from app.imports.cells import RowRejected, shown

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_TIME = re.compile(r"[ T,]+[0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?\s*([AaPp][Mm])?"
                   r"(Z|[+-][0-9]{2}:?[0-9]{2})?$")
_WEEKDAY = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_NUMERIC = (
    (re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"), "ymd"),
    (re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})"), "dmy"),
    (re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})"), "dmy"),
    (re.compile(r"([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})\.?"), "ymd"),
)
_MONTH_FIRST = re.compile(r"([A-Za-z]{3,9})\.?\s+([0-9]{1,2}),?\s+([0-9]{4})")
_DAY_FIRST = re.compile(r"([0-9]{1,2})\s+([A-Za-z]{3,9})\.?,?\s+([0-9]{4})")


def _month(name: str) -> int | None:
    return _MONTHS.get(name[:3].casefold())


def export_date(raw: str | None, label: str) -> dt.date | None:
    """The date in an export's cell (with or without a time), or None when blank."""
    value = cells.text(raw, label, 60)
    if value is None:
        return None
    text = _WEEKDAY.sub("", _TIME.sub("", value)).strip()
    parts: tuple[int, int, int] | None = None
    for pattern, order in _NUMERIC:
        if found := pattern.fullmatch(text):
            a, b, c = (int(g) for g in found.groups())
            parts = (a, b, c) if order == "ymd" else (c, b, a)
            break
    if parts is None and (found := _MONTH_FIRST.fullmatch(text)):
        month = _month(found.group(1))
        parts = (int(found.group(3)), month, int(found.group(2))) if month else None
    if parts is None and (found := _DAY_FIRST.fullmatch(text)):
        month = _month(found.group(2))
        parts = (int(found.group(3)), month, int(found.group(1))) if month else None
    if parts is None:
        raise RowRejected(f"{label} {shown(value)} is not a date (e.g. 2024-08-19 or 19/08/2024)")
    try:
        return dt.date(*parts)
    except ValueError:
        raise RowRejected(f"{label} {shown(value)} is not a real date") from None
