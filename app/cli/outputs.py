"""Output paths a command was given (``--out``), checked before anything runs.

Nothing is ever written inside the app's data folder through ``--out`` (the database,
its documents, backups and settings live there), with or without ``--force``; nor over
the database file or the settings file wherever they are; an existing file is replaced
only with ``--force``; a path that cannot be written is refused with one ``error:`` line.
The check runs in the command dispatch, before any transaction, so a refused path leaves
everything as it was.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import InvalidInput, Refused

if TYPE_CHECKING:
    from app.cli.context import CliContext

#: options naming a file the command writes, and those naming a folder it fills
FILE_OPTIONS = ("out", "stats_json", "ics", "pdf")
#: commands whose ``--out`` is a folder
FOLDER_OUT = {("privacy", "export")}


def _resolved(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop, a name too long
        raise InvalidInput(f"cannot use {path} as an output: {exc}") from exc


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_output(given: str, *, data_dir: Path, protected: list[Path], force: bool,
                 folder: bool = False) -> Path:
    """The path ``given`` resolved, if a command may write there; raises otherwise."""
    if not given.strip():
        raise InvalidInput("an output path is empty")
    if any(len(os.fsencode(part)) > 255 for part in Path(given).parts):
        raise InvalidInput(f"cannot write {given[:80]}…: a name in it is too long")
    try:
        return _check(given, data_dir=data_dir, protected=protected, force=force, folder=folder)
    except OSError as exc:
        raise InvalidInput(f"cannot write {given}: {exc.strerror or exc}") from exc


def _check(given: str, *, data_dir: Path, protected: list[Path], force: bool,
           folder: bool) -> Path:
    path = Path(given)
    target = _resolved(path)
    data = _resolved(data_dir)
    if _inside(target, data):
        raise Refused(f"{given} is inside Loan Kiosk's data folder ({data_dir}), which holds "
                      "its database, documents and backups: write it somewhere else")
    for own in protected:
        if target == _resolved(own) or (target.exists() and own.exists()
                                        and os.path.samefile(target, own)):
            raise Refused(f"{given} is one of Loan Kiosk's own files: write it somewhere else")
    if folder:
        if target.exists() and not target.is_dir():
            raise InvalidInput(f"{given} is a file, not a folder")
        return target
    if target.is_dir():
        raise InvalidInput(f"{given} is a folder; give a file name")
    if (target.exists() or path.is_symlink()) and not force:
        raise Refused(f"{given} already exists; choose another name (or --force to replace it)")
    parent = target.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise InvalidInput(f"cannot write {given}: {parent} is not a folder this user may "
                           "write in")
    return target


def check_outputs(args: argparse.Namespace, ctx: CliContext, path: tuple[str, ...]) -> None:
    """Check every output path the arguments name (see the module's description)."""
    given: list[tuple[str, str]] = []
    for opt in FILE_OPTIONS:
        value = getattr(args, opt, None)
        if isinstance(value, str):
            given.append((opt, value))
    if not given:
        return
    from app.cli.context import chosen_data_dir, chosen_database
    from db.engine import sqlite_path

    if ctx.opened:  # a command that writes: the app is open (its sign-in needed it)
        data_dirs = [ctx.app.paths.data_dir]
        url: str | None = ctx.app.db.url
        protected = [ctx.app.paths.settings_file]
    else:
        url = chosen_database(args)[0]
        data_dirs = [chosen_data_dir(args)]
        protected = [data_dirs[0] / "settings.toml"]
    if ctx.demo:  # the demo school's folder is inside the real one: that is the app's too
        data_dirs.append(data_dirs[0].parent)
    db_file = sqlite_path(url) if url else None
    if db_file is not None:
        protected += [db_file, Path(f"{db_file}-wal"), Path(f"{db_file}-shm")]
    for opt, value in given:
        for data_dir in data_dirs:
            check_output(value, data_dir=data_dir, protected=protected,
                         force=bool(getattr(args, "force", False)),
                         folder=opt == "out" and path in FOLDER_OUT)
