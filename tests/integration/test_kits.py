"""Kits: made and filled by scanning, lent in one transaction under one signature, taken back
with missing members flagged, lent to a room; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext
from app.errors import FormInvalid, InvalidInput, NotFound, PermissionDenied, Refused
from app.imports.assets import import_assets
from app.services import kit_loans, kits
from app.services.asset_records import AssetForm
from app.services.asset_records import add_asset as add_asset_form
from app.services.loans import check_in, check_out
from app.services.scan import resolve_scan
from db.models import Loan, Receipt
from ink.signature import SignatureData
from tests.factories import add_asset, add_location, add_site, school
from tests.integration.lifecycle import (
    ADMIN,
    TECH,
    asset_status,
    audit_ok,
    events,
    incidents_of,
    loans_of,
    row_counts,
)

SIG = SignatureData([[(i * 10, 600 + i * 20, 500 + (i % 7) * 30, 0.5) for i in range(40)],
                     [(500 + i * 10, 900 + i * 25, 1200 - (i % 5) * 40, 0.6)
                      for i in range(40)]], (500, 400, 2650, 2100))
CASE = ["PH-0001", "PH-0002", "PH-0003"]


@pytest.fixture
def ctx(app_ctx: AppContext) -> AppContext:
    school(app_ctx)
    add_asset(app_ctx, "PH-0003", "phone", encrypted=False)
    with app_ctx.uow(TECH) as uow:
        kits.add_kit(uow, "KIT-PH1", "Trip phones case 1", kind="case", members=CASE)
    return app_ctx


def refused(ctx: AppContext, exc: type[Exception], match: str, fn, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
    before = row_counts(ctx)
    with ctx.uow(TECH) as uow, pytest.raises(exc, match=match):
        fn(uow, *args, **kwargs)
    assert row_counts(ctx) == before


def test_a_kit_is_made_filled_and_emptied_by_scanning(ctx: AppContext) -> None:
    with ctx.uow(TECH, readonly=True) as uow:
        card = kits.kit_card(uow, "kit-ph1")
    assert (card.tag, card.kind, [m.tag for m in card.members]) == ("KIT-PH1", "case", CASE)
    assert card.summary == "3 members"
    with ctx.uow(TECH) as uow:
        card, added = kits.add_members(uow, "KIT-PH1", ["TB-0001", "ph-0001"])  # again: no-op
    assert added == ["TB-0001"] and len(card.members) == 4
    with ctx.uow(TECH) as uow:
        card, removed = kits.remove_members(uow, "KIT-PH1", ["TB-0001"])
    assert removed == ["TB-0001"] and [m.tag for m in card.members] == CASE
    with ctx.uow(TECH, readonly=True) as uow:
        (row,) = kits.list_kits(uow)
    assert (row.tag, row.members, row.out) == ("KIT-PH1", 3, 0)
    actions = [e.action for e in events(ctx, "kit_member_added")] + \
        [e.action for e in events(ctx, "kit_member_removed")]
    removed_tags = [json.loads(e.details)["tag"] for e in events(ctx, "kit_member_removed")]
    assert len(actions) == 5 and removed_tags == ["TB-0001"]
    audit_ok(ctx)


def test_kit_and_asset_tags_never_collide(ctx: AppContext) -> None:
    refused(ctx, Refused, "already an asset's tag", kits.add_kit, "lt-0001", "Clash")
    refused(ctx, Refused, "already a kit with the tag", kits.add_kit, "kit-ph1", "Again")
    refused(ctx, Refused, "PH-0001 is already in kit KIT-PH1", kits.add_kit, "KIT-2", "Two",
            members=["PH-0001"])
    refused(ctx, NotFound, "no asset with tag 'NOPE'", kits.add_members, "KIT-PH1", ["NOPE"])
    refused(ctx, InvalidInput, "without spaces", kits.add_kit, "KIT 3", "Three")
    with ctx.uow(ADMIN) as uow, pytest.raises(FormInvalid, match="already kit KIT-PH1's tag"):
        add_asset_form(uow, AssetForm(tag="Kit-Ph1", kind="laptop"))
    with ctx.uow(ADMIN) as uow:
        report = import_assets(uow, b"Asset Tag,Kind\nKIT-PH1,laptop\nLT-0100,laptop\n")
    assert report.created == 1
    assert [r.reason for r in report.rejected] == \
        ["asset tag 'KIT-PH1' is already the tag of kit 'KIT-PH1'; give the asset a tag "
         "of its own"]


def test_scan_and_whois_resolve_a_kit(ctx: AppContext) -> None:
    with ctx.uow(TECH, readonly=True) as uow:
        res = resolve_scan(uow, " kit-ph1 ")
        assert res.type == "kit" and res.kit is not None
        data = res.to_dict(uow.now.date())
        assert resolve_scan(uow, "PH-0001").type == "asset"  # members stay assets
    assert data["type"] == "kit" and data["tag"] == "KIT-PH1"
    assert [m["tag"] for m in data["members"]] == CASE
    assert {m["status"] for m in data["members"]} == {"available"}


def test_one_scan_lends_the_whole_kit_under_one_signature(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        res = kit_loans.check_out_kit(uow, "kit-ph1", "AB1", signature=SIG, purpose="Trip")
        tags, sig_id = res.tags, res.result.signature_id
    assert tags == CASE and sig_id is not None
    for tag in CASE:
        (loan,) = loans_of(ctx, tag)
        assert loan["signature_out_id"] == sig_id and loan["kit_id"] is not None
        assert loan["outcome"] is None and asset_status(ctx, tag) == "on_loan"
    (event,) = events(ctx, "kit_checkout")
    details = json.loads(event.details)
    assert details["tags"] == CASE and details["left_behind"] == []
    with ctx.uow(TECH, readonly=True) as uow:
        card = kits.kit_card(uow, "KIT-PH1")
    assert len(card.out_with_kit) == 3
    assert card.members[0].state_text.startswith("on loan to Siân Ó Briain (AB1) (with the kit)")
    # the acknowledgement lists every member
    from app.services.receipts import acknowledge_loans

    with ctx.uow(TECH) as uow:
        ids = [ln["id"] for t in CASE for ln in loans_of(ctx, t)]
        number = acknowledge_loans(uow, ids)
    with ctx.uow(TECH, readonly=True) as uow:
        receipt = uow.session.execute(select(Receipt).where(Receipt.number == number)).scalar_one()
        assert [i["tag"] for i in receipt.content["items"]] == CASE
    audit_ok(ctx)


def test_a_member_that_cannot_go_refuses_the_kit_or_is_left_behind(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        check_out(uow, "PH-0002", "CD2")
    refused(ctx, Refused, r"KIT-PH1 cannot go out whole: PH-0002 is on loan to Łukasz Żółć "
            r"\(CD2\)\. Lend the other 2", kit_loans.check_out_kit, "KIT-PH1", "AB1")
    with ctx.uow(TECH) as uow:
        res = kit_loans.check_out_kit(uow, "KIT-PH1", "AB1", lend_rest=True)
        assert res.tags == ["PH-0001", "PH-0003"]
        assert [(u.tag, u.why) for u in res.skipped] == [("PH-0002",
                                                          "on loan to Łukasz Żółć (CD2)")]
    (event,) = events(ctx, "kit_checkout")
    assert json.loads(event.details)["left_behind"] == [{"tag": "PH-0002",
                                             "why": "on loan to Łukasz Żółć (CD2)"}]
    # nothing left to lend: the kit is out (with whom), with or without --lend-rest — never
    # "lend the other 0 without them"
    for rest in (True, False):
        refused(ctx, Refused, r"kit KIT-PH1 is out already, lent to Siân Ó Briain \(AB1\): "
                "check it in before lending it again", kit_loans.check_out_kit, "KIT-PH1",
                "AB1", lend_rest=rest)


def test_the_encryption_policy_holds_for_every_member(ctx: AppContext) -> None:
    # PH-0003 is not encrypted: personal data on the kit is refused, nothing lent
    refused(ctx, Refused, "PH-0003 is not verified as encrypted", kit_loans.check_out_kit,
            "KIT-PH1", "AB1", personal_data=True)
    refused(ctx, Refused, "has left", kit_loans.check_out_kit, "KIT-PH1", "GN4")


def test_checking_the_kit_in_flags_missing_members(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        kit_loans.check_out_kit(uow, "KIT-PH1", "AB1")
    refused(ctx, InvalidInput, "LT-0001 is not out with kit KIT-PH1", kit_loans.check_in_kit,
            "KIT-PH1", missing=["LT-0001"])
    with ctx.uow(TECH) as uow:
        res = kit_loans.check_in_kit(uow, "KIT-PH1", missing=["ph-0002"])
        returned = [ln.asset.tag for ln in res.returned]
        missing = [(ln.asset.tag, ln.person.staff_code) for ln in res.missing]
    assert returned == ["PH-0001", "PH-0003"] and missing == [("PH-0002", "AB1")]
    assert asset_status(ctx, "PH-0002") == "on_loan"  # stays on loan, listed
    with ctx.uow(TECH, readonly=True) as uow:
        card = kits.kit_card(uow, "KIT-PH1")
    assert [m.tag for m in card.out_with_kit] == ["PH-0002"]
    (event,) = events(ctx, "kit_checkin")
    assert json.loads(event.details)["missing"] == ["PH-0002"]
    # the missing member turns up and is scanned back on its own
    with ctx.uow(TECH) as uow:
        check_in(uow, "PH-0002")
    assert asset_status(ctx, "PH-0002") == "available"
    refused(ctx, Refused, "KIT-PH1 is not out on loan", kit_loans.check_in_kit, "KIT-PH1")
    audit_ok(ctx)


def test_missing_members_can_be_reported_lost(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        kit_loans.check_out_kit(uow, "KIT-PH1", "AB1")
    with ctx.uow(TECH) as uow:
        res = kit_loans.check_in_kit(uow, "KIT-PH1", missing=["PH-0003"],
                                     report_missing_lost=True)
        assert res.lost == ["PH-0003"] and res.missing == []
    assert asset_status(ctx, "PH-0003") == "lost"
    (incident,) = incidents_of(ctx, "PH-0003")
    assert incident.kind == "lost" and "missing when kit KIT-PH1 came back" in \
        (incident.description or "")
    assert loans_of(ctx, "PH-0003")[0]["outcome"] == "lost"
    audit_ok(ctx)


def test_a_signed_kit_return_makes_one_receipt_listing_every_member(ctx: AppContext) -> None:
    ctx.settings.signature.on_return = "always"
    with ctx.uow(TECH) as uow:
        kit_loans.check_out_kit(uow, "KIT-PH1", "AB1")
    refused(ctx, Refused, "needs Siân Ó Briain's signature", kit_loans.check_in_kit, "KIT-PH1")
    with ctx.uow(TECH) as uow:
        res = kit_loans.check_in_kit(uow, "KIT-PH1", signature=SIG)
        assert res.receipt is not None
        items = [i["tag"] for i in res.receipt.content["items"]]
    assert items == CASE
    audit_ok(ctx)


def test_members_out_with_the_kit_cannot_be_removed_and_deactivating(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        kit_loans.check_out_kit(uow, "KIT-PH1", "AB1")
    refused(ctx, Refused, "PH-0001 is out on loan with kit KIT-PH1", kits.remove_members,
            "KIT-PH1", ["PH-0001"])
    with ctx.uow(TECH) as uow, pytest.raises(PermissionDenied):
        kits.set_kit_active(uow, "KIT-PH1", False)
    with ctx.uow(ADMIN) as uow, pytest.raises(Refused, match="3 member"):
        kits.set_kit_active(uow, "KIT-PH1", False)
    with ctx.uow(TECH) as uow:
        kit_loans.check_in_kit(uow, "KIT-PH1")
    with ctx.uow(ADMIN) as uow:
        card = kits.set_kit_active(uow, "KIT-PH1", False)
    assert not card.active and card.members == ()
    refused(ctx, Refused, "inactive", kit_loans.check_out_kit, "KIT-PH1", "AB1")
    with ctx.uow(TECH) as uow:  # its members are free to join another kit
        kits.add_kit(uow, "KIT-PH2", "Case 2", members=CASE)
    with ctx.uow(ADMIN) as uow:
        assert kits.set_kit_active(uow, "KIT-PH1", True).active
    audit_ok(ctx)


def test_lending_to_a_location_records_the_responsible_member_of_staff(ctx: AppContext) -> None:
    add_site(ctx, "NHS")
    add_location(ctx, "NHS-R12", "Room 12")
    with ctx.uow(TECH) as uow:
        res = kit_loans.check_out_kit(uow, "KIT-PH1", "CD2", to_location="nhs-r12")
        loan = res.result.loans[0]
        assert loan.person_id == res.result.person.id
    with ctx.uow(TECH) as uow:
        check_out(uow, "LT-0001", "AB1", to_location="NHS-R12")
    with ctx.uow(TECH, readonly=True) as uow:
        loans = list(uow.session.execute(select(Loan).where(Loan.location_id.is_not(None)))
                     .scalars())
        assert len(loans) == 4
        card = kits.kit_card(uow, "KIT-PH1")
    assert card.members[0].holder == "Room 12 (responsible: Łukasz Żółć (CD2))"
    refused(ctx, Refused, r"kit KIT-PH1 is out already, lent to Room 12 \(responsible: "
            r"Łukasz Żółć \(CD2\)\)", kit_loans.check_out_kit, "KIT-PH1", "AB1")
    with ctx.uow(TECH) as uow:  # a member not back is still in the room, and said so
        back = kit_loans.check_in_kit(uow, "KIT-PH1", missing=["PH-0002"])
        assert back.holders == {"PH-0002": "Room 12 (responsible: Łukasz Żółć (CD2))"}
    refused(ctx, NotFound, "no location with the code 'R99'", check_out, "LT-0003", "AB1",
            to_location="R99")
    audit_ok(ctx)


# -- two desks lending members of the same kit at once -------------------------------------------

def _desk(ctx: AppContext, work):  # type: ignore[no-untyped-def]
    """One desk's whole unit of work, retried after a transient conflict as the desk does;
    returns what it lent, or the refusal's message."""
    from app.retry import run_with_retry

    def attempt() -> list[str] | str:
        try:
            with ctx.uow(TECH) as uow:
                return work(uow)
        except Refused as exc:
            return str(exc)

    return run_with_retry(attempt)


def _race(ctx: AppContext, *works) -> list[list[str] | str]:  # type: ignore[no-untyped-def]
    import threading

    barrier = threading.Barrier(len(works))
    results: list[list[str] | str] = [""] * len(works)

    def run(i: int) -> None:
        barrier.wait()
        results[i] = _desk(ctx, works[i])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(works))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def _out(ctx: AppContext) -> dict[str, tuple[str, bool]]:
    """Every open loan: tag -> (borrower, lent with a kit)."""
    with ctx.uow(TECH, readonly=True) as uow:
        return {ln.asset.tag: (ln.person.staff_code, ln.kit_id is not None)
                for ln in uow.session.execute(select(Loan).where(Loan.outcome.is_(None)))
                .scalars()}


def test_two_desks_lending_members_of_one_kit(ctx: AppContext) -> None:
    """Exactly one desk gets each member, and a kit is lent whole or not at all."""
    def kit_to(code: str):  # type: ignore[no-untyped-def]
        return lambda uow: kit_loans.check_out_kit(uow, "KIT-PH1", code).tags

    def member_to(tag: str, code: str):  # type: ignore[no-untyped-def]
        return lambda uow: [ln.asset.tag for ln in check_out(uow, tag, code).loans]

    rounds = [(kit_to("AB1"), kit_to("CD2"))] + \
        [(kit_to("AB1"), member_to(tag, "CD2")) for tag in CASE] + \
        [(member_to("PH-0003", "CD2"), kit_to("AB1"))]
    for first, second in rounds:
        results = _race(ctx, first, second)
        out = _out(ctx)
        lent = [r for r in results if isinstance(r, list)]
        assert len(lent) == 1, results  # one desk won; the other was told why
        (refusal,) = [r for r in results if isinstance(r, str)]
        assert ("on loan to" in refusal or "just lent at another desk" in refusal
                or "is out already, lent to" in refusal), refusal
        with_kit = sorted(t for t, (_c, kit) in out.items() if kit)
        assert with_kit in ([], CASE), out  # never half a kit
        assert sorted(out) == sorted(lent[0])
        with ctx.uow(TECH) as uow:  # everything back for the next round
            if with_kit:
                kit_loans.check_in_kit(uow, "KIT-PH1")
            else:
                for tag in out:
                    check_in(uow, tag)
    audit_ok(ctx)


def test_a_desk_holding_a_member_makes_the_kit_wait_then_refuses_it_whole(
        ctx: AppContext) -> None:
    import threading

    desk_b = ctx.uow(TECH)
    with desk_b:
        check_out(desk_b, "PH-0002", "CD2", commit=False)  # holds PH-0002 (and, SQLite: the db)
        result: list[list[str] | str] = []
        thread = threading.Thread(target=lambda: result.append(_desk(
            ctx, lambda uow: kit_loans.check_out_kit(uow, "KIT-PH1", "AB1").tags)))
        thread.start()
        thread.join(0.5)
        assert thread.is_alive()  # the kit desk waits for the member's row
        desk_b.commit()
    thread.join(60)
    (message,) = result
    # SQLite: the kit desk waited for the database and read PH-0002 lent; PostgreSQL: it waited
    # for PH-0002's row and found it lent
    assert isinstance(message, str)
    assert re.search(r"PH-0002 is (already )?on loan to Łukasz Żółć \(CD2\)", message), message
    assert _out(ctx) == {"PH-0002": ("CD2", False)}
    audit_ok(ctx)


def test_a_plain_asset_scan_costs_no_more_with_kits(ctx: AppContext,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Scan resolve is a bench row: an asset's tag is still one read (kits are looked for only
    when no asset has the tag), and opens no ORM session."""
    from app import uow as uow_module

    reads: list[str] = []
    fetch = uow_module.UnitOfWork.fetch_one

    def counting(self, read, params):  # type: ignore[no-untyped-def]
        reads.append(str(params))
        return fetch(self, read, params)

    monkeypatch.setattr(uow_module.UnitOfWork, "fetch_one", counting)
    with ctx.uow(TECH, readonly=True) as uow:
        assert resolve_scan(uow, "PH-0001").type == "asset"
        assert len(reads) == 1 and uow._session is None
        reads.clear()
        assert resolve_scan(uow, "KIT-PH1").type == "kit"
        assert len(reads) == 2  # the asset read, then the kit's
