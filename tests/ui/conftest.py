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
def ui_ctx(migrated_db_url: str, tmp_path: Path, clock: MutableClock) -> Iterator[AppContext]:
    ctx = bootstrap(migrated_db_url, data_dir=user_folder(tmp_path) / "data", settings=Settings(),
                    clock=clock)
    ctx.settings.kiosk.sound = False
    ctx.settings.scanner.min_length = 3  # the factory school's staff codes are 3 characters
    yield ctx
    ctx.close()


@pytest.fixture
def build_desk(qtbot, ui_ctx):  # type: ignore[no-untyped-def]
    """Build the real main window as the composition root does (``ui.desk_app.build_window``),
    with the hardware handed in: ``build_desk(printer_factory=...)`` (fakes or a CUPS queue);
    the pad and the serial scanner are the ones the settings name unless given too."""
    from ui.desk_app import build_window
    from ui.desk_devices import DeskDevices

    windows = []

    def build(**devices):  # type: ignore[no-untyped-def]
        devices.setdefault("printer_factory", ui_ctx.printer_factory)
        win = build_window(ui_ctx, devices=DeskDevices(**devices))
        qtbot.addWidget(win)
        win.resize(1366, 768)
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        return win

    yield build
    for win in windows:
        win.close()


@pytest.fixture
def desk(request, build_desk, ui_ctx):  # type: ignore[no-untyped-def]
    """The real main window on a fresh desk with two technicians (alice admin, bob); with the
    ``printer`` fixture, it prints on that fake printer."""
    from tests.ui.desk import add_techs

    add_techs(ui_ctx)
    if "printer" in request.fixturenames:
        fake = request.getfixturevalue("printer")
        return build_desk(printer_factory=lambda _settings, _name=None: fake)
    return build_desk()


@pytest.fixture
def printer():  # type: ignore[no-untyped-def]
    """A fake printer the desk is built with (the CUPS run is in the e2e tests)."""
    from app.devices.printer import FakePrinter

    return FakePrinter("DeskPrinter")
