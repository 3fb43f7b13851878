"""The wording of every notice: a subject, a plain-text body and an HTML body.

Templates are :class:`string.Template` text (``$name``, ``${school}``): no code runs in
them, so a school may edit them without being able to break out of the desk (which
is why this is not Jinja2). The defaults live here; a school's own versions live in
the templates folder (``[notices] templates_dir``, in the data folder), one file per
part: ``overdue.subject.txt``, ``overdue.txt``, ``overdue.html``. A part not there, or
one that names a placeholder the notice does not have, falls back to the default.

In the HTML body every value is escaped; the ``*_html`` placeholders are HTML the
builders made (item tables, the school's logo).
"""

from __future__ import annotations

import html
import logging
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from app.errors import InvalidInput

log = logging.getLogger(__name__)

PARTS = ("subject", "text", "html")
#: the file each part of a kind's template lives in, in the templates folder
SUFFIX = {"subject": ".subject.txt", "text": ".txt", "html": ".html"}

_HEADER_HTML = "$logo_html<h2 style=\"font-family:sans-serif\">${school}</h2>\n"
_FOOTER_TEXT = "\n--\n${school} IT desk\n"
_FOOTER_HTML = ("<p style=\"font-family:sans-serif;color:#555\">${school} IT desk</p>\n")

#: kind -> (subject, text, html): the wording every school starts with
DEFAULTS: dict[str, tuple[str, str, str]] = {
    "due_soon": (
        "Reminder: school equipment due back on ${due_date}",
        "Dear ${first_name},\n\n"
        "This is a reminder that the following school equipment you borrowed is due back "
        "soon:\n\n${items}\n\n${return_instructions}\n" + _FOOTER_TEXT,
        _HEADER_HTML + "<p>Dear ${first_name},</p>\n"
        "<p>This is a reminder that the following school equipment you borrowed is due back "
        "soon:</p>\n${items_html}\n<p>${return_instructions}</p>\n" + _FOOTER_HTML,
    ),
    "overdue": (
        "Overdue: please return school equipment",
        "Dear ${first_name},\n\n"
        "The following school equipment you borrowed is overdue:\n\n${items}\n\n"
        "${return_instructions}\n" + _FOOTER_TEXT,
        _HEADER_HTML + "<p>Dear ${first_name},</p>\n"
        "<p>The following school equipment you borrowed is <b>overdue</b>:</p>\n${items_html}\n"
        "<p>${return_instructions}</p>\n" + _FOOTER_HTML,
    ),
    "leaver": (
        "Before you leave on ${leaving_date}: school equipment to return",
        "Dear ${first_name},\n\n"
        "Our records show that you leave ${school} on ${leaving_date}. The acceptable use "
        "policy asks you to return all school equipment before you go. You hold:\n\n"
        "${items}\n\n${return_instructions}\n\n"
        "All equipment listed is the property of the school. When you hand it back you will "
        "sign for it and get a signed receipt (\"Return of school property\"): it is your "
        "record of what you returned.\n" + _FOOTER_TEXT,
        _HEADER_HTML + "<p>Dear ${first_name},</p>\n"
        "<p>Our records show that you leave ${school} on <b>${leaving_date}</b>. The acceptable "
        "use policy asks you to return all school equipment before you go. You hold:</p>\n"
        "${items_html}\n<p>${return_instructions}</p>\n"
        "<p>All equipment listed is the property of the school. When you hand it back you will "
        "sign for it and get a signed receipt (&ldquo;Return of school property&rdquo;): it is "
        "your record of what you returned.</p>\n" + _FOOTER_HTML,
    ),
    "receipt_copy": (
        "Your receipt ${receipt_number}: ${title}",
        "Dear ${first_name},\n\n"
        "Attached is your signed receipt ${receipt_number} (${title}). ${summary}\n\n"
        "Please keep this receipt: it is your record of what you returned. Its verification "
        "code lets the school check it against its records.\n" + _FOOTER_TEXT,
        _HEADER_HTML + "<p>Dear ${first_name},</p>\n"
        "<p>Attached is your signed receipt <b>${receipt_number}</b> (${title}). ${summary}</p>\n"
        "<p>Please keep this receipt: it is your record of what you returned. Its verification "
        "code lets the school check it against its records.</p>\n" + _FOOTER_HTML,
    ),
    "loan_ack": (
        "Your loan acknowledgement ${receipt_number}",
        "Dear ${first_name},\n\n"
        "Attached is the acknowledgement ${receipt_number} of the school equipment you "
        "borrowed today:\n\n${items}\n" + _FOOTER_TEXT,
        _HEADER_HTML + "<p>Dear ${first_name},</p>\n"
        "<p>Attached is the acknowledgement <b>${receipt_number}</b> of the school equipment you "
        "borrowed today:</p>\n${items_html}\n" + _FOOTER_HTML,
    ),
    "trip_phones": (
        "Trip ${trip}: phones still to return",
        "Dear ${first_name},\n\n"
        "The trip ${trip} ended on ${end_date}. These school phones lent for it have not come "
        "back yet:\n\n${items}\n\nPlease return them to the IT desk.\n" + _FOOTER_TEXT,
        _HEADER_HTML + "<p>Dear ${first_name},</p>\n"
        "<p>The trip <b>${trip}</b> ended on ${end_date}. These school phones lent for it have "
        "not come back yet:</p>\n${items_html}\n<p>Please return them to the IT desk.</p>\n"
        + _FOOTER_HTML,
    ),
    "digest": (
        "IT desk digest for ${date}: ${headline}",
        "${school} IT desk digest for ${date}\n\n${sections}\n"
        "Audit anchor (loan-kiosk audit head): ${anchor}\n"
        "Keep this line: it lets 'loan-kiosk audit verify' prove the log was not rewritten.\n",
        _HEADER_HTML + "<p>IT desk digest for <b>${date}</b></p>\n${sections_html}\n"
        "<p>Audit anchor (<code>loan-kiosk audit head</code>): <code>${anchor}</code><br>"
        "Keep this line: it lets <code>loan-kiosk audit verify</code> prove the log was not "
        "rewritten.</p>\n",
    ),
}

#: the placeholders each kind fills (also what the preview fills with sample values)
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "due_soon": ("first_name", "name", "items", "due_date", "return_instructions"),
    "overdue": ("first_name", "name", "items", "return_instructions"),
    "leaver": ("first_name", "name", "items", "leaving_date", "return_instructions"),
    "receipt_copy": ("first_name", "name", "receipt_number", "title", "summary"),
    "loan_ack": ("first_name", "name", "receipt_number", "items"),
    "trip_phones": ("first_name", "name", "trip", "end_date", "items"),
    "digest": ("date", "headline", "sections", "anchor"),
}
#: every kind also has these
COMMON = ("school", "logo")


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Values:
    """What a notice fills in: plain values (escaped in HTML) and ready-made HTML parts.

    A placeholder ``x`` with an ``x_html`` part shows the part in the HTML body.
    """

    plain: Mapping[str, str]
    html_parts: Mapping[str, str]


class Templates:
    """The templates of one school: its own files over the defaults."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def path(self, kind: str, part: str) -> Path | None:
        return None if self.folder is None else self.folder / f"{kind}{SUFFIX[part]}"

    def source(self, kind: str, part: str) -> str:
        """The school's own text of a part, else the default."""
        path = self.path(kind, part)
        if path is not None:
            try:
                return path.read_text(encoding="utf-8")
            except FileNotFoundError:
                pass
            except (OSError, UnicodeDecodeError) as exc:
                log.warning("template %s cannot be read (%s): the default is used", path, exc)
        return default_source(kind, part)

    def is_custom(self, kind: str, part: str) -> bool:
        path = self.path(kind, part)
        return path is not None and path.is_file()

    def render(self, kind: str, values: Values) -> Rendered:
        """The notice in its three parts; a broken custom part falls back to the default."""
        parts = []
        for part in PARTS:
            try:
                parts.append(fill(self.source(kind, part), part, values))
            except InvalidInput as exc:
                log.warning("the %s template of %s notices is broken (%s): the default is used",
                            part, kind, exc.message)
                parts.append(fill(default_source(kind, part), part, values))
        return Rendered(*parts)


def default_source(kind: str, part: str) -> str:
    return DEFAULTS[kind][PARTS.index(part)]


def fill(source: str, part: str, values: Values) -> str:
    """Fill one part; a placeholder the notice does not have is bad input, named."""
    mapping: dict[str, str]
    if part == "html":
        mapping = {k: html.escape(v) for k, v in values.plain.items()}
        for key, value in values.html_parts.items():
            mapping[key.removesuffix("_html") + "_html"] = value
    else:
        mapping = dict(values.plain)
    try:
        out = string.Template(source).substitute(mapping)
    except KeyError as exc:
        known = ", ".join(f"${k}" for k in sorted(mapping))
        raise InvalidInput(f"the template names ${exc.args[0]}, which this notice does not have "
                           f"(it has {known})") from None
    except ValueError as exc:
        raise InvalidInput(f"the template has a stray $ ({exc}); write $$ for a dollar sign"
                           ) from None
    if part == "subject":
        out = " ".join(out.split())  # one line: a newline would end the header
    return out


def save_source(templates: Templates, kind: str, part: str, source: str) -> Path:
    """Write a school's own version of a part (an empty text: back to the default)."""
    path = templates.path(kind, part)
    if path is None:
        raise InvalidInput("no templates folder is set ([notices] templates_dir)")
    if not source.strip() or source == default_source(kind, part):
        path.unlink(missing_ok=True)
        return path
    from app.atomic_files import write_new_file

    path.parent.mkdir(parents=True, exist_ok=True)
    write_new_file(path, source.encode("utf-8"), mode=0o600, overwrite=True)
    return path
