"""Helpers to drive the real main window in tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from app.bootstrap import AppContext
from app.services.technicians import add_technician
from app.uow import SYSTEM, Actor
from ui.main_window import MainWindow

ADMIN_PIN = "432100"
TECH_PIN = "246800"


@pytest.fixture(name="db_url")
def sqlite_only_db(tmp_path: Path) -> str:
    """``db_url`` for a module that stays on SQLite: ``from tests.ui.desk import sqlite_only_db``
    at its top replaces the shared SQLite-and-PostgreSQL fixture there."""
    return f"sqlite:///{tmp_path / 'desk.sqlite3'}"


def add_techs(ctx: AppContext) -> None:
    with ctx.uow(SYSTEM) as uow:
        add_technician(uow, "alice", ADMIN_PIN, admin=True, display_name="Alice Admin")
    with ctx.uow(Actor("alice", "admin")) as uow:
        add_technician(uow, "bob", TECH_PIN, display_name="Bob Tech", badge="TECH-BADGE-7")


def wait_idle(qtbot, win: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not win.ops.busy, timeout=15000)


def sign_in(qtbot, win: MainWindow, user: str = "alice", pin: str = ADMIN_PIN) -> None:  # type: ignore[no-untyped-def]
    view = win.controller("sign_in").view
    wait_idle(qtbot, win)
    view.username.setText(user)
    view.pin.setText(pin)
    view.submit.click()
    qtbot.waitUntil(lambda: win.session.is_signed_in, timeout=15000)
    wait_idle(qtbot, win)


def scan_into_checkout(qtbot, win: MainWindow, tag: str = "LT-0001",  # type: ignore[no-untyped-def]
                       card: str = "CARD-001") -> Any:
    """Scan an available asset, then a staff card: the check-out screen with both; its controller."""
    from tests.ui.keys import scan

    scan(tag)
    wait_idle(qtbot, win)
    scan(card)
    wait_idle(qtbot, win)
    return win.controller("checkout")


def visible_text(widget: QWidget) -> str:
    """All text a user could read on the widget's visible labels, buttons and fields."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QListWidget, QTableWidget

    parts: list[str] = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if not w.isVisibleTo(widget.window()) or not w.isVisible():
            continue
        if isinstance(w, QLabel | QAbstractButton | QLineEdit):
            parts.append(w.text())
        elif isinstance(w, QListWidget):
            parts.extend(w.item(i).text() for i in range(w.count()))
        elif isinstance(w, QTableWidget):
            for r in range(w.rowCount()):
                parts.extend(w.item(r, c).text() for c in range(w.columnCount()) if w.item(r, c))
    return "\n".join(parts)


def focus(widget: QWidget) -> QWidget:
    widget.setFocus()
    QApplication.processEvents()
    return widget


def press_enter_on(win: MainWindow) -> None:
    """Enter with the focus where the screen put it (the primary action)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    target = QApplication.focusWidget() or win
    QTest.keyClick(target, Qt.Key.Key_Return)


def answer(qtbot, win: MainWindow, key: str, contains: str = "") -> None:  # type: ignore[no-untyped-def]
    """Answer the question the desk is asking (checking it says ``contains``), as a click
    on its button would; the desk window has the keys again afterwards."""
    qtbot.waitUntil(lambda: win.question is not None and win.question.isVisible(), timeout=15000)
    question = win.question
    assert question is not None
    assert contains in question.text.text(), question.text.text()
    question.choose(key)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5000)
