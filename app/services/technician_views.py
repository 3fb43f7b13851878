"""The technicians list for the admin screen (read-only)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.uow import UnitOfWork
from db.models import Technician


@dataclass(frozen=True)
class TechnicianRow:
    username: str
    display_name: str
    role: str
    badge: bool
    active: bool


def technician_rows(uow: UnitOfWork) -> list[TechnicianRow]:
    return [TechnicianRow(t.username, t.display_name, t.role, bool(t.badge_code), t.active)
            for t in uow.session.execute(select(Technician).order_by(Technician.username)).scalars()]
