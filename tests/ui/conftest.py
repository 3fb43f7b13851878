"""UI test fixtures: a fresh desk on the shared ``db_url`` (SQLite, and PostgreSQL when
``LOAN_KIOSK_TEST_PG`` is set), so every flow that touches the database runs on both.

Widget-level modules that only need *a* database (ops, heartbeat) stay on SQLite with
``db_url = sqlite_only_db`` (from :mod:`tests.ui.desk`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bootstrap import AppContext, bootstrap
from app.config import Settings
from tests.conftest import MutableClock, user_folder
from tests.pty_line import line  # noqa: F401 - fixture


@pytest.fixture
def ui_ctx(db_url: str, tmp_path: Path, clock: MutableClock) -> Iterator[AppContext]:
    ctx = bootstrap(db_url, data_dir=user_folder(tmp_path) / "data", settings=Settings(), clock=clock)
    ctx.settings.kiosk.sound = False
    ctx.settings.scanner.min_length = 3  # the factory school's staff codes are 3 characters
    yield ctx
    ctx.close()


@pytest.fixture
def desk(qtbot, ui_ctx):  # type: ignore[no-untyped-def]
    """The real main window on a fresh SQLite desk with two technicians (alice admin, bob)."""
    from tests.ui.desk import add_techs
    from ui import theme
    from ui.main_window import MainWindow

    add_techs(ui_ctx)
    from PySide6.QtWidgets import QApplication

    theme.apply(QApplication.instance())
    win = MainWindow(ui_ctx)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def printer(desk):  # type: ignore[no-untyped-def]
    """A fake printer behind the desk (the CUPS run is in the e2e tests)."""
    from app.devices.printer import FakePrinter

    fake = FakePrinter("DeskPrinter")
    desk.printer_factory = lambda _settings, _name=None: fake
    return fake
