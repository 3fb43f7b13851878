"""The ``pad`` commands and the driver against the simulator on a real pseudo-terminal.

The simulator runs as the real command (``python -m app pad simulate``) in a
subprocess; its first stdout line is the port, then one JSON line per event
(``signature`` with what it had sent so far, ``unplugged``, ``replugged``).
The commands under test run through the real entry point, ``app.cli.main``,
in this process (a second interpreter start per command would double the time).
"""

from __future__ import annotations

import json
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select

from app.devices.pad import PadStatus, StatusEvent, StrokeAssembler
from app.devices.serial_pad import SerialPad, SerialPadConfig
from db.models import Signature
from ink.signature import SignatureData, check_quality
from tests.integration.pad_sim import Result, Simulator, simulate
from tests.unit.devices.test_serial_pad import Collector, reader_threads

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs pseudo-terminals")


@pytest.mark.parametrize("protocol", ["topaz", "isdv4"])
def test_pad_test_counts_exactly_what_the_simulator_sent(
        protocol: str, simulators: list[Simulator], run: Callable[..., Result]) -> None:
    sim = simulate(simulators, "--protocol", protocol, "--count", "1", "--seed", "4",
                   "--rate", "200", "--short")
    # the short signature takes about 2 s to sign: listen for twice that
    proc = run("pad", "test", "--port", sim.port, "--protocol", protocol, "--seconds", "4",
               "--json")
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    sent = sim.event("signature")["stats"]  # the whole signature went out while we listened
    assert sent["signatures"] == 1
    assert {k: seen[k] for k in ("port", "protocol", "packets", "samples", "strokes", "points",
                                 "rejected", "resyncs", "disconnected", "bounds")} == {
        "port": sim.port, "protocol": protocol,
        "packets": sent["packets"], "samples": sent["samples"], "strokes": sent["strokes"],
        "points": sent["points"], "rejected": 0, "resyncs": 0, "disconnected": False,
        "bounds": sent["bounds"],
    }
    assert sent["samples"] > sent["points"] > 100 and sent["strokes"] >= 2
    assert sim.stop() == 0


def test_pad_test_on_a_noisy_line_counts_the_resyncs(
        simulators: list[Simulator], run: Callable[..., Result]) -> None:
    sim = simulate(simulators, "--protocol", "topaz", "--fault", "noise", "--seed", "3", "--short")
    proc = run("pad", "test", "--port", sim.port, "--protocol", "topaz", "--seconds", "4",
               "--json")
    seen = json.loads(proc.stdout)
    sent = sim.event("signature")["stats"]
    assert sent["faults"] > 0
    assert seen["resyncs"] > 0
    # noise between packets costs no real packet (phantoms only if noise forms a whole packet)
    assert seen["samples"] >= sent["samples"]
    sim.stop()


def test_pad_test_when_the_pad_is_unplugged_reports_what_it_got(
        simulators: list[Simulator], run: Callable[..., Result]) -> None:
    sim = simulate(simulators, "--protocol", "isdv4", "--fault", "disconnect", "--seed", "5",
                   "--replug-after", "30", "--short")
    proc = run("pad", "test", "--port", sim.port, "--protocol", "isdv4", "--seconds", "30",
               "--json")
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert seen["disconnected"] is True
    assert seen["points"] > 0 and seen["bounds"] is not None
    assert sim.event("unplugged")
    sim.stop()


def test_pad_test_on_a_port_that_is_not_there(tmp_path: Path, run: Callable[..., Result]) -> None:
    proc = run("pad", "test", "--port", str(tmp_path / "ttyUSB9"), "--protocol", "topaz",
               "--seconds", "1")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"error: cannot open pad port {tmp_path / 'ttyUSB9'}: No such file or directory"]


def test_driver_resumes_by_itself_after_unplug_and_replug_behind_a_link(
        tmp_path: Path, simulators: list[Simulator]) -> None:
    link = tmp_path / "usb-Topaz_Systems-if00-port0"
    sim = simulate(simulators, "--protocol", "topaz", "--fault", "disconnect", "--link", str(link),
                   "--count", "1", "--seed", "9", "--replug-after", "0.5", "--short")
    assert os.readlink(link) == sim.port
    pad = SerialPad(SerialPadConfig(str(link), "topaz"))  # the real 1-second retry
    got = Collector(pad)
    # what the desk does with the stream: the signature in progress is kept when the pad vanishes
    assembler = StrokeAssembler(pad.window, pad.description)
    lock = threading.Lock()

    def on_samples(samples: Any) -> None:
        with lock:
            assembler.extend(samples)

    def on_status(event: StatusEvent) -> None:
        if event.status is PadStatus.DISCONNECTED:
            with lock:
                assembler.mark_incomplete()

    pad.add_sample_listener(on_samples)
    pad.add_status_listener(on_status)
    pad.open()
    try:
        got.wait_status(PadStatus.CONNECTED)
        got.wait_status(PadStatus.DISCONNECTED)
        at_unplug = sim.event("unplugged")["stats"]
        with lock:
            partial = assembler.signature()
        assert partial.incomplete and 0 < partial.point_count <= at_unplug["points"]
        before = len(got.samples)
        replugged = sim.event("replugged")["port"]
        got.wait_status(PadStatus.CONNECTED, 2)
        assert os.readlink(link) == replugged
        sent = sim.event("signature")["stats"]
        # a whole new signature arrives, every sample of it
        after_replug = sent["samples"] - at_unplug["samples"]
        got.wait_for(lambda: len(got.samples) - before >= after_replug, "the new signature")
        assert len(got.samples) - before == after_replug
        assert [e.status for e in got.statuses][:2] == [PadStatus.CONNECTED,
                                                        PadStatus.DISCONNECTED]
    finally:
        pad.close()
    assert reader_threads() == []
    assert sim.stop() == 0
    assert not link.exists() and not link.is_symlink()  # the simulator tidies its link away


def test_pad_capture_writes_a_signature_that_leaver_return_stores(
        tmp_path: Path, simulators: list[Simulator], run: Callable[..., Result]) -> None:
    sim = simulate(simulators, "--protocol", "isdv4", "--seed", "12", "--short")
    out = tmp_path / "sig.json"
    proc = run("pad", "capture", "--port", sim.port, "--protocol", "isdv4", "--out", str(out),
               "--idle", "0.5")
    assert proc.returncode == 0, proc.stderr
    sent = sim.event("signature")["stats"]
    sig = SignatureData.from_json(out.read_bytes())
    assert len(sig.strokes) == sent["strokes"] and sig.point_count == sent["points"]
    assert list(sig.bounds() or ()) == sent["bounds"]
    assert sig.window == (0.0, 0.0, 24576.0, 18432.0)
    assert sig.device == f"Wacom ISDV4 on {sim.port}" and not sig.incomplete
    assert check_quality(sig).ok
    sim.stop()

    db = tmp_path / "desk.sqlite3"
    staff = tmp_path / "staff.csv"
    staff.write_text("Staff Code,Forename,Surname\nAB1,Siân,Ó Briain\n", encoding="utf-8")
    common = ["--db", f"sqlite:///{db}", "--data-dir", str(tmp_path / "data")]
    assert run("init", *common).returncode == 0
    assert run("import", "staff", str(staff), *common).returncode == 0
    proc = run("leaver", "return", "AB1", "--confirm-not-leaving", "--none", "--signature", str(out),
               "--json", *common)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["receipt"].startswith("R-")
    engine = create_engine(f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(Signature.strokes, Signature.window, Signature.device,
                                       Signature.incomplete)).all()
    finally:
        engine.dispose()
    assert rows == [([[list(p) for p in s] for s in sig.strokes], list(sig.window), sig.device,
                     False)]


def test_simulate_exits_cleanly_on_sigint_and_removes_its_link(
        tmp_path: Path, simulators: list[Simulator]) -> None:
    link = tmp_path / "pad"
    stats = tmp_path / "stats.json"
    sim = simulate(simulators, "--protocol", "topaz", "--loop", "--link", str(link),
                   "--stats-json", str(stats))
    assert link.is_symlink()
    sim.proc.send_signal(signal.SIGINT)
    assert sim.stop() == 0
    assert not link.is_symlink()
    assert json.loads(stats.read_text())["ports"] == [sim.port]


def test_pad_list_names_every_port_the_os_reports(run: Callable[..., Result]) -> None:
    from app.devices.ports import list_ports

    proc = run("pad", "list", "--json")
    assert proc.returncode == 0
    assert [{k: v for k, v in p.items() if k != "configured_as"} for p in json.loads(proc.stdout)
            ] == [p.to_dict() for p in list_ports()]
    text = run("pad", "list").stdout
    for p in list_ports():
        assert p.device in text
