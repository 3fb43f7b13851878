"""SerialPad over a real pseudo-terminal: samples, status, unplug/replug, ISDV4 start-up, clean close."""

from __future__ import annotations

import os
import select
import termios
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from app.devices import isdv4, topaz
from app.devices.isdv4 import QueryReply, TouchReply
from app.devices.pad import PadError, PadStatus, PenSample, StatusEvent
from app.devices.pad_simulator import PtyPort
from app.devices.serial_pad import SerialPad, SerialPadConfig

WAIT = 10.0  # generous: a loaded machine is slow, never wrong


class Collector:
    """Everything a pad reports, with a way to wait for a condition on it."""

    def __init__(self, pad: SerialPad) -> None:
        self.samples: list[PenSample] = []
        self.statuses: list[StatusEvent] = []
        self.threads: set[str] = set()
        self._cond = threading.Condition()
        pad.add_sample_listener(self._on_samples)
        pad.add_status_listener(self._on_status)

    def _on_samples(self, samples: object) -> None:
        with self._cond:
            self.samples.extend(samples)  # type: ignore[call-overload]
            self.threads.add(threading.current_thread().name)
            self._cond.notify_all()

    def _on_status(self, event: StatusEvent) -> None:
        with self._cond:
            self.statuses.append(event)
            self._cond.notify_all()

    def wait_for(self, what: Callable[[], bool], why: str) -> None:
        with self._cond:
            assert self._cond.wait_for(what, WAIT), f"timed out waiting for {why}"

    def count(self, status: PadStatus) -> int:
        return sum(1 for e in self.statuses if e.status is status)

    def wait_status(self, status: PadStatus, n: int = 1) -> None:
        self.wait_for(lambda: self.count(status) >= n, f"{status.value} #{n}")

    def wait_samples(self, n: int) -> None:
        self.wait_for(lambda: len(self.samples) >= n, f"{n} samples")


def reader_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("pad-reader")]


def packets(n: int, start: int = 0) -> tuple[bytes, list[tuple[int, int]]]:
    pts = [(600 + 10 * i, 500 + 3 * i) for i in range(start, start + n)]
    return b"".join(topaz.encode(x, y, pen_down=True) for x, y in pts), pts


def test_topaz_samples_arrive_on_the_reader_thread_and_close_leaves_no_thread(line: PtyPort) -> None:
    pad = SerialPad(SerialPadConfig(line.path, "topaz"))
    got = Collector(pad)
    pad.open()
    try:
        got.wait_status(PadStatus.CONNECTED)
        assert got.statuses[0].describe() == f"Pad connected on {line.path}"
        data, pts = packets(50)
        assert line.write(data, threading.Event())
        got.wait_samples(50)
        assert [(s.x, s.y) for s in got.samples] == pts
        assert all(s.pen_down and s.pressure == 1.0 for s in got.samples)
        ts = [s.t_ms for s in got.samples]
        assert ts == sorted(ts)
        assert got.threads == {f"pad-reader {line.path}"}
        assert pad.stats.samples == 50
    finally:
        pad.close()
    assert reader_threads() == []
    assert not pad.running


def test_unplug_reports_disconnected_and_replug_behind_the_same_link_resumes(tmp_path: Path) -> None:
    link = tmp_path / "usb-Topaz_SigLite-if00-port0"
    first = PtyPort(link)
    first.open()
    pad = SerialPad(SerialPadConfig(str(link), "topaz", retry_interval=0.1))
    got = Collector(pad)
    pad.open()
    second: PtyPort | None = None
    try:
        got.wait_status(PadStatus.CONNECTED)
        data, pts = packets(20)
        first.write(data, threading.Event())
        got.wait_samples(20)

        first.close()  # unplugged: the master closes and udev removes the link
        got.wait_status(PadStatus.DISCONNECTED)
        got.wait_status(PadStatus.RECONNECTING)
        assert got.statuses[-1].describe() == "Pad unplugged — reconnecting…"
        assert pad.running

        second = PtyPort(link)  # plugged back in: a new device behind the same link
        second.open()
        got.wait_status(PadStatus.CONNECTED, 2)
        data, more = packets(30, start=20)
        second.write(data, threading.Event())
        got.wait_samples(50)
        assert [(s.x, s.y) for s in got.samples] == pts + more
        assert [e.status for e in got.statuses] == [
            PadStatus.CONNECTED, PadStatus.DISCONNECTED, PadStatus.RECONNECTING,
            PadStatus.CONNECTED]
    finally:
        pad.close()
        if second is not None:
            second.close()
    assert reader_threads() == []


def test_must_connect_refuses_a_missing_port_with_a_plain_error(tmp_path: Path) -> None:
    pad = SerialPad(SerialPadConfig(str(tmp_path / "nope"), "topaz"))
    with pytest.raises(PadError, match="cannot open pad port .*nope: No such file or directory"):
        pad.open()
    assert reader_threads() == []


def test_background_open_waits_for_the_pad_to_be_plugged_in(tmp_path: Path) -> None:
    link = tmp_path / "pad"
    pad = SerialPad(SerialPadConfig(str(link), "topaz", retry_interval=0.05))
    got = Collector(pad)
    pad.open(must_connect=False)
    port = PtyPort(link)
    try:
        got.wait_status(PadStatus.RECONNECTING)
        assert got.statuses[0].status is PadStatus.DISCONNECTED
        port.open()
        got.wait_status(PadStatus.CONNECTED)
        port.write(packets(3)[0], threading.Event())
        got.wait_samples(3)
    finally:
        pad.close()
        port.close()
    assert reader_threads() == []


def test_a_failing_listener_does_not_stop_the_reader(line: PtyPort) -> None:
    pad = SerialPad(SerialPadConfig(line.path, "topaz"))

    def broken(_samples: object) -> None:
        raise RuntimeError("listener bug")

    pad.add_sample_listener(broken)
    got = Collector(pad)
    pad.open()
    try:
        got.wait_status(PadStatus.CONNECTED)
        line.write(packets(5)[0], threading.Event())
        got.wait_samples(5)
        line.write(packets(5, 5)[0], threading.Event())
        got.wait_samples(10)
    finally:
        pad.close()


class FakeIsdv4:
    """A device on the master side that answers the query only at ``answer_baud``, and the
    touch query with ``touch`` (None: it stays silent, as some pen-only devices do)."""

    REPLY = QueryReply(x_max=26202, y_max=16503, pressure_max=255, version=7)

    def __init__(self, port: PtyPort, answer_baud: int | None,
                 touch: TouchReply | None = None) -> None:
        self.port = port
        self.answer_baud = answer_baud
        self.touch = touch
        self.commands: list[bytes] = []
        self.started = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fake-isdv4")

    def __enter__(self) -> FakeIsdv4:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _speed(self) -> int:
        assert self.port.master is not None
        speed = termios.tcgetattr(self.port.master)[4]  # a pty master sees the slave's settings
        return {termios.B19200: 19200, termios.B38400: 38400}.get(speed, 0)

    def _run(self) -> None:
        while not self._stop.is_set():
            assert self.port.master is not None
            ready, _, _ = select.select([self.port.master], [], [], 0.02)
            if not ready:
                continue
            for c in self.port.read():
                cmd = bytes((c,))
                self.commands.append(cmd)
                if cmd == isdv4.CMD_QUERY and self.answer_baud in (None, self._speed()):
                    self.port.write(isdv4.encode_query_reply(self.REPLY), self._stop)
                if cmd == isdv4.CMD_TOUCH_QUERY and self.touch is not None:
                    self.port.write(isdv4.encode_touch_reply(self.touch), self._stop)
                if cmd == isdv4.CMD_START:
                    self.started.set()


def test_isdv4_start_up_reads_the_pads_size_then_starts_it(line: PtyPort) -> None:
    touch = TouchReply(sensor_id=1, x_max=4000, y_max=3000, panel_resolution=10)
    with FakeIsdv4(line, answer_baud=38400, touch=touch) as dev:
        pad = SerialPad(SerialPadConfig(line.path, "isdv4"))
        got = Collector(pad)
        pad.open()
        try:
            assert dev.started.wait(WAIT)
            # stop, query, touch query, start (wacom_w8001.c lines 411, 428, 470, 386)
            assert dev.commands == [b"0", b"*", b"%", b"1"]
            assert pad.touch == touch and pad.touch.packet_len == 7
            assert pad.window == (0.0, 0.0, 26202.0, 16503.0)
            got.wait_status(PadStatus.CONNECTED)
            assert got.statuses[0].message == "38400 baud"
            line.write(isdv4.encode_pen(26202, 100, 255, pen_down=True)
                       + isdv4.encode_pen(26203, 100, 255, pen_down=True)  # beyond x_max
                       + isdv4.encode_pen(500, 600, 51, pen_down=False), threading.Event())
            got.wait_samples(3)
            assert [(s.x, s.y, s.pressure, s.pen_down) for s in got.samples] == [
                (26202, 100, 1.0, True), (26202, 100, 1.0, True), (500, 600, 0.2, False)]
            assert pad.stats.clamped == 1 and pad.stats.rejected == 0
        finally:
            pad.close()
    assert reader_threads() == []


def test_isdv4_falls_back_to_19200_when_38400_gets_no_answer(line: PtyPort) -> None:
    with FakeIsdv4(line, answer_baud=19200) as dev:
        pad = SerialPad(SerialPadConfig(line.path, "isdv4"))
        got = Collector(pad)
        pad.open()
        try:
            got.wait_status(PadStatus.CONNECTED)
            assert got.statuses[0].message == "19200 baud"
            assert dev.started.wait(WAIT)
            # a device that does not answer the touch query is started after a second
            assert dev.commands == [b"0", b"*", b"0", b"*", b"%", b"1"]
            assert pad.touch is None
        finally:
            pad.close()


def test_isdv4_that_never_answers_cannot_be_opened(line: PtyPort) -> None:
    with FakeIsdv4(line, answer_baud=1):
        pad = SerialPad(SerialPadConfig(line.path, "isdv4"))
        with pytest.raises(PadError, match="no answer from the ISDV4 pad at 38400 or 19200 baud"):
            pad.open()
    assert reader_threads() == []


def test_config_refuses_nonsense() -> None:
    with pytest.raises(PadError, match="unknown pad protocol"):
        SerialPadConfig("/dev/ttyUSB0", "summagraphics")
    with pytest.raises(PadError, match="no pad port"):
        SerialPadConfig("", "topaz")
    with pytest.raises(PadError, match="window"):
        SerialPadConfig("/dev/ttyUSB0", "topaz", window=(10, 10, 5, 20))


def test_config_from_settings_takes_overrides() -> None:
    from app.config import PadSettings

    s = PadSettings(protocol="topaz", port="/dev/ttyUSB0", baud=0, window=[400, 350, 2400, 1050],
                    dtr=False, rts=True)
    c = SerialPadConfig.from_settings(s, port="/dev/ttyUSB1", baud=9600)
    assert (c.port, c.protocol, c.baud, c.window, c.dtr) == (
        "/dev/ttyUSB1", "topaz", 9600, (400.0, 350.0, 2400.0, 1050.0), False)
    assert c.bauds() == [9600]
    assert SerialPadConfig("p", "isdv4").bauds() == [38400, 19200]
    assert SerialPadConfig("p", "isdv4", baud=19200).bauds() == [19200, 38400]


def test_close_releases_the_port(line: PtyPort) -> None:
    pad = SerialPad(SerialPadConfig(line.path, "topaz"))
    pad.open()
    pad.close()
    pad.close()  # twice is harmless
    assert not line.client_present()
    assert os.path.exists(line.path)
