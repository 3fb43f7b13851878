"""Subprocess side of the cold-start rows: ``python -m bench.start_probe bare PATH`` or
``python -m bench.start_probe desk URL DATA_DIR``.

Each prints ``SHOWN <ns> <cpu>`` once its window has painted for the first time,
``USABLE <ns> <cpu>`` once a person can use it, and ``READY <ns> <cpu>`` once
nothing is pending any more; ``<ns>`` is ``time.perf_counter_ns()``
(CLOCK_MONOTONIC, the parent's clock too), ``<cpu>`` the process's CPU time so far
(ns, all threads). Then it waits for a line on stdin and exits.

* ``bare`` — the floor: an empty PySide6 ``QMainWindow`` of the desk's size,
  shown; once painted, the plain cost of opening the same SQLite file with the
  standard library and asking it what the sign-in screen asks (how many
  technicians there are). USABLE = READY = that done.
* ``desk`` — ``loan-kiosk --db URL --data-dir DIR`` through the real entry point
  (:func:`app.cli.main`). USABLE: the window painted, the sign-in screen taking a
  PIN in its right mode (sign in, or create the first admin: it knows how many
  technicians there are), the database opened (its first look, or the full
  open) and the wedge-scanner filter installed. READY: the full services layer
  (SQLAlchemy) open, the start-up warm-up done, no work pending.

Nothing is imported here before the window's own imports but ``os``, ``sys`` and
``time``, on either side. With ``LOAN_KIOSK_BENCH_PROBE_SLOW_DOWN`` (``paint=F``,
``usable=F``) the marker's moment is pushed to F times its time since spawn
(``LOAN_KIOSK_BENCH_SPAWN_NS``) by a busy loop in the probed process itself.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

SPAWN_ENV = "LOAN_KIOSK_BENCH_SPAWN_NS"
SLOW_ENV = "LOAN_KIOSK_BENCH_PROBE_SLOW_DOWN"


def factor(marker: str) -> float:
    """The slow-down the parent asked for at ``marker`` (1.0: none)."""
    for part in os.environ.get(SLOW_ENV, "").split(","):
        name, _, value = part.partition("=")
        if name.strip() == marker and value:
            return float(value)
    return 1.0


def say(marker: str, slow: str = "") -> None:
    times = factor(slow) if slow else 1.0
    if times > 1.0:  # --slow-down: this path takes ``times`` times as long
        spawn = int(os.environ[SPAWN_ENV])
        end = spawn + int((time.perf_counter_ns() - spawn) * times)
        while time.perf_counter_ns() < end:
            pass
    print(f"{marker} {time.perf_counter_ns()} {time.process_time_ns()}", flush=True)


def watch_first_paint(window: Any, then: Any) -> None:
    """Call ``then()`` at the event-loop turn after ``window`` first paints."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, obj: Any, event: Any) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, then)
            return False

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)


def _wait_for_parent() -> None:
    sys.stdin.readline()


def bare(db_path: str) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1366, 768)

    def painted() -> None:
        say("SHOWN", "paint")
        import sqlite3

        con = sqlite3.connect(db_path)
        con.execute("SELECT count(*) FROM technicians").fetchone()
        say("USABLE", "usable")
        say("READY")
        _wait_for_parent()
        con.close()
        app.quit()

    watch_first_paint(window, painted)
    window.show()
    return int(app.exec())


def desk(db_url: str, data_dir: str) -> int:
    """The real entry point; only watched (by wrapping five functions), never changed."""
    import gc

    import app.cli
    # ``loan-kiosk`` turns the collector off before it imports the desk
    # (``app.cli.desk.launch_desk``); the watching below imports the desk first, so it
    # does the same here, or the probe would time collections the real start never runs
    gc.disable()
    from ui import desk_app
    from ui.controllers.sign_in_controller import SignInController
    from ui.main_window import MainWindow

    state: dict[str, Any] = {"painted": False, "settled": False, "usable": False,
                             "ready": False, "window": None}

    def check() -> None:
        window = state["window"]
        if window is None or not state["painted"]:
            return
        ctx = window.ctx
        db_open = ctx.first_look is not None or (ctx.db_ready and window.database_error is None)
        if not state["usable"] and window.scanner_installed and db_open and \
                window.controller("sign_in").mode_known:
            state["usable"] = True
            say("USABLE", "usable")
        if state["usable"] and not state["ready"] and state["settled"] and not window.ops.busy:
            state["ready"] = True
            say("READY")
            _wait_for_parent()
            window.close()

    def painted() -> None:
        state["painted"] = True
        say("SHOWN", "paint")
        check()

    def wrap(cls: Any, name: str, before: Any = None) -> None:
        original = getattr(cls, name)

        def watched(self: Any, *args: Any, **kwargs: Any) -> Any:
            if before is not None:
                before(self)
            result = original(self, *args, **kwargs)
            check()
            return result

        setattr(cls, name, watched)

    show_window = desk_app.show_window

    def showing(window: Any, **kwargs: Any) -> None:
        # the desk shows its window at its preferred size, maximised or full screen
        # (desk_app.show_window): watch the one function that does all three
        state["window"] = window
        window.ops.busy_changed.connect(lambda _busy: check())
        show_window(window, **kwargs)
        check()

    first_paint_hook = desk_app.after_first_paint

    def after_first_paint(widget: Any, then: Any, *args: Any) -> None:
        first_paint_hook(widget, then, *args)
        # installed after the desk's own watcher, so called before it (Qt calls the
        # filter installed last first): SHOWN is said before the desk's first-paint work
        watch_first_paint(widget, painted)

    def settled(_watch: Any) -> None:
        state["settled"] = True

    desk_app.after_first_paint = after_first_paint
    desk_app.show_window = showing
    wrap(MainWindow, "install_scanner")
    wrap(SignInController, "set_mode_for")
    wrap(desk_app._DatabaseWatch, "_on_settled", settled)
    return app.cli.main(["--db", db_url, "--data-dir", data_dir])


def main(argv: list[str]) -> int:
    if argv[:1] == ["bare"] and len(argv) == 2:
        return bare(argv[1])
    if argv[:1] == ["desk"] and len(argv) == 3:
        return desk(argv[1], argv[2])
    print("usage: python -m bench.start_probe bare PATH | desk URL DATA_DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
