"""Guard against the PySide6 6.12.0 reference-count bug that aborts a long-running desk.

6.12.0 lost a reference to ``True`` on every ``Signal.emit()`` from Python and to
``None`` on every void Qt call; after a few thousand pen samples the interpreter
died with "bool_dealloc". pyproject pins a release without it; this proves it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    ping = Signal(int)


def test_signal_emit_and_void_calls_keep_refcounts(qapp) -> None:  # type: ignore[no-untyped-def]
    o = _Emitter()
    o.ping.connect(lambda v: None)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for i in range(2000):
        o.ping.emit(i)
        o.setObjectName("x")  # a void Qt call
    assert sys.getrefcount(True) - true_before < 50
    assert sys.getrefcount(None) - none_before < 50
