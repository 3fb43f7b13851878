"""What a return records: how personal data was dealt with (check-in and leaver receipt), and
the borrower's signature on return with a short return receipt, by the ``signature.on_return``
setting."""

from __future__ import annotations

import pytest

from app.bootstrap import AppContext
from app.errors import InvalidInput, Refused
from app.services import documents
from app.services.leavers import leaver_return
from app.services.loans import check_in, check_out
from app.services.receipts import content_sha256
from app.services.reports import run_report
from tests.factories import school
from tests.integration.lifecycle import TECH, asset_status, audit_ok, events, loans_of, refused
from tests.unit.printing.pdfs import page_texts
from tests.unit.printing.samples import signature


@pytest.fixture
def ctx(app_ctx: AppContext) -> AppContext:
    """LT-0001 lent to Siân with personal data, PH-0001 without."""
    school(app_ctx)
    with app_ctx.uow(TECH) as uow:
        check_out(uow, "LT-0001", "AB1", personal_data=True)
    with app_ctx.uow(TECH) as uow:
        check_out(uow, "PH-0001", "AB1")
    return app_ctx


def test_check_in_records_how_personal_data_was_dealt_with(ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        result = check_in(uow, "LT-0001", data="Kept", data_note="for Mr Jones, new head of year")
    assert result.receipt is None  # signature.on_return is "never" by default
    loan = loans_of(ctx, "LT-0001")[0]
    assert (loan["data_in"], loan["data_note"]) == ("kept", "for Mr Jones, new head of year")
    assert '"data":"kept"' in events(ctx, "checkin")[0].details
    with ctx.uow(TECH, readonly=True) as uow:
        assert run_report(uow, "history", "LT-0001")[0]["data"] == "kept"
    audit_ok(ctx)


def test_an_unknown_way_is_refused(ctx: AppContext) -> None:
    refused(ctx, TECH, InvalidInput, "unknown way of dealing with personal data 'shredded'",
            check_in, "LT-0001", data="shredded")


@pytest.mark.parametrize(("setting", "tag", "needed"), [
    ("never", "LT-0001", False), ("never", "PH-0001", False),
    ("personal-data loans", "LT-0001", True), ("personal-data loans", "PH-0001", False),
    ("always", "LT-0001", True), ("always", "PH-0001", True),
])
def test_signature_on_return_setting(ctx: AppContext, setting: str, tag: str,
                                     needed: bool) -> None:
    ctx.settings.signature.on_return = setting
    if needed:
        refused(ctx, TECH, Refused, f"{tag} needs Siân Ó Briain's signature on return",
                check_in, tag, data="wiped")
    else:
        with ctx.uow(TECH) as uow:
            assert check_in(uow, tag, data="wiped").receipt is None
        assert asset_status(ctx, tag) == "available"


def test_a_signed_return_makes_a_return_receipt(ctx: AppContext) -> None:
    ctx.settings.signature.on_return = "personal-data loans"
    with ctx.uow(TECH) as uow:
        result = check_in(uow, "LT-0001", condition="incomplete", note="no charger", data="wiped",
                          signature=signature())
        number = result.receipt.number if result.receipt else ""
        content = dict(result.receipt.content) if result.receipt else {}
    assert number == "C-2026-0001"
    assert content["kind"] == "loan_return" and content["person"]["staff_code"] == "AB1"
    (item,) = content["items"]
    assert (item["tag"], item["condition"], item["note"], item["data"], item["personal_data"]) == \
        ("LT-0001", "incomplete", "no charger", "wiped", True)
    assert loans_of(ctx, "LT-0001")[0]["signature_in_id"] is not None
    pdf = documents.archive_receipt(ctx, TECH, number).read_bytes()
    text = " ".join(page_texts(pdf)[0].split())
    assert "Return of school equipment" in text and "C-2026-0001" in text
    assert "Personal data: wiped by IT" in text and "no charger" in text
    assert documents.verify_receipt_pdf(ctx, documents.archive_receipt(ctx, TECH, number)).status \
        == "match"
    audit_ok(ctx)


def test_the_leaver_receipt_says_how_personal_data_was_dealt_with_per_item(
        ctx: AppContext) -> None:
    with ctx.uow(TECH) as uow:
        check_out(uow, ["TB-0001", "PH-0002"], "AB1", personal_data=True)
    with ctx.uow(TECH) as uow:
        receipt = leaver_return(uow, "AB1", confirm_not_leaving=True,
                                returned_tags=["LT-0001", "PH-0001", "TB-0001"],
                                notes={"PH-0002": "at home"},
                                data={"lt-0001": "removed", "TB-0001": "kept"},
                                data_notes={"TB-0001": "exam scripts for the head of maths"})
        number, content = receipt.number, dict(receipt.content)
        assert receipt.content_sha256 == content_sha256(content)
    items = {i["tag"]: i for i in content["items"]}
    assert items["LT-0001"]["data"] == "removed"
    assert (items["TB-0001"]["data"], items["TB-0001"]["data_note"]) == \
        ("kept", "exam scripts for the head of maths")
    assert "data" not in items["PH-0001"]  # lent without personal data
    assert items["PH-0002"]["personal_data"] is True and items["PH-0002"]["data"] is None
    text = " ".join(" ".join(page_texts(documents.archive_receipt(ctx, TECH, number)
                                        .read_bytes())).split())
    for words in ("Personal data: removed by the borrower",
                  "Personal data: kept on the device for a handover — exam scripts for the head "
                  "of maths",
                  "Personal data: still on the device (not returned)"):
        assert words in text, words
    audit_ok(ctx)


def test_leaver_data_for_an_item_they_do_not_hold_is_refused(ctx: AppContext) -> None:
    refused(ctx, TECH, InvalidInput, "LT-0002 is not one of the items Siân Ó Briain holds",
            leaver_return, "AB1", confirm_not_leaving=True, data={"LT-0002": "wiped"})
