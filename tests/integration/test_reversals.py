"""An admin reverses a mistaken check-out, check-in or leaver return, within the window,
through new audited events: history is never edited, ``audit verify`` holds."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext
from app.errors import NotFound, PermissionDenied, Refused
from app.services.leavers import leaver_return
from app.services.loans import check_in, check_out, report_lost
from app.services.reversals import last_reversible, reverse
from app.uow import SYSTEM
from db.models import AuditEvent, Reversal
from tests.factories import add_person
from tests.integration.lifecycle import (  # noqa: F401 - school_ctx: the ctx fixture
    ADMIN,
    TECH,
    asset_status,
    audit_ok,
    events,
    incidents_of,
    loans_of,
    person_status,
    refused,
    school_ctx,
)


def reversals(ctx: AppContext) -> list[Reversal]:
    with ctx.uow(SYSTEM, readonly=True) as uow:
        rows = list(uow.session.execute(select(Reversal).order_by(Reversal.id)).scalars())
        uow.session.expunge_all()
        return rows


def all_events(ctx: AppContext) -> list[tuple[int, str, str]]:
    with ctx.uow(SYSTEM, readonly=True) as uow:
        return [(e.seq, e.action, e.hash) for e in uow.session.execute(
            select(AuditEvent).order_by(AuditEvent.seq)).scalars()]


def test_a_mistaken_check_out_is_reversed_and_the_asset_is_lendable_again(
        ctx: AppContext, clock) -> None:  # type: ignore[no-untyped-def]
    with ctx.uow(TECH) as uow:
        check_out(uow, "LT-0001", "AB1")
    history = all_events(ctx)
    clock.advance(hours=2)
    with ctx.uow(ADMIN, readonly=True) as uow:
        found = last_reversible(uow, "LT-0001")
    assert (found.action, found.blocked) == ("checkout", None)
    assert found.description == "the check-out of LT-0001 to Siân Ó Briain (AB1)"
    with ctx.uow(ADMIN) as uow:
        done = reverse(uow, "LT-0001", reason="scanned the wrong laptop")
    assert done.message == ("Reversed the check-out of LT-0001 to Siân Ó Briain (AB1): LT-0001 "
                            "is available again and the loan is void.")
    assert asset_status(ctx, "LT-0001") == "available"
    loan = loans_of(ctx, "LT-0001")[0]
    assert loan["outcome"] == "reversed" and loan["out_by"] == "tom-tech"  # who lent it stays
    assert loan["note_in"] == "check-out reversed: scanned the wrong laptop"
    # the earlier events are untouched; the reversal is a new one naming the checkout's
    assert all_events(ctx)[:len(history)] == history
    checkout_seq = events(ctx, "checkout")[0].seq
    ev = events(ctx, "checkout_reversed")[0]
    assert ev.actor == "ada-admin" and json.loads(ev.details)["reverses_seq"] == checkout_seq
    row = reversals(ctx)[0]
    assert (row.action, row.event_seq, row.reason) == ("checkout", checkout_seq,
                                                       "scanned the wrong laptop")
    refused(ctx, ADMIN, Refused, "the last check-out of LT-0001 was already reversed", reverse,
            "LT-0001")
    with ctx.uow(TECH) as uow:
        check_out(uow, "LT-0001", "CD2")
    audit_ok(ctx)


def test_a_mistaken_check_in_is_reversed_and_its_damage_incident_withdrawn(
        ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        check_out(uow, "LT-0001", "AB1", due=dt.date(2026, 12, 20), purpose="Marking")
    with ctx.uow(TECH) as uow:
        check_in(uow, "LT-0001", condition="damaged", note="dent")
    with ctx.uow(ADMIN) as uow:
        done = reverse(uow, "LT-0001")
    assert done.message == ("Reversed the check-in of LT-0001 from Siân Ó Briain (AB1): LT-0001 "
                            "is on loan to Siân Ó Briain again.")
    assert asset_status(ctx, "LT-0001") == "on_loan"
    loan = loans_of(ctx, "LT-0001")[0]
    assert loan["outcome"] is None and loan["in_at"] is None and loan["condition_in"] is None
    assert loan["due_on"] == dt.date(2026, 12, 20) and loan["purpose"] == "Marking"
    incident = incidents_of(ctx, "LT-0001")[0]
    assert incident.status == "withdrawn" and incident.description == "dent"
    row = reversals(ctx)[0]
    assert row.undone["condition_in"] == "damaged" and row.undone["note_in"] == "dent"
    assert row.event_seq == events(ctx, "checkin")[0].seq
    with ctx.uow(TECH) as uow:  # checked in again, properly
        check_in(uow, "LT-0001")
    assert asset_status(ctx, "LT-0001") == "available"
    audit_ok(ctx)


@pytest.mark.parametrize("code", ["TB-0001", "LT-0002", "R-2026-0001", "lv3"])
def test_a_leaver_return_is_reversed_by_any_item_its_receipt_or_the_person(
        ctx: AppContext, code: str) -> None:
    with ctx.uow(TECH) as uow:
        check_out(uow, ["LT-0001", "TB-0001", "LT-0002"], "LV3")
    with ctx.uow(TECH) as uow:
        receipt = leaver_return(uow, "LV3", returned_tags=["LT-0001"],
                                notes={"TB-0001": "at home", "LT-0002": "lost"})
    assert receipt.number == "R-2026-0001"
    assert person_status(ctx, "LV3") == ("left", dt.date(2026, 12, 18))
    with ctx.uow(ADMIN) as uow:
        done = reverse(uow, code, reason="wrong person")
    assert done.action == "leaver_return" and done.receipt_number == "R-2026-0001"
    assert person_status(ctx, "LV3") == ("leaving", dt.date(2026, 12, 18))
    for tag in ("LT-0001", "TB-0001", "LT-0002"):
        assert asset_status(ctx, tag) == "on_loan"
        loan = loans_of(ctx, tag)[0]
        assert loan["outcome"] is None and loan["receipt_id"] is None
    assert [i.status for i in incidents_of(ctx, "TB-0001")] == ["withdrawn"]
    assert events(ctx, "leaver_return_reversed")[0].actor == "ada-admin"
    audit_ok(ctx)
    with ctx.uow(TECH) as uow:  # the real leaver return, later, gets a receipt of its own
        again = leaver_return(uow, "LV3")
    assert again.number == "R-2026-0002"
    audit_ok(ctx)


def test_a_reversed_leaver_return_of_someone_not_leaving_makes_them_active_again(
        ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        check_out(uow, "LT-0001", "CD2")
    with ctx.uow(TECH) as uow:
        leaver_return(uow, "CD2", confirm_not_leaving=True)
    assert person_status(ctx, "CD2")[0] == "left"
    with ctx.uow(ADMIN) as uow:
        reverse(uow, "CD2")
    assert person_status(ctx, "CD2") == ("active", None)
    with ctx.uow(TECH) as uow:  # they can borrow again
        check_out(uow, "PH-0001", "CD2")
    audit_ok(ctx)


def test_a_leaver_return_with_nothing_held_is_reversed_by_staff_code(ctx: AppContext) -> None:
    add_person(ctx, "NX9", "Nia", "Jones", status="leaving", leaving_date=dt.date(2026, 12, 1))
    with ctx.uow(TECH) as uow:
        leaver_return(uow, "NX9")
    with ctx.uow(ADMIN) as uow:
        reverse(uow, "NX9")
    assert person_status(ctx, "NX9") == ("leaving", dt.date(2026, 12, 1))
    refused(ctx, ADMIN, Refused, "leaver return R-2026-0001 was already reversed", reverse, "NX9")


def test_only_within_the_window(ctx: AppContext, clock) -> None:  # type: ignore[no-untyped-def]
    with ctx.uow(TECH) as uow:
        check_out(uow, "LT-0001", "AB1")
    clock.advance(hours=24, seconds=1)
    refused(ctx, ADMIN, Refused, r"an admin can reverse an action only within 24 hours "
                                 r"\(setting reversal.window_hours\)", reverse, "LT-0001")
    ctx.settings.reversal.window_hours = 48
    with ctx.uow(ADMIN) as uow:
        reverse(uow, "LT-0001")
    audit_ok(ctx)


def test_only_an_admin_reverses(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        check_out(uow, "LT-0001", "AB1")
    refused(ctx, TECH, PermissionDenied, "only an admin technician can reverse", reverse, "LT-0001")


def test_nothing_reversible(ctx: AppContext) -> None:
    refused(ctx, ADMIN, Refused, "nothing to reverse: LT-0001 has never been lent", reverse,
            "LT-0001")
    refused(ctx, ADMIN, NotFound, "'ZZZ' is not an asset tag, a leaver receipt number or a staff "
                                  "code", reverse, "ZZZ")
    refused(ctx, ADMIN, Refused, r"Siân Ó Briain \(AB1\) has no leaver return", reverse, "AB1")
    with ctx.uow(TECH) as uow:
        check_out(uow, "PH-0001", "AB1")
    with ctx.uow(TECH) as uow:
        report_lost(uow, "PH-0001")
    refused(ctx, ADMIN, Refused, "reported lost; if it has turned up, book it in as found",
            reverse, "PH-0001")


def test_not_when_the_asset_has_moved_on(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        check_out(uow, ["LT-0001", "TB-0001"], "LV3")
    with ctx.uow(TECH) as uow:
        leaver_return(uow, "LV3", returned_tags=["LT-0001"], notes={"TB-0001": "at home"})
    with ctx.uow(TECH) as uow:  # the returned laptop went out again
        check_out(uow, "LT-0001", "AB1")
    # by the laptop's tag, its own last action (the new check-out) is what would be reversed
    with ctx.uow(ADMIN, readonly=True) as uow:
        assert last_reversible(uow, "LT-0001").action == "checkout"
    refused(ctx, ADMIN, Refused, "cannot reverse the leaver return of Zoë Ødegård .LV3. "
                                 r"\(receipt R-2026-0001\): LT-0001 has been lent again since",
            reverse, "TB-0001")
    with ctx.uow(TECH) as uow:
        check_in(uow, "LT-0001", condition="damaged", note="cracked")
    with ctx.uow(TECH) as uow:
        from app.services.asset_status import return_to_service

        return_to_service(uow, "LT-0001")
    refused(ctx, ADMIN, Refused, r"LT-0001 has changed since \(it is now available\)", reverse,
            "LT-0001")
