"""The desk's hardware comes from the composition root (``ui.desk_app.build_window``): the
window opens the pad and the serial scanner only through the ``DeskDevices`` it was handed,
again after a settings change, and lets go of them when it closes."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import PadSettings, ScannerSettings
from app.devices.pad import PadError, SignaturePad
from app.devices.printer import FakePrinter
from app.devices.serial_scanner import SerialScanner
from app.hardware import build_pad
from tests.ui.desk import add_techs
from ui.desk_devices import DeskDevices


def test_the_window_uses_the_hardware_the_root_hands_in(qtbot, build_desk, ui_ctx,  # type: ignore[no-untyped-def]
                                                        tmp_path: Path) -> None:
    add_techs(ui_ctx)
    ui_ctx.settings.pad.protocol = "topaz"
    ui_ctx.settings.pad.port = str(tmp_path / "pad-not-plugged-in")
    pads: list[SignaturePad] = []
    asked: list[str] = []

    def open_pad(settings: PadSettings) -> SignaturePad | None:
        pad = build_pad(settings)  # the real opener: a pad that keeps trying its port
        assert pad is not None
        pads.append(pad)
        return pad

    def open_scanner(settings: ScannerSettings) -> SerialScanner | None:
        asked.append(settings.serial_port)
        return None

    printer = FakePrinter("Root's printer")
    desk = build_desk(printer_factory=lambda _s, _n=None: printer, open_pad=open_pad,
                      open_scanner=open_scanner)
    assert desk.printer_factory(ui_ctx.settings, None) is printer
    with pytest.raises(AttributeError):  # nothing patches hardware onto the window
        desk.printer_factory = lambda _s, _n=None: FakePrinter("patched")  # type: ignore[misc]
    assert desk.pad is None  # the pad opens once the database is open (ui.desk_app)
    desk.open_pad()
    assert desk.pad is pads[0]
    desk.start_serial_scanner()
    assert asked == [""]
    ui_ctx.settings.scanner.serial_port = "/dev/ttyACM7"
    desk.apply_settings()  # the admin saved new settings: both are opened again
    assert asked == ["", "/dev/ttyACM7"]
    assert len(pads) == 2 and desk.pad is pads[1]
    assert not pads[0].running  # the old one let go
    desk.close()
    assert desk.pad is None


def test_a_pad_that_cannot_open_is_said_and_signing_falls_back_to_the_mouse(  # type: ignore[no-untyped-def]
        qtbot, build_desk, ui_ctx) -> None:
    def broken(_settings: PadSettings) -> SignaturePad | None:
        raise OSError("no such port")

    ui_ctx.settings.pad.protocol = "topaz"
    ui_ctx.settings.pad.port = "/dev/ttyUSB9"
    desk = build_desk(open_pad=broken)
    desk.open_pad()
    assert desk.pad is None
    assert desk.banner.message == "Signature pad not available (no such port); sign with the mouse."


def test_the_real_hardware_is_what_the_settings_name(ui_ctx) -> None:  # type: ignore[no-untyped-def]
    from ui.desk_devices import desk_devices

    devices = desk_devices(ui_ctx)
    assert isinstance(devices, DeskDevices)
    assert devices.printer_factory is ui_ctx.printer_factory
    assert devices.open_pad(PadSettings()) is None  # no pad set up
    with pytest.raises(PadError, match="unknown pad protocol"):
        devices.open_pad(PadSettings(port="/dev/ttyUSB0", protocol="wacom"))
    assert devices.open_scanner(ScannerSettings()) is None  # no serial scanner set up


def test_the_admins_pad_test_opens_the_pad_on_screen_through_the_root(  # type: ignore[no-untyped-def]
        qtbot, build_desk, ui_ctx, tmp_path: Path) -> None:
    from tests.ui.desk import sign_in

    add_techs(ui_ctx)
    asked: list[PadSettings] = []

    def open_pad(settings: PadSettings) -> SignaturePad | None:
        asked.append(settings)
        return build_pad(settings)

    desk = build_desk(open_pad=open_pad)
    sign_in(qtbot, desk)  # alice, an admin
    desk.show_screen("admin")
    admin = desk.controller("admin")
    st = admin.view.settings
    port = str(tmp_path / "pad-being-tried")
    st.pad_port.setCurrentText(port)
    st.pad_protocol.setCurrentIndex(st.pad_protocol.findData("topaz"))
    st.test_pad.click()
    try:
        assert [(s.port, s.protocol) for s in asked] == [(port, "topaz")]
        assert admin.test_pad is not None and st.test_pad.text() == "Stop pad test"
        assert ui_ctx.settings.pad.port == ""  # only tried: nothing saved
    finally:
        st.test_pad.click()
    assert admin.test_pad is None and st.test_pad.text() == "Test pad"
    st.pad_port.setCurrentText("")
    st.test_pad.click()  # nothing chosen and nothing saved: said, nothing opened
    assert len(asked) == 2 and admin.test_pad is None
    assert desk.banner.message == "Cannot test the pad: no pad port configured"
