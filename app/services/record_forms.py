"""Checking a form a technician filled in for one record (an asset, a person), and
writing only what they changed.

A form arrives as text, field by field, as it was typed. Each field has a parser
that turns its text into the column's value or says, in a sentence, what is wrong;
every wrong field is reported at once (:class:`app.errors.FormInvalid`), so the desk
can put each message beside its field and nothing typed is lost.

An edit is a three-way comparison. ``base`` is what the form showed when it was
opened; fields whose text the technician did not change are neither checked nor
written (an imported record with an odd old value can still have its notes
corrected), and a field changed both here and, since the form opened, at another
desk is refused rather than silently overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError

from app.errors import FormInvalid, InvalidInput, Refused
from app.imports import cells
from app.imports.cells import RowRejected
from app.uow import UnitOfWork

#: text → column value; raises ValueError or RowRejected with the reason
Parser = Callable[[str], Any]


@dataclass(frozen=True)
class Field:
    """One field of a form: its column, the label the desk shows, how its text is read."""

    name: str
    label: str
    parse: Parser
    required: bool = False


def parse_fields(fields: tuple[Field, ...], texts: Mapping[str, str],
                 only: set[str] | None = None) -> dict[str, Any]:
    """The column values of ``texts`` (all fields, or ``only`` those); every error at once."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field in fields:
        if only is not None and field.name not in only:
            continue
        text = texts.get(field.name, "").strip()
        if not text:
            if field.required:
                errors[field.name] = f"{field.label} is needed"
            else:
                values[field.name] = None
            continue
        try:
            values[field.name] = field.parse(text)
        except RowRejected as exc:
            errors[field.name] = exc.reason
        except ValueError as exc:
            errors[field.name] = f"{field.label}: {exc}"
        except InvalidInput as exc:
            errors[field.name] = f"{field.label}: {exc.message}"
    if errors:
        raise FormInvalid(errors)
    return values


def touched(fields: tuple[Field, ...], new: Mapping[str, str], base: Mapping[str, str],
            current: Mapping[str, str], what: str) -> set[str]:
    """The fields the technician changed; refuses if another desk changed one of them too."""
    changed = {f.name for f in fields if new.get(f.name, "").strip() != base.get(f.name, "").strip()}
    clashes = [f.label for f in fields if f.name in changed
               and current.get(f.name, "").strip() not in (base.get(f.name, "").strip(),
                                                           new.get(f.name, "").strip())]
    if clashes:
        raise Refused(
            f"{what} was changed at another desk since this form was opened ({', '.join(clashes)}): "
            "close the form and open it again to see the new values, then make your change"
        )
    return changed


def commit_unique(uow: UnitOfWork, codes: str) -> None:
    """Commit; a unique code taken at another desk since it was checked (``codes``: "asset tag
    or serial") is refused in words, nothing saved."""
    try:
        uow.commit()
    except IntegrityError as exc:
        raise Refused(f"another desk has just used this {codes}: check them and save again") \
            from exc


def before_after(obj: object, values: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{column: {"before": old, "after": new}}`` for each value that differs from ``obj``'s."""
    return {name: {"before": getattr(obj, name), "after": value}
            for name, value in values.items() if getattr(obj, name) != value}


# -- parsers shared by the forms ---------------------------------------------------------

def text_of(label: str, size: int, *, code: bool = False, multiline: bool = False) -> Parser:
    return lambda raw: cells.text(raw, label, size, code=code, multiline=multiline)


def date_of(label: str) -> Parser:
    return lambda raw: cells.date(raw, label)


def shown_date(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else ""


def shown_text(value: object) -> str:
    return "" if value is None else str(value)

