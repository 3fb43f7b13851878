"""A Tablet PC's ISDV4 panel that the kernel has claimed (wacom-inputattach): the signature widget
says so and takes the pen through Qt tablet events instead; the eraser end draws no ink there
either. The holder is a real process on a real pseudo-terminal."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.devices.pad_simulator import PtyPort
from app.devices.serial_pad import SerialPad, SerialPadConfig
from ui.widgets.signature_canvas import SignatureCanvas
from ui.widgets.signature_widget import SignatureWidget

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc and ptys")


@pytest.fixture
def claimed_port() -> Iterator[tuple[str, int]]:
    """A pty held open by a process started as ``isdv4-serial-inputattach PORT`` (wacom.rules)."""
    line = PtyPort()
    line.open()
    holder = subprocess.Popen(
        ["isdv4-serial-inputattach", "-c",
         "import os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR | os.O_NOCTTY); "
         "print('attached', flush=True); time.sleep(60)", line.path],
        executable=sys.executable, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "attached"
    yield line.path, holder.pid
    holder.kill()
    holder.wait()
    line.close()


def stylus(kind: QPointingDevice.PointerType) -> QPointingDevice:
    return QPointingDevice(f"panel {kind.name}", 2001 + int(kind.value),
                           QInputDevice.DeviceType.Stylus, kind,
                           QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
                           1, 3)


def stroke(canvas: SignatureCanvas, device: QPointingDevice, y: float) -> None:
    def send(kind: QEvent.Type, x: float, pressure: float) -> None:
        pos = canvas.to_widget(x, y)
        ev = QTabletEvent(kind, device, pos, canvas.mapToGlobal(pos), pressure, 0, 0, 0.0, 0.0,
                          0.0, Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton,
                          Qt.MouseButton.LeftButton)
        QApplication.sendEvent(canvas, ev)
        assert ev.isAccepted()  # never passed on as a mouse event

    send(QEvent.Type.TabletPress, 4000, 0.5)
    for i in range(1, 40):
        send(QEvent.Type.TabletMove, 4000 + 300 * i, 0.5)
    send(QEvent.Type.TabletRelease, 4000 + 300 * 39, 0.0)


def test_a_claimed_panel_is_said_plainly_and_signs_through_tablet_events(
        qtbot: QtBot, claimed_port: tuple[str, int]) -> None:
    port, pid = claimed_port
    widget = SignatureWidget()
    qtbot.addWidget(widget)
    widget.resize(800, 360)
    widget.show()
    pad = SerialPad(SerialPadConfig(port, "isdv4", retry_interval=0.1))
    widget.set_pad(pad)
    pad.open(must_connect=False)
    try:
        qtbot.waitUntil(lambda: widget.status_label.text().startswith("Pad port"), timeout=10000)
        assert widget.status_label.text() == (
            f"Pad port {port} is claimed by isdv4-serial-inputattach (pid {pid}) for the kernel's "
            "tablet driver: the pen panel works as a tablet, so sign on the screen with its pen.")
        assert widget.hint_label.isVisible() and widget.canvas.pointer_enabled
        canvas = widget.canvas
        stroke(canvas, stylus(QPointingDevice.PointerType.Eraser), 6000)
        assert not canvas.assembler.has_ink  # the eraser end draws nothing
        stroke(canvas, stylus(QPointingDevice.PointerType.Pen), 9000)
        stroke(canvas, stylus(QPointingDevice.PointerType.Pen), 12000)
        sig = widget.signature()
        assert len(sig.strokes) == 2 and sig.point_count == 80
        assert {round(p[2]) for s in sig.strokes for p in s} == {9000, 12000}
        assert sig.device.endswith("pen tablet")
    finally:
        pad.close()
