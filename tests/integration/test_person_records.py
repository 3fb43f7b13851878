"""Adding and editing one member of staff at the desk: leaving dates, and making someone
who has left active again with a reason (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from app.bootstrap import AppContext
from app.errors import FormInvalid, InvalidInput
from app.services.person_records import PersonForm, add_person, edit_person, person_form
from app.services.search import search_people
from tests.factories import school
from tests.integration.lifecycle import TECH, audit_ok, events, person_status, row_counts


def test_add_a_person_then_correct_their_email(app_ctx: AppContext) -> None:
    with app_ctx.uow(TECH) as uow:
        saved = add_person(uow, PersonForm(staff_code="JD7", first_name="Jane", last_name="Doe",
                                           email="jane.doe@hillside.sch.uk", department="Science"))
    assert saved.status == "active"
    opened = saved.form
    with app_ctx.uow(TECH) as uow:
        edited = edit_person(uow, "jd7", replace(opened, email="j.doe@hillside.sch.uk"), opened)
    assert edited.form.email == "j.doe@hillside.sch.uk"
    [added] = events(app_ctx, "person_added")
    [edit] = events(app_ctx, "person_edited")
    assert json.loads(added.details)["fields"]["email"] == "jane.doe@hillside.sch.uk"
    assert json.loads(edit.details)["changes"] == {
        "email": {"before": "jane.doe@hillside.sch.uk", "after": "j.doe@hillside.sch.uk"}}
    assert edit.actor == "tom-tech"
    audit_ok(app_ctx)


def test_a_renamed_person_is_found_by_their_new_name(app_ctx: AppContext) -> None:
    school(app_ctx)
    with app_ctx.uow(TECH, readonly=True) as uow:
        opened = person_form(uow, "CD2").form
    with app_ctx.uow(TECH) as uow:
        edit_person(uow, "CD2", replace(opened, last_name="Nowak"), opened)
    with app_ctx.uow(TECH, readonly=True) as uow:
        found = search_people(uow, "łukasz nowak")
    assert [p.staff_code for p in found] == ["CD2"]


def test_leaving_date_makes_them_leaving_and_withdrawing_it_active(app_ctx: AppContext) -> None:
    school(app_ctx)
    with app_ctx.uow(TECH, readonly=True) as uow:
        opened = person_form(uow, "AB1").form
    with app_ctx.uow(TECH) as uow:
        leaving = edit_person(uow, "AB1", replace(opened, leaving_date="31/08/2027"), opened)
    assert leaving.status == "leaving"
    assert person_status(app_ctx, "AB1") == ("leaving", dt.date(2027, 8, 31))
    with app_ctx.uow(TECH) as uow:
        back = edit_person(uow, "AB1", replace(leaving.form, leaving_date=""), leaving.form)
    assert back.status == "active"
    changes = [json.loads(e.details)["changes"] for e in events(app_ctx, "person_edited")]
    assert changes[0]["status"] == {"before": "active", "after": "leaving"}
    assert changes[1]["leaving_date"] == {"before": "2027-08-31", "after": None}


def test_a_person_who_left_is_made_active_again_only_with_a_reason(app_ctx: AppContext) -> None:
    school(app_ctx)
    with app_ctx.uow(TECH, readonly=True) as uow:
        left = person_form(uow, "GN4")
    assert left.status == "left"
    # an ordinary edit keeps them left
    with app_ctx.uow(TECH) as uow:
        edited = edit_person(uow, "GN4", replace(left.form, email="d.ivanov@example.org"),
                             left.form)
    assert edited.status == "left"
    before = row_counts(app_ctx)
    with app_ctx.uow(TECH) as uow, pytest.raises(FormInvalid) as caught:
        edit_person(uow, "GN4", edited.form, edited.form, reactivate=True, reason="  ")
    assert set(caught.value.errors) == {"reason"}
    assert row_counts(app_ctx) == before
    with app_ctx.uow(TECH) as uow:
        again = edit_person(uow, "GN4", replace(edited.form, leaving_date=""), edited.form,
                            reactivate=True, reason="rejoined as a supply teacher")
    assert again.status == "active"
    [event] = events(app_ctx, "person_reactivated")
    details = json.loads(event.details)
    assert details["reason"] == "rejoined as a supply teacher"
    assert details["changes"]["status"] == {"before": "left", "after": "active"}
    assert details["changes"]["leaving_date"] == {"before": "2026-07-20", "after": None}
    with app_ctx.uow(TECH) as uow, pytest.raises(InvalidInput, match="has not left"):
        edit_person(uow, "GN4", again.form, reactivate=True, reason="again")
    audit_ok(app_ctx)


def test_bad_fields_and_taken_codes_are_reported_by_field(app_ctx: AppContext) -> None:
    school(app_ctx)
    before = row_counts(app_ctx)
    with app_ctx.uow(TECH) as uow, pytest.raises(FormInvalid) as caught:
        add_person(uow, PersonForm(staff_code="ab1", first_name="", last_name="X",
                                   email="not an email", leaving_date="next week"))
    assert set(caught.value.errors) == {"first_name", "email", "leaving_date"}
    with app_ctx.uow(TECH) as uow, pytest.raises(FormInvalid) as caught:
        add_person(uow, PersonForm(staff_code="ab1", first_name="A", last_name="X",
                                   badge_code="card-001"))
    assert caught.value.errors["staff_code"].startswith("staff code ab1 is already Siân")
    assert "already used by Siân Ó Briain (AB1)" in caught.value.errors["badge_code"]
    assert row_counts(app_ctx) == before
