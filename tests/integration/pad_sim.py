"""The pad simulator as a real subprocess, and the ``loan-kiosk`` commands run in this process.

The simulator runs as the real command (``python -m app pad simulate``); its first
stdout line is the port, then one JSON line per event (``signature`` with what it
had sent so far, ``unplugged``, ``replugged``). Commands run through the real entry
point, ``app.cli.main``, in this process (a second interpreter start per command
would double the time). Test modules import the fixtures they use from here.
"""

from __future__ import annotations

import json
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from app.cli import main

WAIT = 20.0
APP = [sys.executable, "-m", "app"]


class Simulator:
    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen([*APP, "pad", "simulate", *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.port = self.next_line()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_line(self) -> str:
        try:
            return self.lines.get(timeout=WAIT)
        except queue.Empty:
            self.proc.kill()
            raise AssertionError(f"simulator said nothing: {self.proc.communicate()[1]}") from None

    def event(self, name: str) -> dict[str, Any]:
        while True:
            ev = json.loads(self.next_line())
            if ev["event"] == name:
                return ev

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        rc = self.proc.wait(timeout=WAIT)
        self._reader.join(timeout=WAIT)
        return rc


@pytest.fixture
def simulators() -> Iterator[list[Simulator]]:
    started: list[Simulator] = []
    yield started
    for sim in started:
        if sim.proc.poll() is None:
            sim.proc.kill()
            sim.proc.wait()


def simulate(started: list[Simulator], *args: str) -> Simulator:
    sim = Simulator(*args)
    started.append(sim)
    return sim


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def run_(*args: str) -> Result:
        capsys.readouterr()
        rc = main(list(args))
        out, err = capsys.readouterr()
        return Result(rc, out, err)

    return run_
