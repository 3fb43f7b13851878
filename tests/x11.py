"""A real X server for tests: Xvfb on a display of its own, driven with xdotool.

Each :class:`Xvfb` picks a free display number itself (``-displayfd``), so tests
running side by side (and whatever else runs on this machine) never share a
display or a keyboard layout: ``setxkbmap de`` on one changes only that one.

Tests that need it call :func:`need_x11` first: without Xvfb, xdotool or
setxkbmap they skip with the reason, and under ``LOAN_KIOSK_REQUIRE_ALL=1``
(``.ci/run``, which installs them) they fail instead.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from collections.abc import Callable
from types import TracebackType

TOOLS = ("Xvfb", "xdotool", "setxkbmap")


def need_x11() -> None:
    from tests.conftest import skip_or_fail

    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        skip_or_fail(f"needs a real X server and key events: {', '.join(missing)} not installed "
                     "(apt-get install xvfb xdotool x11-xkb-utils; .ci/run does)")


class Xvfb:
    """``with Xvfb(1280, 720) as x:`` a fresh X server; ``x.env`` runs programs on it."""

    def __init__(self, width: int = 1280, height: int = 720) -> None:
        self.width, self.height = width, height
        self.display = ""
        self._proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Xvfb:
        read_fd, write_fd = os.pipe()
        self._proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0",
             f"{self.width}x{self.height}x24", "-nolisten", "tcp", "-noreset"],
            pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_fd)
        try:
            number = b""
            deadline = time.monotonic() + 20
            while not number.endswith(b"\n"):
                left = deadline - time.monotonic()
                if left <= 0 or not select.select([read_fd], [], [], left)[0]:
                    raise RuntimeError("Xvfb did not start within 20 s")
                chunk = os.read(read_fd, 16)
                if not chunk:
                    raise RuntimeError("Xvfb exited before it chose a display")
                number += chunk
        except BaseException:
            self.__exit__(None, None, None)
            raise
        finally:
            os.close(read_fd)
        self.display = f":{int(number)}"
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None

    @property
    def env(self) -> dict[str, str]:
        """The environment for a program on this display (Qt on xcb, not offscreen)."""
        env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
        env.update(DISPLAY=self.display, QT_QPA_PLATFORM="xcb", XAUTHORITY="/dev/null")
        return env

    def run(self, *argv: str, timeout: float = 60) -> str:
        """Run an X tool (xdotool, setxkbmap…) on this display; its stdout."""
        proc = subprocess.run(list(argv), env=self.env, capture_output=True, text=True,
                              timeout=timeout)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}): {proc.stderr.strip()}")
        return proc.stdout

    def xdotool(self, *args: str) -> str:
        return self.run("xdotool", *args)

    def layout(self, name: str) -> None:
        """Switch this display's keyboard layout (``us``, ``de``, ``fr``…)."""
        self.run("setxkbmap", name)

    def window_named(self, pattern: str, timeout: float = 30) -> str:
        """The id of the first visible window whose title matches ``pattern``."""
        found = wait_for(lambda: self._search(pattern), timeout, f"a window named {pattern!r}")
        return found

    def _search(self, pattern: str) -> str:
        proc = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", pattern],
                              env=self.env, capture_output=True, text=True, timeout=30)
        return proc.stdout.split()[0] if proc.returncode == 0 and proc.stdout.split() else ""

    def geometry(self, window: str) -> tuple[int, int, int, int]:
        """x, y, width, height of a window, as the X server has it."""
        values: dict[str, int] = {}
        for line in self.xdotool("getwindowgeometry", "--shell", window).splitlines():
            key, _sep, value = line.partition("=")
            if key in ("X", "Y", "WIDTH", "HEIGHT"):
                values[key] = int(value)
        return values["X"], values["Y"], values["WIDTH"], values["HEIGHT"]


def wait_for(probe: Callable[[], object], timeout: float, what: str) -> object:
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting {timeout:.0f} s for {what}")
        time.sleep(0.1)
