"""Rule 6: a leaver return is one transaction, with a receipt record."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app import audit
from app.bootstrap import AppContext
from app.errors import Refused
from app.services.leavers import leaver_return, leaving_soon, preview
from app.services.loans import check_out
from app.services.receipts import content_sha256
from app.uow import Actor
from db.models import Asset, Incident, Loan, Person, Receipt, Signature
from ink.signature import SignatureData
from tests.factories import add_person, school

SIG = SignatureData(
    strokes=[[(0, 600, 500, 0.5), (10, 900, 800, 0.6), (20, 1200, 600, 0.7)],
             [(40, 1300, 700, 0.5), (50, 1600, 900, 0.5)]],
    window=(500, 400, 2650, 2100), device="Topaz 5-byte (simulated)",
)


@pytest.fixture
def ctx(app_ctx: AppContext, clock) -> AppContext:  # type: ignore[no-untyped-def]
    school(app_ctx)
    add_person(app_ctx, "EF5", "Chloé", "Müller", department="Languages")
    with app_ctx.uow(Actor("t")) as uow:
        check_out(uow, ["LT-0001", "PH-0001", "TB-0001"], "EF5")
    with app_ctx.uow(Actor("t")) as uow:
        check_out(uow, "LT-0002", "AB1")
    return app_ctx


def test_full_return_marks_left_and_creates_receipt(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        receipt = leaver_return(uow, "EF5", confirm_not_leaving=True, signature=SIG)
    assert receipt.number == "R-2026-0001"
    assert receipt.content_sha256 == content_sha256(receipt.content)
    content = receipt.content
    assert content["person"]["name"] == "Chloé Müller"
    assert sorted(i["tag"] for i in content["items"]) == ["LT-0001", "PH-0001", "TB-0001"]
    assert {i["outcome"] for i in content["items"]} == {"returned"}
    assert content["items"][0]["encryption"].startswith("Encrypted (")
    with ctx.uow(tech, readonly=True) as uow:
        person = uow.session.execute(select(Person).where(Person.staff_code == "EF5")).scalar_one()
        assert person.status == "left" and person.leaving_date == dt.date(2026, 11, 24)
        loans = uow.session.execute(select(Loan).where(Loan.person_id == person.id)).scalars().all()
        assert all(ln.outcome == "returned" and ln.receipt_id == receipt.id for ln in loans)
        sig = uow.session.get(Signature, receipt.signature_id)
        assert sig is not None and len(sig.strokes) == 2 and sig.person_id == person.id
        assert audit.verify(uow.session).ok


def test_partial_return_marks_rest_not_returned(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        receipt = leaver_return(uow, "EF5", confirm_not_leaving=True, returned_tags=["lt-0001"],
                                notes={"PH-0001": "says it is at home"},
                                conditions={"LT-0001": "incomplete"})
    items = {i["tag"]: i for i in receipt.content["items"]}
    assert items["LT-0001"]["outcome"] == "returned"
    assert items["LT-0001"]["condition"] == "incomplete"
    assert items["PH-0001"]["outcome"] == "not_returned"
    assert items["PH-0001"]["note"] == "says it is at home"
    assert items["TB-0001"]["outcome"] == "not_returned"
    with ctx.uow(tech, readonly=True) as uow:
        statuses = dict(uow.session.execute(select(Asset.tag, Asset.status)).all())
        assert statuses["LT-0001"] == "available"
        assert statuses["PH-0001"] == statuses["TB-0001"] == "lost"
        lost = uow.session.execute(select(Incident).where(Incident.kind == "lost")).scalars().all()
        assert len(lost) == 2 and "says it is at home" in " ".join(i.description or "" for i in lost)


def test_someone_elses_item_is_refused_with_holder_and_nothing_changes(ctx: AppContext,
                                                                        tech: Actor) -> None:
    holder = r"LT-0002 is not Chloé Müller's: it is on loan to Siân Ó Briain"
    with ctx.uow(tech) as uow, pytest.raises(Refused, match=holder):
        leaver_return(uow, "EF5", confirm_not_leaving=True, returned_tags=["LT-0001", "LT-0002"],
                      signature=SIG)
    with ctx.uow(tech, readonly=True) as uow:
        assert uow.session.execute(select(func.count()).select_from(Receipt)).scalar_one() == 0
        assert uow.session.execute(select(func.count()).select_from(Signature)).scalar_one() == 0
        person = uow.session.execute(select(Person).where(Person.staff_code == "EF5")).scalar_one()
        assert person.status == "active"


def test_leaver_who_already_left_is_refused(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        leaver_return(uow, "EF5", confirm_not_leaving=True)
    with ctx.uow(tech) as uow, pytest.raises(Refused, match="already recorded as left"):
        leaver_return(uow, "EF5", confirm_not_leaving=True)


def test_leaver_with_nothing_gets_a_receipt_too(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        receipt = leaver_return(uow, "CD2", confirm_not_leaving=True)
    assert receipt.content["items"] == []


def test_receipt_numbers_count_up(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        a = leaver_return(uow, "EF5", confirm_not_leaving=True)
    with ctx.uow(tech) as uow:
        b = leaver_return(uow, "CD2", confirm_not_leaving=True)
    assert (a.number, b.number) == ("R-2026-0001", "R-2026-0002")


def test_preview_and_leaving_soon(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech, readonly=True) as uow:
        assert [ln.asset.tag for ln in preview(uow, "EF5").loans] == ["LT-0001", "PH-0001", "TB-0001"]
        assert [p.staff_code for p in leaving_soon(uow)] == ["LV3"]
