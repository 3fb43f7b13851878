"""A settings file changed outside the app is recorded as an audited event at the desk's next
start; changes through the desk are audited with what the file then holds (issue 18)."""

from __future__ import annotations

import json

from sqlalchemy import select

from app.bootstrap import AppContext
from app.config import Settings
from app.services.settings import record_outside_edit, update_settings
from app.uow import Actor
from db.models import AuditEvent

ADMIN = Actor("admin-tech", "admin")
START = Actor("desk-start", "admin", os_user="kiosk")


def _events(ctx: AppContext) -> list[tuple[str, str, dict[str, object]]]:
    with ctx.uow(ADMIN, readonly=True) as uow:
        rows = uow.session.execute(select(AuditEvent.actor, AuditEvent.action, AuditEvent.details)
                                   .where(AuditEvent.action.like("settings%"))
                                   .order_by(AuditEvent.seq)).all()
    return [(a, b, json.loads(c)) for a, b, c in rows]


def test_an_edit_outside_the_desk_is_recorded_once_at_the_next_start(app_ctx: AppContext) -> None:
    paths = app_ctx.paths
    assert record_outside_edit(app_ctx.db, paths, START) is None  # no file, nothing recorded
    new = Settings()
    new.loans.days_laptop = 21
    assert update_settings(ADMIN, paths, new, db=app_ctx.db) == ["loans.days_laptop"]
    assert record_outside_edit(app_ctx.db, paths, START) is None  # as the desk saved it
    text = paths.settings_file.read_text(encoding="utf-8")
    paths.settings_file.write_text(text.replace("days_phone = 7", "days_phone = 2"),
                                   encoding="utf-8")
    assert record_outside_edit(app_ctx.db, paths, START) == ["loans.days_phone"]
    assert record_outside_edit(app_ctx.db, paths, START) is None  # recorded once
    (saved, outside) = _events(app_ctx)
    assert saved[:2] == ("admin-tech", "settings_changed")
    assert outside[:2] == ("desk-start", "settings_changed_outside")
    assert outside[2]["keys"] == ["loans.days_phone"] and outside[2]["os_user"] == "kiosk"
    assert outside[2]["previous_sha256"] == saved[2]["sha256"] != outside[2]["sha256"]
