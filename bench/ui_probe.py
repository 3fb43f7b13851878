"""Subprocess side of the UI benchmarks (run offscreen: ``QT_QPA_PLATFORM=offscreen``).

``python -m bench.ui_probe bare`` shows an empty QMainWindow; ``desk`` starts
the desk through the ``loan-kiosk`` entry point (:func:`app.cli.main`); ``scan`` starts the desk, signs in and
times scans. ``bare`` and ``desk`` print ``SHOWN`` at the first event-loop turn
after the window is shown (it takes input from then on); each prints ``READY``
once nothing is pending any more (``desk``: the database open and the sign-in
screen's check done), ``RESULT <json>`` if it measured something, then waits
for a line on stdin before exiting, so the parent can read its peak RSS from
``/proc/<pid>/status``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any


def _ready_and_wait(result: dict[str, Any] | None = None) -> None:
    if result is not None:
        print("RESULT " + json.dumps(result), flush=True)
    print("READY", flush=True)
    sys.stdin.readline()


def bare() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    win = QMainWindow()
    win.resize(1366, 768)
    win.show()
    QTimer.singleShot(0, lambda: (print("SHOWN", flush=True), _ready_and_wait(), app.quit()))
    return int(app.exec())


def _open_desk(db_url: str, data_dir: str) -> tuple[Any, Any, Any]:
    """What :func:`ui.desk_app.run` does up to ``app.exec()`` (the database still opening)."""
    import argparse

    from PySide6.QtWidgets import QApplication

    from ui import desk_app

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Loan Kiosk")
    args = argparse.Namespace(db=db_url, data_dir=data_dir, demo=False, kiosk=False)
    window, ctx = desk_app.start(args)
    ctx.settings.kiosk.sound = False
    return app, ctx, window


def _wait(app: Any, cond: Any, timeout_s: float = 30.0) -> None:
    """Run the event loop (sleeping between events) until ``cond()``."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout_s
    # a slow heartbeat so WaitForMoreEvents cannot sleep past the deadline
    beat = QTimer()
    beat.start(50)
    try:
        while not cond():
            if time.monotonic() > deadline:
                raise TimeoutError("the desk did not get there in time")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        beat.stop()


def desk(db_url: str, data_dir: str) -> int:
    """``loan-kiosk --db URL --data-dir DIR``, as typed: ``SHOWN`` at the window's first
    event-loop turn (what the floor's READY means), then ``READY`` once the database is
    open and the sign-in screen has checked it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    import app.cli
    from ui import desk_app

    start = desk_app.start

    def start_and_watch(args: Any) -> Any:
        window, ctx = start(args)

        def shown() -> None:
            print("SHOWN", flush=True)
            _wait(QApplication.instance(), lambda: ctx.db_ready and not window.ops.busy)
            _ready_and_wait()
            window.close()

        QTimer.singleShot(0, shown)
        return window, ctx

    desk_app.start = start_and_watch  # the marker only: the rest is the real entry point
    return app.cli.main(["--db", db_url, "--data-dir", data_dir])


# -- scan to screen ----------------------------------------------------------------------------

_CLOCK = [1_000_000]


def _send_key(target: Any, key: int, text: str) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        ev = QKeyEvent(etype, key, Qt.KeyboardModifier.NoModifier, text)
        ev.setTimestamp(_CLOCK[0])
        QApplication.sendEvent(target, ev)


def _key_for(ch: str) -> int:
    from PySide6.QtCore import Qt

    if ch.isalpha():
        return int(getattr(Qt.Key, f"Key_{ch.upper()}"))
    if ch.isdigit():
        return int(getattr(Qt.Key, f"Key_{ch}"))
    return {"-": int(Qt.Key.Key_Minus)}.get(ch, ord(ch))


def _visible_text(widget: Any) -> str:
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

    parts = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        if isinstance(w, QLabel | QAbstractButton | QLineEdit):
            parts.append(w.text())
    return "\n".join(parts)


def scan(db_url: str, data_dir: str, user: str, pin: str, tags: dict[str, list[str]],
         runs: int) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from app.services.cards import describe_scan
    from app.uow import Actor

    app, ctx, window = _open_desk(db_url, data_dir)
    result: dict[str, Any] = {}
    try:
        _wait(app, lambda: window.isVisible() and ctx.db_ready and not window.ops.busy)
        view = window.controller("sign_in").view
        view.username.setText(user)
        view.pin.setText(pin)
        view.submit.click()
        _wait(app, lambda: window.session.is_signed_in and not window.ops.busy)
        actor: Actor = window.session.actor
        # Which scan ends on a card: an asset on loan opens check-in when the desk has that
        # screen; otherwise (and always for assets in repair) the asset card opens.
        has_checkin = "checkin" in window.controllers
        pool = tags["on_loan"] if has_checkin else tags["in_repair"]
        result["path"] = "on-loan asset → check-in screen" if has_checkin else \
            "asset in repair → asset card"
        ui_ns: list[int] = []
        svc_ns: list[int] = []
        warmup = 3
        for i in range(warmup + runs):
            tag = pool[i % len(pool)]
            window.show_screen("scan")
            _wait(app, lambda: not window.ops.busy)
            app.processEvents()
            target = QApplication.focusWidget() or window
            for ch in tag:
                _CLOCK[0] += 8
                _send_key(target, _key_for(ch), ch)
            _CLOCK[0] += 8
            start = time.perf_counter_ns()
            _send_key(target, int(Qt.Key.Key_Return), "\r")  # the burst's last key
            _wait(app, lambda t=tag: (not window.ops.busy and window.current is not None
                                      and window.current.name not in ("scan", "sign_in")
                                      and t in _visible_text(window.current.view)))
            window.repaint()  # paint now, synchronously: the card is on screen after this
            ui = time.perf_counter_ns() - start
            start = time.perf_counter_ns()
            with ctx.uow(actor, readonly=True) as uow:
                info = describe_scan(uow, tag)
            svc = time.perf_counter_ns() - start
            assert info.type == "asset", info
            if i >= warmup:
                ui_ns.append(ui)
                svc_ns.append(svc)
        result["ui_ns"] = ui_ns
        result["service_ns"] = svc_ns
    except Exception as exc:  # report, never hang the parent
        result["error"] = f"{type(exc).__name__}: {exc}"
    _ready_and_wait(result)
    window.close()
    ctx.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.ui_probe")
    p.add_argument("mode", choices=("bare", "desk", "scan"))
    p.add_argument("--db")
    p.add_argument("--data-dir")
    p.add_argument("--user", default="")
    p.add_argument("--pin", default="")
    p.add_argument("--tags", default="{}", help="JSON: status -> tags")
    p.add_argument("--runs", type=int, default=20)
    a = p.parse_args(argv)
    if a.mode == "bare":
        return bare()
    if a.mode == "desk":
        return desk(a.db, a.data_dir)
    return scan(a.db, a.data_dir, a.user, a.pin, json.loads(a.tags), a.runs)


if __name__ == "__main__":
    raise SystemExit(main())
