"""Folders and files only the desk's own OS user can read: the data folder (database,
settings), documents, backups and subject-access exports.

On Linux and macOS that is the file mode: 0700 for a folder, 0600 for a file. On
Windows a mode means next to nothing (``os.chmod`` only sets the read-only flag), so
the same promise is an ACL: a protected DACL — nothing inherited from the folder
above — holding one entry that gives the desk user full control, marked to be
inherited by everything later created inside (the database and its ``-wal`` and
``-shm`` files, each document, each backup). Administrators can still take
ownership, as root can read a 0600 file.

The Windows calls (advapi32, through ctypes: no pywin32 needed) sit behind
:class:`WindowsSecurity`, a seam the tests replace with a fake; the real calls are
checked on Windows by ``tests/unit/test_private_files.py::test_the_real_windows_acl``
in the Windows CI workflow.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Protocol

log = logging.getLogger(__name__)

#: whether to protect with an ACL (Windows) rather than a mode; tests set it
ON_WINDOWS = os.name == "nt"
FOLDER_MODE = 0o700
FILE_MODE = 0o600


def user_only_sddl(user_sid: str, *, folder: bool) -> str:
    """The DACL, in SDDL, that lets only ``user_sid`` in: ``P`` protected (no inheritance
    from above), one ``A`` (allow) entry of ``FA`` (file all access), inherited by files
    (``OI``) and folders (``CI``) created inside a folder."""
    return f"D:P(A;{'OICI' if folder else ''};FA;;;{user_sid})"


class WindowsSecurity(Protocol):
    """The few Windows security calls this module needs."""

    def current_user_sid(self) -> str:
        """The desk user's SID as a string (``S-1-5-21-…``)."""
        ...

    def set_dacl(self, path: str, sddl: str) -> None:
        """Replace ``path``'s DACL with the one in ``sddl``, protected from inheritance.
        Raises :class:`OSError` with the Windows error."""
        ...

    def get_dacl(self, path: str) -> str:
        """``path``'s DACL in SDDL (``D:PAI(A;OICI;FA;;;S-1-5-21-…)``)."""
        ...


_windows: WindowsSecurity | None = None


def windows_security() -> WindowsSecurity:
    """The Windows API seam (the real advapi32 one unless a test put a fake in)."""
    global _windows
    if _windows is None:
        from app.windows_acl import Advapi32Security

        _windows = Advapi32Security()
    return _windows


def make_private(path: Path) -> None:
    """Let only the desk user read (and write) ``path``, a file or a folder.

    On Windows a file system that keeps no ACLs (a FAT USB stick) or a share that
    refuses the change is logged and left as it is, as ``chmod`` leaves such files.
    """
    folder = path.is_dir()
    if not ON_WINDOWS:
        os.chmod(path, FOLDER_MODE if folder else FILE_MODE)
        return
    api = windows_security()
    try:
        api.set_dacl(str(path), user_only_sddl(api.current_user_sid(), folder=folder))
    except OSError as exc:
        log.warning("could not make %s readable only by this Windows user: %s", path,
                    exc.strerror or exc)


def private_dir(path: Path, **mkdir: Any) -> Path:
    """Make the folder ``path`` (``mkdir`` arguments as for :meth:`Path.mkdir`; by default
    its parents too, and no error if it exists) and make it private; the parents it makes
    are 0700 too, whatever the umask."""
    from app.atomic_files import make_dirs

    make_dirs(path.parent)
    path.mkdir(**{"parents": True, "exist_ok": True, **mkdir})
    make_private(path)
    return path
