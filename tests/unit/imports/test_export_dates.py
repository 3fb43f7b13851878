"""Dates in an asset export, in each display format Snipe-IT offers.

The formats are Snipe-IT's own list (its date-display-format select component, a Blade
view in snipe/snipe-it: ``'Y-m-d', 'D M d, Y', 'M j, Y', 'd M, Y', 'm/d/Y', 'n/d/y',
'd/m/Y', 'd.m.Y', 'Y.m.d.'``), each written out by hand for 19 August 2024 (a Monday);
date-and-time columns add its time format (``h:i A``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.imports.cells import RowRejected
from app.imports.export_dates import export_date

DAY = dt.date(2024, 8, 19)


@pytest.mark.parametrize("cell", [
    "2024-08-19",  # Y-m-d (Snipe-IT's default)
    "Mon Aug 19, 2024",  # D M d, Y
    "Aug 19, 2024",  # M j, Y
    "19 Aug, 2024",  # d M, Y
    "19/08/2024",  # d/m/Y
    "19.08.2024",  # d.m.Y
    "2024.08.19.",  # Y.m.d.
    "2024-08-19 10:15 AM",  # a Checkout Date: date and h:i A
    "Mon Aug 19, 2024 10:15PM",
    "2024-08-19T10:15:00Z",  # an API dump's ISO 8601
    "19 August 2024",
])
def test_every_snipeit_display_format(cell: str) -> None:
    assert export_date(cell, "Purchase Date") == DAY


def test_slashes_are_day_first_and_blank_is_none() -> None:
    assert export_date("01/02/2024", "Purchase Date") == dt.date(2024, 2, 1)
    assert export_date("  ", "Purchase Date") is None


@pytest.mark.parametrize(("cell", "reason"), [
    ("31/02/2024", "Purchase Date '31/02/2024' is not a real date"),
    ("8/19/24", "Purchase Date '8/19/24' is not a date (e.g. 2024-08-19 or 19/08/2024)"),
    ("Foo 19, 2024", "Purchase Date 'Foo 19, 2024' is not a date (e.g. 2024-08-19 or "
                     "19/08/2024)"),
])
def test_what_is_not_a_date_says_so(cell: str, reason: str) -> None:
    with pytest.raises(RowRejected) as caught:
        export_date(cell, "Purchase Date")
    assert caught.value.reason == reason
