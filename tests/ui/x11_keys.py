"""Key events shaped as an X server delivers them, recorded and synthesised.

:func:`load` reads a recording made by :mod:`tests.ui.record_x11_keys` (Xvfb +
xdotool + a Qt window logging every key event); :func:`replay` sends it through
Qt, with its own key codes, texts, modifiers, native scan codes, virtual keys
and native modifiers, re-timed if asked.

:func:`us_keystrokes` makes the same shapes for any text on a US layout, as
``xdotool type`` does (what a USB HID scanner does): for a capital letter or a
shifted symbol, Shift press and key press (same ms), then Shift release and the
key's release, which carries the *unshifted* key and text (``Key_Semicolon``,
``";"`` after ``Key_Colon``, ``":"``) — see ``tests/ui/data/x11_keys/*.json``.
``tests/ui/test_x11_keys.py`` checks the synthesised shapes against the
recordings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

DATA = Path(__file__).with_name("data") / "x11_keys"

SHIFT = int(Qt.KeyboardModifier.ShiftModifier.value)
_SHIFT_KEY = (int(Qt.Key.Key_Shift), 50, 0xFFE1)  # key, X keycode of Shift_L, its keysym
_SHIFT_MASK = 1  # X ShiftMask in nativeModifiers


@dataclass(frozen=True)
class KeyRecord:
    """One key event as Qt delivered it from the X server."""

    type: str  # "press" | "release"
    key: int
    text: str
    modifiers: int
    scan: int
    vk: int
    nmods: int
    ts: int
    auto: bool = False

    @property
    def is_char(self) -> bool:
        """A press that types text (what the filter times)."""
        return (self.type == "press" and bool(self.text) and self.text.isprintable()
                and not 0x01000000 <= self.key < 0x02000000)

    def event(self) -> QKeyEvent:
        etype = QEvent.Type.KeyPress if self.type == "press" else QEvent.Type.KeyRelease
        ev = QKeyEvent(etype, self.key, Qt.KeyboardModifier(self.modifiers), self.scan, self.vk,
                       self.nmods, self.text, self.auto)
        ev.setTimestamp(self.ts)
        return ev


@dataclass(frozen=True)
class Recording:
    name: str
    scenario: str
    layout: str
    xdotool: list[str]
    typed: str
    events: list[KeyRecord]


def load(name: str) -> Recording:
    data = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return Recording(name, data["scenario"], data["layout"], data["xdotool"], data["typed"],
                     [KeyRecord(**e) for e in data["events"]])


def retime(events: list[KeyRecord], start_ms: int, char_gap_ms: float | None = None,
           gaps: list[float] | None = None) -> list[KeyRecord]:
    """The events from ``start_ms``: as recorded, or with the gap between characters set
    (``char_gap_ms`` for all, or ``gaps[i]`` before character ``i + 1``). Modifier
    events and releases keep their place between the characters, 0–1 ms after the
    event before them."""
    if char_gap_ms is None and gaps is None:
        base = events[0].ts if events else 0
        return [replace(e, ts=start_ms + e.ts - base) for e in events]
    out: list[KeyRecord] = []
    t = float(start_ms)
    last_char: float | None = None
    n = 0
    prev_ts = events[0].ts if events else 0
    for e in events:
        if e.is_char and last_char is not None:
            gap = gaps[n - 1] if gaps is not None else char_gap_ms
            assert gap is not None
            t = max(t, last_char + gap)
        elif out:
            t += min(1, e.ts - prev_ts)
        prev_ts = e.ts
        if e.is_char:
            last_char = t
            n += 1
        out.append(replace(e, ts=round(t)))
    return out


def send(events: list[KeyRecord], target: QWidget | None = None) -> None:
    """Deliver the events to the focus widget (or ``target``) through Qt, in order."""
    for e in events:
        to = target or QApplication.focusWidget() or QApplication.activeWindow()
        assert to is not None, "no widget to type into"
        QApplication.sendEvent(to, e.event())


# -- a US keyboard, as the X server's default (evdev) keymap has it ------------------------------
_ROWS = (  # (first X keycode, unshifted characters, shifted characters)
    (10, "1234567890-=", "!@#$%^&*()_+"),
    (24, "qwertyuiop[]", "QWERTYUIOP{}"),
    (38, "asdfghjkl;'`", 'ASDFGHJKL:"~'),
    (51, "\\", "|"),
    (52, "zxcvbnm,./", "ZXCVBNM<>?"),
    (65, " ", " "),
)
US_KEYS: dict[str, tuple[int, str, bool]] = {}  # character -> (X keycode, unshifted char, shifted)
for _first, _plain, _shifted in _ROWS:
    for _i, (_p, _s) in enumerate(zip(_plain, _shifted, strict=True)):
        US_KEYS[_p] = (_first + _i, _p, False)
        US_KEYS.setdefault(_s, (_first + _i, _p, True))

_SPECIAL = {  # key name -> (Qt key, text, X keycode, keysym)
    "Return": (int(Qt.Key.Key_Return), "\r", 36, 0xFF0D),
    "Tab": (int(Qt.Key.Key_Tab), "\t", 23, 0xFF09),
}


def _qt_key(ch: str) -> int:
    return ord(ch.upper()) if ch.isalpha() else ord(ch)


def us_keystrokes(text: str, end: str | None = "Return", *, start_ms: int = 1000,
                  gap_ms: float = 3) -> list[KeyRecord]:
    """``xdotool type TEXT; xdotool key END`` on a US layout, a character every ``gap_ms``."""
    out: list[KeyRecord] = []
    t = float(start_ms)
    for ch in text:
        code, plain, shifted = US_KEYS.get(ch, (0, ch, False))
        ms = round(t)
        if shifted:
            k, scan, vk = _SHIFT_KEY
            out.append(KeyRecord("press", k, "", SHIFT, scan, vk, 0, ms))
            out.append(KeyRecord("press", _qt_key(ch), ch, SHIFT, code, ord(ch), _SHIFT_MASK, ms))
            out.append(KeyRecord("release", k, "", 0, scan, vk, _SHIFT_MASK, ms + 1))
            out.append(KeyRecord("release", _qt_key(plain), plain, 0, code, ord(plain), 0, ms + 1))
        else:
            out.append(KeyRecord("press", _qt_key(ch), ch, 0, code, ord(ch), 0, ms))
            out.append(KeyRecord("release", _qt_key(ch), ch, 0, code, ord(ch), 0, ms + 1))
        t += gap_ms
    if end:
        key, etext, code, vk = _SPECIAL[end]
        ms = round(t)
        out.append(KeyRecord("press", key, etext, 0, code, vk, 0, ms))
        out.append(KeyRecord("release", key, etext, 0, code, vk, 0, ms + 1))
    return mark_auto_repeat(out)


def mark_auto_repeat(events: list[KeyRecord]) -> list[KeyRecord]:
    """What Qt's xcb plugin does: a release followed by a press of the same key in the same
    ms is auto-repeat, both of them (seen in ``us_snipeit_url_enter.json``: the "tt" of
    "https" at 1 ms a key)."""
    out = list(events)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if (a.type, b.type) == ("release", "press") and a.scan == b.scan and a.ts == b.ts:
            out[i], out[i + 1] = replace(a, auto=True), replace(b, auto=True)
    return out
