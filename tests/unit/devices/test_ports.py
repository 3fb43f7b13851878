"""Port discovery: friendly names and serial numbers, and every platform's spelling of a port.

Windows and macOS are checked with what pyserial's ``list_ports`` gives there
(``ListPortInfo`` objects filled as ``list_ports_windows`` / ``list_ports_osx`` fill
them); Linux also with the real ``comports()`` of this machine.
"""

from __future__ import annotations

from pathlib import Path

from serial.tools.list_ports_common import ListPortInfo

from app.devices.ports import PortInfo, _by_id_links, find_port, list_ports, port_key


def usb_port(device: str, *, description: str | None = None, vid: int = 0x0403, pid: int = 0x6001,
             serial: str | None = "A12345", maker: str | None = "FTDI",
             product: str | None = "FT232R USB UART") -> ListPortInfo:
    p = ListPortInfo(device, skip_link_detection=True)
    p.vid, p.pid, p.serial_number, p.manufacturer, p.product = vid, pid, serial, maker, product
    p.apply_usb_info()
    if description is not None:  # Windows: the device manager's own words
        p.description = description
    return p


def test_windows_ports_have_friendly_names_and_serial_numbers() -> None:
    # list_ports_windows: description is the friendly name, e.g. "USB Serial Port (COM10)";
    # manufacturer from SPDRP_MFG; product is not filled there
    pad = usb_port("COM10", description="USB Serial Port (COM10)", product=None)
    scanner = usb_port("COM3", description="Honeywell 1900 Scanner (COM3)", vid=0x0C2E,
                       pid=0x0907, serial="19012B0412", maker="Honeywell", product=None)
    ports = list_ports(lambda: [pad, scanner], by_id_dir=Path("/nonexistent"))
    assert [p.device for p in ports] == ["COM3", "COM10"]  # COM3 before COM10
    com3, com10 = ports
    assert (com10.name, com10.serial_number, com10.vid_pid) == ("USB Serial Port (COM10)",
                                                                "A12345", "0403:6001")
    assert com3.label() == "COM3 — Honeywell 1900 Scanner (COM3), serial 19012B0412"
    assert com10.hwid == "USB VID:PID=0403:6001 SER=A12345"
    for spelling in ("COM10", "com10", r"\\.\COM10", r"\\?\COM10", " COM10 "):
        assert find_port(spelling, ports, "win32") == com10, spelling
    assert find_port("COM1", ports, "win32") is None
    assert port_key(r"\\.\com10", "win32") == "COM10"


def test_macos_call_out_and_dial_in_names_are_the_same_port() -> None:
    # list_ports_osx: device /dev/cu.<name>, product and manufacturer from the USB registry
    topaz = usb_port("/dev/cu.usbserial-TOPAZBSB", serial="TOPAZBSB")
    ports = list_ports(lambda: [topaz], by_id_dir=Path("/nonexistent"))
    (p,) = ports
    assert (p.name, p.serial_number, p.stable_path) == ("FTDI FT232R USB UART", "TOPAZBSB", "")
    assert find_port("/dev/cu.usbserial-TOPAZBSB", ports, "darwin") == p
    assert find_port("/dev/tty.usbserial-TOPAZBSB", ports, "darwin") == p
    assert port_key("/dev/tty.usbserial-TOPAZBSB", "darwin") == "/dev/cu.usbserial-TOPAZBSB"


def test_linux_by_id_links_name_the_same_port(tmp_path: Path) -> None:
    dev = tmp_path / "ttyUSB0"
    dev.touch()
    by_id = tmp_path / "by-id"
    by_id.mkdir()
    link = by_id / "usb-Topaz_Systems_SigLite-if00-port0"
    link.symlink_to(dev)
    assert _by_id_links(by_id) == {str(dev): str(link)}
    assert _by_id_links(tmp_path / "missing") == {}
    ports = list_ports(lambda: [usb_port(str(dev), product="SigLite", maker="Topaz Systems")],
                       by_id_dir=by_id)
    (p,) = ports
    assert p.stable_path == str(link) and p.name == "Topaz Systems SigLite"
    assert find_port(str(link), ports, "linux") == p
    assert find_port(str(dev), ports, "linux") == p


def test_a_port_without_usb_details_is_named_by_what_little_the_os_says() -> None:
    plain = ListPortInfo("/dev/ttyS0", skip_link_detection=True)  # description and hwid "n/a"
    (p,) = list_ports(lambda: [plain], by_id_dir=Path("/nonexistent"))
    assert (p.description, p.hwid, p.name, p.serial_number, p.vid_pid) == ("", "", "", "", "")
    assert p.label() == "/dev/ttyS0"


def test_list_ports_reports_what_the_os_has() -> None:
    ports = list_ports()
    assert all(isinstance(p, PortInfo) and p.device for p in ports)
    for p in ports:
        assert set(p.to_dict()) == {"device", "description", "hwid", "stable_path", "name",
                                    "serial_number", "vid_pid"}
        assert find_port(p.device, ports, "linux") == p
