"""A card's full history: its changes (edits, reactivation, reversals) from the audit log,
and which loans were made with personal data under an admin's override (SQLite and
PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace

from app.bootstrap import AppContext
from app.services.asset_records import asset_form, edit_asset
from app.services.cards import asset_card, person_card
from app.services.loans import check_in, check_out
from app.services.person_records import edit_person, person_form
from app.services.reversals import reverse
from tests.conftest import MutableClock
from tests.factories import school
from tests.integration.lifecycle import ADMIN, TECH


def test_asset_card_shows_edits_reversals_and_an_override(app_ctx: AppContext,
                                                          clock: MutableClock) -> None:
    school(app_ctx)
    with app_ctx.uow(TECH, readonly=True) as uow:
        opened = asset_form(uow, "LT-0002")
    with app_ctx.uow(TECH) as uow:
        edit_asset(uow, "LT-0002", replace(opened, notes="Kept in the library", purchase_cost="£499"),
                   opened)
    clock.advance(minutes=5)
    with app_ctx.uow(ADMIN) as uow:  # not encrypted: only an admin's override lends it so
        check_out(uow, "LT-0002", "AB1", personal_data=True,
                  override_reason="exam data, encryption booked for Monday")
    clock.advance(minutes=5)
    with app_ctx.uow(TECH) as uow:
        check_in(uow, "LT-0002", data="wiped")
    clock.advance(minutes=5)
    with app_ctx.uow(TECH) as uow:
        check_out(uow, "LT-0002", "CD2")
    clock.advance(minutes=5)
    with app_ctx.uow(ADMIN) as uow:
        reverse(uow, "LT-0002", reason="scanned the wrong laptop")
    with app_ctx.uow(TECH, readonly=True) as uow:
        card = asset_card(uow, "LT-0002")
    assert [(c.what, c.by) for c in card.changes][:2] == [
        ("Check-out reversed", "ada-admin"), ("Edited", "tom-tech")]
    assert card.changes[0].details == "scanned the wrong laptop"
    assert card.changes[1].details == "notes: — → Kept in the library; purchase cost: — → £499.00"
    [reversed_loan, override_loan] = card.history
    assert reversed_loan.outcome == "reversed" and reversed_loan.personal_data_text == ""
    assert override_loan.personal_data_text == (
        "yes — admin override by ada-admin: exam data, encryption booked for Monday")
    assert override_loan.outcome_text == "returned — personal data wiped"


def test_person_card_shows_their_reactivation(app_ctx: AppContext) -> None:
    school(app_ctx)
    with app_ctx.uow(TECH, readonly=True) as uow:
        left = person_form(uow, "GN4").form
    with app_ctx.uow(TECH) as uow:
        edit_person(uow, "GN4", replace(left, leaving_date=""), left, reactivate=True,
                    reason="rejoined in January")
    with app_ctx.uow(TECH, readonly=True) as uow:
        card = person_card(uow, "GN4")
    [change, added] = card.changes
    assert (change.what, change.by) == ("Made active again", "tom-tech")
    assert change.details == ("rejoined in January; leaving date: 2026-07-20 → —; "
                              "status: left → active")
    assert added.what == "Test person"  # the factory's own audited insert
