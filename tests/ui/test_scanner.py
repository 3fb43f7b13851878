"""The wedge-scanner filter: a fast burst is a scan even in a text field; typing is typing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from app.config import ScannerSettings
from tests.ui.keys import scan, type_slowly
from ui.scanner import ScanFilter


@pytest.fixture
def form(qtbot) -> Iterator[tuple[QWidget, QLineEdit, ScanFilter, list[str]]]:  # type: ignore[no-untyped-def]
    w = QWidget()
    lay = QVBoxLayout(w)
    edit = QLineEdit()
    edit.setAccessibleName("Notes")
    lay.addWidget(edit)
    qtbot.addWidget(w)
    w.show()
    edit.setFocus()
    filt = ScanFilter(ScannerSettings())
    scans: list[str] = []
    filt.scanned.connect(scans.append)
    QApplication.instance().installEventFilter(filt)
    yield w, edit, filt, scans
    QApplication.instance().removeEventFilter(filt)


def test_fast_burst_in_a_text_field_is_a_scan_and_is_not_typed(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    _w, edit, _f, scans = form
    edit.setText("kept ")
    scan("LT-0001", edit)
    assert scans == ["LT-0001"]
    assert edit.text() == "kept "


def test_slow_typing_reaches_the_field_and_is_not_a_scan(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    _w, edit, _f, scans = form
    type_slowly("LT-0001", edit)
    qtbot.waitUntil(lambda: edit.text() == "LT-0001")
    assert scans == []


def test_fast_typing_of_a_short_word_is_not_a_scan(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    _w, edit, _f, scans = form
    scan("ab", edit, end="none")  # two quick keys: below the minimum length
    qtbot.waitUntil(lambda: edit.text() == "ab")
    assert scans == []


def test_burst_ended_by_silence_is_a_scan(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    _w, edit, _f, scans = form
    scan("S1001", edit, end="none")
    qtbot.waitUntil(lambda: scans == ["S1001"])
    assert edit.text() == ""


def test_tab_ends_a_scan(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    _w, edit, _f, scans = form
    scan("PH-0002", edit, end="tab")
    assert scans == ["PH-0002"]
    assert edit.hasFocus()


def test_a_burst_with_one_long_gap_is_typing(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    _w, edit, filt, scans = form
    scan("LT-0", edit, end="none")
    type_slowly("1", edit, gap_ms=300)  # the human pause breaks the burst
    scan("23", edit, end="none")
    qtbot.waitUntil(lambda: edit.text() == "LT-0123")
    assert scans == []


def test_thresholds_are_settings(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    _w, edit, filt, scans = form
    filt.settings = ScannerSettings(max_avg_gap_ms=5, max_gap_ms=10)
    scan("LT-0001", edit, gap_ms=8)  # fine for the defaults, too slow for these
    qtbot.waitUntil(lambda: edit.text() == "LT-0001")
    assert scans == []
