"""Rows that check-out and check-in write on the DBAPI cursor (``uow.insert`` / ``uow.update``)
are the rows, and the audit digests, that the ORM wrote for the same work."""

from __future__ import annotations

import datetime as dt
import gc
import json
import random
from typing import Any

import pytest
from sqlalchemy import inspect, select

from app import audit
from app.bootstrap import AppContext
from app.database import Database, open_database
from app.services.loans import check_in, check_out, close_loan_returned
from app.services.locked_rows import locked_asset
from app.uow import Actor, UnitOfWork
from db.models import Asset, AuditEvent, Base, Loan, Person, Signature
from ink.signature import SignatureData
from tests.factories import school

#: two strokes of 40 points across the pad: past the service's quality gate (issue 18)
SIG = SignatureData(strokes=[[(i * 10, 10 + i * 2, 20 + i % 5, 0.5) for i in range(40)],
                             [(400 + i * 10, 5 + i * 2, 60 - i % 7, 0.6) for i in range(40)]],
                    window=(0, 0, 100, 100), device="test pad")


@pytest.fixture
def ctx(app_ctx: AppContext) -> AppContext:
    school(app_ctx)
    return app_ctx


def columns(obj: Base, *skip: str) -> dict[str, Any]:
    return {a.key: getattr(obj, a.key) for a in inspect(type(obj)).column_attrs
            if a.key not in skip}


class Stored:
    """A row as the ORM reads it back: its columns and its digest."""

    def __init__(self, ctx: AppContext, model: type[Base], row_id: int) -> None:
        with ctx.uow(Actor("t"), readonly=True) as uow:
            obj = uow.session.get(model, row_id)
            assert obj is not None
            self.values = columns(obj)
            self.digest = audit.row_digest(obj)

    def columns(self, *skip: str) -> dict[str, Any]:
        return {k: v for k, v in self.values.items() if k not in skip}


def last_rows(ctx: AppContext) -> dict[str, str | None]:
    """The row digests recorded by the last unit of work that committed."""
    return last_rows_of(ctx.db)


def last_rows_of(db: Database) -> dict[str, str | None]:
    with db.uow(Actor("t"), readonly=True) as uow:
        ev = uow.session.execute(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).scalar_one()
        rows: dict[str, str | None] = json.loads(ev.details)["_rows"]
        return rows


def test_checked_out_loan_is_the_row_the_orm_wrote(ctx: AppContext, admin: Actor) -> None:
    with ctx.uow(admin) as uow:
        res = check_out(uow, "LT-0002", "AB1", purpose="Exam marking", personal_data=True,
                        override_reason="  head's laptop died ", signature=SIG,
                        due=dt.date(2026, 12, 9))
    loan = res.loans[0]
    # the same loan (of another asset) written by the ORM, in a unit of work rolled back
    with ctx.uow(admin) as uow:
        other = locked_asset(uow, "AV-0001")
        orm = Loan(asset_id=other.id, person_id=loan.person_id, out_at=uow.now,
                   out_by="admin-tech", due_on=dt.date(2026, 12, 9), purpose="Exam marking",
                   trip_id=None, condition_out="ok", personal_data=True,
                   override_reason="head's laptop died", override_by="admin-tech",
                   signature_out_id=loan.signature_out_id)
        uow.session.add(orm)
        uow.session.flush()
        uow.session.expire(orm)  # read back what the database holds
        expected = columns(orm, "id", "asset_id")
    assert Stored(ctx, Loan, loan.id).columns("id", "asset_id") == expected
    assert columns(loan, "id", "asset_id") == expected  # the returned object says the same
    # the digests the commit recorded are those of the rows as the ORM reads them back
    rows = last_rows(ctx)
    asset = Stored(ctx, Asset, loan.asset_id)
    assert asset.values["status"] == "on_loan"
    assert rows[f"loans:{loan.id}"] == Stored(ctx, Loan, loan.id).digest
    assert rows[f"assets:{loan.asset_id}"] == asset.digest
    sig_id = res.signature_id
    assert sig_id is not None
    assert rows[f"signatures:{sig_id}"] == Stored(ctx, Signature, sig_id).digest
    assert f"people:{loan.person_id}" not in rows  # read (and locked), not written
    result = _verify(ctx)
    assert result.ok, result.problem


def test_checked_in_loan_is_the_row_an_orm_return_writes(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        first, second = check_out(uow, ["LT-0001", "TB-0001"], "AB1").loans
    with ctx.uow(tech) as uow:
        back = check_in(uow, "lt-0001", condition="incomplete", note="no charger")
    core_rows = last_rows(ctx)
    with ctx.uow(tech) as uow:  # the same return through the session (as a leaver return does)
        orm_loan = uow.session.get(Loan, second.id)
        assert orm_loan is not None
        close_loan_returned(uow, orm_loan, "incomplete", "no charger")
        uow.audit("checkin", orm_loan)
        uow.commit()
    orm_rows = last_rows(ctx)
    core_stored, orm_stored = Stored(ctx, Loan, first.id), Stored(ctx, Loan, second.id)
    skip = ("id", "asset_id")
    assert core_stored.columns(*skip) == orm_stored.columns(*skip)
    assert columns(back.loan, *skip) == core_stored.columns(*skip)
    assert core_stored.values["outcome"] == "returned"
    assert core_stored.values["note_in"] == "no charger"
    assert core_rows[f"loans:{first.id}"] == core_stored.digest
    assert orm_rows[f"loans:{second.id}"] == orm_stored.digest
    asset = Stored(ctx, Asset, first.asset_id)
    assert asset.values["status"] == "available"
    assert core_rows[f"assets:{first.asset_id}"] == asset.digest
    result = _verify(ctx)
    assert result.ok, result.problem


def test_results_outlive_the_unit_of_work(ctx: AppContext, tech: Actor) -> None:
    """What the desk and the CLI read from a result after the unit of work has closed."""
    with ctx.uow(tech) as uow:
        out = check_out(uow, "LT-0001", "card-001")
    loan = out.loans[0]
    assert (loan.asset.tag, loan.person.name, out.person.staff_code) == \
        ("LT-0001", "Siân Ó Briain", "AB1")
    assert loan.asset.status == "on_loan" and inspect(loan).detached
    with ctx.uow(tech) as uow:
        back = check_in(uow, "LT-0001", condition="damaged", note="cracked")
    assert back.loan.person.name == "Siân Ó Briain" and back.loan.asset.status == "in_repair"
    assert back.incident is not None and back.incident.loan_id == loan.id


def test_update_writes_only_rows_read_in_its_own_unit_of_work(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        asset = locked_asset(uow, "LT-0001")
    with ctx.uow(tech) as uow, pytest.raises(RuntimeError, match="not read in this unit of work"):
        uow.update(asset, status="lost")
    with ctx.uow(tech) as uow:
        asset = locked_asset(uow, "LT-0001")
        uow.update(asset, status="available")  # no change: no statement, nothing to audit
        uow.commit()
    assert Stored(ctx, Asset, asset.id).values["status"] == "available"


def _add_person(uow: UnitOfWork, code: str) -> None:
    uow.session.add(Person(staff_code=code, staff_key=code.lower(), first_name="A",
                           last_name=code, search_name=f"a {code.lower()}"))


def _people(ctx: AppContext) -> set[str]:
    with ctx.uow(Actor("t"), readonly=True) as uow:
        return set(uow.session.execute(select(Person.staff_code)).scalars())


@pytest.mark.parametrize("cursor_first", [True, False])
def test_cursor_and_session_writes_are_one_transaction(ctx: AppContext, tech: Actor,
                                                       cursor_first: bool) -> None:
    """Whichever starts the transaction, the other joins it: all is kept, or nothing."""
    def work(uow: UnitOfWork) -> None:
        if not cursor_first:
            _add_person(uow, "NEW1")
            uow.session.flush()
        uow.update(locked_asset(uow, "LT-0001"), status="in_repair")
        if cursor_first:
            _add_person(uow, "NEW1")
        uow.audit("test", "assets", None)

    with ctx.uow(tech) as uow:
        work(uow)  # and no commit
    assert "NEW1" not in _people(ctx)
    with ctx.uow(tech) as uow:
        assert locked_asset(uow, "LT-0001").status == "available"
    with ctx.uow(tech) as uow:
        work(uow)
        uow.commit()
    assert "NEW1" in _people(ctx)
    with ctx.uow(tech) as uow:
        assert locked_asset(uow, "LT-0001").status == "in_repair"
    result = _verify(ctx)
    assert result.ok, result.problem


def test_writes_after_a_commit_are_kept_by_the_next_commit(ctx: AppContext, tech: Actor) -> None:
    with ctx.uow(tech) as uow:
        _add_person(uow, "NEW1")
        uow.audit("test", "people", None)
        uow.commit()
        uow.update(locked_asset(uow, "LT-0001"), status="in_repair")  # cursor only, after it
        uow.audit("test", "assets", None)
        uow.commit()
    with ctx.uow(tech) as uow:
        assert locked_asset(uow, "LT-0001").status == "in_repair"
    result = _verify(ctx)
    assert result.ok, result.problem


def test_every_database_audits_its_sessions(tmp_path: Any) -> None:
    """Databases opened and closed in any order all record their sessions' ORM rows.

    (A listener registered only when ``event.contains`` said it was missing was
    skipped now and then: it goes by id(), which a collected factory's class can
    share. Rounds of opening and closing in random order showed it within 100 opens.)
    """
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    open_database(url).dispose()
    n = 0
    for seed in range(6):
        rng = random.Random(seed)
        alive = []
        for _ in range(30):
            n += 1
            db = open_database(url, upgrade=False)
            with db.uow(Actor("t", "admin")) as uow:
                uow.session.add(Person(staff_code=f"P{n}", staff_key=f"p{n}", first_name="A",
                                       last_name=str(n), search_name=f"a {n}"))
                uow.audit("person_added", "people", None)
                uow.commit()
            assert f"people:{n}" in last_rows_of(db), f"database {n}: the new person is not audited"
            alive.append(db)
            if rng.random() < 0.5:
                alive.pop(rng.randrange(len(alive))).dispose()
            if rng.random() < 0.3:
                gc.collect()
        for db in alive:
            db.dispose()
        del alive, db
        gc.collect()


def _verify(ctx: AppContext) -> audit.VerifyResult:
    with ctx.uow(Actor("t"), readonly=True) as uow:
        return audit.verify(uow.session)
