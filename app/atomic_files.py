"""Write a document atomically, and never over an existing file.

The bytes go to a temporary file in the target's directory, are flushed and
fsynced, and only then get their final name — by a hard link, which fails if
the name is taken, so a document is never half-written and never silently
replaces another. Where the file system has no hard links (FAT USB sticks,
some network shares) the final step is an existence check plus rename.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

_NO_LINK_ERRNOS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EXDEV}


def sha256_file(path: Path) -> str:
    import hashlib  # here, not at the top: OpenSSL's load is ~5 ms of the desk's start

    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


#: a folder made here: only its owner may list or enter it, whatever the umask
FOLDER_MODE = 0o700


def make_dirs(directory: Path) -> None:
    """``mkdir -p`` where every folder made is 0700 whatever the umask (an existing one is
    left alone; on Windows the data folder's ACL is inherited)."""
    missing: list[Path] = []
    d = directory
    while not d.exists() and d != d.parent:
        missing.append(d)
        d = d.parent
    for d in reversed(missing):
        try:
            d.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            continue
        os.chmod(d, FOLDER_MODE)  # the mode given to mkdir is cut by the umask


def write_new_file(path: Path, data: bytes, *, mode: int = 0o600,
                   pick_new_name: bool = False, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; return the path written.

    If ``path`` exists: raise :class:`FileExistsError`, or with
    ``pick_new_name`` use the first free ``<stem>-2<suffix>``, ``-3``, …, or with
    ``overwrite`` (an explicit request, never a default) replace it atomically.
    """
    directory = path.parent
    make_dirs(directory)
    fd, tmp_name = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        target = path
        n = 1
        while not overwrite:
            try:
                _place(tmp, target)
                break
            except FileExistsError:
                if not pick_new_name:
                    raise FileExistsError(
                        errno.EEXIST, f"{target} already exists", str(target)
                    ) from None
                n += 1
                target = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if overwrite:
            os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    fsync_dir(directory)
    return target


def move_new(src: Path, target: Path) -> None:
    """Give the finished file ``src`` the name ``target`` for good, never over an existing
    file (FileExistsError), durably (the folder is fsynced)."""
    _place(src, target)
    with contextlib.suppress(FileNotFoundError):
        src.unlink()  # linked: the old name goes; renamed: it went already
    fsync_dir(target.parent)


def _place(tmp: Path, target: Path) -> None:
    """Give ``tmp`` the name ``target`` unless ``target`` exists (then FileExistsError)."""
    try:
        os.link(tmp, target)
        return
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _NO_LINK_ERRNOS:
            raise
    if os.name == "nt":
        os.rename(tmp, target)  # refuses an existing target on Windows
        return
    if os.path.lexists(target):
        raise FileExistsError(errno.EEXIST, "exists", str(target))
    os.rename(tmp, target)


def fsync_dir(directory: Path) -> None:
    """Make a rename or new name in ``directory`` durable (a no-op on Windows, which has no
    directory handles to flush)."""
    if os.name == "nt":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
