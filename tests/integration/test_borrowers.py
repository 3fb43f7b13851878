"""Who may borrow until when: a leaver until their leaving date, nobody once left; overdue
items held are said; a leaver return of someone not leaving needs confirming."""

from __future__ import annotations

import datetime as dt

from app.bootstrap import AppContext
from app.errors import Refused
from app.services.borrowers import cap_note, overdue_items, overdue_warning
from app.services.leavers import leaver_return
from app.services.loans import check_out
from app.services.trips import create_trip
from tests.factories import add_person
from tests.integration.lifecycle import (  # noqa: F401 - school_ctx: the ctx fixture
    TECH,
    audit_ok,
    person_status,
    refused,
    school_ctx,
)

LEAVING = dt.date(2026, 12, 18)  # Zoë (LV3); today is 24 Nov 2026


def test_a_due_date_past_the_leaving_date_is_capped(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        asked = check_out(uow, "LT-0001", "LV3", due=dt.date(2027, 3, 1))
    assert asked.loans[0].due_on == LEAVING and asked.capped_at == LEAVING
    with ctx.uow(TECH) as uow:  # a phone's 7 days end before the leaving date: not capped
        phone = check_out(uow, "PH-0001", "LV3")
    assert phone.loans[0].due_on == dt.date(2026, 12, 1) and phone.capped_at is None
    assert cap_note("Zoë Ødegård", LEAVING) == ("Zoë Ødegård leaves on 18 Dec 2026: the loan is "
                                                "due back by then (their leaving date)")
    audit_ok(ctx)


def test_a_trip_ending_after_the_leaders_leaving_date_is_capped_too(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        create_trip(uow, "Ski trip", leader="LV3", start=dt.date(2026, 12, 14),
                    end=dt.date(2026, 12, 21))
    with ctx.uow(TECH) as uow:
        result = check_out(uow, "PH-0002", "LV3", trip="Ski trip")
    assert result.loans[0].due_on == LEAVING


def test_once_left_or_past_the_leaving_date_nobody_borrows(ctx: AppContext) -> None:
    add_person(ctx, "PA1", "Priya", "Anand", status="leaving", leaving_date=dt.date(2026, 11, 20))
    add_person(ctx, "ND1", "Noah", "Dunn", status="leaving")
    refused(ctx, TECH, Refused, r"Дмитрий Иванов \(GN4\) has left the school and cannot borrow",
            check_out, "LT-0001", "GN4")
    refused(ctx, TECH, Refused, r"Priya Anand \(PA1\) left on 20 Nov 2026 \(their leaving date\)",
            check_out, "LT-0001", "PA1")
    refused(ctx, TECH, Refused, "is marked leaving with no leaving date", check_out, "LT-0001",
            "ND1")


def test_leaving_today_borrows_for_today(ctx: AppContext) -> None:
    add_person(ctx, "LT1", "Lee", "Tan", status="leaving", leaving_date=dt.date(2026, 11, 24))
    with ctx.uow(TECH) as uow:
        assert check_out(uow, "LT-0001", "LT1").loans[0].due_on == dt.date(2026, 11, 24)


def test_overdue_items_held(ctx: AppContext, clock) -> None:  # type: ignore[no-untyped-def]
    with ctx.uow(TECH) as uow:
        check_out(uow, "PH-0001", "AB1")  # due 1 Dec
    with ctx.uow(TECH) as uow:
        check_out(uow, "LT-0001", "AB1")  # due 24 Dec
    clock.advance(days=10)
    with ctx.uow(TECH, readonly=True) as uow:
        items = overdue_items(uow, 1, dt.date(2026, 12, 4))
    assert [(i.tag, i.due_on) for i in items] == [("PH-0001", dt.date(2026, 12, 1))]
    assert overdue_warning("Siân Ó Briain", items) == ("Siân Ó Briain already holds 1 overdue "
                                                       "item: PH-0001 (due 1 Dec 2026)")


def test_a_leaver_return_of_someone_not_leaving_needs_confirming(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        check_out(uow, "LT-0001", "CD2")
    refused(ctx, TECH, Refused, r"Łukasz Żółć \(CD2\) is not marked as leaving: a leaver return "
                                "records them as left", leaver_return, "CD2")
    assert person_status(ctx, "CD2")[0] == "active"
    with ctx.uow(TECH) as uow:
        leaver_return(uow, "CD2", confirm_not_leaving=True)
    assert person_status(ctx, "CD2")[0] == "left"
    with ctx.uow(TECH) as uow:  # someone marked leaving needs no confirmation
        leaver_return(uow, "LV3")
    audit_ok(ctx)
