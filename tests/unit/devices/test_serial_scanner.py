"""The serial (virtual COM) scanner reader over a real pseudo-terminal: codes, status, unplug, replug."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.devices.pad_simulator import PtyPort
from app.devices.serial_scanner import ScannerEvent, ScannerStatus, SerialScanner, _split_lines

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs pseudo-terminals")
WAIT = 10.0


class Heard:
    """What the reader reports, from its thread, with a way to wait for it."""

    def __init__(self) -> None:
        self.codes: list[str] = []
        self.events: list[ScannerEvent] = []
        self.threads: set[str] = set()
        self._cond = threading.Condition()

    def scan(self, code: str) -> None:
        with self._cond:
            self.codes.append(code)
            self.threads.add(threading.current_thread().name)
            self._cond.notify_all()

    def status(self, event: ScannerEvent) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def wait(self, what: Callable[[], bool], why: str) -> None:
        with self._cond:
            assert self._cond.wait_for(what, WAIT), f"timed out waiting for {why}"

    def statuses(self) -> list[ScannerStatus]:
        return [e.status for e in self.events]


@pytest.fixture
def heard() -> Iterator[Heard]:
    yield Heard()
    # stop() leaves no reader thread behind
    assert not [t for t in threading.enumerate() if t.name.startswith("serial-scanner")]


def reader(port: str, heard: Heard) -> SerialScanner:
    return SerialScanner(port, on_scan=heard.scan, on_status=heard.status, retry_interval=0.05)


def test_each_line_is_a_scan_whatever_ends_it(tmp_path: Path, heard: Heard) -> None:
    line = PtyPort()
    line.open()
    scanner = reader(line.path, heard)
    scanner.start()
    try:
        heard.wait(lambda: ScannerStatus.CONNECTED in heard.statuses(), "connected")
        assert heard.events[0].describe() == f"Scanner connected on {line.path}"
        line.write(b"LT-0001\r\nS1001\rPH-0002\n\n  \r", threading.Event())
        heard.wait(lambda: len(heard.codes) == 3, "three scans")
        line.write(b"LT-00", threading.Event())  # a code split across reads
        line.write(b"03\r", threading.Event())
        heard.wait(lambda: len(heard.codes) == 4, "the fourth scan")
        assert heard.codes == ["LT-0001", "S1001", "PH-0002", "LT-0003"]
        assert heard.threads == {f"serial-scanner {line.path}"}
    finally:
        scanner.stop()
        line.close()
    assert not scanner.running


def test_unplug_is_reported_and_a_replug_behind_the_same_link_resumes(tmp_path: Path,
                                                                       heard: Heard) -> None:
    link = tmp_path / "usb-Honeywell_Scanner-if00"
    first = PtyPort(link)
    first.open()
    scanner = reader(str(link), heard)
    scanner.start()
    second: PtyPort | None = None
    try:
        heard.wait(lambda: heard.statuses() == [ScannerStatus.CONNECTED], "connected")
        first.close()  # unplugged
        heard.wait(lambda: ScannerStatus.UNPLUGGED in heard.statuses(), "unplugged")
        assert heard.events[-1].describe() == "Scanner unplugged — reconnecting…"
        second = PtyPort(link)
        second.open()
        heard.wait(lambda: heard.statuses()[-1] is ScannerStatus.CONNECTED, "reconnected")
        second.write(b"LT-0009\r", threading.Event())
        heard.wait(lambda: heard.codes == ["LT-0009"], "a scan after the replug")
        assert heard.statuses() == [ScannerStatus.CONNECTED, ScannerStatus.UNPLUGGED,
                                    ScannerStatus.CONNECTED]
    finally:
        scanner.stop()
        if second is not None:
            second.close()


def test_a_port_that_is_not_there_yet_is_waited_for(tmp_path: Path, heard: Heard) -> None:
    link = tmp_path / "scanner"
    scanner = reader(str(link), heard)
    scanner.start()
    line = PtyPort(link)
    try:
        heard.wait(lambda: ScannerStatus.NOT_FOUND in heard.statuses(), "not found")
        assert heard.events[0].describe() == f"Scanner not found on {link} — retrying…"
        line.open()
        heard.wait(lambda: ScannerStatus.CONNECTED in heard.statuses(), "connected")
    finally:
        scanner.stop()
        line.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc")
def test_a_port_another_program_holds_is_reported_busy(heard: Heard) -> None:
    line = PtyPort()
    line.open()
    holder = subprocess.Popen(
        ["cutecom", "-c", "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR); "
         "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)", line.path],
        executable=sys.executable, stdout=subprocess.PIPE, text=True)
    scanner = reader(line.path, heard)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        scanner.start()
        heard.wait(lambda: ScannerStatus.BUSY in heard.statuses(), "busy")
        assert heard.events[0].describe() == (f"Scanner port {line.path} is in use by cutecom "
                                              f"(pid {holder.pid}) — retrying…")
    finally:
        scanner.stop()
        holder.kill()
        holder.wait()
        line.close()


def test_a_broken_listener_does_not_stop_the_reader(heard: Heard) -> None:
    line = PtyPort()
    line.open()
    calls: list[str] = []

    def flaky(code: str) -> None:
        calls.append(code)
        if code == "BAD":
            raise RuntimeError("listener bug")
        heard.scan(code)

    scanner = SerialScanner(line.path, on_scan=flaky, on_status=heard.status, retry_interval=0.05)
    scanner.start()
    try:
        heard.wait(lambda: ScannerStatus.CONNECTED in heard.statuses(), "connected")
        line.write(b"BAD\rGOOD\r", threading.Event())
        heard.wait(lambda: heard.codes == ["GOOD"], "the scan after the failing one")
        assert calls == ["BAD", "GOOD"]
    finally:
        scanner.stop()
        line.close()


def test_split_lines_keeps_a_partial_line_and_drops_runaway_noise() -> None:
    buf = bytearray(b"A1\r\nB2\rC3")
    assert _split_lines(buf) == ["A1", "B2"] and buf == bytearray(b"C3")
    buf = bytearray(b"x" * 5000)
    assert _split_lines(buf) == [] and buf == bytearray()
