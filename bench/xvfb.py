"""A private X server (Xvfb) for the benchmarks that must run on a real X display."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from types import TracebackType


class XvfbUnavailable(RuntimeError):
    pass


class Xvfb:
    """``with Xvfb() as display:`` — a fresh Xvfb on a free display number (``-displayfd``),
    stopped on exit. Raises :class:`XvfbUnavailable` when Xvfb is missing or will not start."""

    def __init__(self, width: int = 1920, height: int = 1080, timeout_s: float = 10.0) -> None:
        self.size = f"{width}x{height}x24"
        self.timeout_s = timeout_s
        self.proc: subprocess.Popen[bytes] | None = None
        self.display = ""

    def __enter__(self) -> str:
        exe = shutil.which("Xvfb")
        if exe is None:
            raise XvfbUnavailable("Xvfb is not installed (apt-get install xvfb)")
        read, write = os.pipe()
        try:
            try:
                self.proc = subprocess.Popen(
                    [exe, "-displayfd", str(write), "-screen", "0", self.size, "-nolisten",
                     "tcp", "-noreset"], pass_fds=(write,), stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL)
            finally:
                os.close(write)
            ready, _, _ = select.select([read], [], [], self.timeout_s)
            number = os.read(read, 16).decode().strip() if ready else ""
        finally:
            os.close(read)
        if not number.isdigit():
            self.__exit__(None, None, None)
            raise XvfbUnavailable("Xvfb did not start")
        self.display = f":{number}"
        return self.display

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
