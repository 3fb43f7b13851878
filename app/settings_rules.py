"""What each setting may be: the ranges and choices checked when the settings file is loaded
(the CLI stops with one error naming the key; the desk opens on a screen that names it) and
when an admin saves a change. Kept free of SQLAlchemy: the desk loads its settings before
its window shows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from app.config import (
    PRINT_BACKENDS,
    RETURN_SIGNATURE_CHOICES,
    Settings,
    TimetableSettings,
    load_settings,
)
from app.errors import InvalidInput

PAGE_SIZES = ("A4", "Letter")
#: a site code as :mod:`app.services.places` accepts it (ASCII only), or ALL
SITE_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$")
#: a school name heads every receipt: a page's width of text, not a book
MAX_SCHOOL_NAME = 200
MAX_TEXT = 1000


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
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.what} must be {self.low} to {self.high}{unit}, not {value}"


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

#: ranges checked on load and save that the admin screen does not edit as numbers
_MORE_RANGES: dict[str, Range] = {
    "backup.keep": Range(1, 1000, "backups", "backup.keep (how many daily backups to keep)"),
    "backup.max_age_hours": Range(1, 8760, "hours", "backup.max_age_hours"),
    "retention.receipts_years": Range(1, 100, "years",
                                      "retention.receipts_years (how long receipts are kept)"),
    "printing.receipt_copies": Range(0, 10, "copies", "printing.receipt_copies"),
    "printing.label_start": Range(1, 200, "", "printing.label_start (the first free label)"),
    "signature.min_strokes": Range(0, 100, "strokes", "signature.min_strokes"),
    "signature.min_points": Range(0, 100_000, "points", "signature.min_points"),
    "scanner.serial_baud": Range(0, 4_000_000, "baud", "scanner.serial_baud"),
    "pad.baud": Range(0, 4_000_000, "baud", "pad.baud"),
    "pad.bytesize": Range(0, 8, "bits", "pad.bytesize"),
    "bookings.no_show_grace_minutes": Range(0, 10_080, "minutes",
                                            "bookings.no_show_grace_minutes"),
}


def range_problems(settings: Settings) -> list[str]:
    """Every number of the admin screen out of its range, and scanner timings that cannot
    work together."""
    return [message for key, message in _range_problems(settings) if key not in _MORE_RANGES]


def _range_problems(settings: Settings) -> list[tuple[str, str]]:
    problems = []
    for key, rng in (RANGES | _MORE_RANGES).items():
        section, name = key.split(".")
        problem = rng.problem(getattr(getattr(settings, section), name))
        if problem:
            problems.append((key, problem))
    sc = settings.scanner
    if sc.max_avg_gap_ms > sc.max_gap_ms:
        problems.append(("scanner.max_avg_gap_ms",
                         f"The average gap between a scan's keys ({sc.max_avg_gap_ms} ms) cannot "
                         f"be more than the longest gap ({sc.max_gap_ms} ms)"))
    if sc.end_timeout_ms <= sc.max_gap_ms:
        problems.append(("scanner.end_timeout_ms",
                         f"The silence that ends a scan ({sc.end_timeout_ms} ms) must be longer "
                         f"than the longest gap between its keys ({sc.max_gap_ms} ms), or scans "
                         "are cut short"))
    return problems


def setting_problems(settings: Settings) -> list[tuple[str, str]]:
    """Every setting that is out of its range or not one of its choices: (key, message)."""
    problems = _range_problems(settings)
    name = settings.school.name
    if not name.strip():
        problems.append(("school.name", "The school needs a name (it heads every receipt)"))
    elif len(name) > MAX_SCHOOL_NAME:
        problems.append(("school.name", f"The school's name can be at most {MAX_SCHOOL_NAME} "
                                        f"characters, not {len(name)}"))
    for key, text in (("school.logo", settings.school.logo),
                      ("scanner.prefix", settings.scanner.prefix),
                      ("printing.printer", settings.printing.printer),
                      ("pad.port", settings.pad.port), ("scanner.serial_port",
                                                        settings.scanner.serial_port)):
        if len(text) > MAX_TEXT:
            problems.append((key, f"{key} can be at most {MAX_TEXT} characters"))
    ret = settings.retention
    if not 0 <= ret.routine_signatures_years <= ret.receipts_years:
        problems.append(("retention.routine_signatures_years",
                         "retention.routine_signatures_years must be between 0 and "
                         "receipts_years"))
    if settings.printing.page_size not in PAGE_SIZES:
        problems.append(("printing.page_size", "printing.page_size must be A4 or Letter"))
    if settings.printing.backend not in ("", *PRINT_BACKENDS):
        problems.append(("printing.backend",
                         'printing.backend must be "qt", "cups" or empty (the platform\'s '
                         "default)"))
    if settings.signature.on_return not in RETURN_SIGNATURE_CHOICES:
        problems.append(("signature.on_return", "signature.on_return must be one of: "
                         + ", ".join(f'"{c}"' for c in RETURN_SIGNATURE_CHOICES)))
    site = settings.desk.site.strip()
    if site and not SITE_CODE_RE.match(site):
        problems.append(("desk.site", "desk.site must be a school's code (letters, digits, dots, "
                                      f"dashes, slashes or underscores), not {site[:40]!r}"))
    if not 0.0 <= settings.signature.min_width_fraction <= 1.0:
        problems.append(("signature.min_width_fraction",
                         "signature.min_width_fraction must be 0 to 1"))
    if settings.timetable != TimetableSettings():
        # the default timetable is a good one (tested); checking it would load the time
        # zone database on the way to the desk's first window, for nothing
        from app.timetable import timetable_problem

        problem = timetable_problem(settings.timetable)
        if problem is not None:
            problems.append(problem)
    return problems


def with_defaults_for_bad(settings: Settings) -> tuple[Settings, list[tuple[str, str]]]:
    """``settings`` with every bad value replaced by its default, and what was bad (the
    desk runs on these until an admin corrects the file)."""
    import copy

    fixed = copy.deepcopy(settings)
    defaults = Settings()
    found: list[tuple[str, str]] = []
    for _ in range(3):  # a default can clash with another value (scanner timings)
        problems = setting_problems(fixed)
        if not problems:
            break
        found += [p for p in problems if p not in found]
        for key, _message in problems:
            section, name = key.split(".")
            setattr(getattr(fixed, section), name, getattr(getattr(defaults, section), name))
    return fixed, found


class BadSetting(InvalidInput):
    """A setting in the settings file is out of its range or not one of its choices."""

    def __init__(self, message: str, key: str) -> None:
        super().__init__(message)
        self.key = key


def load_checked_settings(path: Path) -> Settings:
    """:func:`app.config.load_settings`, every value range-checked: the first bad one raises
    :class:`BadSetting` naming its key (the CLI's one ``error:`` line)."""
    settings = load_settings(path)
    problems = setting_problems(settings)
    if problems:
        key, message = problems[0]
        raise BadSetting(f"setting {key} in {path}: {message}", key)
    return settings
