"""Every asset status has a way out: back from repair, found, retired (and un-retired)."""

from __future__ import annotations

import pytest

from app.bootstrap import AppContext
from app.errors import InvalidInput, PermissionDenied, Refused
from app.services.asset_status import asset_found, retire_asset, return_to_service
from app.services.cards import person_card
from app.services.leavers import leaver_return
from app.services.loans import check_in, check_out, report_lost
from tests.integration.lifecycle import (  # noqa: F401 - school_ctx: the ctx fixture
    ADMIN,
    TECH,
    asset_status,
    audit_ok,
    events,
    incidents_of,
    loans_of,
    refused,
    school_ctx,
)


def test_damaged_return_goes_back_into_service(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        check_out(uow, "LT-0001", "AB1")
    with ctx.uow(TECH) as uow:
        check_in(uow, "LT-0001", condition="damaged", note="hinge")
    assert asset_status(ctx, "LT-0001") == "in_repair"
    with ctx.uow(TECH) as uow:
        change = return_to_service(uow, "lt-0001", note="hinge replaced")
    assert change.status == "available"
    assert change.message == ("LT-0001 is back in service (it was in repair); incident #1 "
                              "closed as repaired")
    incident = incidents_of(ctx, "LT-0001")[0]
    assert (incident.status, incident.outcome, incident.resolution) == \
        ("closed", "repaired", "hinge replaced")
    with ctx.uow(TECH) as uow:  # and it can be lent again
        check_out(uow, "LT-0001", "CD2")
    audit_ok(ctx)


@pytest.mark.parametrize(("tag", "words"), [
    ("LT-0002", "is available, not in repair or retired"),
    ("PH-0001", "is on loan, not in repair or retired"),
])
def test_return_to_service_only_from_repair(ctx: AppContext, tag: str, words: str) -> None:
    with ctx.uow(TECH) as uow:
        check_out(uow, "PH-0001", "AB1")
    refused(ctx, TECH, Refused, f"{tag} {words}", return_to_service, tag)


def test_a_lost_item_that_turns_up_is_booked_back_in(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        check_out(uow, "PH-0001", "CD2")
    with ctx.uow(TECH) as uow:
        report_lost(uow, "PH-0001", note="left on the bus", kind="stolen")
    with ctx.uow(TECH) as uow:
        change = asset_found(uow, "PH-0001", note="handed in at reception")
    assert change.status == "available"
    assert "incident #1 closed as recovered" in change.message
    loan = loans_of(ctx, "PH-0001")[-1]
    assert loan["outcome"] == "lost" and loan["in_at"] is not None and loan["in_by"] == "tom-tech"
    incident = incidents_of(ctx, "PH-0001")[0]
    assert (incident.kind, incident.outcome, incident.resolution) == \
        ("stolen", "recovered", "handed in at reception")
    audit_ok(ctx)


def test_a_leavers_not_returned_item_shows_it_came_back_on_their_record(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        check_out(uow, ["LT-0001", "TB-0001"], "LV3")
    with ctx.uow(TECH) as uow:
        leaver_return(uow, "LV3", returned_tags=["LT-0001"], notes={"TB-0001": "at home"})
    assert asset_status(ctx, "TB-0001") == "lost"
    with ctx.uow(TECH) as uow:
        change = asset_found(uow, "TB-0001", note="posted back", condition="damaged")
    assert "it was not returned by Zoë Ødegård (LV3); their record now shows it came back" \
        in change.message
    assert change.status == "in_repair"  # found damaged: a damage incident of its own
    with ctx.uow(TECH, readonly=True) as uow:
        history = {h.tag: h for h in person_card(uow, "LV3").history}
    tablet = history["TB-0001"]
    assert tablet.outcome == "not_returned"  # what the receipt said stays true
    assert tablet.in_at is not None and tablet.condition == "damaged"
    kinds = [(i.kind, i.status, i.outcome) for i in incidents_of(ctx, "TB-0001")]
    assert kinds == [("lost", "closed", "recovered"), ("damaged", "open", None)]
    audit_ok(ctx)


def test_found_only_for_a_lost_asset(ctx: AppContext) -> None:
    refused(ctx, TECH, Refused, "LT-0001 is available, not recorded as lost or stolen",
            asset_found, "LT-0001")


def test_an_admin_retires_with_a_reason(ctx: AppContext) -> None:
    refused(ctx, TECH, PermissionDenied, "only an admin technician can retire an asset",
            retire_asset, "LT-0009", reason="beyond repair")
    refused(ctx, ADMIN, InvalidInput, "give the reason", retire_asset, "LT-0009", reason="  ")
    with ctx.uow(TECH) as uow:
        check_out(uow, "LT-0001", "AB1")
    refused(ctx, ADMIN, Refused, "LT-0001 is on loan: check it in", retire_asset, "LT-0001",
            reason="old")
    with ctx.uow(ADMIN) as uow:
        change = retire_asset(uow, "LT-0009", reason="beyond economic repair")
    assert change.message == "LT-0009 retired: beyond economic repair"
    assert asset_status(ctx, "LT-0009") == "retired"
    refused(ctx, ADMIN, Refused, r"already retired \(beyond economic repair\)", retire_asset,
            "LT-0009", reason="again")
    refused(ctx, TECH, Refused, "is retired and cannot be lent", check_out, "LT-0009", "AB1")
    ev = events(ctx, "asset_retired")[0]
    assert ev.actor == "ada-admin" and "beyond economic repair" in ev.details
    audit_ok(ctx)


def test_retiring_a_lost_asset_writes_its_incident_off(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        report_lost(uow, "PH-0002", note="never seen again")
    with ctx.uow(ADMIN) as uow:
        retire_asset(uow, "PH-0002", reason="lost for a year: written off")
    incident = incidents_of(ctx, "PH-0002")[0]
    assert (incident.status, incident.outcome) == ("closed", "written_off")
    audit_ok(ctx)


def test_a_mistaken_retirement_is_undone_by_an_admin(ctx: AppContext) -> None:
    with ctx.uow(ADMIN) as uow:
        retire_asset(uow, "LT-0002", reason="wrong laptop")
    refused(ctx, TECH, PermissionDenied, "return a retired asset to service", return_to_service,
            "LT-0002")
    with ctx.uow(ADMIN) as uow:
        change = return_to_service(uow, "LT-0002")
    assert change.message == "LT-0002 is back in service (it was retired)"
    with ctx.uow(TECH) as uow:
        check_out(uow, "LT-0002", "AB1")
    audit_ok(ctx)
