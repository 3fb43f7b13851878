"""Adding and editing one member of staff at the desk (including their leaving date).

Status follows the leaving date as an import does: a date makes an active person
``leaving``, withdrawing it makes them active again. Someone who has ``left`` (their
leaver return is done) stays left through an edit, unless the technician makes them
active again (rejoined, or recorded as left by mistake), which needs a reason.
Each change is one audited unit of work with every field's value before and after.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select

from app import keys
from app.errors import FormInvalid, InvalidInput
from app.imports.upsert import max_length
from app.services.lookup import get_person
from app.services.record_forms import (
    Field,
    before_after,
    commit_unique,
    date_of,
    parse_fields,
    shown_date,
    shown_text,
    text_of,
    touched,
)
from app.uow import UnitOfWork
from db.models import Person

#: a light sanity check: something@something, no spaces (as the staff import)
_EMAIL = re.compile(r"[^\s@]\S*@\S*[^\s@]")


@dataclass(frozen=True)
class PersonForm:
    """A person's fields as a form shows and a technician types them (plain text)."""

    staff_code: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    department: str = ""
    badge_code: str = ""
    leaving_date: str = ""

    def texts(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True)
class PersonSaved:
    """A person as saved: the form's fields and their status."""

    form: PersonForm
    status: str


def _email(text: str) -> str:
    value = text_of("Email", max_length(Person, "email"))(text)
    if not _EMAIL.fullmatch(value):
        raise ValueError("that does not look like an email address (name@school.org.uk)")
    return str(value)


FIELDS: tuple[Field, ...] = (
    Field("staff_code", "Staff code",
          text_of("Staff code", max_length(Person, "staff_code"), code=True), required=True),
    Field("first_name", "First name", text_of("First name", max_length(Person, "first_name")),
          required=True),
    Field("last_name", "Last name", text_of("Last name", max_length(Person, "last_name")),
          required=True),
    Field("email", "Email", _email),
    Field("department", "Department", text_of("Department", max_length(Person, "department"))),
    Field("badge_code", "Badge",
          text_of("Badge", max_length(Person, "badge_code"), code=True)),
    Field("leaving_date", "Leaving date", date_of("Leaving date")),
)


def form_of(person: Person) -> PersonForm:
    return PersonForm(
        staff_code=person.staff_code, first_name=person.first_name, last_name=person.last_name,
        email=shown_text(person.email), department=shown_text(person.department),
        badge_code=shown_text(person.badge_code), leaving_date=shown_date(person.leaving_date),
    )


def person_form(uow: UnitOfWork, staff_code: str) -> PersonSaved:
    """The edit form of the person with ``staff_code`` (read-only), with their status."""
    person = get_person(uow, staff_code)
    return PersonSaved(form_of(person), person.status)


def _derived(values: dict[str, Any]) -> dict[str, Any]:
    """The lookup keys that follow the fields being written."""
    out: dict[str, Any] = {}
    if "staff_code" in values:
        out["staff_key"] = keys.staff_key(values["staff_code"])
    if "badge_code" in values:
        badge = values["badge_code"]
        out["badge_key"] = keys.badge_key(badge) if badge is not None else None
    return out


def _refuse_taken(uow: UnitOfWork, values: dict[str, Any], person_id: int | None) -> None:
    errors: dict[str, str] = {}
    derived = _derived(values)
    not_me = Person.id != (person_id or -1)
    if "staff_key" in derived:
        other = uow.session.scalar(select(Person).where(Person.staff_key == derived["staff_key"],
                                                        not_me))
        if other is not None:
            errors["staff_code"] = f"staff code {values['staff_code']} is already {other.name}'s"
    if derived.get("badge_key") is not None:
        other = uow.session.scalar(select(Person).where(Person.badge_key == derived["badge_key"],
                                                        not_me))
        if other is not None:
            errors["badge_code"] = (f"badge {values['badge_code']} is already used by "
                                    f"{other.name} ({other.staff_code})")
    if errors:
        raise FormInvalid(errors)


def _status_after(status: str, leaving_date: Any, date_changed: bool) -> str:
    if status == "left":
        return status
    if leaving_date is not None:
        return "leaving"
    if status == "leaving" and date_changed:
        return "active"  # the leaving date this status came from was withdrawn
    return status



def add_person(uow: UnitOfWork, form: PersonForm) -> PersonSaved:
    """Add one member of staff: active, or leaving when a leaving date is given."""
    values = parse_fields(FIELDS, form.texts())
    _refuse_taken(uow, values, None)
    status = "leaving" if values["leaving_date"] is not None else "active"
    from app.services.site_scope import home_site_id

    person = Person(**values, **_derived(values), status=status,
                    search_name=keys.search_name(values["first_name"], values["last_name"]),
                    site_id=home_site_id(uow))  # of the desk's school
    uow.session.add(person)
    uow.session.flush()
    uow.audit("person_added", person, staff_code=person.staff_code,
              fields={**values, "status": status})
    commit_unique(uow, "staff code or badge")
    return PersonSaved(form_of(person), person.status)


def edit_person(uow: UnitOfWork, staff_code: str, form: PersonForm,
                opened: PersonForm | None = None, *, reactivate: bool = False,
                reason: str | None = None) -> PersonSaved:
    """Save the fields of ``form`` that differ from ``opened`` (what the form showed; the
    person as they are now when None). ``reactivate`` makes a person who has left active
    again (or leaving, with a leaving date), and needs ``reason``."""
    person = get_person(uow, staff_code, for_update=True)
    why = (reason or "").strip()
    if reactivate:
        if person.status != "left":
            raise InvalidInput(f"{person.name} has not left, so there is nothing to reactivate")
        if not why:
            raise FormInvalid({"reason": f"say why {person.name} is active again "
                                         "(rejoined, recorded as left by mistake…)"})
    current = form_of(person).texts()
    changed = touched(FIELDS, form.texts(), opened.texts() if opened else current, current,
                      f"{person.name}'s record")
    values = parse_fields(FIELDS, form.texts(), only=changed)
    _refuse_taken(uow, values, person.id)
    leaving_date = values.get("leaving_date", person.leaving_date)
    status = "active" if reactivate else person.status
    values["status"] = _status_after(status, leaving_date, "leaving_date" in values)
    if "first_name" in values or "last_name" in values:
        values["search_name"] = keys.search_name(values.get("first_name", person.first_name),
                                                 values.get("last_name", person.last_name))
    values.update(_derived(values))
    changes = before_after(person, values)
    if not changes:
        return PersonSaved(form_of(person), person.status)
    for name, value in values.items():
        setattr(person, name, value)
    shown = {k: v for k, v in changes.items() if not k.endswith("_key") and k != "search_name"}
    if reactivate:
        uow.audit("person_reactivated", person, staff_code=person.staff_code, reason=why,
                  changes=shown)
    else:
        uow.audit("person_edited", person, staff_code=person.staff_code, changes=shown)
    commit_unique(uow, "staff code or badge")
    return PersonSaved(form_of(person), person.status)
