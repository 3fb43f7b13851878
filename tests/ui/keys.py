"""Keyboard helpers for UI tests: a scanner burst and a person typing, through the real filter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

_T = [1_000_000]  # a fake key clock in ms, shared so timestamps only go forward


def _send(target: QWidget, key: int, text: str, at_ms: int) -> None:
    for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        ev = QKeyEvent(etype, key, Qt.KeyboardModifier.NoModifier, text)
        ev.setTimestamp(at_ms)
        QApplication.sendEvent(target, ev)


def key_for(ch: str) -> int:
    if ch.isalpha():
        return int(getattr(Qt.Key, f"Key_{ch.upper()}"))
    if ch.isdigit():
        return int(getattr(Qt.Key, f"Key_{ch}"))
    return {"-": int(Qt.Key.Key_Minus), " ": int(Qt.Key.Key_Space), ":": int(Qt.Key.Key_Colon),
            "/": int(Qt.Key.Key_Slash), ".": int(Qt.Key.Key_Period)}.get(ch, ord(ch))


def focus_target() -> QWidget:
    w = QApplication.focusWidget()
    if w is None:
        w = QApplication.activeWindow()
    assert w is not None, "no widget to type into"
    return w


def scan(text: str, target: QWidget | None = None, gap_ms: int = 8, end: str = "enter") -> None:
    """What a keyboard-wedge scanner does: fast keys, then Enter (or Tab)."""
    target = target or focus_target()
    for ch in text:
        _T[0] += gap_ms
        _send(target, key_for(ch), ch, _T[0])
    _T[0] += gap_ms
    if end == "enter":
        _send(target, int(Qt.Key.Key_Return), "\r", _T[0])
    elif end == "tab":
        _send(target, int(Qt.Key.Key_Tab), "\t", _T[0])


def type_slowly(text: str, target: QWidget | None = None, gap_ms: int = 180) -> None:
    """What a person does: a key every ``gap_ms`` (by the keys' own timestamps)."""
    target = target or focus_target()
    for ch in text:
        _T[0] += gap_ms
        _send(target, key_for(ch), ch, _T[0])
    _T[0] += 1000


def press_enter(target: QWidget | None = None) -> None:
    target = target or focus_target()
    _T[0] += 500
    _send(target, int(Qt.Key.Key_Return), "\r", _T[0])
