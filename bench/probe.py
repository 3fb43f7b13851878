"""The parent side of the desk benchmarks: a probe subprocess, started, read, let go.

A probe (:mod:`bench.start_probe`, :mod:`bench.ui_probe`) prints marker lines —
``NAME`` or ``NAME <perf_counter_ns> <cpu_ns>`` — and ``RESULT <json>``, then
waits for a line on stdin before it exits, so that its peak RSS can still be read
from ``/proc``. Its clock is the parent's (CLOCK_MONOTONIC), so a marker's time
since spawn needs no pipe or scheduling latency of the parent.
"""

from __future__ import annotations

import compileall
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.start_probe import SLOW_ENV, SPAWN_ENV

ROOT = Path(__file__).resolve().parents[1]


def probe_env(display: str | None = None, slow: dict[str, float] | None = None) -> dict[str, str]:
    """The environment of a probe: offscreen, or the X server ``display``."""
    env = dict(os.environ)
    if display is None:
        env["QT_QPA_PLATFORM"] = "offscreen"
        env.pop("DISPLAY", None)
    else:
        env["QT_QPA_PLATFORM"] = "xcb"
        env["DISPLAY"] = display
    env.pop("WAYLAND_DISPLAY", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("LOAN_KIOSK_DB", None)
    env.pop(SLOW_ENV, None)
    if slow:
        env[SLOW_ENV] = ",".join(f"{k}={v:g}" for k, v in slow.items())
    return env


#: how much the probes' scheduling priority is raised, where the OS allows it (root)
PRIORITY_BOOST = int(os.environ.get("LOAN_KIOSK_BENCH_PRIORITY_BOOST", "10"))


def _raise_priority() -> None:
    """In the probe, before it starts: a higher scheduling priority, when permitted.

    A desk's wait is mostly threads handing work to each other (the worker, the event
    loop); on a runner busy with other jobs each hand-off also waits for a CPU, and that
    wait is the machine's, not the desk's. Ours and the floor run in the same process (or
    the same way), so the ratio is measured alike; without permission nothing changes.
    """
    try:
        os.nice(-PRIORITY_BOOST)
    except OSError:
        pass


class ProbeFailed(RuntimeError):
    pass


class Probe:
    def __init__(self, module: str, *args: str, display: str | None = None,
                 slow: dict[str, float] | None = None) -> None:
        env = probe_env(display, slow)
        self.name = f"{module} {args[0] if args else ''}".strip()
        self.spawn_ns = time.perf_counter_ns()
        env[SPAWN_ENV] = str(self.spawn_ns)
        self.proc = subprocess.Popen([sys.executable, "-m", module, *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                     cwd=ROOT, preexec_fn=_raise_priority)
        #: marker -> (ns since spawn, the probe's CPU ns) (the parent's clock if it sent none)
        self.marks: dict[str, tuple[int, int | None]] = {}
        self.result: dict[str, Any] | None = None
        self._buf = b""

    def wait_for(self, marker: str, timeout_s: float = 90) -> tuple[int, int | None]:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout_s
        while marker not in self.marks:
            if b"\n" not in self._buf:
                left = deadline - time.monotonic()
                ready = select.select([fd], [], [], max(0.0, left))[0] if left > 0 else []
                chunk = os.read(fd, 65536) if ready else b""
                if not chunk:
                    why = "timed out" if not ready else "exited"
                    self.finish()
                    raise ProbeFailed(f"probe {self.name} {why} before {marker} "
                                      f"(exit status {self.proc.returncode}): {self.stderr_tail()}")
                self._buf += chunk
                continue
            line, self._buf = self._buf.split(b"\n", 1)
            self._read(line.decode())
        return self.marks[marker]

    def _read(self, line: str) -> None:
        if line.startswith("RESULT "):
            self.result = json.loads(line[7:])
            return
        parts = line.split()
        if not parts or not parts[0].isupper():
            return
        if len(parts) == 3:
            self.marks[parts[0]] = (int(parts[1]) - self.spawn_ns, int(parts[2]))
        else:
            self.marks[parts[0]] = (time.perf_counter_ns() - self.spawn_ns, None)

    def peak_rss_mb(self) -> float:
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        raise ProbeFailed("no VmHWM in /proc status")

    def finish(self) -> None:
        try:
            if self.proc.stdin and not self.proc.stdin.closed:
                self.proc.stdin.write(b"quit\n")
                self.proc.stdin.close()
        except BrokenPipeError:
            pass
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def stderr_tail(self) -> str:
        if self.proc.poll() is None:
            return "(still running)"
        err = self.proc.stderr.read().decode(errors="replace") if self.proc.stderr else ""
        return err.strip().splitlines()[-1] if err.strip() else "(no output)"


def compile_bytecode() -> None:
    """Byte-compile the app as an install does (pip compiles every wheel it installs).

    The floor's modules (PySide6, the standard library) load from bytecode; ours must
    too, or each cold start pays for compiling ~30 modules from source (~25 ms here,
    where ``PYTHONDONTWRITEBYTECODE`` is set and an editable install never writes it).
    """
    for package in ("app", "db", "printing", "ui", "bench"):
        compileall.compile_dir(ROOT / package, quiet=1)
