"""The pad's end of a pseudo-terminal: what the simulator writes to, and what the app opens.

The app opens the slave path (``/dev/pts/N``) like any serial port. A pty ignores
baud rate, parity and data bits, so whoever writes here paces itself. Windows has
no pseudo-terminals: the module imports there (the ``pad`` commands load it), but
a :class:`PtyPort` cannot be made.
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import sys
import threading
from pathlib import Path

from app.devices.pad import PadError

if sys.platform != "win32":
    import fcntl
    import pty
    import tty


class PtyPort:
    """The pad's end of a pseudo-terminal, optionally behind a symlink."""

    def __init__(self, link: Path | None = None) -> None:
        if sys.platform == "win32":
            raise PadError("the pad simulator needs a pseudo-terminal, which Windows does not "
                           "have: use a real pad, or sign with the mouse")
        self.link = link
        self.master: int | None = None
        self.path = ""
        self._poll = select.poll()

    def open(self) -> str:
        master, slave = pty.openpty()
        tty.setraw(slave)  # no echo, no CR/LF translation: a binary line
        self.path = os.ttyname(slave)
        # close our copy of the slave: the master then sees hang-up until a program opens it
        os.close(slave)
        fcntl.fcntl(master, fcntl.F_SETFL, fcntl.fcntl(master, fcntl.F_GETFL) | os.O_NONBLOCK)
        self.master = master
        self._poll = select.poll()
        self._poll.register(master, select.POLLIN | select.POLLOUT)
        if self.link is not None:
            tmp = self.link.with_name(f".{self.link.name}.{os.getpid()}.tmp")
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            tmp.symlink_to(self.path)
            os.replace(tmp, self.link)  # atomic re-point, like udev
        return self.path

    def close(self) -> None:
        """Unplug: the link goes away and the master closes (the opener's reads fail)."""
        self.remove_link()
        master, self.master = self.master, None
        if master is not None:
            os.close(master)

    def remove_link(self) -> None:
        if self.link is not None and self.link.is_symlink():
            with contextlib.suppress(OSError):
                if os.readlink(self.link) == self.path:
                    self.link.unlink()

    def client_present(self) -> bool:
        if self.master is None:
            return False
        return not any(ev & select.POLLHUP for _, ev in self._poll.poll(0))

    def read(self) -> bytes:
        """What the host wrote (commands); empty if nothing or nobody is there."""
        if self.master is None:
            return b""
        try:
            return os.read(self.master, 256)
        except OSError:  # EAGAIN: nothing; EIO: nobody has the port open
            return b""

    def write(self, data: bytes, stop: threading.Event) -> bool:
        """Write all of ``data``; False if the host closed the port (the bytes are lost)."""
        while data:
            if self.master is None or not self.client_present():
                return False
            try:
                n = os.write(self.master, data)
            except BlockingIOError:
                # the host is not reading: wait for room rather than block
                if stop.wait(0.01):
                    return False
                continue
            except OSError as exc:
                if exc.errno in (errno.EIO, errno.EBADF):
                    return False
                raise
            data = data[n:]
        return True
