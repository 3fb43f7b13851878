"""Every loan rule of the core issue, through the services, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app import audit
from app.bootstrap import AppContext
from app.errors import InvalidInput, NotFound, PermissionDenied, Refused
from app.services.encryption import record_check
from app.services.loans import check_in, check_out, report_lost
from app.services.trips import create_trip
from app.uow import Actor
from db.models import Asset, AuditEvent, Incident, Loan, Person
from tests.factories import school


@pytest.fixture
def ctx(app_ctx: AppContext) -> AppContext:
    school(app_ctx)
    return app_ctx


def counts(ctx: AppContext) -> dict[str, int]:
    with ctx.uow(Actor("t"), readonly=True) as uow:
        return {
            m.__tablename__: uow.session.execute(select(func.count()).select_from(m)).scalar_one()
            for m in (Loan, Incident, AuditEvent)
        }


def asset_status(ctx: AppContext, tag: str) -> str:
    with ctx.uow(Actor("t"), readonly=True) as uow:
        return uow.session.execute(select(Asset.status).where(Asset.tag == tag)).scalar_one()


def refused(ctx: AppContext, exc: type[Exception], match: str, fn, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """The call is refused with a clear message and nothing at all changes."""
    before = counts(ctx)
    with ctx.uow(Actor("tech", "technician")) as uow, pytest.raises(exc, match=match):
        fn(uow, *args, **kwargs)
    assert counts(ctx) == before


def test_checkout_and_checkin_round_trip(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        result = check_out(uow, "lt-0001", "ab1", purpose="Marking")
    loan = result.loans[0]
    assert loan.due_on == dt.date(2026, 12, 24)  # laptops: 30 days
    assert loan.out_by == "plain-tech"
    assert asset_status(ctx, "LT-0001") == "on_loan"
    with ctx.uow(tech) as uow:
        back = check_in(uow, " LT-0001 ")
    assert back.loan.outcome == "returned" and back.loan.condition_in == "ok"
    assert back.incident is None
    assert asset_status(ctx, "LT-0001") == "available"


def test_on_loan_asset_refused_naming_holder_and_since(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        check_out(uow, "LT-0001", "AB1")
    refused(ctx, Refused, r"already on loan to Siân Ó Briain \(AB1\) since 24 Nov 2026",
            check_out, "LT-0001", "CD2")


@pytest.mark.parametrize("status", ["lost", "in_repair", "retired"])
def test_unavailable_statuses_refused(ctx: AppContext, status: str) -> None:
    from tests.factories import add_asset

    add_asset(ctx, f"X-{status}", status=status)
    words = {"lost": "recorded as lost", "in_repair": "in repair", "retired": "retired"}[status]
    refused(ctx, Refused, f"is {words} and cannot be lent", check_out, f"X-{status}", "AB1")


def test_left_person_cannot_borrow(ctx: AppContext) -> None:
    refused(ctx, Refused, "has left the school", check_out, "LT-0001", "GN4")


def test_leaving_person_borrows_until_their_leaving_date(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        result = check_out(uow, "LT-0001", "LV3")  # leaving 18 Dec; a laptop is lent 30 days
    assert result.loans[0].due_on == dt.date(2026, 12, 18)
    assert result.capped_at == dt.date(2026, 12, 18)


@pytest.mark.parametrize("tag", ["LT-0002", "LT-0003"])
def test_encryption_gate_refuses_personal_data_on_unverified(ctx: AppContext, tag: str) -> None:
    refused(ctx, Refused, "personal data may only be kept on devices the school has encrypted",
            check_out, tag, "AB1", personal_data=True)


def test_encryption_gate_lets_encrypted_and_non_personal_through(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        check_out(uow, "LT-0001", "AB1", personal_data=True)
    with ctx.uow(tech) as uow:
        check_out(uow, "LT-0002", "AB1", personal_data=False)
    with ctx.uow(tech) as uow:  # "other" kit is not a portable data device
        check_out(uow, "AV-0001", "AB1", personal_data=True)


def test_encryption_override_needs_admin_and_reason(ctx: AppContext, admin: Actor) -> None:
    refused(ctx, PermissionDenied, "only an admin", check_out, "LT-0002", "AB1",
            personal_data=True, override_reason="Head's laptop died, exam week")
    refused(ctx, Refused, "not verified as encrypted", check_out, "LT-0002", "AB1",
            personal_data=True, override_reason="   ")
    with ctx.uow(admin) as uow:
        result = check_out(uow, "LT-0002", "AB1", personal_data=True,
                           override_reason="Head's laptop died, exam week")
    loan = result.loans[0]
    assert loan.override_reason == "Head's laptop died, exam week"
    assert loan.override_by == "admin-tech"
    with ctx.uow(admin, readonly=True) as uow:
        ev = uow.session.execute(
            select(AuditEvent).where(AuditEvent.action == "encryption_override")
        ).scalar_one()
        assert "exam week" in ev.details and ev.actor == "admin-tech"


def test_encryption_check_changes_the_gate(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        record_check(uow, "LT-0003", encrypted=True, method="bitlocker", note="checked manage-bde")
    with ctx.uow(tech) as uow:
        check_out(uow, "LT-0003", "AB1", personal_data=True)
    with ctx.uow(tech) as uow:
        record_check(uow, "LT-0001", encrypted=False, method=None)
    refused(ctx, Refused, "not encrypted", check_out, "LT-0001", "CD2", personal_data=True)


def test_due_dates(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        phone = check_out(uow, "PH-0001", "AB1").loans[0]
    assert phone.due_on == dt.date(2026, 12, 1)  # phones: 7 days
    with ctx.uow(tech) as uow:
        given = check_out(uow, "LT-0001", "AB1", due=dt.date(2027, 1, 5)).loans[0]
    assert given.due_on == dt.date(2027, 1, 5)
    with ctx.uow(tech) as uow:
        create_trip(uow, "Y9 Snowdon", leader="CD2", start=dt.date(2026, 11, 26),
                    end=dt.date(2026, 11, 28), destination="Snowdonia")
    with ctx.uow(tech) as uow:
        trip_loan = check_out(uow, "PH-0002", "CD2", trip="Y9 Snowdon").loans[0]
    assert trip_loan.due_on == dt.date(2026, 11, 28)
    refused(ctx, InvalidInput, "in the past", check_out, "TB-0001", "AB1", due=dt.date(2026, 1, 1))


def test_loan_periods_are_settings(ctx: AppContext, tech: Actor) -> None:
    ctx.db.settings.loans.days_laptop = 10
    with ctx.uow(tech) as uow:
        loan = check_out(uow, "LT-0001", "AB1").loans[0]
    assert loan.due_on == dt.date(2026, 12, 4)


def test_checkin_not_on_loan_refused(ctx: AppContext) -> None:
    refused(ctx, Refused, "LT-0001 is not on loan", check_in, "LT-0001")


def test_damaged_checkin_opens_incident(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        check_out(uow, "LT-0001", "AB1")
    with ctx.uow(tech) as uow:
        res = check_in(uow, "LT-0001", condition="damaged", note="cracked screen")
    assert res.incident is not None and res.incident.kind == "damaged"
    assert res.incident.description == "cracked screen"
    assert asset_status(ctx, "LT-0001") == "in_repair"


def test_report_lost_closes_loan_and_opens_incident(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        check_out(uow, "PH-0001", "AB1")
    with ctx.uow(tech) as uow:
        res = report_lost(uow, "PH-0001", note="left on the coach")
    assert res.loan is not None and res.loan.outcome == "lost"
    assert res.incident.kind == "lost" and res.incident.person_id is not None
    assert asset_status(ctx, "PH-0001") == "lost"
    refused(ctx, Refused, "recorded as lost", check_out, "PH-0001", "CD2")


def test_multi_asset_checkout_is_all_or_nothing(ctx: AppContext, tech: Actor) -> None:
    refused(ctx, Refused, "in repair", check_out, ["LT-0001", "LT-0009"], "AB1")
    with ctx.uow(tech) as uow:
        res = check_out(uow, ["LT-0001", "TB-0001"], "AB1")
    assert len(res.loans) == 2


def test_unknown_codes(ctx: AppContext) -> None:
    refused(ctx, NotFound, "no asset with tag 'NOPE'", check_out, "NOPE", "AB1")
    refused(ctx, NotFound, "no member of staff with code 'ZZ9'", check_out, "LT-0001", "ZZ9")


def test_badge_code_works_as_borrower(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        res = check_out(uow, "LT-0001", "card-001")
    assert res.person.staff_code == "AB1"


def test_open_loan_unique_index_is_enforced_by_the_database(ctx: AppContext) -> None:
    """Even code that skipped the checks could not open a second loan on one asset."""
    from sqlalchemy.exc import IntegrityError

    with ctx.uow(Actor("t")) as uow:
        check_out(uow, "LT-0001", "AB1")
    with ctx.uow(Actor("t")) as uow:
        loan = uow.session.execute(select(Loan)).scalar_one()
        uow.session.add(Loan(asset_id=loan.asset_id, person_id=loan.person_id, out_at=uow.now,
                             out_by="rogue", due_on=loan.due_on))
        with pytest.raises(IntegrityError):
            uow.session.flush()


def test_every_write_is_in_the_audit_chain(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        check_out(uow, "LT-0001", "AB1")
    with ctx.uow(tech) as uow:
        check_in(uow, "LT-0001", condition="damaged")
    with ctx.uow(tech, readonly=True) as uow:
        actions = [e.action for e in uow.session.execute(
            select(AuditEvent).order_by(AuditEvent.seq)).scalars()]
        assert actions[-3:] == ["checkout", "incident_opened", "checkin"]
        assert audit.verify(uow.session).ok


def test_write_without_audit_event_is_refused(ctx: AppContext) -> None:
    with ctx.uow(Actor("t")) as uow:
        p = uow.session.execute(select(Person).where(Person.staff_code == "AB1")).scalar_one()
        p.email = "changed@example.org"
        with pytest.raises(RuntimeError, match="without an audit event"):
            uow.commit()


def test_trip_checkout_signature_is_the_trip_leaders(ctx: AppContext, tech: Actor) -> None:
    from db.models import Trip
    from ink.signature import SignatureData

    with ctx.uow(tech) as uow:
        create_trip(uow, "Y9 Snowdon", leader="CD2", start=dt.date(2026, 11, 26),
                    end=dt.date(2026, 11, 28))
    # two strokes of 40 points: past the quality gate the service now holds (issue 18)
    sig = SignatureData([[(i * 10, 600 + i * 20, 500 + (i % 7) * 30, 0.5) for i in range(40)],
                         [(500 + i * 10, 900 + i * 25, 1200 - (i % 5) * 40, 0.6)
                          for i in range(40)]], (500, 400, 2650, 2100))
    with ctx.uow(tech) as uow:
        res = check_out(uow, ["PH-0001", "PH-0002"], "CD2", trip="Y9 Snowdon", signature=sig)
    with ctx.uow(tech, readonly=True) as uow:
        trip = uow.session.execute(select(Trip)).scalar_one()
        assert trip.signature_id == res.signature_id is not None
