"""Retention purge (dry run and apply) and subject access export, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app import audit
from app.bootstrap import AppContext
from app.errors import PermissionDenied
from app.services import documents, privacy
from app.services.leavers import leaver_return
from app.services.loans import check_out
from app.services.receipts import loan_ack
from app.uow import Actor
from db.models import AuditEvent, Base, Loan, Person, Receipt, Signature
from tests.conftest import MutableClock
from tests.factories import add_asset, add_person
from tests.reliability.crash_ops import SIG

ADMIN = Actor("admin-tech", "admin")
TECH = Actor("plain-tech", "technician")


@pytest.fixture
def school(app_ctx: AppContext) -> AppContext:
    add_person(app_ctx, "AB1", "Siân", "Ó Briain", email="sian@example.org", department="Science",
               badge="CARD-77")
    add_person(app_ctx, "CD2", "Łukasz", "Żółć")
    for tag in ("LT-0001", "LT-0002", "LT-0003"):
        add_asset(app_ctx, tag)
    with app_ctx.uow(ADMIN) as uow:
        res = check_out(uow, ["LT-0001", "LT-0002"], "AB1", purpose="Siân's marking", signature=SIG)
        ack = loan_ack(uow, res.loans)
        uow.commit()
        ack_number = ack.number
    documents.archive_receipt(app_ctx, ADMIN, ack_number)
    with app_ctx.uow(ADMIN) as uow:
        check_out(uow, "LT-0003", "CD2", signature=SIG)
    with app_ctx.uow(ADMIN) as uow:
        number = leaver_return(uow, "AB1", confirm_not_leaving=True, returned_tags=["LT-0001"], signature=SIG,
                               notes={"LT-0002": "Siân says it is at home"}).number
    documents.archive_receipt(app_ctx, ADMIN, number)
    return app_ctx


def _dump(ctx: AppContext) -> str:
    with ctx.uow(ADMIN, readonly=True) as uow:
        rows = []
        for table in Base.metadata.sorted_tables:
            rows += [repr(tuple(r)) for r in uow.session.execute(select(table))]
    return "\n".join(rows)


def _receipts(ctx: AppContext) -> dict[str, SimpleNamespace]:
    with ctx.uow(ADMIN, readonly=True) as uow:
        return {r.kind: SimpleNamespace(content=r.content, file=r.file, signature_id=r.signature_id)
                for r in uow.session.execute(select(Receipt)).scalars()}


def test_nothing_is_purged_before_its_time(school: AppContext) -> None:
    plan = privacy.purge_plan(school, ADMIN)
    assert plan.items == [] and plan.format_lines() == ["nothing is past its retention period"]


def test_routine_signatures_go_first_then_everything_after_six_years(
        school: AppContext, clock: MutableClock) -> None:
    clock.advance(days=366)
    before = _dump(school)
    plan = privacy.purge_plan(school, ADMIN)
    assert _dump(school) == before  # a dry run changes nothing
    assert plan.count("person") == 0 and plan.count("receipt") == 1  # the loan acknowledgement
    assert plan.count("signature") == 1  # the check-out ink; the leaver receipt's is kept
    assert plan.count("file") == 1
    assert "dry run" in plan.format_lines()[-1]
    receipts = _receipts(school)
    ack_file = school.paths.data_dir / str(receipts["loan_ack"].file)
    leaver_file = school.paths.data_dir / str(receipts["leaver_return"].file)

    applied = privacy.apply_purge(school, ADMIN)
    assert applied.applied and applied.count("signature") == 1
    assert not ack_file.exists() and leaver_file.exists()
    receipts = _receipts(school)
    assert receipts["loan_ack"].content["purged"] is True and receipts["loan_ack"].file is None
    assert receipts["leaver_return"].content["person"]["name"] == "Siân Ó Briain"
    with school.uow(ADMIN, readonly=True) as uow:
        sigs = {s.id: s for s in uow.session.execute(select(Signature)).scalars()}
        kept = receipts["leaver_return"].signature_id
        assert sigs[kept].strokes and sigs[kept].purged_at is None
        assert [s.strokes for s in sigs.values() if s.purged_at is not None] == [None]
        result = audit.verify(uow.session)
        assert result.ok, result.problem
    assert privacy.purge_plan(school, ADMIN).items == []  # idempotent

    clock.advance(days=365 * 5 + 2)
    applied = privacy.apply_purge(school, ADMIN)
    assert applied.count("person") == 1 and applied.count("receipt") == 1
    assert not leaver_file.exists()
    text = _dump(school)
    for personal in ("Siân", "Ó Briain", "sian@example.org", "Science", "CARD-77", "at home",
                     "marking"):
        assert personal not in text, personal
    with school.uow(ADMIN, readonly=True) as uow:
        assert audit.verify(uow.session).ok
        event = uow.session.execute(select(AuditEvent).where(AuditEvent.action == "privacy_purge")
                                    .order_by(AuditEvent.seq.desc())).scalars().first()
        assert event is not None and "Siân" not in event.details
        cd2 = uow.session.execute(select(Person).where(Person.staff_code == "CD2")).scalar_one()
        assert cd2.first_name == "Łukasz"  # still employed: untouched
        loans = uow.session.execute(select(Loan)).scalars().all()
        assert len(loans) == 3  # the equipment's history still adds up
    assert privacy.apply_purge(school, ADMIN).items == []


def test_purge_and_export_are_admin_only(school: AppContext, clock: MutableClock, tmp_path: Path) -> None:
    clock.advance(days=365 * 7)
    before = _dump(school)
    with pytest.raises(PermissionDenied, match="only an admin technician can purge personal data"):
        privacy.apply_purge(school, TECH)
    with pytest.raises(PermissionDenied, match="purge personal data"):
        privacy.purge_plan(school, TECH)
    with pytest.raises(PermissionDenied, match="export a person's data"):
        privacy.subject_access_export(school, TECH, "AB1", tmp_path / "sar")
    assert _dump(school) == before
    assert not (tmp_path / "sar").exists()


def test_subject_access_export_holds_everything_about_the_person(school: AppContext,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "sar"
    result = privacy.subject_access_export(school, ADMIN, "ab1", out)
    assert result.folder.parent == out.resolve()
    data = json.loads(result.json_file.read_text(encoding="utf-8"))
    assert data["person"]["first_name"] == "Siân" and data["person"]["email"] == "sian@example.org"
    assert sorted(ln["asset_tag"] for ln in data["loans"]) == ["LT-0001", "LT-0002"]
    assert {r["kind"] for r in data["receipts"]} == {"loan_ack", "leaver_return"}
    assert len(data["signatures"]) == 2 and all(s["strokes"] for s in data["signatures"])
    assert {"checkout", "leaver_return"} <= {e["action"] for e in data["audit_events"]}
    assert "CD2" not in result.json_file.read_text(encoding="utf-8")
    assert sorted(p.name for p in result.documents) == sorted(f"{n}.pdf" for n in
                                                               (r["number"] for r in data["receipts"]))
    for pdf in result.documents:
        assert pdf.read_bytes().startswith(b"%PDF-")


def test_export_folder_name_cannot_escape(app_ctx: AppContext, tmp_path: Path) -> None:
    add_person(app_ctx, "../../etc/passwd", "Evil", "Name")
    out = tmp_path / "out"
    result = privacy.subject_access_export(app_ctx, ADMIN, "../../etc/passwd", out)
    assert result.folder.parent == out.resolve()
    assert result.folder.name.startswith("subject-access-etc_passwd-")
    again = privacy.subject_access_export(app_ctx, ADMIN, "../../etc/passwd", out)
    assert again.folder != result.folder and again.folder.parent == out.resolve()
