"""Port discovery."""

from __future__ import annotations

from pathlib import Path

from app.devices.ports import PortInfo, _by_id_links, list_ports


def test_by_id_links_map_each_device_to_its_stable_name(tmp_path: Path) -> None:
    dev = tmp_path / "ttyUSB0"
    dev.touch()
    by_id = tmp_path / "by-id"
    by_id.mkdir()
    (by_id / "usb-Topaz_Systems_SigLite-if00-port0").symlink_to(dev)
    assert _by_id_links(by_id) == {str(dev): str(by_id / "usb-Topaz_Systems_SigLite-if00-port0")}
    assert _by_id_links(tmp_path / "missing") == {}


def test_list_ports_reports_what_the_os_has() -> None:
    ports = list_ports()
    assert all(isinstance(p, PortInfo) and p.device for p in ports)
    assert [p.device for p in ports] == sorted(p.device for p in ports)
    assert all(set(p.to_dict()) == {"device", "description", "hwid", "stable_path"} for p in ports)
