"""Receipt forgeries made with Loan Kiosk's own printing code are refused (issue 17).

The forger re-renders a receipt that was committed but never archived (so there
are no archived bytes to compare with): the QR code, the printed code and the
embedded content are the genuine record's, only the printed item table says
something else. Verification reads each item's row and refuses it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import AppContext
from app.fingerprint import seal
from app.services import documents
from app.services.receipts import get_receipt
from app.uow import Actor
from printing import render
from tests.integration.test_documents import make_leaver_receipt

ACTOR = Actor("tech")


def forge(record: dict[str, Any], shown: dict[str, Any]) -> bytes:
    """A PDF carrying ``record``'s QR, code and embedded content, but printing ``shown``:
    the printing code handed a seal of the record around other content."""
    genuine = seal(record)
    return render.render_receipt(render.SealedContent(shown, genuine.canonical, genuine.sha256))


@pytest.fixture
def record(app_ctx: AppContext) -> dict[str, Any]:
    # issued without a data folder (as by a version before receipts were archived with
    # their commit): so it is committed and never archived
    data_dir, app_ctx.db.data_dir = app_ctx.db.data_dir, None
    try:
        number = make_leaver_receipt(app_ctx, ACTOR)
    finally:
        app_ctx.db.data_dir = data_dir
    with app_ctx.uow(ACTOR, readonly=True) as uow:
        r = get_receipt(uow, number)
        assert r.file is None  # committed, not archived: no bytes to compare with
        return dict(r.content)


def check(app_ctx: AppContext, tmp_path: Path, pdf: bytes) -> documents.VerifyOutcome:
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    return documents.verify_receipt_pdf(app_ctx, path)


def test_an_honest_re_rendering_matches(app_ctx: AppContext, record: dict[str, Any],
                                        tmp_path: Path) -> None:
    outcome = check(app_ctx, tmp_path, forge(record, record))
    assert outcome.status == "match", outcome.message


def test_every_outcome_changed_is_refused(app_ctx: AppContext, record: dict[str, Any],
                                         tmp_path: Path) -> None:
    shown = {**record, "items": [{**i, "outcome": "returned"} for i in record["items"]]}
    outcome = check(app_ctx, tmp_path, forge(record, shown))
    assert outcome.status == "mismatch"
    assert ("the printed row of PH-0001 does not show its outcome as recorded (Not returned)"
            in outcome.differences), outcome.differences


def test_a_condition_changed_is_refused(app_ctx: AppContext, record: dict[str, Any],
                                       tmp_path: Path) -> None:
    items = [dict(i) for i in record["items"]]
    target = next(i for i in items if i["outcome"] == "returned")
    target["condition"] = "damaged"
    outcome = check(app_ctx, tmp_path, forge(record, {**record, "items": items}))
    assert outcome.status == "mismatch"
    assert (f"the printed row of {target['tag']} does not show its condition as recorded (Good)"
            in outcome.differences), outcome.differences


def test_rows_swapped_between_items_are_refused(app_ctx: AppContext, record: dict[str, Any],
                                               tmp_path: Path) -> None:
    items = [dict(i) for i in record["items"]]
    outcomes = [i["outcome"] for i in items]
    rotated = outcomes[1:] + outcomes[:1]  # each item shows its neighbour's outcome
    assert rotated != outcomes
    for item, value in zip(items, rotated, strict=True):
        item["outcome"] = value
    outcome = check(app_ctx, tmp_path, forge(record, {**record, "items": items}))
    assert outcome.status == "mismatch", outcome.message
