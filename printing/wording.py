"""How values are worded on paper: dates, kinds, conditions, outcomes.

Everything printed from user data goes through :func:`text` so names such as
``O'Brien & Sons <IT>`` cannot break the paragraph markup, and characters the
fonts cannot draw show as "�" (see :func:`printing.fonts.printable`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape

from printing.dates import date_text
from printing.fonts import printable

KIND_LABELS = {"laptop": "Laptop", "phone": "Phone", "tablet": "Tablet", "other": "Other"}
CONDITION_LABELS = {"ok": "Good", "damaged": "Damaged", "incomplete": "Incomplete"}
OUTCOME_LABELS = {"returned": "Returned", "not_returned": "Not returned", "lost": "Lost"}
#: how personal data on a device lent "with personal data" was dealt with at its return
DATA_LABELS = {"removed": "removed by the borrower", "wiped": "wiped by IT",
               "kept": "kept on the device for a handover"}
DASH = "—"


def text(value: Any) -> str:
    """Paragraph-safe, printable text; None and empty become a dash."""
    if value is None or value == "":
        return DASH
    return escape(printable(str(value)))


def kind_label(kind: str | None) -> str:
    if not kind:
        return DASH
    return KIND_LABELS.get(kind, kind.capitalize())


def condition_label(condition: str | None) -> str:
    if not condition:
        return DASH
    return CONDITION_LABELS.get(condition, condition.capitalize())


def outcome_label(outcome: str | None) -> str:
    if not outcome:
        return DASH
    return OUTCOME_LABELS.get(outcome, outcome.replace("_", " ").capitalize())


def data_label(item: Mapping[str, Any]) -> str | None:
    """"Personal data: wiped by IT" for an item lent with personal data (None: it was not).

    Plain text (not yet paragraph-safe); a note about the data follows a dash.
    """
    data = item.get("data")
    if not item.get("personal_data") and not data:
        return None
    if data:
        words = DATA_LABELS.get(str(data), str(data))
    elif item.get("outcome") == "returned":
        words = "how it was dealt with was not recorded"
    else:
        words = "still on the device (not returned)"
    note = item.get("data_note")
    return f"Personal data: {words}" + (f" — {note}" if note else "")


def make_model(item: Mapping[str, Any]) -> str:
    parts = [str(p) for p in (item.get("make"), item.get("model")) if p]
    return " ".join(parts)


def fmt_date(value: str | None) -> str:
    """``2026-12-31`` → ``31 Dec 2026``."""
    if not value:
        return DASH
    try:
        d = dt.date.fromisoformat(value[:10])
    except ValueError:
        return str(value)
    return date_text(d)


def fmt_datetime(value: str | None, zone: dt.tzinfo | None = None) -> str:
    """An ISO-8601 UTC instant in ``zone`` (the school's, ``app.timetable.school_zone``;
    None: the computer's): ``24 Nov 2026, 10:00 GMT``."""
    if not value:
        return DASH
    try:
        at = dt.datetime.fromisoformat(value)
    except ValueError:
        return str(value)
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    local = at.astimezone(zone)
    return f"{date_text(local)}, {local:%H:%M} {local:%Z}".rstrip()


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
