"""Look and feel: big type, high contrast, one colour per meaning."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:  # importing it at start builds its enum types before the first paint
    from PySide6.QtWidgets import QAbstractSpinBox

OK = "#0b6b2e"  # success: dark green (AA contrast on white and with white text)
ERROR = "#b00020"  # refusal / overdue: dark red
WARN = "#8a4b00"  # needs attention: dark amber
INFO = "#0b4f8a"  # neutral information: dark blue
MUTED = "#444444"
BG = "#ffffff"
PANEL = "#f1f3f5"

BASE_POINT_SIZE = 13
#: Qt's own arrow (built into QtWidgets): a style-sheeted drop-down otherwise draws a dark notch
DOWN_ARROW = ":/qt-project.org/styles/commonstyle/images/arrow-down-16.png"
#: left inset of a spin box's text, as the padding gives a line edit
SPIN_TEXT_MARGIN = 8
#: shipped with the package (``ui/resources/*`` is package data)
RESOURCES = Path(__file__).resolve().parent / "resources"


def resource_url(name: str) -> str:
    """A style-sheet ``url(...)`` for a file in ``ui/resources``, wherever the package lives
    (forward slashes on Windows too; quoted, so spaces in the path are fine)."""
    return f'url("{(RESOURCES / name).as_posix()}")'


#: a white tick on the blue of a ticked check box
CHECK_MARK = resource_url("check.svg")
FOCUS = "#ffb000"
#: status text on the dark header bar (the colours above are for white)
HEADER_OK = "#9be7b0"
HEADER_WARN = "#ffd166"

STYLESHEET = f"""
QWidget {{ color: #111111; background: {BG}; }}
QLabel[role="title"] {{ font-size: 22pt; font-weight: 700; }}
QLabel[role="prompt"] {{ font-size: 26pt; font-weight: 700; color: {INFO}; }}
QLabel[role="hint"] {{ color: {MUTED}; }}
QLabel[role="overdue"] {{ color: {ERROR}; font-weight: 700; }}
QLabel[role="badge-ok"] {{ color: white; background: {OK}; padding: 4px 10px;
                           border-radius: 6px; font-weight: 700; }}
QLabel[role="badge-bad"] {{ color: white; background: {ERROR}; padding: 4px 10px;
                            border-radius: 6px; font-weight: 700; }}
QLabel[role="badge-unknown"] {{ color: white; background: {WARN}; padding: 4px 10px;
                                border-radius: 6px; font-weight: 700; }}
QFrame[role="card"] {{ background: {PANEL}; border: 1px solid #c8ccd0; border-radius: 8px; }}
QFrame[role="card"] QLabel, QFrame[role="card"] QCheckBox, QFrame[role="card"] QRadioButton {{
    background: transparent; }}
QFrame[role="card"] QLabel[role="badge-ok"] {{ background: {OK}; color: white; }}
QFrame[role="card"] QLabel[role="badge-bad"] {{ background: {ERROR}; color: white; }}
QFrame[role="card"] QLabel[role="badge-unknown"] {{ background: {WARN}; color: white; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 18px; height: 18px;
    border: 2px solid #3d4651; background: white; }}
QRadioButton::indicator {{ border-radius: 11px; }}
QRadioButton::indicator:checked {{ background: {INFO}; border: 4px solid white; outline: none; }}
QCheckBox::indicator:checked {{ background: {INFO}; border: 2px solid {INFO}; image: {CHECK_MARK}; }}
QCheckBox::indicator:disabled {{ border-color: #8a939c; background: #e9ecef; }}
QCheckBox::indicator:checked:disabled {{ background: #6c757d; border-color: #6c757d; }}
QCheckBox::indicator:focus, QCheckBox::indicator:checked:focus {{ border: 2px solid {FOCUS}; }}
QCheckBox:focus, QRadioButton:focus {{ color: {INFO}; text-decoration: underline; }}
QFrame#header {{ background: #1d2733; }}
QFrame#header QLabel {{ color: white; background: transparent; }}
QFrame#header QPushButton {{ background: #2f3d4d; color: white; border: 1px solid #6b7a8a;
                             padding: 6px 12px; border-radius: 6px; }}
QFrame#header QPushButton:checked {{ background: {INFO}; }}
/* a focus ring is drawn inside the button's size: the thicker border takes from the padding,
   so focusing a button never makes it taller than the layout gave it (it was clipped) */
QFrame#header QPushButton:focus {{ border: 2px solid #ffd166; padding: 5px 11px; }}
QPushButton {{ padding: 8px 16px; border: 1px solid #5f6b78; border-radius: 6px;
               background: #e9ecef; min-height: 28px; }}
QPushButton:focus {{ border: 3px solid {FOCUS}; padding: 6px 14px; }}
QPushButton[primary="true"] {{ background: {INFO}; color: white; font-weight: 700; }}
QPushButton[danger="true"] {{ background: {ERROR}; color: white; }}
QPushButton:disabled {{ background: #d6d9dc; color: #6c757d; }}
QLineEdit, QPlainTextEdit, QDateEdit, QComboBox, QSpinBox {{
    border: 2px solid #5f6b78; border-radius: 6px; padding: 4px 6px; min-height: 28px; }}
QLineEdit:focus, QPlainTextEdit:focus, QDateEdit:focus, QComboBox:focus, QSpinBox:focus {{
    border: 3px solid {FOCUS}; padding: 3px 5px; }}
QSpinBox::up-button, QSpinBox::down-button {{ width: 0px; border: none; }}
QComboBox::drop-down, QDateEdit::drop-down {{ subcontrol-origin: padding;
    subcontrol-position: center right; width: 28px; border: none; background: transparent; }}
QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url({DOWN_ARROW}); width: 14px; height: 14px; }}
QTableWidget, QListWidget {{ border: 1px solid #c8ccd0; gridline-color: #dee2e6;
                             alternate-background-color: #f6f7f8; }}
QHeaderView::section {{ background: {PANEL}; font-weight: 700; padding: 4px; border: none; }}
QTabBar::tab {{ padding: 8px 16px; }}
QTabBar::tab:selected {{ font-weight: 700; }}
"""


def inset_spin_box(spin: QAbstractSpinBox) -> None:
    """Style sheets place a spin box's text field at its very left edge, whatever the
    padding (the digits touched the border): give the field a text margin instead."""
    edit = spin.lineEdit()
    if edit is not None:
        edit.setTextMargins(SPIN_TEXT_MARGIN, 0, 0, 0)


def apply(app: QApplication) -> None:
    font = QFont(app.font())
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
