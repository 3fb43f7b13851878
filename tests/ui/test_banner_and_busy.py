"""The banner's message is replaced in place on a scan, and the "working" bar shows only for
work a person waits on (issue 15: both laid the window out again on every scan)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QProgressBar

from ui.widgets.busy import DelayedBusy
from ui.widgets.feedback_banner import FeedbackBanner, SoundPlayer


class _Hides(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Hide:
            self.count += 1
        return False


def test_a_message_given_while_replacing_takes_the_old_ones_place(qtbot) -> None:  # type: ignore[no-untyped-def]
    banner = FeedbackBanner(SoundPlayer(False))
    qtbot.addWidget(banner)
    banner.show_message("warn", "LT-0001 is overdue")
    hides = _Hides()
    banner.installEventFilter(hides)
    with banner.replacing():
        banner.clear()
        assert banner.message == "LT-0001 is overdue"  # not gone yet
        banner.show_message("warn", "LT-0002 is overdue")
    assert hides.count == 0 and banner.isVisible()
    assert banner.message == "LT-0002 is overdue" and banner.level == "warn"
    with banner.replacing():
        banner.clear()  # nothing new to say: cleared once the scan has been routed
    assert banner.message == "" and not banner.isVisible() and hides.count == 1
    banner.clear()  # outside, at once, as ever
    banner.show_message("ok", "Done")
    banner.clear()
    assert not banner.isVisible()


class _Ops(QObject):
    busy_changed = Signal(bool)


def test_the_working_bar_shows_only_for_work_that_takes_a_while(qtbot) -> None:  # type: ignore[no-untyped-def]
    ops = _Ops()
    bar = QProgressBar()
    qtbot.addWidget(bar)
    bar.show()
    bar.setVisible(False)
    DelayedBusy(bar, ops.busy_changed, ops, delay_ms=100)
    ops.busy_changed.emit(True)
    ops.busy_changed.emit(False)  # a scan: a few milliseconds
    qtbot.wait(250)
    assert not bar.isVisible()
    ops.busy_changed.emit(True)  # a receipt rendering
    qtbot.waitUntil(bar.isVisible, timeout=2000)
    ops.busy_changed.emit(False)
    assert not bar.isVisible()
