"""The daily run's lease: which desk does today's notices run, for how long, and the day
it was last done (``notice_leases``), so that with several desks it happens once a day."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.actor import Actor
from db.models import NoticeLease

if TYPE_CHECKING:
    from app.bootstrap import AppContext

LEASE_NAME = "daily"
#: how long a desk may hold the daily run before another may take it over
LEASE = dt.timedelta(minutes=15)


def take_lease(app_ctx: AppContext, actor: Actor, holder: str, today: dt.date) -> str | None:
    """Take today's run for ``holder``; None when taken, else why not (done, or another
    desk holds it)."""
    from app.retry import run_with_retry

    def work() -> str | None:
        with app_ctx.uow(actor) as uow:
            lease = uow.session.execute(select(NoticeLease).where(NoticeLease.name == LEASE_NAME)
                                        .with_for_update()).scalar_one_or_none()
            if lease is None:
                lease = NoticeLease(name=LEASE_NAME)
                uow.session.add(lease)
            elif lease.done_on is not None and lease.done_on >= today:
                return f"today's notices run was done already ({lease.holder or 'another desk'})"
            elif (lease.holder and lease.holder != holder and lease.until is not None
                  and lease.until > uow.now):
                return f"{lease.holder} is doing today's notices run"
            lease.holder, lease.until = holder, uow.now + LEASE
            uow.commit()
            return None

    try:
        return run_with_retry(work)
    except IntegrityError:  # two desks made the row at once: the other one has it
        return "another desk is doing today's notices run"


def finish_lease(app_ctx: AppContext, actor: Actor, holder: str, today: dt.date) -> None:
    with app_ctx.uow(actor) as uow:
        lease = uow.session.execute(select(NoticeLease).where(NoticeLease.name == LEASE_NAME)
                                    .with_for_update()).scalar_one()
        if lease.holder == holder:
            lease.done_on, lease.until = today, None
            uow.commit()
