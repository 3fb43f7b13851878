"""Cell checks: what is stored as written, what is refused, and how the reason reads."""

from __future__ import annotations

import datetime as dt

import pytest

from app.imports import cells
from app.imports.cells import RowRejected
from app.keys import staff_key


def rejected(fn, *args, **kwargs) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(RowRejected) as caught:
        fn(*args, **kwargs)
    return caught.value.reason


@pytest.mark.parametrize(
    "value",
    ["=HYPERLINK(\"http://evil\",\"x\")", "+44 7700 900123", "-5", "@SUM(A1)", "Zoë 🚀👩🏽‍💻",
     "\u200fمحمد\u200f", "O'Brien", "Smith\u00a0Jr", "Ω≈ç√∫"],
)
def test_text_is_kept_faithfully(value: str) -> None:
    assert cells.text(value, "Forename", 200) == value


def test_text_trims_and_blank_is_none() -> None:
    assert cells.text("  Ann \t", "Forename", 200) == "Ann"
    assert cells.text(" \u00a0 ", "Forename", 200) is None
    assert cells.text(None, "Forename", 200) is None


def test_too_long_names_the_field_and_sizes() -> None:
    assert rejected(cells.text, "x" * 10_000, "Surname", 200) == (
        "Surname is too long (10000 characters, at most 200)"
    )
    assert cells.text("x" * 200, "Surname", 200) == "x" * 200


@pytest.mark.parametrize(("value", "char"), [("A\x00B", "U+0000"), ("A\x07B", "U+0007)"),
                                             ("A\x1b[31mB", "U+001B"), ("A\x7fB", "U+007F"),
                                             ("A\x85B", "U+0085")])
def test_control_characters_are_refused(value: str, char: str) -> None:
    reason = rejected(cells.text, value, "Forename", 200)
    assert reason.startswith(f"Forename contains a control character ({char}")


@pytest.mark.parametrize("value", ["Ann\nMarie", "Ann\rMarie", "Ann\u2028Marie"])
def test_single_line_fields_refuse_line_breaks(value: str) -> None:
    assert rejected(cells.text, value, "Forename", 200) == "Forename must be on one line"


def test_multiline_fields_keep_line_breaks_and_tabs_but_not_nul() -> None:
    assert cells.text("Charger\r\nBag\tgrey", "Notes", 500, multiline=True) == "Charger\r\nBag\tgrey"
    assert "control character (U+0000" in rejected(cells.text, "a\x00b", "Notes", 500,
                                                   multiline=True)


def test_codes_refuse_invisible_characters() -> None:
    reason = rejected(cells.text, "AB\u200f1", "Staff Code", 64, code=True)
    assert reason == "Staff Code contains an invisible character (U+200F RIGHT-TO-LEFT MARK)"
    assert cells.text("AB\u200f1", "Forename", 64) == "AB\u200f1"


def test_key_that_grows_when_normalised_is_refused() -> None:
    # U+FDFA normalises (NFKC) to 18 characters
    code = "\ufdfa" * 4
    # a code is stored NFKC-normalised (issue 18), so the cell itself is too long...
    assert "Staff Code is too long (72 characters, at most 64)" in rejected(
        cells.text, code, "Staff Code", 64, code=True)
    # ...and a key that grows is refused too, whatever the text stored
    assert "too long once normalised (72 characters, at most 64)" in rejected(
        cells.key, code, "Staff Code", 64, staff_key)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2027-08-31", dt.date(2027, 8, 31)), ("31/08/2027", dt.date(2027, 8, 31)),
     ("1/9/2027", dt.date(2027, 9, 1)), (" 2027-8-1 ", dt.date(2027, 8, 1)), ("", None)],
)
def test_dates(value: str, expected: dt.date | None) -> None:
    assert cells.date(value, "Leaving Date") == expected


@pytest.mark.parametrize("value", ["31/02/2027", "2027-13-01", "00/01/2027"])
def test_impossible_dates(value: str) -> None:
    assert rejected(cells.date, value, "Leaving Date") == f"Leaving Date '{value}' is not a real date"


@pytest.mark.parametrize("value", ["next summer", "08/31/27", "2027/08/31", "31.08.2027", "४/५/२०२७"])
def test_unreadable_dates(value: str) -> None:
    assert "is not a date (write it as YYYY-MM-DD or DD/MM/YYYY)" in rejected(
        cells.date, value, "Leaving Date")


@pytest.mark.parametrize(("value", "expected"), [("Yes", True), ("y", True), ("TRUE", True),
                                                 ("1", True), ("no", False), ("N", False),
                                                 ("false", False), ("0", False), (" ", None)])
def test_yes_no(value: str, expected: bool | None) -> None:
    assert cells.yes_no(value, "Encrypted") is expected


def test_yes_no_refuses_anything_else() -> None:
    assert rejected(cells.yes_no, "maybe", "Encrypted") == "Encrypted 'maybe' is not yes or no"


def test_whole_number() -> None:
    assert cells.whole_number(" 417 ", "Snipe-IT ID") == 417
    assert cells.whole_number("", "Snipe-IT ID") is None
    assert "is not a whole number" in rejected(cells.whole_number, "4.5", "Snipe-IT ID")
    assert "is not a whole number" in rejected(cells.whole_number, "-3", "Snipe-IT ID")
    assert "out of range (1 to 2147483647)" in rejected(cells.whole_number, "2147483648", "ID")
    assert "out of range" in rejected(cells.whole_number, "0", "ID")


def test_excel_rounded_numbers_are_refused() -> None:
    assert "was rounded by Excel" in rejected(cells.not_excel_rounded, "3.56938E+14", "IMEI")
    assert cells.not_excel_rounded("356938035643809", "IMEI") == "356938035643809"


def test_shown_escapes_and_shortens() -> None:
    assert cells.shown("a\x1b[2Jb") == "'a\\u001b[2Jb'"
    assert cells.shown("x" * 100) == "'" + "x" * 39 + "…'"
    assert cells.shown("\u202eevil") == "'\\u202eevil'"
