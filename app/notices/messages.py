"""Message builders: plain data in, a :class:`Draft` (addresses, subject, both bodies) out.

No database here: the daily run and the services gather the data, these word it, so
the desk's template preview and the tests build the same messages from sample data.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.notices.templates import Templates, Values

#: the Content-ID of the school's logo in the HTML body
LOGO_CID = "school-logo"


@dataclass(frozen=True)
class School:
    name: str
    logo: Path | None = None
    #: how and where to return equipment
    return_instructions: str = ""


@dataclass(frozen=True)
class Recipient:
    name: str
    first_name: str
    email: str | None
    person_id: int | None = None
    staff_code: str = ""


@dataclass(frozen=True)
class Item:
    tag: str
    what: str
    due_on: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class Section:
    """One part of the desk digest: a title and a line per entry (empty: "none")."""

    title: str
    lines: Sequence[str]


@dataclass
class Draft:
    """A notice ready for the outbox."""

    kind: str
    #: the idempotency key: the outbox refuses a second message with it
    key: str
    to: list[str]
    cc: list[str]
    subject: str
    text: str
    html: str
    person_id: int | None = None
    #: a receipt whose archived PDF is attached when it is sent
    receipt_number: str | None = None
    #: reminder slots this message covers (see :class:`db.models.OutboxMark`)
    marks: list[str] = field(default_factory=list)
    #: what the templates were filled with (the desk's preview fills an edited one with them)
    values: Values | None = field(default=None, repr=False, compare=False)


def long_date(d: dt.date) -> str:
    """``Tuesday 24 November 2026`` (no platform-specific strftime flags)."""
    return f"{d:%A} {d.day} {d:%B %Y}"


def items_text(items: Sequence[Item]) -> str:
    lines = []
    for it in items:
        due = f" (due {long_date(it.due_on)})" if it.due_on else ""
        note = f" - {it.note}" if it.note else ""
        lines.append(f"  - {it.tag}  {it.what}{due}{note}")
    return "\n".join(lines) if lines else "  (nothing)"


def items_html(items: Sequence[Item]) -> str:
    if not items:
        return "<p>(nothing)</p>"
    cell = 'style="border:1px solid #bbb;padding:4px 8px;text-align:left"'
    rows = [f"<tr><th {cell}>Asset tag</th><th {cell}>Item</th><th {cell}>Due</th>"
            f"<th {cell}></th></tr>"]
    for it in items:
        due = long_date(it.due_on) if it.due_on else ""
        rows.append(f"<tr><td {cell}>{html.escape(it.tag)}</td><td {cell}>{html.escape(it.what)}"
                    f"</td><td {cell}>{html.escape(due)}</td><td {cell}>{html.escape(it.note)}"
                    "</td></tr>")
    return ('<table style="border-collapse:collapse;font-family:sans-serif">'
            + "".join(rows) + "</table>")


def sections_text(sections: Sequence[Section]) -> str:
    out = []
    for s in sections:
        out.append(f"{s.title} ({len(s.lines)})")
        out.extend(f"  - {line}" for line in s.lines)
        if not s.lines:
            out.append("  none")
        out.append("")
    return "\n".join(out)


def sections_html(sections: Sequence[Section]) -> str:
    out = []
    for s in sections:
        out.append(f'<h3 style="font-family:sans-serif">{html.escape(s.title)} ({len(s.lines)})</h3>')
        if s.lines:
            out.append("<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in s.lines)
                       + "</ul>")
        else:
            out.append("<p>none</p>")
    return "\n".join(out)


class Builder:
    """Words notices for one school with its templates."""

    def __init__(self, templates: Templates, school: School) -> None:
        self.templates = templates
        self.school = school

    def _draft(self, kind: str, key: str, to: list[str], cc: list[str], person: Recipient | None,
               plain: dict[str, str], parts: dict[str, str], **extra: object) -> Draft:
        logo = (f'<img src="cid:{LOGO_CID}" alt="{html.escape(self.school.name)}" '
                'style="max-height:64px"><br>') if self.school.logo else ""
        base = {"school": self.school.name, "logo": "",
                "return_instructions": self.school.return_instructions}
        if person is not None:
            base.update(name=person.name, first_name=person.first_name or person.name)
        values = Values({**base, **plain}, {"logo": logo, **parts})
        rendered = self.templates.render(kind, values)
        draft = Draft(kind, key, [a for a in to if a], [a for a in cc if a and a not in to],
                      rendered.subject, rendered.text, rendered.html,
                      person.person_id if person else None, **extra)  # type: ignore[arg-type]
        draft.values = values
        return draft

    def _items(self, items: Sequence[Item]) -> tuple[dict[str, str], dict[str, str]]:
        return {"items": items_text(items)}, {"items": items_html(items)}

    def due_soon(self, person: Recipient, items: Sequence[Item], key: str,
                 marks: list[str]) -> Draft:
        plain, parts = self._items(items)
        first_due = min((i.due_on for i in items if i.due_on), default=None)
        plain["due_date"] = long_date(first_due) if first_due else ""
        return self._draft("due_soon", key, [person.email or ""], [], person, plain, parts,
                           marks=marks)

    def overdue(self, person: Recipient, items: Sequence[Item], key: str,
                marks: list[str]) -> Draft:
        plain, parts = self._items(items)
        return self._draft("overdue", key, [person.email or ""], [], person, plain, parts,
                           marks=marks)

    def leaver(self, person: Recipient, items: Sequence[Item], leaving_date: dt.date, key: str,
               hr_address: str) -> Draft:
        plain, parts = self._items(items)
        plain["leaving_date"] = long_date(leaving_date)
        return self._draft("leaver", key, [person.email or ""], [hr_address], person, plain, parts)

    def receipt_copy(self, person: Recipient, number: str, title: str, summary: str, key: str,
                     cc: list[str], *, kind: str = "receipt_copy",
                     items: Sequence[Item] = ()) -> Draft:
        plain, parts = self._items(items)
        plain.update(receipt_number=number, title=title, summary=summary)
        to = [person.email or ""]
        if not person.email:  # the copy still reaches HR; the digest names the person
            to, cc = [a for a in cc if a], []
        return self._draft(kind, key, to, cc, person, plain, parts, receipt_number=number)

    def trip_phones(self, leader: Recipient, trip: str, end_date: dt.date, items: Sequence[Item],
                    key: str) -> Draft:
        plain, parts = self._items(items)
        plain.update(trip=trip, end_date=long_date(end_date))
        return self._draft("trip_phones", key, [leader.email or ""], [], leader, plain, parts)

    def digest(self, desk_address: str, day: dt.date, sections: Sequence[Section], anchor: str,
               key: str) -> Draft:
        counts = [f"{len(s.lines)} {s.title.lower()}" for s in sections[:2]]
        plain = {"date": long_date(day), "headline": ", ".join(counts),
                 "sections": sections_text(sections), "anchor": anchor}
        parts = {"sections": sections_html(sections)}
        return self._draft("digest", key, [desk_address], [], None, plain, parts)
