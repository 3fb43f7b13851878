"""Changing the desk's settings: admin only, validated, written atomically, audited.

The settings file is outside the database, so the change is made inside a
unit of work that records a ``settings_changed`` event naming the keys that
changed; the file is replaced just before the commit and put back if the
commit fails, so the log and the file agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.config import (
    MAIL_SECURITY,
    PRINT_BACKENDS,
    RETURN_SIGNATURE_CHOICES,
    Paths,
    Settings,
    load_settings,
    save_settings,
    settings_from_dict,
)
from app.database import Database
from app.errors import InvalidInput
from app.uow import Actor

PAGE_SIZES = ("A4", "Letter")


@dataclass(frozen=True)
class Range:
    """The values a number setting may take, and how to name it to a person."""

    low: int
    high: int
    unit: str
    what: str

    def problem(self, value: int) -> str | None:
        if self.low <= value <= self.high:
            return None
        return f"{self.what} must be {self.low} to {self.high} {self.unit}, not {value}"


#: "section.key" -> its range: what saving accepts, and what the admin screen checks as it is typed
RANGES: dict[str, Range] = {
    **{f"loans.days_{k}": Range(1, 365, "days", f"The loan period for {what}")
       for k, what in (("laptop", "a laptop"), ("phone", "a phone"), ("tablet", "a tablet"),
                       ("other", "other equipment"))},
    "kiosk.idle_lock_seconds": Range(30, 3600, "seconds", "The idle time before the desk locks"),
    "scanner.min_length": Range(1, 64, "characters", "The shortest scan"),
    "scanner.max_avg_gap_ms": Range(1, 500, "ms", "The average gap between a scan's keys"),
    "scanner.max_gap_ms": Range(1, 1000, "ms", "The longest gap between a scan's keys"),
    "scanner.end_timeout_ms": Range(10, 2000, "ms", "The silence that ends a scan"),
    "kiosk.checkout_pause_seconds": Range(10, 3600, "seconds",
                                          "The pause after which a check-out left alone asks "
                                          "before going on"),
    "reversal.window_hours": Range(0, 720, "hours",
                                   "The time an admin has to reverse a mistaken action"),
    "mail.port": Range(0, 65535, "(0: the usual port)", "The mail server's port"),
    "mail.timeout_seconds": Range(1, 600, "seconds", "The wait for the mail server"),
    "notices.due_soon_days": Range(0, 60, "days", "The due-soon reminder's notice"),
    "notices.overdue_repeat_days": Range(1, 365, "days",
                                         "The time between overdue reminders"),
}


def range_problems(settings: Settings) -> list[str]:
    """Every number out of its range, and scanner timings that cannot work together."""
    data = settings.to_dict()
    problems = []
    for key, rng in RANGES.items():
        section, name = key.split(".")
        problem = rng.problem(data[section][name])
        if problem:
            problems.append(problem)
    sc = settings.scanner
    if sc.max_avg_gap_ms > sc.max_gap_ms:
        problems.append(f"The average gap between a scan's keys ({sc.max_avg_gap_ms} ms) cannot be "
                        f"more than the longest gap ({sc.max_gap_ms} ms)")
    if sc.end_timeout_ms <= sc.max_gap_ms:
        problems.append(f"The silence that ends a scan ({sc.end_timeout_ms} ms) must be longer than "
                        f"the longest gap between its keys ({sc.max_gap_ms} ms), or scans are cut "
                        "short")
    return problems


def validate(settings: Settings) -> Settings:
    """A checked copy of ``settings`` (types as in the file; ranges that make sense)."""
    checked = settings_from_dict(settings.to_dict())
    problems = range_problems(checked)
    if not checked.school.name.strip():
        problems.append("The school needs a name (it heads every receipt)")
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
    if checked.signature.on_return not in RETURN_SIGNATURE_CHOICES:
        problems.append("signature.on_return must be one of: "
                        + ", ".join(f'"{c}"' for c in RETURN_SIGNATURE_CHOICES))
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
