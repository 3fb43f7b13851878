"""Find text a person cannot read whole on the window as it is laid out now.

:func:`cut_off` walks every visible widget of a window and reports, in words:

* a label, button, check box or tab whose text needs more room than it was given
  (its size hint against its size; a word-wrapped label's height for its width);
* a line edit or combo box whose placeholder or text does not fit its box;
* a table cell or list item whose text is elided, or would need more lines than its row
  has; a table that needs a horizontal scroll bar to show its columns;
* a widget that its parents clip (part of it lies outside what is drawn), unless it
  sits in a scroll area (there it can be scrolled to).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTabWidget,
    QWidget,
)

#: pixels of slack: Qt's size hints and font metrics round differently
SLACK = 2


def _name(w: QWidget) -> str:
    text = ""
    if isinstance(w, QLabel | QAbstractButton | QLineEdit):
        text = w.text() or (w.placeholderText() if isinstance(w, QLineEdit) else "")
    return f"{type(w).__name__} {w.accessibleName() or w.objectName()!r} “{text[:60]}”"


def _in_scroll_area(w: QWidget) -> bool:
    p = w.parentWidget()
    while p is not None:
        if isinstance(p, QAbstractScrollArea) and not isinstance(p, QTableWidget):
            return True
        p = p.parentWidget()
    return False


def _clipped(w: QWidget) -> bool:
    """Part of ``w`` lies outside its ancestors (and so is not drawn)."""
    window = w.window()
    rect = QRect(w.mapTo(window, w.rect().topLeft()), w.size())
    p = w.parentWidget()
    while p is not None and p is not window:
        prect = QRect(p.mapTo(window, p.rect().topLeft()), p.size())
        if isinstance(p, QAbstractScrollArea):
            return False  # scrolled content: reachable
        if not prect.contains(rect):
            return True
        p = p.parentWidget()
    return not QRect(0, 0, window.width(), window.height()).contains(rect)


def _wrapped(fm: QFontMetrics, width: int, text: str) -> QRect:
    """The room ``text`` takes wrapped as an item view wraps it: at word boundaries, or
    anywhere for a word longer than the line (QTextOption.WrapAtWordBoundaryOrAnywhere)."""
    need = fm.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text)
    if need.width() > width:
        need = fm.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWrapAnywhere), text)
    return need


def _list_problems(lw: QListWidget) -> list[str]:
    problems = []
    if lw.horizontalScrollBar().isVisible():
        problems.append(f"list {lw.accessibleName()!r} needs a horizontal scroll bar")
    fm = QFontMetrics(lw.font())
    viewport = lw.viewport().rect()
    for i in range(lw.count()):
        item = lw.item(i)
        rect = lw.visualItemRect(item)
        if not item.text() or not viewport.intersects(rect):
            continue
        room = rect.intersected(QRect(0, rect.top(), viewport.width(), rect.height()))
        room = room.adjusted(3, 0, -3, 0)
        need = _wrapped(fm, room.width(), item.text()) if lw.wordWrap() else \
            QRect(0, 0, fm.horizontalAdvance(item.text()), fm.height())
        if need.width() > room.width() + SLACK or need.height() > room.height() + SLACK:
            problems.append(f"list {lw.accessibleName()!r} item “{item.text()}” needs "
                            f"{need.width()}x{need.height()}, has {room.width()}x{room.height()}")
    return problems


def _table_problems(t: QTableWidget) -> list[str]:
    problems = []
    if t.horizontalScrollBar().isVisible():
        problems.append(f"table {t.accessibleName()!r} needs a horizontal scroll bar")
    fm = QFontMetrics(t.font())
    viewport = t.viewport().rect()
    for r in range(t.rowCount()):
        for c in range(t.columnCount()):
            item = t.item(r, c)
            if item is None or not item.text() or t.cellWidget(r, c) is not None:
                continue
            if t.columnSpan(r, c) > 1:
                continue
            rect = t.visualItemRect(item)
            if not viewport.intersects(rect):
                continue  # scrolled away: reachable
            room = rect.adjusted(3, 1, -3, -1)  # the style's cell margins
            if t.wordWrap():
                need = _wrapped(fm, room.width(), item.text())
                if need.height() > room.height() + SLACK or need.width() > room.width() + SLACK:
                    problems.append(f"table {t.accessibleName()!r} cell ({r}, {c}) "
                                    f"“{item.text()}” needs {need.width()}x{need.height()}, "
                                    f"has {room.width()}x{room.height()}")
            elif fm.horizontalAdvance(item.text()) > room.width() + SLACK:
                problems.append(f"table {t.accessibleName()!r} cell ({r}, {c}) “{item.text()}” "
                                f"is cut: needs {fm.horizontalAdvance(item.text())}, has "
                                f"{room.width()}")
    return problems


def cut_off(window: QWidget) -> list[str]:
    """Every piece of text on ``window`` that is not shown whole."""
    problems: list[str] = []
    for w in [window, *window.findChildren(QWidget)]:
        if not w.isVisible() or w.width() <= 0 or w.height() <= 0:
            continue
        if isinstance(w, QTableWidget):
            problems += _table_problems(w)
            continue
        if isinstance(w, QListWidget):
            problems += _list_problems(w)
            continue
        if not _in_scroll_area(w) and _clipped(w) and isinstance(
                w, QLabel | QAbstractButton | QLineEdit | QComboBox | QAbstractSpinBox):
            problems.append(f"{_name(w)} is partly outside the window or its box")
        if isinstance(w, QLabel) and w.text() and w.pixmap().isNull():
            if w.wordWrap():
                if w.heightForWidth(w.width()) > w.height() + SLACK:
                    problems.append(f"{_name(w)} needs {w.heightForWidth(w.width())} px of "
                                    f"height, has {w.height()}")
            elif w.sizeHint().width() > w.width() + SLACK:
                problems.append(f"{_name(w)} needs {w.sizeHint().width()} px, has {w.width()}")
        elif isinstance(w, QAbstractButton) and w.text():
            hint = w.sizeHint()
            if hint.width() > w.width() + SLACK or hint.height() > w.height() + SLACK:
                problems.append(f"{_name(w)} needs {hint.width()}x{hint.height()}, "
                                f"has {w.width()}x{w.height()}")
        elif isinstance(w, QLineEdit) and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox):
            text = w.text() or w.placeholderText()
            room = w.width() - 2 * 8  # the theme's padding and frame
            if text and not w.text() and QFontMetrics(w.font()).horizontalAdvance(text) > room:
                problems.append(f"{_name(w)}: its hint is cut (needs "
                                f"{QFontMetrics(w.font()).horizontalAdvance(text)}, has {room})")
        elif isinstance(w, QComboBox) and w.currentText():
            if w.sizeHint().width() > w.width() + SLACK and w.sizeAdjustPolicy() != \
                    QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon:
                problems.append(f"combo box {w.accessibleName()!r} “{w.currentText()}” needs "
                                f"{w.sizeHint().width()} px, has {w.width()}")
        elif isinstance(w, QTabWidget):
            bar = w.tabBar()
            for i in range(bar.count()):
                if bar.tabSizeHint(i).width() > bar.tabRect(i).width() + SLACK:
                    problems.append(f"tab “{bar.tabText(i)}” is cut")
    return problems


def look_at_sizes(win: QWidget, name: str, sizes: Iterable[tuple[int, int]],
                  settle: Callable[[], None], prepare: Callable[[], object] | None = None,
                  picture: Callable[[int, int], Path | None] = lambda _w, _h: None) -> list[str]:
    """Show the window at each size (``prepare`` the screen, ``settle`` the worker), save its
    picture where ``picture`` says, and return what is wrong: a size the window cannot take,
    and every piece of text :func:`cut_off` finds."""
    found: list[str] = []
    for w, h in sizes:
        win.resize(w, h)
        QApplication.processEvents()
        if prepare is not None:
            prepare()
        settle()
        for _ in range(3):  # a text set by the answer: its height travels up a layout a turn
            QApplication.processEvents()
        if (win.width(), win.height()) != (w, h):
            found.append(f"{name}: the window cannot be {w}x{h}, it stays {win.width()}x"
                         f"{win.height()} (minimum {win.minimumSizeHint().toTuple()})")
        found.extend(f"{name} at {w}x{h}: {p}" for p in cut_off(win))
        path = picture(w, h)
        if path is not None:
            assert win.grab().save(str(path)), path
    return found
