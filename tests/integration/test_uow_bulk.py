"""uow.insert_many: bulk rows are audited exactly like ORM rows."""

from __future__ import annotations

from sqlalchemy import select

from app import audit
from app.bootstrap import AppContext
from app.keys import search_name, staff_key
from app.uow import Actor
from db.models import Person


def test_bulk_insert_is_audited_and_verifies(app_ctx: AppContext) -> None:
    records = [
        {"staff_code": f"S{i}", "staff_key": staff_key(f"S{i}"), "first_name": "Zoë",
         "last_name": f"Ødegård {i}", "search_name": search_name("Zoë", f"Ødegård {i}")}
        for i in range(250)
    ]
    with app_ctx.uow(Actor("t", "admin")) as uow:
        ids = uow.insert_many(Person, records)
        uow.audit("bulk_people", "people", None, count=len(ids))
        uow.commit()
    assert len(ids) == 250 and len(set(ids)) == 250
    with app_ctx.uow(Actor("t"), readonly=True) as uow:
        people = uow.session.execute(select(Person).order_by(Person.id)).scalars().all()
        assert [p.id for p in people] == ids
        assert people[7].status == "active" and people[7].last_name == "Ødegård 7"
        result = audit.verify(uow.session)
        assert result.ok, result.problem
    with app_ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE people SET last_name = 'x' WHERE id = {ids[100]}")
    with app_ctx.uow(Actor("t"), readonly=True) as uow:
        assert not audit.verify(uow.session).ok
