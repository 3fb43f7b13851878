"""Printers: the interface the services print through, the system print queue (CUPS)
and a fake for tests.

A printer that is missing, stopped or refusing jobs raises
:class:`PrinterUnavailable` with a plain reason ("is offline"); the caller keeps
the job and tries again later. A disabled CUPS queue would accept a job and sit
on it, so the queue's state is checked before anything is sent.

The other real printer, on Qt's print support (Windows, macOS, Linux), lives on
the desk side (``ui.printing.qt_printer``: Qt stays out of ``app``); the
composition root (``app.bootstrap``) picks one of the two for ``[printing] backend``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from app.config import Settings

#: seconds any lp/lpstat call may take before the printer counts as unavailable
COMMAND_TIMEOUT = 20.0


class PrinterUnavailable(Exception):
    """The printer cannot take a job now. ``reason`` completes "Printer 'X' …"."""

    def __init__(self, printer: str | None, reason: str) -> None:
        super().__init__(f"{printer_label(printer)} {reason}")
        self.printer = printer
        self.reason = reason

    @property
    def message(self) -> str:
        return str(self.args[0])


def printer_label(name: str | None) -> str:
    """How a printer is named in messages: ``Printer 'IT-Office'`` or ``The default printer``."""
    return f"Printer '{name}'" if name else "The default printer"


@dataclass(frozen=True)
class PrinterStatus:
    available: bool
    message: str


def ready_status(name: str | None, check: Callable[[], str]) -> PrinterStatus:
    """The status of printer ``name`` from ``check()``, which names the queue that can
    print now or raises :class:`PrinterUnavailable`."""
    try:
        queue = check()
    except PrinterUnavailable as exc:
        return PrinterStatus(False, exc.message)
    return PrinterStatus(True, f"{printer_label(name or queue)} is ready")


class Printer(Protocol):
    """Something that prints PDF files."""

    @property
    def name(self) -> str | None:
        """The queue's name; None for the system default printer."""
        ...

    def submit(self, path: Path, *, copies: int = 1, title: str = "", duplex: bool = False) -> str:
        """Send ``path``; return the system's job id ("" when the system gives none).

        ``duplex``: on both sides (long edge) where the printer offers it; otherwise
        one-sided (label sheets must never be printed on their backs).
        Raises :class:`PrinterUnavailable`.
        """
        ...

    def status(self) -> PrinterStatus:
        ...


#: builds the printer for the settings and a queue name (None: the settings', else the default)
PrinterFactory = Callable[[Settings, str | None], Printer]


class CupsPrinter:
    """A CUPS queue on Linux/macOS, driven through ``lp`` and ``lpstat``."""

    def __init__(self, name: str | None = None, *, timeout: float = COMMAND_TIMEOUT) -> None:
        self._name = name or None
        self.timeout = timeout

    @property
    def name(self) -> str | None:
        return self._name

    def _run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        if shutil.which(argv[0]) is None:
            raise PrinterUnavailable(
                self._name, f"cannot be used: printing is not set up on this computer "
                            f"(the CUPS command '{argv[0]}' was not found)")
        env = dict(os.environ, LC_ALL="C", LANG="C")  # so replies can be read
        try:
            return subprocess.run(list(argv), capture_output=True, text=True,
                                  timeout=self.timeout, env=env, check=False)
        except subprocess.TimeoutExpired:
            raise PrinterUnavailable(
                self._name, f"is not answering (the print system took over "
                            f"{self.timeout:.0f} s to reply)") from None
        except OSError as exc:
            raise PrinterUnavailable(self._name, f"cannot be used: {exc.strerror}") from None

    def _queue(self) -> str:
        """The queue to print to: the configured one, else the system default."""
        if self._name:
            return self._name
        out = self._run("lpstat", "-d")
        m = re.search(r"system default destination:\s*(\S+)", out.stdout)
        if not m:
            raise PrinterUnavailable(None, "is not set: no printer is chosen in the settings "
                                           "and this computer has no default printer")
        return m.group(1)

    def check(self) -> str:
        """The queue name if it can print now; else raise :class:`PrinterUnavailable`."""
        queue = self._queue()
        label = self._name
        state = self._run("lpstat", "-p", queue)
        if state.returncode != 0 or not state.stdout.strip():
            if "not running" in self._run("lpstat", "-r").stdout:
                raise PrinterUnavailable(label, "cannot be reached: the print system (CUPS) "
                                                "is not running")
            raise PrinterUnavailable(label, f"is not set up on this computer (no print queue "
                                            f"named '{queue}')")
        if re.search(r"\bdisabled\b", state.stdout):
            raise PrinterUnavailable(label, "is offline (its print queue is stopped)")
        accepting = self._run("lpstat", "-a", queue)
        if accepting.returncode != 0 or "not accepting" in accepting.stdout:
            raise PrinterUnavailable(label, "is not accepting jobs")
        return queue

    def status(self) -> PrinterStatus:
        return ready_status(self._name, self.check)

    def submit(self, path: Path, *, copies: int = 1, title: str = "", duplex: bool = False) -> str:
        queue = self.check()
        argv = ["lp", "-d", queue, "-n", str(max(1, copies)),
                "-o", "sides=two-sided-long-edge" if duplex else "sides=one-sided"]
        if title:
            argv += ["-t", title]
        argv += ["--", str(path)]
        done = self._run(*argv)
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise PrinterUnavailable(
                self._name, "did not take the job" + (f": {detail[-1]}" if detail else ""))
        m = re.search(r"request id is (\S+)", done.stdout)
        return m.group(1) if m else ""


@dataclass(frozen=True)
class UnusablePrinter:
    """A printer that cannot be built here (its print system is missing): says why, prints nothing."""

    printer_name: str | None
    reason: str

    @property
    def name(self) -> str | None:
        return self.printer_name

    def status(self) -> PrinterStatus:
        return PrinterStatus(False, f"{printer_label(self.printer_name)} {self.reason}")

    def submit(self, path: Path, *, copies: int = 1, title: str = "", duplex: bool = False) -> str:
        raise PrinterUnavailable(self.printer_name, self.reason)


@dataclass
class FakeJob:
    path: Path
    data: bytes
    copies: int
    title: str
    job_id: str
    duplex: bool = False


@dataclass
class FakePrinter:
    """An in-memory printer for tests: records what it printed; can be switched off."""

    printer_name: str | None = "Fake"
    online: bool = True
    offline_reason: str = "is offline"
    jobs: list[FakeJob] = field(default_factory=list)

    @property
    def name(self) -> str | None:
        return self.printer_name

    def go_offline(self, reason: str = "is offline") -> None:
        self.online = False
        self.offline_reason = reason

    def go_online(self) -> None:
        self.online = True

    def status(self) -> PrinterStatus:
        if not self.online:
            return PrinterStatus(False, f"{printer_label(self.printer_name)} {self.offline_reason}")
        return PrinterStatus(True, f"{printer_label(self.printer_name)} is ready")

    def submit(self, path: Path, *, copies: int = 1, title: str = "", duplex: bool = False) -> str:
        if not self.online:
            raise PrinterUnavailable(self.printer_name, self.offline_reason)
        job_id = f"{self.printer_name or 'default'}-{len(self.jobs) + 1}"
        self.jobs.append(FakeJob(path, path.read_bytes(), copies, title, job_id, duplex))
        return job_id
