"""Record the key events a real X server delivers to a Qt window, as test fixtures.

    .venv/bin/python -m tests.ui.record_x11_keys            # every scenario
    .venv/bin/python -m tests.ui.record_x11_keys us_lt0001  # just these

For each scenario it starts Xvfb (a display of its own), opens a small Qt window
(a QLineEdit with an application event filter that logs every key press and
release it receives: type, key, text, modifiers, native scan code, native
virtual key, native modifiers, timestamp, auto-repeat), sets the keyboard
layout, sends the keys with ``xdotool`` exactly as written in :data:`SCENARIOS`,
and writes what Qt saw to ``tests/ui/data/x11_keys/<name>.json`` together with
the commands that produced it. Tests replay these through the real
:class:`ui.scanner.ScanFilter` (see :mod:`tests.ui.x11_keys`).

``xdotool type`` behaves as a USB HID scanner does: Shift press, key, Shift
release around every capital and shifted symbol, a few ms apart. ``xdotool key``
with raw keycodes is what a scanner programmed for a US keyboard sends whatever
the PC's layout is (the HID usage codes are fixed; the PC's layout turns them
into characters).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data") / "x11_keys"

#: name -> (keyboard layout, xdotool command lines, what it is)
SCENARIOS: dict[str, tuple[str, list[list[str]], str]] = {
    "us_lt0001_enter": ("us", [["type", "--delay", "5", "LT-0001"], ["key", "Return"]],
                        "a scanner reading LT-0001, Enter suffix"),
    "us_receipt_qr_enter": ("us", [["type", "--delay", "3", "LKR:R-2026-0042:0123456789abcdef"],
                                   ["key", "Return"]],
                            "the desk's own receipt QR code, Enter suffix"),
    "us_snipeit_url_enter": ("us", [["type", "--delay", "3", "https://assets.example.org/ht/LT-0001"],
                                    ["key", "Return"]],
                             "a Snipe-IT label's URL, Enter suffix"),
    "us_prefixed_tab": ("us", [["type", "--delay", "4", "LK:LT-0001"], ["key", "Tab"]],
                        "a tag behind the label prefix LK:, Tab suffix"),
    "us_held_shift_tab": ("us", [["keydown", "Shift_L"], ["key", "--delay", "4", "l", "t"],
                                 ["keyup", "Shift_L"],
                                 ["key", "--delay", "4", "minus", "0", "0", "0", "1"], ["key", "Tab"]],
                          "Shift held across the capitals of LT-0001, Tab suffix"),
    "us_no_suffix": ("us", [["type", "--delay", "5", "PH-0002"]],
                     "a scanner with no suffix: PH-0002 then silence"),
    "us_modifiers_inside": ("us", [["key", "--delay", "4", "shift+l", "Control_L", "shift+t",
                                    "Alt_L", "minus", "Super_L", "0", "ISO_Level3_Shift", "0",
                                    "Caps_Lock", "0", "Caps_Lock", "1", "Return"]],
                            "Ctrl, Alt, Meta, AltGr and CapsLock pressed alone inside LT-0001"),
    "us_slow_scanner_45ms": ("us", [["type", "--delay", "45", "LT-0001"], ["key", "Return"]],
                             "a scanner set to a 45 ms inter-character delay"),
    "us_person_typing": ("us", [["type", "--delay", "170", "LT-0001"], ["key", "Return"]],
                         "a person typing LT-0001 and Enter"),
    "de_us_scanner_lt0001": ("de", [["key", "--delay", "3", "shift+46", "shift+28", "20", "19",
                                     "19", "19", "10", "Return"]],
                             "a US-programmed scanner reading LT-0001 on a German layout"),
    "fr_us_scanner_lt0001": ("fr", [["key", "--delay", "3", "shift+46", "shift+28", "20", "19",
                                     "19", "19", "10", "Return"]],
                             "a US-programmed scanner reading LT-0001 on a French layout"),
}


def _child(out: str, stop: str) -> int:
    """The recording window (runs in its own process, on the Xvfb display)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit

    app = QApplication(sys.argv[:1])
    edit = QLineEdit()
    events: list[dict[str, object]] = []

    class Recorder(QObject):
        def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
            if obj is edit and ev.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                assert isinstance(ev, QKeyEvent)
                events.append({
                    "type": "press" if ev.type() == QEvent.Type.KeyPress else "release",
                    "key": int(ev.key()), "text": ev.text(),
                    "modifiers": int(ev.modifiers().value), "scan": ev.nativeScanCode(),
                    "vk": ev.nativeVirtualKey(), "nmods": ev.nativeModifiers(),
                    "ts": int(ev.timestamp()), "auto": ev.isAutoRepeat()})
            return False

    rec = Recorder()
    app.installEventFilter(rec)
    edit.resize(500, 40)
    edit.show()
    edit.activateWindow()
    edit.setFocus()

    def poll() -> None:
        if os.path.exists(stop):
            Path(out).write_text(json.dumps({"typed": edit.text(), "events": events}))
            app.quit()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(50)
    QTimer.singleShot(300, lambda: print("ready", flush=True))
    return int(app.exec())


def recorded(layout: str, commands: list[list[str]]) -> dict[str, Any]:
    """What a Qt window on a fresh Xvfb with ``layout`` saw for these xdotool commands:
    ``{"typed": its text, "events": [event, ...]}``."""
    from tests.x11 import Xvfb

    with Xvfb(640, 200) as x, tempfile.TemporaryDirectory() as tmp:
        out, stop = os.path.join(tmp, "out.json"), os.path.join(tmp, "stop")
        x.layout(layout)
        child = subprocess.Popen([sys.executable, "-m", "tests.ui.record_x11_keys", "--child",
                                  out, stop], env=x.env, stdout=subprocess.PIPE, text=True)
        try:
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
            for cmd in commands:
                x.xdotool(*cmd)
            time.sleep(0.5)
            Path(stop).touch()
            child.wait(20)
        finally:
            if child.poll() is None:
                child.kill()
        data: dict[str, Any] = json.loads(Path(out).read_text())
        return data


def record(name: str) -> dict[str, object]:
    layout, commands, what = SCENARIOS[name]
    return {"scenario": what, "layout": layout,
            "xdotool": [" ".join(["xdotool", *c]) for c in commands], **recorded(layout, commands)}


def _dump(data: dict[str, object]) -> str:
    """JSON with one event a line (a reviewer can read the shapes)."""
    head = {k: v for k, v in data.items() if k != "events"}
    events = data["events"]
    assert isinstance(events, list)
    lines = ",\n".join("  " + json.dumps(e, ensure_ascii=False) for e in events)
    return json.dumps(head, indent=1, ensure_ascii=False)[:-2] + f',\n "events": [\n{lines}\n ]\n}}\n'


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        return _child(argv[1], argv[2])
    DATA.mkdir(parents=True, exist_ok=True)
    for name in argv or list(SCENARIOS):
        data = record(name)
        (DATA / f"{name}.json").write_text(_dump(data))
        print(f"{name}: {len(data['events'])} events, typed {data['typed']!r}")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
