"""Changing the desk's settings: admin only, validated, written atomically, audited.

The settings file is outside the database, so the change is made inside a
unit of work that records a ``settings_changed`` event naming the keys that
changed; the file is replaced just before the commit and put back if the
commit fails, so the log and the file agree.
"""

from __future__ import annotations

from typing import Any

from app.config import PRINT_BACKENDS, Paths, Settings, load_settings, save_settings, settings_from_dict
from app.errors import InvalidInput
from app.uow import Actor, Database

PAGE_SIZES = ("A4", "Letter")


def validate(settings: Settings) -> Settings:
    """A checked copy of ``settings`` (types as in the file; ranges that make sense)."""
    checked = settings_from_dict(settings.to_dict())
    problems = []
    if checked.backup.keep < 1:
        problems.append("backup.keep must be at least 1")
    if checked.backup.max_age_hours < 1:
        problems.append("backup.max_age_hours must be at least 1")
    if checked.retention.receipts_years < 1:
        problems.append("retention.receipts_years must be at least 1")
    if not 0 <= checked.retention.routine_signatures_years <= checked.retention.receipts_years:
        problems.append("retention.routine_signatures_years must be between 0 and receipts_years")
    if checked.printing.page_size not in PAGE_SIZES:
        problems.append("printing.page_size must be A4 or Letter")
    if checked.printing.backend not in ("", *PRINT_BACKENDS):
        problems.append('printing.backend must be "qt", "cups" or empty (the platform\'s default)')
    if checked.printing.receipt_copies < 0:
        problems.append("printing.receipt_copies cannot be negative")
    if problems:
        raise InvalidInput("; ".join(problems))
    return checked


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
    old = load_settings(paths.settings_file)
    keys = changed_keys(old, new)
    if not keys:
        return []
    if db is None:
        save_settings(new, paths.settings_file)
        return keys
    with db.uow(actor) as uow:
        details: dict[str, Any] = {"keys": keys}
        uow.audit("settings_changed", "settings", None, **details)
        save_settings(new, paths.settings_file)
        try:
            uow.commit()
        except BaseException:
            save_settings(old, paths.settings_file)
            raise
    db.settings = new
    return keys
