"""The yardstick the printing tests hold printouts to (tests/unit/printing/pdfs.py) is not
a rubber stamp: the smallest changes a person would notice on paper fail it."""

from __future__ import annotations

import pytest

from app.fingerprint import seal
from printing.render import render_receipt
from tests.unit.printing import samples
from tests.unit.printing.pdfs import assert_printed_matches


def receipt(**changes: object) -> bytes:
    content = samples.leaver_content()
    content.update(changes)
    return render_receipt(seal(content), samples.signature())


def test_the_same_document_matches_itself() -> None:
    pdf = receipt()
    assert_printed_matches(pdf, pdf)


@pytest.mark.parametrize("changed", [
    {"number": "R-2026-0043"},  # one digit (and so the QR code and verification code)
    {"items": [samples.leaver_item(1), samples.leaver_item(2, returned=False)]},  # a row less
    {"person": samples.person(last="Ó Briaim")},  # one letter of the name
])
def test_a_change_a_reader_would_notice_fails(changed: dict[str, object]) -> None:
    with pytest.raises(AssertionError, match="differs from the app's rendering"):
        assert_printed_matches(receipt(), receipt(**changed))


def test_another_paper_size_or_a_missing_copy_fails() -> None:
    a4 = receipt()
    with pytest.raises(AssertionError, match="printed 612.0 x 792.0 pt"):
        assert_printed_matches(a4, render_receipt(seal(samples.leaver_content()), samples.signature(),
                                                  size="Letter"))
    with pytest.raises(AssertionError):
        assert_printed_matches(a4, a4, copies=2)
