"""ui.widgets.wrap_label: the cached height-for-width is the height QLabel itself gives."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from ui.widgets.common import label
from ui.widgets.wrap_label import WrapLabel

TEXT = "On loan to Siân Ó Briain (AB1) since Mon 5 Jan 2026 — due Mon 26 Jan 2026 — OVERDUE"


def _plain(text: str, font: QFont | None = None) -> QLabel:
    w = QLabel(text)
    w.setWordWrap(True)
    if font is not None:
        w.setFont(font)
    return w


def test_heights_match_qlabel_for_every_width_and_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    ours = label(TEXT)
    qtbot.addWidget(ours)
    assert isinstance(ours, WrapLabel)
    for text in (TEXT, "Check in", TEXT + " — trip: Year 9 Geography field work"):
        ours.setText(text)
        plain = _plain(text)
        for width in (80, 200, 350, 700, 1300):
            assert ours.heightForWidth(width) == plain.heightForWidth(width), (text, width)
            assert ours.heightForWidth(width) == plain.heightForWidth(width)  # from the cache


def test_a_new_font_or_style_forgets_what_was_measured(qtbot) -> None:  # type: ignore[no-untyped-def]
    ours = label(TEXT)
    qtbot.addWidget(ours)
    small = ours.heightForWidth(300)
    big = QFont(ours.font())
    big.setPointSize(big.pointSize() * 2)
    ours.setFont(big)
    assert ours.heightForWidth(300) == _plain(TEXT, big).heightForWidth(300) > small
    ours.setStyleSheet("font-size: 30pt;")
    ours.ensurePolished()
    plain = _plain(TEXT, big)
    plain.setStyleSheet("font-size: 30pt;")
    plain.ensurePolished()
    assert ours.heightForWidth(300) == plain.heightForWidth(300)
    ours.setContentsMargins(0, 40, 0, 40)
    plain.setContentsMargins(0, 40, 0, 40)
    assert ours.heightForWidth(300) == plain.heightForWidth(300)


def test_new_words_cleared_words_or_no_wrapping_are_measured_again(qtbot) -> None:  # type: ignore[no-untyped-def]
    ours = label(TEXT)  # the key is the width alone: every way the text changes forgets
    qtbot.addWidget(ours)
    assert ours.heightForWidth(200) == _plain(TEXT).heightForWidth(200)
    ours.setText("Check in")
    assert ours.heightForWidth(200) == _plain("Check in").heightForWidth(200)
    ours.setText(TEXT)
    ours.clear()
    assert ours.heightForWidth(200) == _plain("").heightForWidth(200)
    ours.setText(TEXT)
    assert ours.heightForWidth(200) == _plain(TEXT).heightForWidth(200)
    ours.setWordWrap(False)
    plain = _plain(TEXT)
    plain.setWordWrap(False)
    assert ours.heightForWidth(200) == plain.heightForWidth(200)
