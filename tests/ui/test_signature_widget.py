"""The signature widget: live pad ink across threads, status, the gate, and pointer fallback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QInputDevice, QMouseEvent, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.config import SignatureSettings
from app.devices import topaz
from app.devices.pad import PenSample
from app.devices.pad_simulator import PtyPort
from app.devices.serial_pad import SerialPad, SerialPadConfig
from ink.signature import SignatureData
from ui.widgets.signature_canvas import POINTER_WINDOW
from ui.widgets.signature_widget import NO_PAD_TEXT, SignatureWidget

WAIT_MS = 10_000
WINDOW = (500.0, 400.0, 2650.0, 2100.0)


@pytest.fixture
def widget(qtbot: QtBot) -> SignatureWidget:
    w = SignatureWidget(SignatureSettings())
    qtbot.addWidget(w)
    w.resize(820, 420)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def pad(line: PtyPort) -> Iterator[SerialPad]:
    p = SerialPad(SerialPadConfig(line.path, "topaz", window=WINDOW, retry_interval=0.1))
    yield p
    p.close()


def stroke_bytes(points: list[tuple[int, int]]) -> bytes:
    """Hover in, ink along ``points``, lift."""
    x0, y0 = points[0]
    return (topaz.encode(x0, y0, pen_down=False)
            + b"".join(topaz.encode(x, y, pen_down=True) for x, y in points)
            + topaz.encode(points[-1][0], points[-1][1], pen_down=False))


def wave(x0: int, x1: int, y: int, n: int = 40) -> list[tuple[int, int]]:
    return [(x0 + (x1 - x0) * i // (n - 1), y + (60 if i % 8 < 4 else -60)) for i in range(n)]


def dark_pixels_near(w: SignatureWidget, x: float, y: float, radius: int = 6) -> int:
    img = w.canvas.grab().toImage()
    p = w.canvas.to_widget(x, y)
    n = 0
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            px, py = round(p.x()) + dx, round(p.y()) + dy
            inside = 0 <= px < img.width() and 0 <= py < img.height()
            if inside and QColor(img.pixel(px, py)).lightness() < 100:
                n += 1
    return n


def send_mouse(w: SignatureWidget, kind: QEvent.Type, pos: QPointF) -> None:
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
    ev = QMouseEvent(kind, pos, w.canvas.mapToGlobal(pos), Qt.MouseButton.LeftButton, buttons,
                     Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(w.canvas, ev)


def mouse_stroke(w: SignatureWidget, points: list[QPointF]) -> None:
    send_mouse(w, QEvent.Type.MouseButtonPress, points[0])
    for p in points[1:]:
        send_mouse(w, QEvent.Type.MouseMove, p)
    send_mouse(w, QEvent.Type.MouseButtonRelease, points[-1])


def test_buttons_and_areas_have_accessible_names(widget: SignatureWidget) -> None:
    assert widget.clear_button.accessibleName() == "Clear signature"
    assert widget.accept_button.accessibleName() == "Accept signature"
    assert widget.canvas.accessibleName() == "Signature area"
    assert widget.status_label.accessibleName() == "Signature pad status"
    assert not widget.accept_button.isEnabled()  # nothing to accept yet


def test_pad_ink_crosses_from_the_reader_thread_and_is_drawn_live(
        widget: SignatureWidget, pad: SerialPad, line: PtyPort, qtbot: QtBot) -> None:
    drawn_on: set[str] = set()
    add = widget.canvas.add_samples

    def recording(samples: list[PenSample]) -> None:
        drawn_on.add(threading.current_thread().name)
        add(samples)

    widget.canvas.add_samples = recording  # type: ignore[method-assign]
    widget.set_pad(pad)
    pad.open()
    qtbot.waitUntil(lambda: widget.status_label.text() == f"Pad connected on {line.path}",
                    timeout=WAIT_MS)
    assert not widget.hint_label.isVisible()
    first, second = wave(700, 1500, 1000), wave(1600, 2400, 1100)
    line.write(stroke_bytes(first) + stroke_bytes(second), threading.Event())
    qtbot.waitUntil(lambda: widget.canvas.assembler.point_count == 80, timeout=WAIT_MS)
    assert drawn_on == {threading.main_thread().name}  # painted on the GUI thread only
    # the ink is on screen where the pad put it
    assert dark_pixels_near(widget, *first[10]) > 0
    assert dark_pixels_near(widget, *second[-5]) > 0
    assert dark_pixels_near(widget, 2500, 1900) == 0
    with qtbot.waitSignal(widget.accepted, timeout=WAIT_MS) as accepted:
        QTest.mouseClick(widget.accept_button, Qt.MouseButton.LeftButton)
    sig: SignatureData = accepted.args[0]
    assert [[(p[1], p[2]) for p in s] for s in sig.strokes] == [
        [(float(x), float(y)) for x, y in first], [(float(x), float(y)) for x, y in second]]
    assert sig.window == WINDOW and sig.device == f"Topaz 5-byte on {line.path}"
    assert not sig.incomplete
    assert widget.message.text() == "Signature accepted."


def test_unplugged_mid_signature_keeps_the_ink_marks_it_incomplete_and_offers_the_mouse(
        widget: SignatureWidget, pad: SerialPad, line: PtyPort, qtbot: QtBot) -> None:
    widget.set_pad(pad)
    pad.open()
    qtbot.waitUntil(lambda: widget.canvas.pointer_enabled is False, timeout=WAIT_MS)
    half = wave(700, 1700, 1000)
    line.write(b"".join(topaz.encode(x, y, pen_down=True) for x, y in half), threading.Event())
    qtbot.waitUntil(lambda: widget.canvas.assembler.point_count == len(half), timeout=WAIT_MS)
    line.close()  # the cable is pulled, pen still down
    qtbot.waitUntil(lambda: widget.status_label.text() == "Pad unplugged — reconnecting…",
                    timeout=WAIT_MS)
    sig = widget.signature()
    assert sig.incomplete and sig.point_count == len(half)
    assert "marked incomplete" in widget.message.text()
    assert widget.hint_label.isVisible() and "mouse" in widget.hint_label.text()
    assert widget.canvas.pointer_enabled
    assert dark_pixels_near(widget, *half[20]) > 0  # still on screen


def test_a_pad_port_that_is_not_a_serial_line_shows_the_problem(
        widget: SignatureWidget, tmp_path: Path, qtbot: QtBot) -> None:
    not_a_tty = tmp_path / "ttyUSB0"
    not_a_tty.write_bytes(b"")
    pad = SerialPad(SerialPadConfig(str(not_a_tty), "topaz", retry_interval=0.1))
    widget.set_pad(pad)
    pad.open(must_connect=False)
    try:
        qtbot.waitUntil(lambda: widget.status_label.text().startswith("Pad problem on"),
                        timeout=WAIT_MS)
        assert widget.status_label.text() == (
            f"Pad problem on {not_a_tty}: Inappropriate ioctl for device — retrying…")
        assert widget.canvas.pointer_enabled
    finally:
        pad.close()


def test_without_a_pad_the_mouse_signs_in_the_same_coordinates(
        widget: SignatureWidget, qtbot: QtBot) -> None:
    assert widget.status_label.text() == NO_PAD_TEXT
    c = widget.canvas
    assert c.pad_window == POINTER_WINDOW
    left = [c.to_widget(400 + 40 * i, 700 + (80 if i % 6 < 3 else 0)) for i in range(40)]
    right = [c.to_widget(2200 + 30 * i, 800) for i in range(30)]
    mouse_stroke(widget, left)
    mouse_stroke(widget, right)
    sig = widget.signature()
    assert len(sig.strokes) == 2 and sig.point_count == 70
    for (_t, x, y, pressure), want in zip(sig.strokes[0], left, strict=True):
        back = c.to_widget(x, y)
        assert abs(back.x() - want.x()) < 1e-6 and abs(back.y() - want.y()) < 1e-6
        assert pressure == 1.0
    assert sig.window == POINTER_WINDOW and sig.device == "mouse"
    assert dark_pixels_near(widget, 400 + 40 * 12, 700 + 80) > 0
    with qtbot.waitSignal(widget.accepted, timeout=WAIT_MS):
        widget.accept_button.click()


def test_the_mouse_does_nothing_while_the_pad_is_connected(
        widget: SignatureWidget, pad: SerialPad, qtbot: QtBot) -> None:
    widget.set_pad(pad)
    pad.open()
    qtbot.waitUntil(lambda: widget.canvas.pointer_enabled is False, timeout=WAIT_MS)
    mouse_stroke(widget, [QPointF(100, 100), QPointF(300, 150)])
    assert not widget.canvas.assembler.has_ink


def test_the_quality_gate_asks_to_sign_again_and_accepts_nothing(
        widget: SignatureWidget, qtbot: QtBot) -> None:
    c = widget.canvas
    mouse_stroke(widget, [c.to_widget(1000 + 5 * i, 700) for i in range(10)])
    with qtbot.assertNotEmitted(widget.accepted):
        widget.accept_button.click()
    assert widget.message.text() == "That signature is too short — please sign again."
    # a second stroke makes it long enough, but still too small
    mouse_stroke(widget, [c.to_widget(1100, 800), c.to_widget(1120, 810)])
    with qtbot.assertNotEmitted(widget.accepted):
        widget.accept_button.click()
    assert "too small" in widget.message.text()


def test_the_gate_thresholds_are_settings(qtbot: QtBot) -> None:
    w = SignatureWidget(SignatureSettings(min_strokes=1, min_points=5, min_width_fraction=0.01))
    qtbot.addWidget(w)
    w.resize(600, 300)
    w.show()
    mouse_stroke(w, [w.canvas.to_widget(1000 + 10 * i, 700) for i in range(10)])
    with qtbot.waitSignal(w.accepted, timeout=WAIT_MS):
        w.accept_button.click()


def test_clear_starts_again(widget: SignatureWidget, qtbot: QtBot) -> None:
    c = widget.canvas
    mouse_stroke(widget, [c.to_widget(1000 + 20 * i, 700) for i in range(20)])
    assert widget.accept_button.isEnabled()
    with qtbot.waitSignal(widget.cleared, timeout=WAIT_MS):
        QTest.mouseClick(widget.clear_button, Qt.MouseButton.LeftButton)
    assert not c.assembler.has_ink and not widget.accept_button.isEnabled()
    assert dark_pixels_near(widget, 1000 + 20 * 5, 700) == 0


def test_a_pen_tablet_signs_with_pressure(widget: SignatureWidget) -> None:
    pen = QPointingDevice("test stylus", 1001, QInputDevice.DeviceType.Stylus,
                          QPointingDevice.PointerType.Pen,
                          QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
                          1, 3)
    c = widget.canvas

    def tablet(kind: QEvent.Type, x: float, pressure: float) -> None:
        pos = c.to_widget(x, 700)
        ev = QTabletEvent(kind, pen, pos, c.mapToGlobal(pos), pressure, 0, 0, 0.0, 0.0, 0.0,
                          Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton,
                          Qt.MouseButton.LeftButton)
        QApplication.sendEvent(c, ev)
        assert ev.isAccepted()

    tablet(QEvent.Type.TabletPress, 800, 0.2)
    for i in range(1, 30):
        tablet(QEvent.Type.TabletMove, 800 + 40 * i, 0.2 + i * 0.025)
    tablet(QEvent.Type.TabletRelease, 800 + 40 * 29, 0.0)
    sig = widget.signature()
    assert len(sig.strokes) == 1 and sig.point_count == 30
    pressures = [p[3] for p in sig.strokes[0]]
    assert pressures[0] == pytest.approx(0.2) and pressures[-1] == pytest.approx(0.925)
    assert sig.device == "pen tablet"
    assert not c.assembler.pen_down


def test_a_touch_screen_signs_with_a_finger(widget: SignatureWidget) -> None:
    device = QTest.createTouchDevice()
    c = widget.canvas
    pts = [c.to_widget(900 + 50 * i, 900).toPoint() for i in range(12)]
    # QTest places touch points in window coordinates
    at = [c.mapTo(c.window(), p) for p in pts]
    QTest.touchEvent(c, device).press(0, at[0]).commit()
    for p in at[1:]:
        QTest.touchEvent(c, device).move(0, p).commit()
    QTest.touchEvent(c, device).release(0, at[-1]).commit()
    sig = widget.signature()
    assert len(sig.strokes) == 1 and sig.point_count == len(pts)
    assert sig.device == "touch screen"
    got = [c.to_widget(p[1], p[2]) for p in sig.strokes[0]]
    # the finger's path, point for point (QTest's window mapping may shift it a pixel or two)
    for a, b, pa, pb in zip(got, got[1:], pts, pts[1:], strict=False):
        assert abs((b.x() - a.x()) - (pb.x() - pa.x())) <= 1 and abs(b.y() - a.y()) <= 1
    assert abs(got[0].x() - pts[0].x()) <= 3 and abs(got[0].y() - pts[0].y()) <= 3


def test_an_isdv4_pad_lends_its_own_window_before_any_ink(
        widget: SignatureWidget, tmp_path: Path) -> None:
    pad = SerialPad(SerialPadConfig(str(tmp_path / "absent"), "isdv4"))
    widget.set_pad(pad)
    assert widget.canvas.pad_window == pad.window == (0.0, 0.0, 24576.0, 18432.0)
    widget.set_pad(None)
    assert widget.status_label.text() == NO_PAD_TEXT
