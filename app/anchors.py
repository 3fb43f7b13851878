"""Audit anchors: a point of the chain written down outside the database.

An anchor names one event of the audit chain and the start of its hash, as a
short token a person can read aloud or copy onto paper::

    1234-ABCD-EFGH-JKLM-NPQR

The number is the event's sequence number; the four groups are the first 16
characters of the event's hash in RFC 4648 base32 (80 bits: far beyond what
anyone can forge by trying hashes). Because each event's hash covers every event
before it, an anchor pins the whole history up to that point: if the chain no
longer holds that event with that hash (a rollback to before it, an old database
file copied back, or any rewrite of history up to it), ``audit verify --anchor``
says so, naming the anchor.

Tokens are read case-insensitively, with or without the dashes between the
groups, and with the base32 look-alikes a person writes by hand (0 for O, 1 for
I, 8 for B) taken as meant. A later chain layout may change the token; the
commands keep their names.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from app.errors import InvalidInput

#: base32 characters of the hash an anchor carries (80 bits)
HASH_CHARS = 16
#: characters per group when printed
GROUP = 4
#: how far a desk's clock may lag behind the desk that wrote an anchored event:
#: an event recorded after an anchor but dated earlier than this before it was
#: back-dated (a forged "it was returned last week")
CLOCK_SKEW = dt.timedelta(minutes=15)

_TOKEN = re.compile(r"\b(\d{1,12})-((?:[A-Za-z2-7018]{4}-?){3}[A-Za-z2-7018]{4})\b")
#: hand-written look-alikes of base32 letters (the alphabet has no 0, 1 or 8)
_LOOKALIKE = str.maketrans({"0": "O", "1": "I", "8": "B"})


@dataclass(frozen=True)
class Anchor:
    seq: int
    #: the first :data:`HASH_CHARS` base32 characters of the event's hash, upper case
    prefix: str

    @property
    def token(self) -> str:
        groups = [self.prefix[i:i + GROUP] for i in range(0, HASH_CHARS, GROUP)]
        return f"{self.seq}-" + "-".join(groups)

    def __str__(self) -> str:
        return self.token

    def matches(self, event_hash: str) -> bool:
        return hash_prefix(event_hash) == self.prefix


def hash_prefix(event_hash: str) -> str:
    """The first :data:`HASH_CHARS` base32 characters of a hex SHA-256 hash."""
    try:
        raw = bytes.fromhex(event_hash)
    except ValueError:
        return ""
    return base64.b32encode(raw).decode("ascii")[:HASH_CHARS]


def for_event(seq: int, event_hash: str) -> Anchor:
    """The anchor of chain event ``seq`` whose hash is ``event_hash`` (hex)."""
    return Anchor(seq, hash_prefix(event_hash))


def parse(text: str) -> Anchor:
    """An anchor from its token, as printed or as a person copied it."""
    cleaned = text.strip()
    m = _TOKEN.fullmatch(cleaned)
    if m is None:
        raise InvalidInput(
            f"{cleaned!r} is not an audit anchor; an anchor looks like 1234-ABCD-EFGH-JKLM-NPQR "
            "(the number, then four groups of four letters and digits, from `loan-kiosk audit head`)")
    prefix = m.group(2).replace("-", "").upper().translate(_LOOKALIKE)
    return Anchor(int(m.group(1)), prefix)


def read_file(path: Path) -> list[Anchor]:
    """Every anchor in a file: one per line; blank lines and ``#`` comments are ignored,
    and a line may carry other words (a date, initials) around its token."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InvalidInput(f"cannot read anchors file {path}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"anchors file {path} is not text") from exc
    found: list[Anchor] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = _TOKEN.search(line)
        if m is None:
            raise InvalidInput(f"{path}, line {number}: no audit anchor in {line!r}")
        found.append(parse(m.group(0)))
    if not found:
        raise InvalidInput(f"anchors file {path} holds no anchors")
    return found


def parse_all(tokens: Iterable[str], files: Iterable[Path]) -> list[Anchor]:
    """The anchors given as ``--anchor TOKEN`` (repeatable) and ``--anchors FILE``."""
    out = [parse(t) for t in tokens]
    for f in files:
        out += read_file(f)
    return out
