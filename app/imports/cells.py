"""Checking and converting one cell: text, codes, dates, yes/no, whole numbers.

A bad cell raises :class:`RowRejected`; the importer leaves that row out and
reports the reason with the row's line number. Values quoted in reasons go
through :func:`shown`, so a hostile cell cannot smuggle control sequences
into a terminal or a dialog.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable

from app.keys import mixed_scripts

#: characters allowed in multi-line text (notes, accessories) despite being controls
MULTILINE_CONTROLS = frozenset("\t\n\r")
_LINE_BREAKS = frozenset("\u2028\u2029")


class RowRejected(Exception):
    """This row cannot be imported; ``reason`` says why, in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def shown(value: str, limit: int = 40) -> str:
    """``value`` quoted for a message: controls and invisibles escaped, long text cut short."""
    out = []
    for c in value:
        out.append(c if c.isprintable() and unicodedata.category(c) != "Cf" else f"\\u{ord(c):04x}")
    text = "".join(out)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'"


def _char_name(c: str) -> str:
    name = unicodedata.name(c, "")
    return f"U+{ord(c):04X} {name}".rstrip()


def text(raw: str | None, label: str, max_len: int, *, multiline: bool = False,
         code: bool = False) -> str | None:
    """Cleaned cell text, or None when blank.

    Surrounding whitespace is trimmed; everything else is kept as written
    (formula-looking text, emoji, right-to-left marks in names...), except what
    cannot be stored or used faithfully: control characters (line breaks are
    allowed in ``multiline`` fields), invisible formatting characters in a
    ``code`` that people type or scan, and text longer than the column.
    """
    if raw is None:
        return None
    value = raw.strip()
    if code:  # full-width "ＬＴ-０００１" is "LT-0001": store it as people will scan it
        value = unicodedata.normalize("NFKC", value).strip()
    if not value:
        return None
    if code and (scripts := mixed_scripts(value)):
        raise RowRejected(f"{label} {shown(value)} mixes letters from different alphabets ("
                          + " and ".join(s.title() for s in scripts)
                          + "), so it would look like another code: type it again")
    if len(value) > max_len:
        raise RowRejected(f"{label} is too long ({len(value)} characters, at most {max_len})")
    if value.isprintable():
        # the common case, checked in one go: printable text holds no control,
        # line-break or format (Cf) character, so nothing below could refuse it
        return value
    for c in value:
        category = unicodedata.category(c)
        if category == "Cc" and not (multiline and c in MULTILINE_CONTROLS):
            if c in "\r\n":
                raise RowRejected(f"{label} must be on one line")
            raise RowRejected(f"{label} contains a control character ({_char_name(c)})")
        if c in _LINE_BREAKS and not multiline:
            raise RowRejected(f"{label} must be on one line")
        if code and category == "Cf":
            raise RowRejected(f"{label} contains an invisible character ({_char_name(c)})")
    return value


def key(value: str, label: str, max_len: int, normalise: Callable[[str], str]) -> str:
    """The lookup key of a code, checked to fit its column (normalising can lengthen text)."""
    result = normalise(value)
    if not result:
        raise RowRejected(f"{label} {shown(value)} has no usable characters")
    if len(result) > max_len:
        raise RowRejected(
            f"{label} is too long once normalised ({len(result)} characters, at most {max_len})"
        )
    return result


_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_UK_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")


def date(raw: str | None, label: str) -> dt.date | None:
    """A date written YYYY-MM-DD or DD/MM/YYYY (UK order), or None when blank."""
    if raw is None or not raw.strip():
        return None  # most rows leave it blank: :func:`text` would say None too
    value = text(raw, label, 40)
    if value is None:
        return None
    if match := _ISO_DATE.fullmatch(value):
        y, m, d = (int(g) for g in match.groups())
    elif match := _UK_DATE.fullmatch(value):
        d, m, y = (int(g) for g in match.groups())
    else:
        raise RowRejected(
            f"{label} {shown(value)} is not a date (write it as YYYY-MM-DD or DD/MM/YYYY)"
        )
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise RowRejected(f"{label} {shown(value)} is not a real date") from None


_TRUE = frozenset({"yes", "y", "true", "t", "1"})
_FALSE = frozenset({"no", "n", "false", "f", "0"})


def yes_no(raw: str | None, label: str) -> bool | None:
    """yes/no, true/false, y/n, 1/0 (any case), or None when blank."""
    value = text(raw, label, 40)
    if value is None:
        return None
    folded = value.casefold()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise RowRejected(f"{label} {shown(value)} is not yes or no")


#: the largest value of a 32-bit SQL INTEGER column
MAX_INT = 2**31 - 1


def whole_number(raw: str | None, label: str) -> int | None:
    """A positive whole number that fits an INTEGER column, or None when blank."""
    value = text(raw, label, 40)
    if value is None:
        return None
    if not re.fullmatch(r"[0-9]+", value):
        raise RowRejected(f"{label} {shown(value)} is not a whole number")
    number = int(value)
    if not 1 <= number <= MAX_INT:
        raise RowRejected(f"{label} {shown(value)} is out of range (1 to {MAX_INT})")
    return number


_EXCEL_ROUNDED = re.compile(r"[0-9](\.[0-9]+)?E\+[0-9]+", re.IGNORECASE)


def not_excel_rounded(value: str | None, label: str) -> str | None:
    """Refuse a long number Excel has turned into scientific notation (digits are lost)."""
    if value is not None and _EXCEL_ROUNDED.fullmatch(value):
        raise RowRejected(
            f"{label} {shown(value)} was rounded by Excel; format the column as Text and export again"
        )
    return value

