"""The serial scanner in the desk: its scans reach the desk on the GUI thread, its status shows
in the header, and an unplug is said in the banner. A real pseudo-terminal plays the scanner."""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from app.devices.pad_simulator import PtyPort
from app.devices.serial_scanner import SerialScanner
from tests.factories import school
from tests.ui.desk import sign_in, wait_idle
from ui.serial_scanner import SerialScannerBridge

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs pseudo-terminals")


def test_bridge_delivers_scans_and_status_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    line = PtyPort()
    line.open()
    bridge = SerialScannerBridge(SerialScanner(line.path, retry_interval=0.05))
    got: list[tuple[str, bool]] = []
    gui = QApplication.instance().thread()  # type: ignore[union-attr]
    bridge.scanned.connect(lambda code: got.append((code, QThread.currentThread() is gui)))
    statuses: list[str] = []
    bridge.status_changed.connect(lambda e: statuses.append(e.describe()))
    bridge.start()
    try:
        qtbot.waitUntil(lambda: statuses == [f"Scanner connected on {line.path}"], timeout=5000)
        line.write(b"LT-0001\r\nS1001\r", threading.Event())
        qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
        assert got == [("LT-0001", True), ("S1001", True)]
    finally:
        bridge.stop()
        line.close()


def test_desk_shows_the_scanner_and_takes_its_scans(qtbot, desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    school(desk.ctx)
    link = tmp_path / "usb-Honeywell_1900-if00"
    line = PtyPort(link)
    line.open()
    header = desk.header
    assert not header.scanner.isVisible()  # no serial scanner configured: nothing shown
    desk.ctx.settings.scanner.serial_port = str(link)
    desk.start_serial_scanner()
    again: PtyPort | None = None
    try:
        qtbot.waitUntil(lambda: header.scanner.text() == "Scanner connected", timeout=5000)
        assert header.scanner.isVisible()
        assert header.scanner.toolTip() == f"Scanner connected on {link}"
        sign_in(qtbot, desk, "bob", "246800")
        line.write(b"LT-0001\r", threading.Event())
        qtbot.waitUntil(lambda: desk.current is not None and desk.current.name == "checkout",
                        timeout=10000)
        wait_idle(qtbot, desk)
        assert [a.tag for a in desk.controller("checkout").items] == ["LT-0001"]
        line.close()  # unplugged
        qtbot.waitUntil(lambda: header.scanner.text() == "Scanner unplugged — reconnecting…",
                        timeout=5000)
        assert desk.banner.message.startswith(f"The scanner on {link} was unplugged.")
        again = PtyPort(link)  # plugged back in
        again.open()
        qtbot.waitUntil(lambda: header.scanner.text() == "Scanner connected", timeout=5000)
    finally:
        desk.serial_scanner.stop()
        if again is not None:
            again.close()
        line.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("serial-scanner")]
