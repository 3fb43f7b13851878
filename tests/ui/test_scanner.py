"""The wedge-scanner filter: a fast burst is a scan even in a text field; typing is typing.

The key events fed to the real :class:`ScanFilter` here are what an X server
delivers: recordings made under Xvfb with xdotool and a Qt window logging every
key event (``tests/ui/data/x11_keys/*.json``, made by
``python -m tests.ui.record_x11_keys``), replayed with their own key codes, texts,
modifiers, native scan codes, virtual keys and native modifiers; and
:func:`tests.ui.keys.scan`, which makes the same shapes for any text.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from app.config import ScannerSettings
from tests.ui.keys import _T, scan, type_slowly
from tests.ui.x11_keys import KeyRecord, Recording, load, retime, send
from ui.scanner import ScanFilter

#: a scanner set to a 40-50 ms inter-character delay: the settings docs/hardware.md gives for it
SLOW_SCANNER = ScannerSettings(max_avg_gap_ms=60, max_gap_ms=90, end_timeout_ms=150, min_length=6)

SCANS = {  # recording -> the text the scan must give
    "us_lt0001_enter": "LT-0001",
    "us_receipt_qr_enter": "LKR:R-2026-0042:0123456789abcdef",
    "us_snipeit_url_enter": "https://assets.example.org/ht/LT-0001",
    "us_prefixed_tab": "LK:LT-0001",
    "us_held_shift_tab": "LT-0001",
    "us_no_suffix": "PH-0002",
    "us_modifiers_inside": "LT-0001",
    "de_us_scanner_lt0001": "LTß0001",
    "fr_us_scanner_lt0001": "LT)ààà&",
}


class Form:
    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.widget = QWidget()
        lay = QVBoxLayout(self.widget)
        self.edit = QLineEdit()
        self.edit.setAccessibleName("Notes")
        self.other = QLineEdit()
        self.other.setAccessibleName("Other")
        lay.addWidget(self.edit)
        lay.addWidget(self.other)
        qtbot.addWidget(self.widget)
        self.widget.show()
        self.edit.setFocus()
        self.filter = ScanFilter(ScannerSettings())
        self.scans: list[str] = []
        self.filter.scanned.connect(self.scans.append)
        self.entered: list[str] = []
        self.edit.returnPressed.connect(lambda: self.entered.append(self.edit.text()))

    def replay(self, events: list[KeyRecord]) -> None:
        send(events, self.edit)
        _T[0] = max(_T[0], events[-1].ts)

    def at(self, rec: Recording, char_gap_ms: float | None = None,
           gaps: list[float] | None = None) -> list[KeyRecord]:
        """The recording's events, on the shared key clock (optionally re-timed)."""
        return retime(rec.events, _T[0] + 1000, char_gap_ms, gaps)


@pytest.fixture
def form(qtbot) -> Iterator[Form]:  # type: ignore[no-untyped-def]
    f = Form(qtbot)
    QApplication.instance().installEventFilter(f.filter)
    yield f
    QApplication.instance().removeEventFilter(f.filter)


def settled(f: Form) -> bool:
    """Nothing held, no release still expected."""
    return not f.filter._held and not f.filter._down and not f.filter._swallow


# -- recorded scanner bursts -------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SCANS))
def test_a_recorded_scanner_burst_is_one_scan_and_types_nothing(qtbot, form, name) -> None:  # type: ignore[no-untyped-def]
    rec = load(name)
    form.edit.setText("kept ")
    form.replay(form.at(rec))
    qtbot.waitUntil(lambda: form.scans == [SCANS[name]])
    assert rec.typed == SCANS[name]  # what the X server's own window showed
    assert form.edit.text() == "kept "
    assert form.entered == []  # the Enter suffix went with the scan
    assert form.edit.hasFocus()  # and so did a Tab suffix
    assert settled(form)


@pytest.mark.parametrize("gap_ms", [1, 3, 5, 10])
@pytest.mark.parametrize("name", ["us_lt0001_enter", "us_receipt_qr_enter", "us_held_shift_tab",
                                  "us_modifiers_inside", "us_no_suffix"])
def test_scanner_bursts_at_1_to_10_ms_between_characters(qtbot, form, name, gap_ms) -> None:  # type: ignore[no-untyped-def]
    form.replay(form.at(load(name), char_gap_ms=gap_ms))
    qtbot.waitUntil(lambda: form.scans == [SCANS[name]])
    assert form.edit.text() == ""
    assert settled(form)


def test_uneven_gaps_within_the_limits_are_still_a_scan(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    rec = load("us_lt0001_enter")
    form.replay(form.at(rec, gaps=[2, 9, 1, 30, 4, 10, 6]))  # average 8.9 ms, longest 30 ms
    assert form.scans == ["LT-0001"]


def test_modifier_presses_alone_never_end_or_split_a_burst(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    rec = load("us_modifiers_inside")
    alone = {int(e.key) for e in rec.events if e.type == "press" and not e.text}
    assert alone >= {int(k) for k in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt,
                                      Qt.Key.Key_Meta, Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock)}
    form.replay(form.at(rec))
    assert form.scans == ["LT-0001"]
    assert form.edit.text() == ""


def test_a_scan_leaves_nothing_behind_for_the_next_person_typing(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    # The receipt QR presses Key_Colon and releases Key_Semicolon (Shift went up first):
    # a release is paired with its press by the native scan code.
    form.replay(form.at(load("us_receipt_qr_enter")))
    assert settled(form)
    type_slowly("a;:L", form.edit)
    qtbot.waitUntil(lambda: form.edit.text() == "a;:L")
    assert len(form.scans) == 1


# -- people typing ---------------------------------------------------------------------------


def test_a_recorded_person_typing_reaches_the_field_and_enter_works(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    form.replay(form.at(load("us_person_typing")))
    qtbot.waitUntil(lambda: form.entered == ["LT-0001"])
    assert form.edit.text() == "LT-0001"
    assert form.scans == []


def test_slow_typing_reaches_the_field_and_is_not_a_scan(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    type_slowly("LT-0001", form.edit)
    qtbot.waitUntil(lambda: form.edit.text() == "LT-0001")
    assert form.scans == []


def test_fast_typing_of_a_short_word_is_not_a_scan(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    scan("ab", form.edit, end="none")  # two quick keys: below the minimum length
    qtbot.waitUntil(lambda: form.edit.text() == "ab")
    assert form.scans == []


def test_a_key_held_down_is_typing_even_with_slow_scanner_settings(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    form.filter.settings = SLOW_SCANNER
    t = _T[0] + 1000
    a = KeyRecord("press", int(Qt.Key.Key_A), "a", 0, 38, 0x61, 0, t)
    held = [a]
    for i in range(1, 9):  # X: repeat after 500 ms, then 25 a second, each a release+press pair
        at = t + 500 + 40 * i
        held += [KeyRecord("release", a.key, "a", 0, 38, 0x61, 0, at, True),
                 KeyRecord("press", a.key, "a", 0, 38, 0x61, 0, at, True)]
    held.append(KeyRecord("release", a.key, "a", 0, 38, 0x61, 0, t + 900))
    for e in held:  # with the time between them, as a person holds the key
        qtbot.wait(0 if e.auto and e.type == "press" else 1)
        if e.ts == t + 540:
            qtbot.waitUntil(lambda: form.edit.text() == "a")  # the first one, after the silence
        form.replay([e])
    qtbot.waitUntil(lambda: form.edit.text() == "a" * 9)
    assert form.scans == []
    assert settled(form)


def test_a_shortcut_inside_typing_is_delivered_in_order(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    form.edit.setText("old")
    scan("ab", form.edit, end="none")  # held for a moment...
    select_all = [KeyRecord("press", int(Qt.Key.Key_Control), "",
                            int(Qt.KeyboardModifier.ControlModifier.value), 37, 0xFFE3, 0, _T[0] + 20),
                  KeyRecord("press", int(Qt.Key.Key_A), "\x01",
                            int(Qt.KeyboardModifier.ControlModifier.value), 38, 0x61, 4, _T[0] + 40),
                  KeyRecord("release", int(Qt.Key.Key_A), "\x01",
                            int(Qt.KeyboardModifier.ControlModifier.value), 38, 0x61, 4, _T[0] + 50),
                  KeyRecord("release", int(Qt.Key.Key_Control), "", 0, 37, 0xFFE3, 4, _T[0] + 60)]
    form.replay(select_all)  # ...Ctrl+A is a shortcut: the "ab" before it was typing
    assert form.edit.text() == "oldab"
    assert form.edit.selectedText() == "oldab"
    assert form.scans == []


def test_a_burst_with_one_long_gap_is_typing(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    scan("LT-0", form.edit, end="none")
    type_slowly("1", form.edit, gap_ms=300)  # the human pause breaks the burst
    scan("23", form.edit, end="none")
    qtbot.waitUntil(lambda: form.edit.text() == "LT-0123")
    assert form.scans == []


# -- suffixes and settings -----------------------------------------------------------------


def test_burst_ended_by_silence_is_a_scan(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    scan("S1001", form.edit, end="none")
    qtbot.waitUntil(lambda: form.scans == ["S1001"])
    assert form.edit.text() == ""


def test_tab_ends_a_scan_and_focus_stays(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    scan("PH-0002", form.edit, end="tab")
    assert form.scans == ["PH-0002"]
    assert form.edit.hasFocus()
    assert settled(form)


def test_thresholds_are_settings(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    form.filter.settings = ScannerSettings(max_avg_gap_ms=5, max_gap_ms=10)
    scan("LT-0001", form.edit, gap_ms=8)  # fine for the defaults, too slow for these
    qtbot.waitUntil(lambda: form.edit.text() == "LT-0001")
    assert form.scans == []


def test_a_45_ms_scanner_is_typing_by_default_and_a_scan_with_its_settings(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    rec = load("us_slow_scanner_45ms")
    form.replay(form.at(rec, char_gap_ms=45))
    qtbot.waitUntil(lambda: form.entered == ["LT-0001"])
    assert form.scans == []
    form.edit.clear()
    form.entered.clear()
    form.filter.settings = SLOW_SCANNER
    for gap in (40, 45, 50):
        form.replay(form.at(rec, char_gap_ms=gap))
    assert form.scans == ["LT-0001"] * 3
    assert form.edit.text() == "" and form.entered == []
    form.replay(form.at(load("us_person_typing")))  # a person is still a person with them
    qtbot.waitUntil(lambda: form.entered == ["LT-0001"])
    assert len(form.scans) == 3


def test_a_busy_gui_thread_does_not_cut_a_scan_short(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    """The silence timer fires while the rest of the burst waits in the event queue (the GUI
    thread was busy): the waiting keys are taken in before the burst is judged."""
    events = form.at(load("us_lt0001_enter"))
    first_half = [e for e in events if e.ts <= events[0].ts + 4]
    rest = events[len(first_half):]
    send(first_half, form.edit)
    for e in rest:
        QApplication.postEvent(form.edit, e.event())
    form.filter._timer.timeout.emit()  # as if 100 ms went by before the queue was served
    qtbot.waitUntil(lambda: form.scans == ["LT-0001"])
    assert form.edit.text() == ""


def test_focus_moving_mid_burst_delivers_what_was_typed_where_it_was_typed(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    type_slowly("x", form.edit)
    scan("ab", form.edit, end="none")
    scan("cd", form.other, end="none")
    qtbot.waitUntil(lambda: (form.edit.text(), form.other.text()) == ("xab", "cd"))
    assert form.scans == []


def test_disabled_filter_lets_everything_through(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    form.filter.enabled = False
    scan("LT-0001", form.edit, end="none")
    assert form.edit.text() == "LT-0001"
    assert form.scans == []


def test_window_events_are_left_to_the_widget(qtbot, form) -> None:  # type: ignore[no-untyped-def]
    window = form.widget.windowHandle()
    ev = load("us_lt0001_enter").events[1].event()
    assert ev.type() == QEvent.Type.KeyPress
    assert form.filter.eventFilter(window, ev) is False

