"""Is a serial port busy, or claimed by the kernel's input layer? And by whom?

On Linux a Tablet PC's pen digitiser (an ISDV4 panel on ``ttyS*``, PNP id
``WACf*``) is usually taken over at boot: xf86-input-wacom's ``conf/wacom.rules``
(line 14) starts ``wacom-inputattach@ttySx``, which runs ``isdv4-serial-inputattach``
(``tools/isdv4-serial-inputattach.c`` line 199: ``set_line_discipline(fd, N_MOUSE)``)
and the kernel's ``wacom_w8001`` driver then owns the line. Opening the port still
works, but the bytes go to the kernel, not to us: the panel is a tablet input
device instead, and the desk's signature widget takes its pen through Qt tablet
events. Here that shows as the port's line discipline not being ``N_TTY``.

A port can also be held by another program: one that set ``TIOCEXCL`` makes
``open()`` fail with ``EBUSY``; one that holds a ``flock`` (pyserial's
``exclusive=True``, as Loan Kiosk opens its ports) makes our lock fail with
``EWOULDBLOCK``. Either way, :func:`holders` names the processes that have the
port open (where ``/proc`` lets us see them).
"""

from __future__ import annotations

import errno
import os
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

if sys.platform != "win32":
    import fcntl
    import termios

N_TTY = 0
N_MOUSE = 2
BUSY_ERRNOS = {errno.EBUSY, errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES}
PROC = Path("/proc")


@dataclass(frozen=True)
class Holder:
    pid: int
    name: str  # the program, e.g. ``isdv4-serial-inputattach``

    def __str__(self) -> str:
        return f"{self.name} (pid {self.pid})"

    @property
    def is_inputattach(self) -> bool:
        return "inputattach" in self.name


def line_discipline(fd: int) -> int | None:
    """The tty's line discipline (``N_TTY`` = 0 for an ordinary port); None if unknown.

    Only Linux has line disciplines to ask (TIOCGETD, ``asm-generic/ioctls.h``)."""
    if not sys.platform.startswith("linux"):
        return None
    request = getattr(termios, "TIOCGETD", 0x5424)
    try:
        return int(struct.unpack("i", fcntl.ioctl(fd, request, struct.pack("i", 0)))[0])
    except OSError:
        return None


def _program(pid_dir: Path) -> str:
    try:
        argv0 = (pid_dir / "cmdline").read_bytes().split(b"\0", 1)[0].decode(errors="replace")
    except OSError:
        return ""
    return os.path.basename(argv0) or ""


def holders(port: str, proc: Path = PROC) -> list[Holder]:
    """Other processes that have ``port`` open, or were started on it (``inputattach
    /dev/ttyS4``); empty where ``/proc`` does not exist or tells us nothing."""
    try:
        target = os.path.realpath(port)
        entries = list(proc.iterdir())
    except OSError:
        return []
    found: list[Holder] = []
    me = os.getpid()
    for pid_dir in entries:
        if not pid_dir.name.isdigit() or int(pid_dir.name) == me:
            continue
        if _has_open(pid_dir, target) or _named_in_cmdline(pid_dir, port, target):
            name = _program(pid_dir)
            if name:
                found.append(Holder(int(pid_dir.name), name))
    return sorted(found, key=lambda h: h.pid)


def _has_open(pid_dir: Path, target: str) -> bool:
    try:
        fds = list((pid_dir / "fd").iterdir())
    except OSError:  # not ours to look at, or gone
        return False
    for fd in fds:
        try:
            if os.readlink(fd) == target:
                return True
        except OSError:
            continue
    return False


def _named_in_cmdline(pid_dir: Path, port: str, target: str) -> bool:
    try:
        args = (pid_dir / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    program = os.path.basename(args[0].decode(errors="replace"))
    if "inputattach" not in program:
        return False
    names = {port, target, os.path.basename(target)}
    return any(a.decode(errors="replace") in names for a in args[1:])


def claimed_reason(port: str, discipline: int | None, found: list[Holder]) -> str | None:
    """Why the port cannot be read, if the kernel has it (or an inputattach runs on it)."""
    attach = [h for h in found if h.is_inputattach]
    if (discipline is None or discipline == N_TTY) and not attach:
        return None
    by = f" by {attach[0]}" if attach else ""
    return (f"claimed{by} for the kernel's tablet driver: the pen panel works as a tablet, "
            f"so sign on the screen with its pen")


def busy_reason(port: str, found: list[Holder]) -> str:
    """What to say when another program holds the port."""
    if any(h.is_inputattach for h in found):
        return claimed_reason(port, None, found) or ""
    if found:
        return "in use by " + ", ".join(str(h) for h in found)
    return "in use by another program"


def is_busy_error(exc: OSError) -> bool:
    """An open or lock failure that means "someone else has it", not "it is not there"."""
    if exc.errno in BUSY_ERRNOS:
        return exc.errno != errno.EACCES or sys.platform == "win32"  # EACCES on Linux: permissions
    text = str(exc)
    return "Could not exclusively lock" in text or "Access is denied" in text
