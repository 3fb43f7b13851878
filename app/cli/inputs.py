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


def read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise NotFound(f"no such file: {path}") from exc
    except IsADirectoryError as exc:
        raise InvalidInput(f"{path} is a folder, not a file") from exc
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror}") from exc


def signature_from_file(path: str | None) -> Any:
    if not path:
        return None
    from ink.signature import BadSignature, SignatureData

    try:
        return SignatureData.from_json(read_file(path))
    except BadSignature as exc:
        raise InvalidInput(exc.message) from exc


def archive_and_print(ctx: CliContext, actor: Actor, number: str, *, out: str | None,
                       print_: bool, printer: str | None) -> None:
    from app.services import documents

    documents.archive_receipt(ctx.app, actor, number)
    if out:
        written = documents.export_receipt(ctx.app, actor, number, Path(out))
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
