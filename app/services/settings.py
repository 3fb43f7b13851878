"""Changing the desk's settings: admin only, validated, written atomically, audited.

The settings file is outside the database, so the change is made inside a
unit of work that records a ``settings_changed`` event naming the keys that
changed; the file is replaced just before the commit and put back if the
commit fails, so the log and the file agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.config import (
    MAIL_SECURITY,
    Paths,
    Settings,
    load_settings,
    save_settings,
    settings_from_dict,
)
from app.database import Database
from app.errors import InvalidInput
from app.settings_rules import PAGE_SIZES, RANGES, Range, range_problems, setting_problems
from app.uow import Actor

__all__ = ["PAGE_SIZES", "RANGES", "Range", "changed_keys", "range_problems", "update_settings",
           "validate"]

def validate(settings: Settings) -> Settings:
    """A checked copy of ``settings`` (types as in the file; ranges that make sense)."""
    checked = settings_from_dict(settings.to_dict())
    problems = [message for _key, message in setting_problems(checked)]
    problems += _mail_problems(checked)
    if problems:
        raise InvalidInput("; ".join(problems) + ".")
    return checked


def _mail_problems(settings: Settings) -> list[str]:
    problems = []
    mail, notices = settings.mail, settings.notices
    if mail.security not in MAIL_SECURITY:
        problems.append("mail.security must be one of: " + ", ".join(f'"{c}"' for c in MAIL_SECURITY))
    from email.utils import parseaddr

    for key in ("from_address", "reply_to", "desk_address", "hr_address"):
        value = getattr(mail, key).strip()
        address = parseaddr(value)[1]  # "IT Desk <it@school.example>" is fine too
        if value and ("@" not in address or any(c.isspace() for c in address)):
            problems.append(f"mail.{key} must be an e-mail address such as it@school.example, "
                            f"not {value!r}")
    if mail.host.strip() and not mail.from_address.strip():
        problems.append("mail.from_address is needed once mail.host is set (the sender of notices)")
    if any(not 1 <= d <= 365 for d in notices.leaver_days):
        problems.append("notices.leaver_days must be days between 1 and 365, e.g. [14, 3]")
    return problems


def changed_keys(old: Settings, new: Settings) -> list[str]:
    a, b = old.to_dict(), new.to_dict()
    return sorted(f"{section}.{key}" for section, values in b.items()
                  for key, value in values.items() if a.get(section, {}).get(key) != value)


def update_settings(actor: Actor, paths: Paths, settings: Settings, *,
                    db: Database | None = None) -> list[str]:
    """Save ``settings`` for this desk; returns the keys that changed.

    Refused for a plain technician. With ``db`` the change is audited.
    """
    actor.require_admin("change settings")
    new = validate(settings)
    old = load_settings(paths.settings_file)  # unchecked: a bad file is what is being fixed
    keys = changed_keys(old, new)
    if not keys:
        return []
    if db is None:
        save_settings(new, paths.settings_file)
        return keys
    with db.uow(actor) as uow:
        save_settings(new, paths.settings_file)
        details: dict[str, Any] = {"keys": keys, "sha256": file_digest(paths.settings_file),
                                   "values": new.to_dict()}
        uow.audit("settings_changed", "settings", None, **details)
        try:
            uow.commit()
        except BaseException:
            save_settings(old, paths.settings_file)
            raise
    db.settings = new
    return keys


#: the audit events that say what the settings file holds
SETTINGS_EVENTS = ("settings_changed", "settings_changed_outside")


def file_digest(path: Path) -> str | None:
    """SHA-256 of the settings file (None: there is none)."""
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def record_outside_edit(db: Database, paths: Paths, actor: Actor) -> list[str] | None:
    """At the desk's start: if the settings file is not what the audit log last recorded
    (someone edited it outside the app), record a ``settings_changed_outside`` event with
    the keys that differ; returns them (None: the file is as recorded)."""
    import json

    from sqlalchemy import select

    from db.models import AuditEvent

    now = file_digest(paths.settings_file)
    with db.uow(actor) as uow:
        last = uow.session.execute(
            select(AuditEvent.details).where(AuditEvent.action.in_(SETTINGS_EVENTS))
            .order_by(AuditEvent.seq.desc()).limit(1)).scalar_one_or_none()
        before = json.loads(last) if last else {}
        if now == before.get("sha256") or (now is None and last is None):
            return None
        current = load_settings(paths.settings_file).to_dict()
        old = before.get("values") or Settings().to_dict()
        keys = sorted(f"{section}.{key}" for section, values in current.items()
                      for key, value in values.items() if old.get(section, {}).get(key) != value)
        uow.audit("settings_changed_outside", "settings", None, keys=keys, sha256=now,
                  previous_sha256=before.get("sha256"), values=current)
        uow.commit()
    return keys
