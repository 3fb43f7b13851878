"""Small building blocks shared by the views (the read-only table is in :mod:`ui.widgets.table`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.clock import local_date
from printing.dates import date_text, date_time_text
from ui.widgets.role_label import RoleLabel
from ui.widgets.wrap_label import WrapLabel

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListWidget


class Form(QFormLayout):
    """A form whose labels sit level with the middle of their fields: QFormLayout puts a label
    at the top of its row, and the desk's fields are taller than a line of text, so labels
    looked raised (seen at 1920×1080)."""

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        for row in range(self.rowCount()):
            lab = self.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = self.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = lab.widget() if lab is not None else None
            if widget is None or field is None:
                continue
            g, fg = lab.geometry(), field.geometry()  # type: ignore[union-attr]
            if g.height() < fg.height() < 3 * g.height():  # one-line fields, not a text box
                g.moveTop(fg.top() + (fg.height() - g.height()) // 2)
                widget.setGeometry(g)


def set_by_name(obj: QObject, prop: str, value: str) -> None:
    """Set an enum or flags property of ``obj`` by the names of its values (``"TabFocus"``,
    ``"AlignRight|AlignVCenter"``), as a Designer file does: Qt's property system reads the
    names. Naming the value in Python (``Qt.FocusPolicy.TabFocus``) is a use of PySide6's
    ``Qt`` namespace, whose 93 Python enum types it builds at the first use (~12 ms): the
    widgets of the desk's first screen are set up this way, so that its start does without.
    """
    if not obj.setProperty(prop, value):  # Qt's answer for a name it does not know
        raise ValueError(f"{type(obj).__name__}.{prop} has no value {value!r}")


def set_shortcut(button: QAbstractButton, keys: str) -> None:
    """``button.setShortcut(keys)``, through Qt's property system: PySide6 choosing among
    ``setShortcut``'s overloads looks at ``Qt.Key`` (see :func:`set_by_name`)."""
    button.setProperty("shortcut", QKeySequence(keys))


def label(text: str = "", role: str = "", *, wrap: bool = True, name: str = "") -> QLabel:
    w = WrapLabel(text)
    if role:
        w.setProperty("role", role)
    w.setWordWrap(wrap)
    if name:
        w.setAccessibleName(name)
    return w


def button(text: str, name: str = "", *, primary: bool = False, danger: bool = False) -> QPushButton:
    b = QPushButton(text)
    b.setAccessibleName(name or text.replace("&", ""))
    if primary:
        b.setProperty("primary", True)
        b.setDefault(True)
    if danger:
        b.setProperty("danger", True)
    b.setAutoDefault(True)
    return b


def record_buttons(*buttons: QPushButton) -> QWidget:
    """Buttons side by side with room around them (a card's Edit and Add, in its tab bar's
    corner)."""
    box = QWidget()
    box.setObjectName("recordButtons")
    box.setStyleSheet("#recordButtons { background: transparent; }")  # the card's own shows
    row = QHBoxLayout(box)
    row.setContentsMargins(8, 0, 0, 4)
    for b in buttons:
        row.addWidget(b)
    return box


def text_list(name: str) -> QListWidget:
    """A list whose long lines (a long name and department) wrap onto a second line instead of
    running off to the right behind a scroll bar."""
    # imported here: PySide6 builds a class's Python enums when it is first imported, and
    # the list classes' (with their item-view bases) are not needed by the sign-in screen
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QListView, QListWidget

    lw = QListWidget()
    lw.setAccessibleName(name)
    lw.setWordWrap(True)
    lw.setTextElideMode(Qt.TextElideMode.ElideNone)
    lw.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    lw.setResizeMode(QListView.ResizeMode.Adjust)
    return lw


def card(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    f = QFrame(parent)
    return f, card_layout(f)


def card_layout(f: QFrame) -> QVBoxLayout:
    """Make ``f`` a card (the style sheet's ``[role=card]``: a panel with a rounded border)
    and give it its inner layout."""
    f.setProperty("role", "card")
    lay = QVBoxLayout(f)
    lay.setContentsMargins(14, 10, 14, 10)
    return lay


def set_role(w: QWidget | RoleLabel, role: str) -> None:
    """Style ``w`` as ``role`` (the style sheet's ``[role=...]`` rules). Unchanged, nothing is
    done: re-polishing through the style sheet costs ~0.25 ms. A :class:`RoleLabel` (the
    asset header's badge and holder line, whose role changes on about every other scan)
    shows its label for that role instead."""
    if isinstance(w, RoleLabel):
        w.set_role(role)
        return
    if w.property("role") == role:
        return
    w.setProperty("role", role)
    w.style().unpolish(w)
    w.style().polish(w)


def fmt_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = local_date(value)
    return date_text(value, weekday=True)


def fmt_range(start: dt.date, end: dt.date) -> str:
    """A short date range: "Mon 23 – Thu 26 Nov 2026", "Mon 30 Nov – Wed 2 Dec 2026"."""
    if start == end:
        return fmt_date(start)
    if start.year != end.year:
        return f"{fmt_date(start)} – {fmt_date(end)}"
    first = date_text(start, weekday=True, month=start.month != end.month, year=False)
    return f"{first} – {fmt_date(end)}"


def fmt_when(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return date_time_text(value.astimezone())


#: the encryption badge's looks (the style sheet's roles)
BADGE_ROLES = ("badge-unknown", "badge-ok", "badge-bad")


def update_encryption_badge(w: QLabel | RoleLabel, encrypted: bool | None, text: str) -> None:
    if encrypted is True:
        w.setText(f"✓ {text}")
        set_role(w, "badge-ok")
    elif encrypted is False:
        w.setText(f"✗ {text}")
        set_role(w, "badge-bad")
    else:
        w.setText(f"? Encryption {text.lower()}")
        set_role(w, "badge-unknown")
    w.setAccessibleName(f"Encryption: {text}")
