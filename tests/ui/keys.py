"""Keyboard helpers for UI tests: a scanner burst and a person typing, through the real filter.

Both send key events shaped as the X server delivers them for a US keyboard
(Shift press and release around every capital and shifted symbol, native scan
codes, virtual keys and modifiers; see :mod:`tests.ui.x11_keys`, whose shapes are
checked against recordings from a real X server).
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.x11_keys import send, us_keystrokes

_T = [1_000_000]  # a fake key clock in ms, shared so timestamps only go forward


def focus_target() -> QWidget:
    w = QApplication.focusWidget()
    if w is None:
        w = QApplication.activeWindow()
    assert w is not None, "no widget to type into"
    return w


def _keys(text: str, target: QWidget | None, gap_ms: int, end: str | None) -> None:
    target = target or focus_target()
    _T[0] += gap_ms
    events = us_keystrokes(text, end, start_ms=_T[0], gap_ms=gap_ms)
    _T[0] = events[-1].ts if events else _T[0]
    send(events, target)


def scan(text: str, target: QWidget | None = None, gap_ms: int = 8, end: str = "enter") -> None:
    """What a keyboard-wedge scanner does: fast keys, then Enter (or Tab, or nothing)."""
    _keys(text, target, gap_ms, {"enter": "Return", "tab": "Tab"}.get(end))


def type_slowly(text: str, target: QWidget | None = None, gap_ms: int = 180) -> None:
    """What a person does: a key every ``gap_ms`` (by the keys' own timestamps)."""
    _keys(text, target, gap_ms, None)
    _T[0] += 1000


def press_enter(target: QWidget | None = None) -> None:
    _T[0] += 500
    _keys("", target, 0, "Return")
