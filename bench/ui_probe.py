"""Subprocess side of scan-to-screen and peak memory (offscreen: ``QT_QPA_PLATFORM=offscreen``).

``python -m bench.ui_probe scan --db URL --data-dir DIR --user U --pin P --tags JSON
--runs N`` starts the desk as :func:`ui.desk_app.run` does, signs in, then scans
``N`` tags through the real wedge-scanner filter, alternating with the floor
(:mod:`bench.scan_floor`) scan by scan. It prints ``RESULT <json>`` (``ui_ns`` and
``floor_ns``, or ``error``), then ``READY``, then waits for a line on stdin before
exiting, so the parent can read its peak RSS from ``/proc/<pid>/status``.
(Cold start: :mod:`bench.start_probe`.)
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


#: a slow heartbeat, started once, so that WaitForMoreEvents cannot sleep past a deadline
#: (one timer for the probe's life: none is made or started inside a timed scan)
_BEAT: list[Any] = []


def _wait(app: Any, cond: Any, timeout_s: float = 30.0) -> None:
    """Run the event loop (sleeping between events) until ``cond()``."""
    from PySide6.QtCore import QEventLoop, QTimer

    if not _BEAT:
        _BEAT.append(QTimer())
        _BEAT[0].start(50)
    wait = QEventLoop.ProcessEventsFlag.WaitForMoreEvents
    deadline = time.monotonic() + timeout_s
    while not cond():
        if time.monotonic() > deadline:
            raise TimeoutError("the desk did not get there in time")
        app.processEvents(wait)


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
    """Scan-to-screen, ours and the floor (:mod:`bench.scan_floor`) alternating scan by scan."""
    from bench.scan_floor import FloorPage
    from bench.start_probe import factor

    app, ctx, window = _open_desk(db_url, data_dir)
    result: dict[str, Any] = {}
    slow = factor("scan")
    try:
        _wait(app, lambda: window.isVisible() and ctx.db_ready and not window.ops.busy)
        view = window.controller("sign_in").view
        view.username.setText(user)
        view.pin.setText(pin)
        view.submit.click()
        _wait(app, lambda: window.session.is_signed_in and not window.ops.busy)
        # Which scan ends on a card: an asset on loan opens check-in when the desk has that
        # screen; otherwise (and always for assets in repair) the asset card opens.
        has_checkin = "checkin" in window.controllers
        pool = tags["on_loan"] if has_checkin else tags["in_repair"]
        result["path"] = "on-loan asset → check-in screen" if has_checkin else \
            "asset in repair → asset card"
        floor = FloorPage(window, ctx, window.session.actor)
        ui_ns: list[int] = []
        floor_ns: list[int] = []
        warmup = 3
        for i in range(warmup + runs):
            tag = pool[i % len(pool)]
            sides = [lambda t=tag: _desk_scan(app, window, t, slow),
                     lambda t=tag: _floor_scan(app, window, floor, t)]
            if i % 2:
                sides.reverse()
            took = [side() for side in sides]
            if i % 2:
                took.reverse()
            if i >= warmup:
                ui_ns.append(took[0])
                floor_ns.append(took[1])
        result["ui_ns"] = ui_ns
        result["floor_ns"] = floor_ns
    except Exception as exc:  # report, never hang the parent
        result["error"] = f"{type(exc).__name__}: {exc}"
    _ready_and_wait(result)
    window.close()
    ctx.close()
    return 0


def _desk_scan(app: Any, window: Any, tag: str, slow: float) -> int:
    """The desk: a wedge burst into the scan screen, until the routed screen shows the tag,
    the worker is idle and the window has painted (ns from the burst's Enter)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from bench.scan_floor import settle_and_paint
    from bench.slowdown import extend

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
    _wait(app, lambda: (not window.ops.busy and window.current is not None
                        and window.current.name not in ("scan", "sign_in")))
    settle_and_paint()  # what is left to lay out and paint, now: the screen is up after this
    if slow > 1.0:
        extend(start, slow)  # --slow-down scan-to-screen=FACTOR
    took = time.perf_counter_ns() - start
    shown = _visible_text(window.current.view)  # checked off the clock
    if tag not in shown:
        raise AssertionError(f"{tag} is not on the {window.current.name} screen")
    return took


def _floor_scan(app: Any, window: Any, floor: Any, tag: str) -> int:
    window.show_screen("scan")  # the same starting point as the desk's scans
    _wait(app, lambda: not window.ops.busy)
    app.processEvents()
    start = time.perf_counter_ns()
    shown = floor.scan(tag)
    took = time.perf_counter_ns() - start
    assert tag in shown, (tag, shown)
    return took


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.ui_probe")
    p.add_argument("mode", choices=("scan",))
    p.add_argument("--db")
    p.add_argument("--data-dir")
    p.add_argument("--user", default="")
    p.add_argument("--pin", default="")
    p.add_argument("--tags", default="{}", help="JSON: status -> tags")
    p.add_argument("--runs", type=int, default=20)
    a = p.parse_args(argv)
    return scan(a.db, a.data_dir, a.user, a.pin, json.loads(a.tags), a.runs)


if __name__ == "__main__":
    raise SystemExit(main())
