"""A first look at a SQLite database with the standard library, before SQLAlchemy is loaded.

The desk's sign-in screen needs one fact from the database to take a PIN: whether
there are technicians (sign in) or none yet (create the first admin). Importing
SQLAlchemy and the models takes ~0.3 s; opening the file with ``sqlite3`` and
counting takes about a millisecond. :func:`first_look` does only that, on a file
that already exists (it never creates one), and says nothing — returns None —
when it cannot answer plainly: a server database, no file yet, no technicians
table, a file that will not open. The full open (:func:`app.uow.open_database`,
with its schema check and upgrade) follows on the desk's opening thread as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

#: the SQLite URLs SQLAlchemy takes for a file: ``sqlite:///relative`` or ``sqlite:////abs``
_FILE_URL = re.compile(r"sqlite(\+pysqlite)?:///(?P<path>[^?]+)$")


@dataclass(frozen=True)
class FirstLook:
    """What the first look found: how many technicians the file has."""

    technicians: int


def sqlite_file(url: str) -> Path | None:
    """The file of a plain SQLite file URL (no query options), else None."""
    m = _FILE_URL.match(url)
    if m is None or m["path"] == ":memory:":
        return None
    return Path(m["path"])


def first_look(url: str) -> FirstLook | None:
    path = sqlite_file(url)
    if path is None or not path.is_file():
        return None
    import sqlite3

    try:
        # mode=rw: never create the file (the full open does that, with the schema)
        con = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=rw", uri=True, timeout=2)
        try:
            (count,) = con.execute("SELECT count(*) FROM technicians").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return FirstLook(int(count))
