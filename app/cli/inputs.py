"""What several commands take: dates, files, signatures, ``TAG=TEXT`` pairs; and writing or
printing a receipt a command made."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from app.actor import Actor
from app.cli.context import CliContext
from app.errors import InvalidInput, NotFound


def parse_date(text: str) -> dt.date:
    """ISO ``YYYY-MM-DD`` or UK ``DD/MM/YYYY``."""
    s = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise InvalidInput(f"{text!r} is not a date (use YYYY-MM-DD or DD/MM/YYYY)")


def date_arg(text: str) -> dt.date:
    try:
        return parse_date(text)
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(exc.message) from exc


#: the biggest file a command reads (a staff list of 20,000 rows is about 2 MB)
MAX_INPUT_BYTES = 64_000_000
#: the biggest signature file (a long signature is a few hundred KB)
MAX_SIGNATURE_BYTES = 5_000_000


def bounded_int(low: int, high: int) -> Any:
    """An argparse type: a whole number from ``low`` to ``high`` (``--days 99999999999``
    is refused as out of range, not an overflow later)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a whole number") from exc
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text[:40]} is out of range ({low} to {high})")
        return value

    return parse


def read_file(path: str, limit: int = MAX_INPUT_BYTES) -> bytes:
    """A file's bytes, refused (one ``error:`` line) when bigger than ``limit``: /dev/zero
    or a wrong file is not read until memory runs out."""
    try:
        with Path(path).open("rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError as exc:
        raise NotFound(f"no such file: {path}") from exc
    except IsADirectoryError as exc:
        raise InvalidInput(f"{path} is a folder, not a file") from exc
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from exc
    if len(data) > limit:
        raise InvalidInput(f"{path} is too big (more than {limit // 1_000_000} MB): is it the "
                           "right file?")
    return data


def signature_from_file(path: str | None) -> Any:
    if not path:
        return None
    from ink.signature import BadSignature, SignatureData

    try:
        return SignatureData.from_json(read_file(path, MAX_SIGNATURE_BYTES))
    except BadSignature as exc:
        raise InvalidInput(exc.message) from exc


def archive_and_print(ctx: CliContext, actor: Actor, number: str, *, out: str | None,
                       print_: bool, printer: str | None, force: bool = False) -> None:
    from sqlalchemy.exc import DBAPIError

    from app.errors import Busy
    from app.services import documents

    saved = f"receipt {number} is saved in the database (what was done is recorded), but"
    later = (f"'loan-kiosk receipt show {number} --out FILE.pdf' or 'receipt print {number}' "
             "makes it")
    try:
        documents.archive_receipt(ctx.app, actor, number)
    except OSError as exc:  # a full disk: what was saved, and how to get the PDF later
        raise InvalidInput(f"{saved} its PDF could not be written ({exc.strerror or exc}); "
                           f"once there is room, {later}") from exc
    except (Busy, DBAPIError) as exc:  # the server went away after the commit
        raise InvalidInput(f"{saved} the database server could not be reached afterwards, so "
                           f"its PDF was not made; once the server is back, {later}") from exc
    if out:
        written = documents.export_receipt(ctx.app, actor, number, Path(out), overwrite=force)
        print(f"receipt {number} written to {written}")
    if print_:
        outcome = documents.queue_print(ctx.app, actor, number, printer_name=printer)
        print(outcome.message, file=sys.stdout if outcome.printed else sys.stderr)


def parse_tagged(notes: list[str], option: str = "--note", value: str = "TEXT") -> dict[str, str]:
    result = {}
    for n in notes:
        tag, sep, text = n.partition("=")
        if not sep or not tag.strip():
            raise InvalidInput(f"{option} takes TAG={value}, not {n!r}")
        result[tag.strip()] = text.strip()
    return result
