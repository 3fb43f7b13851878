"""A private X server (Xvfb) for the benchmarks that must run on a real X display."""

from __future__ import annotations

import os
import random
import select
import shutil
import socket
import subprocess
from pathlib import Path
from types import TracebackType


class XvfbUnavailable(RuntimeError):
    pass


def _taken(number: int) -> bool:
    """Is display ``number`` in use: a lock file, a socket file, or a listener on the abstract
    socket (which a server elsewhere can hold while the files here are gone, and which X
    clients try first)?"""
    if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
        return True
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(f"\0/tmp/.X11-unix/X{number}")
        return True
    except OSError:
        return False
    finally:
        probe.close()


class Xvfb:
    """``with Xvfb() as display:`` — a fresh Xvfb on a display number nobody uses, stopped on
    exit. Raises :class:`XvfbUnavailable` when Xvfb is missing or will not start."""

    def __init__(self, width: int = 1920, height: int = 1080, timeout_s: float = 10.0) -> None:
        self.size = f"{width}x{height}x24"
        self.timeout_s = timeout_s
        self.proc: subprocess.Popen[bytes] | None = None
        self.display = ""
        self._fd: int | None = None

    def __enter__(self) -> str:
        exe = shutil.which("Xvfb")
        if exe is None:
            raise XvfbUnavailable("Xvfb is not installed (apt-get install xvfb)")
        numbers = list(range(150, 250))
        random.shuffle(numbers)
        for number in numbers:
            if not _taken(number) and self._start(exe, number):
                self.display = f":{number}"
                return self.display
        raise XvfbUnavailable("Xvfb did not start on any free display")

    def _start(self, exe: str, number: int) -> bool:
        """Xvfb on ``:number``, waited for (``-displayfd`` says when it listens)."""
        read, write = os.pipe()
        try:
            self.proc = subprocess.Popen(
                [exe, f":{number}", "-displayfd", str(write), "-screen", "0", self.size,
                 "-nolisten", "tcp", "-noreset"], pass_fds=(write,),
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        finally:
            os.close(write)
        # Read up to the newline, and keep our end open while the server runs: Xvfb writes
        # the number and the newline apart, and dies ("Cannot write display number") if
        # the reader has gone in between.
        self._fd = read
        said = b""
        while not said.endswith(b"\n"):
            if not select.select([read], [], [], self.timeout_s)[0]:
                break
            chunk = os.read(read, 16)
            if not chunk:
                break
            said += chunk
        if said.strip() == str(number).encode() and self.proc.poll() is None:
            return True
        self.__exit__(None, None, None)
        return False

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
