"""Templates and message builders: wording, escaping, a school's own files, broken ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.errors import InvalidInput
from app.notices.messages import Builder, Item, Recipient, School, long_date
from app.notices.preview import KINDS, sample
from app.notices.templates import DEFAULTS, PLACEHOLDERS, Templates, Values, fill, save_source

TODAY = dt.date(2026, 11, 24)
WHO = Recipient("Siân <O'Brien> & Co", "Siân", "sian@school.example", 7, "AB1")


def test_long_date_names_the_day() -> None:
    # 24 November 2026 is a Tuesday (any calendar)
    assert long_date(TODAY) == "Tuesday 24 November 2026"


def test_every_kind_has_all_three_parts_and_its_placeholders() -> None:
    assert set(DEFAULTS) == set(PLACEHOLDERS) == set(KINDS)
    builder = Builder(Templates(None), School("Example Academy"))
    for kind in KINDS:
        draft = sample(builder, kind, TODAY)
        assert draft.subject and "\n" not in draft.subject
        assert "Example Academy" in draft.text and "Example Academy" in draft.html
        assert "$" not in draft.text.replace("$$", "")


def test_html_escapes_values_but_not_the_builders_parts() -> None:
    builder = Builder(Templates(None), School("Smith & Jones <Academy>"))
    draft = builder.overdue(WHO, [Item("LT-<1>", "Laptop & case", TODAY)], "k", [])
    assert "Smith &amp; Jones &lt;Academy&gt;" in draft.html
    assert "LT-&lt;1&gt;" in draft.html and "<table" in draft.html
    assert "Smith & Jones <Academy>" in draft.text and "LT-<1>" in draft.text


def test_a_schools_own_template_is_used_and_a_broken_one_falls_back(tmp_path: Path) -> None:
    templates = Templates(tmp_path)
    save_source(templates, "overdue", "subject", "Bring back your kit, $first_name")
    (tmp_path / "overdue.txt").write_text("Hello $nickname", encoding="utf-8")
    draft = Builder(templates, School("Example Academy")).overdue(
        WHO, [Item("LT-0001", "Laptop")], "k", [])
    assert draft.subject == "Bring back your kit, Siân"
    assert draft.text.startswith("Dear Siân,")  # the broken body fell back to the default
    save_source(templates, "overdue", "subject", "")
    assert not (tmp_path / "overdue.subject.txt").exists()


def test_fill_names_the_unknown_placeholder_and_a_stray_dollar() -> None:
    values = Values({"school": "X"}, {})
    with pytest.raises(InvalidInput, match=r"\$nickname, which this notice does not have"):
        fill("Hi $nickname", "text", values)
    with pytest.raises(InvalidInput, match="stray"):
        fill("costs $5", "text", values)
    assert fill("costs $$5 at $school", "text", values) == "costs $5 at X"


def test_a_subject_is_one_line() -> None:
    assert fill("a\nb  c", "subject", Values({}, {})) == "a b c"


def test_a_receipt_copy_to_someone_without_email_goes_to_hr() -> None:
    builder = Builder(Templates(None), School("Example Academy"))
    nobody = Recipient("No Mail", "No", None, 3, "NM1")
    draft = builder.receipt_copy(nobody, "R-2026-0001", "Return of school property", "",
                                 "receipt_copy:R-2026-0001", ["hr@school.example"])
    assert draft.to == ["hr@school.example"] and draft.cc == []
    assert draft.receipt_number == "R-2026-0001"
