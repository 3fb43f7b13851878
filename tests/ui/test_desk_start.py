"""Cold start: the desk's window shows before the database is open, and nothing is lost by that.

``ui.desk_app.start`` builds and shows the window with nothing imported that needs
SQLAlchemy; the database opens on a thread of its own once the window is up.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlalchemy import text

from app.bootstrap import bootstrap
from app.database import open_database
from tests.ui.desk import ADMIN_PIN, add_techs, sqlite_only_db

db_url = sqlite_only_db  # start-up is the same on either backend; SQLite keeps it quick
ROOT = Path(__file__).resolve().parents[2]


def _args(url: str, tmp_path: Path) -> argparse.Namespace:
    return argparse.Namespace(db=url, data_dir=str(tmp_path / "data"), demo=False, kiosk=False)


def test_the_window_shows_before_sqlalchemy_is_loaded(tmp_path: Path) -> None:
    """In a fresh interpreter, as ``loan-kiosk`` starts: SQLAlchemy only loads after the window
    is up, and the sign-in screen then learns from the database that this is a first run."""
    script = textwrap.dedent(f"""
        import argparse, sys, time
        from PySide6.QtWidgets import QApplication
        from ui import desk_app
        app = QApplication([])
        args = argparse.Namespace(db={f"sqlite:///{tmp_path / 'cold.sqlite3'}"!r},
                                  data_dir={str(tmp_path / 'data')!r}, demo=False, kiosk=False)
        window, ctx = desk_app.start(args)
        assert window.isVisible()
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "reportlab"))
        assert not loaded, loaded
        deadline = time.monotonic() + 60
        while not (ctx.db_ready and not window.ops.busy):
            assert time.monotonic() < deadline, "the database never opened"
            app.processEvents()
            time.sleep(0.005)
        assert window.controller("sign_in").view.creating, "first run: create the first admin"
        assert "sqlalchemy" in sys.modules
        window.close()
        ctx.close()
        print("ok")
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stderr[-2000:]


def _start_with_technicians(qtbot, db_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The desk started on a database that already has technicians (alice, bob)."""
    from ui import desk_app

    ready = bootstrap(db_url, data_dir=tmp_path / "data")
    add_techs(ready)
    ready.close()
    window, ctx = desk_app.start(_args(db_url, tmp_path))
    qtbot.addWidget(window)
    return window, ctx


#: loaded by the real start path only after the sign-in screen is usable (issue 15): each was
#: measured on the way to it (the time zone database for the default timetable, getpass and
#: its termios, the list classes' Python enums)
NOT_BEFORE_USABLE = ("sqlalchemy", "reportlab", "zoneinfo", "app.timetable", "getpass")
NOT_BEFORE_USABLE_QT = ("QListWidget", "QListView", "QAbstractItemView")
#: ... and PySide6's ``Qt`` namespace (QtCore), whose 93 Python enum types it builds at its
#: first use: the desk names its values after it is usable (docs/performance.md)
NOT_BEFORE_USABLE_QT_CORE = ("Qt",)


def test_nothing_the_sign_in_screen_does_not_need_loads_before_it_is_usable(db_url: str,
                                                                           tmp_path: Path) -> None:
    """``loan-kiosk --db … --data-dir …`` through :func:`app.cli.main` in a fresh interpreter
    (no settings file: the defaults), looked at when the desk becomes usable — its window
    painted and the wedge-scanner filter going in (``MainWindow.install_scanner``)."""
    ready = bootstrap(db_url, data_dir=tmp_path / "data")
    add_techs(ready)  # signing in, not creating the first admin
    ready.close()
    script = textwrap.dedent(f"""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        import app.cli
        from ui.main_window import MainWindow
        install = MainWindow.install_scanner
        seen = {{}}

        def watched(self, *args, **kwargs):
            seen["modules"] = set(sys.modules)
            seen["qt"] = set(vars(sys.modules["PySide6.QtWidgets"]))
            seen["qt_core"] = set(vars(sys.modules["PySide6.QtCore"]))
            install(self, *args, **kwargs)
            QTimer.singleShot(0, QApplication.instance().quit)

        MainWindow.install_scanner = watched
        status = app.cli.main(["--db", {db_url!r}, "--data-dir", {str(tmp_path / 'data')!r}])
        assert status == 0, status
        loaded = sorted(m for m in seen["modules"] if m in {NOT_BEFORE_USABLE!r}
                        or m.split(".")[0] in {NOT_BEFORE_USABLE!r})
        assert not loaded, loaded
        classes = sorted(seen["qt"] & set({NOT_BEFORE_USABLE_QT!r}))
        assert not classes, classes
        built = sorted(seen["qt_core"] & set({NOT_BEFORE_USABLE_QT_CORE!r}))
        assert not built, built
        assert "Qt" in vars(sys.modules["PySide6.QtCore"])  # the check can see it once used
        print("ok")
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stderr[-2000:]


def test_a_sign_in_typed_before_the_database_opens_goes_through(qtbot, db_url: str,  # type: ignore[no-untyped-def]
                                                                tmp_path: Path) -> None:
    window, ctx = _start_with_technicians(qtbot, db_url, tmp_path)
    try:
        view = window.controller("sign_in").view
        view.username.setText("alice")
        view.pin.setText(ADMIN_PIN)
        view.submit.click()  # the event loop has not turned: the database is not open yet
        qtbot.waitUntil(lambda: window.session.is_signed_in, timeout=30000)
        assert window.current.name == "scan"
        qtbot.waitUntil(lambda: window.scanner_installed, timeout=5000)
    finally:
        qtbot.waitUntil(lambda: not window.ops.busy, timeout=30000)
        window.close()
        ctx.close()


def test_the_sign_in_screen_knows_its_mode_before_the_database_opens(qtbot, db_url: str,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path) -> None:
    """A look at the file (db.first_look) tells the sign-in screen there are technicians while
    the window is being built; the scanner filter and the database follow its first paint."""
    window, ctx = _start_with_technicians(qtbot, db_url, tmp_path)
    try:
        sign_in = window.controller("sign_in")
        assert ctx.first_look is not None and ctx.first_look.technicians == 2
        assert sign_in.mode_known and not sign_in.view.creating  # before the loop has turned
        assert not ctx.db_ready and not window.scanner_installed
        qtbot.waitUntil(lambda: window.scanner_installed and ctx.db_ready, timeout=30000)
        qtbot.waitUntil(lambda: not window.ops.busy, timeout=30000)
        window.lock()  # signing in again asks the database itself (the look is used once)
        qtbot.waitUntil(lambda: not window.ops.busy, timeout=30000)
        assert sign_in.mode_known and not sign_in.view.creating
    finally:
        window.close()
        ctx.close()


def test_a_database_that_cannot_open_is_said_in_the_window(qtbot, db_url: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                           capfd) -> None:
    from ui import desk_app

    db = open_database(db_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    db.dispose()
    window, ctx = desk_app.start(_args(db_url, tmp_path))
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: window.database_error is not None, timeout=30000)
        qtbot.waitUntil(lambda: not window.ops.busy, timeout=30000)
        assert "The database could not be opened" in window.banner.message
        assert "newer than this version" in window.banner.message  # not "Something went wrong"
        assert not window.stack.isEnabled()
        assert "error: the database could not be opened" in capfd.readouterr().err
    finally:
        window.close()
        ctx.close()


def test_the_demo_desk_never_opens_the_real_database(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui.desk_app import open_context

    real = f"sqlite:///{tmp_path / 'real.sqlite3'}"
    monkeypatch.setenv("LOAN_KIOSK_DB", real)  # the school's shared database
    args = argparse.Namespace(db=None, data_dir=str(tmp_path / "data"), demo=True, kiosk=False)
    ctx = open_context(args)
    try:
        assert ctx.paths.data_dir == tmp_path / "data" / "demo"
        assert ctx.db.engine.url.database == str(tmp_path / "data" / "demo" / "loan-kiosk.sqlite3")
    finally:
        ctx.close()
    assert not (tmp_path / "real.sqlite3").exists()


def test_a_setting_out_of_range_opens_the_desk_on_its_default_saying_which(  # type: ignore[no-untyped-def]
        qtbot, db_url: str, tmp_path: Path) -> None:
    """``days_laptop = -5`` made loans due in the past (issue 18): the desk opens on the
    default, names the setting on the sign-in screen, and an admin's save corrects the file."""
    import json

    from sqlalchemy import select

    from app.settings_rules import load_checked_settings
    from app.uow import SYSTEM
    from db.models import AuditEvent
    from tests.ui.desk import sign_in, wait_idle
    from ui import desk_app

    ready = bootstrap(db_url, data_dir=tmp_path / "data")
    add_techs(ready)
    ready.close()
    settings_file = tmp_path / "data" / "settings.toml"
    settings_file.write_text("[loans]\ndays_laptop = -5\ndays_phone = 3\n", encoding="utf-8")
    window, ctx = desk_app.start(_args(db_url, tmp_path))
    qtbot.addWidget(window)
    view = window.controller("sign_in").view
    qtbot.waitUntil(lambda: view.message.isVisible(), timeout=15000)
    assert view.message.text() == ("Setting loans.days_laptop is out of range: the desk uses its "
                                   "default until an admin corrects it in Admin → Settings.")
    assert window.banner.message.startswith(
        f"setting loans.days_laptop in {settings_file}: The loan period for a laptop must be 1 "
        "to 365 days, not -5. The desk uses the default until an admin corrects it")
    window.resize(1366, 768)
    qtbot.wait(100)
    window.grab().save(str(tmp_path / "sign-in-bad-setting.png"))
    assert ctx.settings.loans.days_laptop == 30 and ctx.settings.loans.days_phone == 3
    sign_in(qtbot, window, "alice", ADMIN_PIN)
    window.header.nav["admin"].click()
    wait_idle(qtbot, window)
    settings_tab = window.controller("admin").view.settings
    assert settings_tab.days["laptop"].value() == 30
    settings_tab.save.click()
    wait_idle(qtbot, window)
    assert load_checked_settings(settings_file).loans.days_laptop == 30  # right again
    with ctx.uow(SYSTEM, readonly=True) as uow:
        ((actor, details),) = uow.session.execute(select(AuditEvent.actor, AuditEvent.details)
                                                  .where(AuditEvent.action == "settings_changed")
                                                  ).all()
    assert actor == "alice" and "loans.days_laptop" in json.loads(details)["keys"]
    window.header.lock.click()
    assert not view.message.isVisible()
    window.close()
    ctx.close()
