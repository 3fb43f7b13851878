"""A pad port that another program holds, or that inputattach has handed to the kernel.

The holders are real processes on a real pseudo-terminal. What cannot be made here
is a tty whose line discipline really is N_MOUSE (setting one needs the kernel's
serport module); the decision on a discipline is checked with the value itself,
and the ioctl that reads it with a real pty (N_TTY).
"""

from __future__ import annotations

import os
import subprocess
import sys
import termios
from collections.abc import Iterator

import pytest

from app.devices.line import LineSettings
from app.devices.pad import PadStatus
from app.devices.pad_simulator import PtyPort
from app.devices.port_claim import N_MOUSE, N_TTY, claimed_reason, holders, line_discipline
from app.devices.serial_line import PortBusy, open_line
from app.devices.serial_pad import SerialPad, SerialPadConfig
from tests.unit.devices.test_serial_pad import Collector

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc and ptys")

HOLD = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_NOCTTY)
if sys.argv[2] == "lock":
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
print("holding", flush=True)
time.sleep(60)
"""


@pytest.fixture
def hold() -> Iterator[object]:
    """Start a process that opens a port (and maybe locks it), named as it likes."""
    started: list[subprocess.Popen[str]] = []

    def start(path: str, *, name: str = "minicom", lock: bool = False) -> subprocess.Popen[str]:
        proc = subprocess.Popen([name, "-c", HOLD, path, "lock" if lock else "open"],
                                executable=sys.executable, stdout=subprocess.PIPE, text=True)
        started.append(proc)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
        return proc

    yield start
    for proc in started:
        proc.kill()
        proc.wait()


def test_holders_names_the_programs_that_have_the_port_open(line: PtyPort, hold) -> None:  # type: ignore[no-untyped-def]
    assert holders(line.path) == []
    proc = hold(line.path, name="minicom")
    (h,) = holders(line.path)
    assert (h.pid, h.name, h.is_inputattach) == (proc.pid, "minicom", False)


def test_a_port_locked_by_another_program_is_reported_busy_by_name(line: PtyPort, hold) -> None:  # type: ignore[no-untyped-def]
    proc = hold(line.path, name="cutecom", lock=True)
    with pytest.raises(PortBusy) as caught:
        SerialPad(SerialPadConfig(line.path, "topaz")).open()
    assert caught.value.message == (f"cannot open pad port {line.path}: it is in use by "
                                    f"cutecom (pid {proc.pid})")


def test_inputattach_on_the_port_means_the_kernel_has_the_panel(line: PtyPort, hold) -> None:  # type: ignore[no-untyped-def]
    # what wacom.rules line 14 starts: isdv4-serial-inputattach /dev/ttyS4
    proc = hold(line.path, name="isdv4-serial-inputattach")
    pad = SerialPad(SerialPadConfig(line.path, "isdv4", retry_interval=0.05))
    got = Collector(pad)
    pad.open(must_connect=False)
    try:
        got.wait_status(PadStatus.BUSY)
    finally:
        pad.close()
    event = got.statuses[0]
    assert event.message == (f"claimed by isdv4-serial-inputattach (pid {proc.pid}) for the kernel's "
                             "tablet driver: the pen panel works as a tablet, so sign on the screen "
                             "with its pen")
    assert event.describe().startswith(f"Pad port {line.path} is claimed by isdv4-serial-inputattach")


def test_a_line_discipline_other_than_n_tty_is_a_claimed_port(line: PtyPort) -> None:
    fd = os.open(line.path, os.O_RDWR | os.O_NOCTTY)
    try:
        assert line_discipline(fd) == N_TTY
    finally:
        os.close(fd)
    assert claimed_reason(line.path, N_TTY, []) is None
    assert claimed_reason(line.path, None, []) is None
    assert claimed_reason(line.path, N_MOUSE, []) == (
        "claimed for the kernel's tablet driver: the pen panel works as a tablet, so sign on the "
        "screen with its pen")


def test_with_parity_on_bad_characters_are_dropped_by_the_tty(line: PtyPort) -> None:
    for parity, checked in (("O", True), ("E", True), ("N", False)):
        ser = open_line(line.path, LineSettings(19200, 8, parity, 1.0), timeout=0.05)
        try:
            iflag = termios.tcgetattr(ser.fd)[0]
        finally:
            ser.close()
        # INPCK: check parity and framing; IGNPAR: drop what fails (without INPCK, no check)
        assert bool(iflag & termios.INPCK) is checked
        assert bool(iflag & termios.IGNPAR) or not checked


def test_pad_test_on_a_busy_port_refuses_in_one_line(line: PtyPort, hold,  # type: ignore[no-untyped-def]
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    proc = hold(line.path, name="isdv4-serial-inputattach")
    assert main(["pad", "test", "--port", line.path, "--protocol", "isdv4", "--seconds", "1"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"error: cannot open pad port {line.path}: it is claimed by isdv4-serial-inputattach "
        f"(pid {proc.pid}) for the kernel's tablet driver: the pen panel works as a tablet, so "
        "sign on the screen with its pen"]
