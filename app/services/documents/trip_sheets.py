"""A trip's phone sheet: issued as a T-numbered receipt when the phones, leader or signature
change, and archived like every receipt."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.bootstrap import AppContext
from app.services.documents.archive import archive_receipt
from app.services.documents.staging import stage
from app.services.lookup import get_trip
from app.services.receipts import create_receipt, person_block
from app.uow import Actor, UnitOfWork
from db.models import Loan, Receipt


def _trip_sheet_content(uow: UnitOfWork, name: str) -> tuple[Any, dict[str, Any]]:
    trip = get_trip(uow, name)
    loans = uow.session.execute(
        select(Loan).where(Loan.trip_id == trip.id, Loan.outcome.is_(None)).order_by(Loan.id)
    ).scalars()
    items = [{
        "tag": ln.asset.tag, "make": ln.asset.make, "model": ln.asset.model,
        "phone_number": ln.asset.phone_number, "imei": ln.asset.imei,
        "due_on": ln.due_on.isoformat(),
    } for ln in loans]
    return trip, {
        "trip": {"name": trip.name, "destination": trip.destination,
                 "start_date": trip.start_date.isoformat(),
                 "end_date": trip.end_date.isoformat()},
        "leader": person_block(trip.leader),
        "items": items,
    }


def issue_trip_sheet(app_ctx: AppContext, actor: Actor, name: str) -> str:
    """The number of the trip's phone sheet as things stand (a new T-number only when the
    phones, leader or signature changed since the last sheet)."""
    with app_ctx.uow(actor) as uow:
        trip, content = _trip_sheet_content(uow, name)
        last = uow.session.execute(
            select(Receipt).where(Receipt.kind == "trip_sheet", Receipt.trip_id == trip.id)
            .order_by(Receipt.id.desc()).limit(1)
        ).scalar_one_or_none()
        if last is not None and last.signature_id == trip.signature_id and all(
            last.content.get(k) == v for k, v in content.items()
        ):
            return last.number
        receipt = create_receipt(uow, "trip_sheet", content, person=trip.leader,
                                 signature_id=trip.signature_id, trip_id=trip.id)
        uow.audit("receipt_created", receipt, number=receipt.number, kind="trip_sheet",
                  trip=trip.name, sha256=receipt.content_sha256)
        stage(uow, receipt)  # its PDF, archived with it or not at all
        uow.commit()
        return receipt.number


def render_trip_sheet(app_ctx: AppContext, actor: Actor, name: str) -> tuple[str, Path]:
    """Issue (if need be) and archive the trip's phone sheet: (number, archived PDF)."""
    number = issue_trip_sheet(app_ctx, actor, name)
    return number, archive_receipt(app_ctx, actor, number)
