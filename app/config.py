"""Settings and paths.

Settings live in ``settings.toml`` inside the data directory (one folder to
back up). The data directory is the platformdirs user data dir, or
``LOAN_KIOSK_DATA_DIR``. Every key has a default, so a missing or partial file
just works; a malformed file is reported with its path and the bad key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.errors import InvalidInput
from app.settings_section import Section

APP_NAME = "loan-kiosk"
SETTINGS_FILE = "settings.toml"
DB_FILE = "loan-kiosk.sqlite3"
#: a settings file is a few hundred bytes; anything this big is not one
MAX_SETTINGS_BYTES = 256_000


def default_data_dir() -> Path:
    env = os.environ.get("LOAN_KIOSK_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs  # only here: a desk started with --data-dir never needs it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / DB_FILE}"


def demo_data_dir(base: Path | None = None) -> Path:
    """The demo lives beside the real data, never in it."""
    return (base or default_data_dir()) / "demo"


def choose_database(db_url: str | None, data_dir: Path | None, *,
                    demo: bool = False) -> tuple[str | None, Path | None]:
    """The database and data directory for ``--db`` / ``--data-dir`` / ``--demo``.

    ``--demo`` means the demo school's own SQLite file beside the real data, for the desk
    and every command: never the real database, not even one named by ``LOAN_KIOSK_DB``.
    """
    if not demo:
        return db_url, data_dir
    if db_url:
        raise InvalidInput("--demo uses the demo school's own database: leave out --db")
    demo_dir = demo_data_dir(data_dir)
    return default_db_url(demo_dir), demo_dir


@dataclass(repr=False, eq=False)
class SchoolSettings(Section):
    name: str = "Example Academy"
    logo: str = ""  # path to a PNG/JPEG; empty for none


@dataclass(repr=False, eq=False)
class LoanSettings(Section):
    #: default loan period in days per asset kind
    days_laptop: int = 30
    days_phone: int = 7
    days_tablet: int = 30
    days_other: int = 14

    def days_for(self, kind: str) -> int:
        return int(getattr(self, f"days_{kind}", self.days_other))


@dataclass(repr=False, eq=False)
class ScannerSettings(Section):
    #: text in front of asset tags on our own labels (e.g. "LK:"), stripped on scan
    prefix: str = ""
    min_length: int = 4
    max_avg_gap_ms: int = 35
    max_gap_ms: int = 80
    end_timeout_ms: int = 100
    serial_port: str = ""
    serial_baud: int = 9600


@dataclass(repr=False, eq=False)
class PadSettings(Section):
    protocol: str = ""  # "", "topaz" or "isdv4" ("" with a model set: "topaz")
    #: a Topaz model (docs/hardware.md): fills baud, parity, bytesize, stopbits and window
    model: str = ""
    port: str = ""
    baud: int = 0  # 0: the model's, else the protocol's default
    parity: str = ""  # "": the model's; "none", "odd" or "even"
    bytesize: int = 0  # 0: the model's; 7 or 8 (7: the 7-bit packet format)
    stopbits: float = 0.0  # 0: the model's; 1, 1.5 or 2
    window: list[int] = field(default_factory=list)  # []: the model's inked area
    dtr: bool = True
    rts: bool = True


#: ``signature.on_return``: when a check-in asks the borrower to sign (and makes a return receipt)
RETURN_SIGNATURE_CHOICES = ("never", "personal-data loans", "always")


@dataclass(repr=False, eq=False)
class SignatureSettings(Section):
    min_strokes: int = 2
    min_points: int = 30
    min_width_fraction: float = 0.15
    #: "never", "personal-data loans" or "always"
    on_return: str = "never"

    def needed_on_return(self, personal_data: bool) -> bool:
        """A check-in of a loan like this one needs the borrower's signature."""
        choice = self.on_return.strip().lower().replace("_", "-")
        return choice == "always" or (personal_data and choice.startswith("personal-data"))


#: ``[printing] backend``: how documents reach the printer (empty: the platform's default,
#: chosen by the composition root, ``app.hardware.default_print_backend``)
PRINT_BACKENDS = ("qt", "cups")


@dataclass(repr=False, eq=False)
class PrintSettings(Section):
    printer: str = ""  # empty: the system default printer
    #: "qt" (Qt's print support: Windows, macOS, Linux) or "cups" (lp/lpstat: Linux, macOS);
    #: empty: the platform's default (qt on Windows and macOS, cups on Linux)
    backend: str = ""
    page_size: str = "A4"  # or "Letter"
    #: documents (never labels) print on both sides where the printer offers it
    duplex: bool = False
    receipt_copies: int = 2
    label_template: str = "avery-l7163"
    #: first free label on a partly used sheet (1 = top left)
    label_start: int = 1
    #: put the scanner prefix in front of the tag in label QR codes
    label_use_prefix: bool = False


@dataclass(repr=False, eq=False)
class KioskSettings(Section):
    #: lock the desk after ``idle_lock_seconds`` without a key, click or touch (``--kiosk``
    #: always does; this is for the normal desk)
    idle_lock: bool = True
    idle_lock_seconds: int = 300
    sound: bool = True
    #: a check-out left this long untouched is not continued silently by the next scan
    checkout_pause_seconds: int = 120


@dataclass(repr=False, eq=False)
class ReversalSettings(Section):
    #: how long after a check-out, check-in or leaver return an admin may still reverse it
    window_hours: int = 24


@dataclass(repr=False, eq=False)
class BackupSettings(Section):
    keep: int = 14
    max_age_hours: int = 36


@dataclass(repr=False, eq=False)
class RetentionSettings(Section):
    receipts_years: int = 6
    routine_signatures_years: int = 1


#: ``[mail] security``: how the connection to the SMTP server is protected
MAIL_SECURITY = ("starttls", "tls", "none")
#: the port each ``security`` uses when ``[mail] port`` is 0
MAIL_DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}


@dataclass(repr=False, eq=False)
class MailSettings(Section):
    """How notices leave the desk (SMTP). Empty ``host``: mail is off, nothing is queued.

    The password is never here: ``loan-kiosk notices password`` keeps it in the operating
    system's credential store (see :mod:`app.notices.password`).
    """

    host: str = ""
    port: int = 0  # 0: the usual port for ``security`` (587, 465 or 25)
    security: str = "starttls"  # "starttls", "tls" (implicit TLS) or "none"
    username: str = ""  # empty: no authentication
    from_address: str = ""
    reply_to: str = ""
    #: the IT desk: the morning digest goes here
    desk_address: str = ""
    #: HR: copied on leaver notices and receipt copies (empty: nobody)
    hr_address: str = ""
    #: a PEM file of the CA that signed the server's certificate (a school's own CA)
    ca_file: str = ""
    timeout_seconds: int = 30

    def effective_port(self) -> int:
        return self.port or MAIL_DEFAULT_PORTS.get(self.security.strip().lower(), 587)


@dataclass(repr=False, eq=False)
class NoticeSettings(Section):
    #: the reminder goes this many days before a loan is due (0: no due-soon reminder)
    due_soon_days: int = 1
    #: overdue reminders: the day after the due date, then every this many days
    overdue_repeat_days: int = 7
    #: leaver notices this many days before the leaving date
    leaver_days: list[int] = field(default_factory=lambda: [14, 3])
    #: e-mail the signed receipt to the leaver (and HR) after a leaver return
    receipt_copy: bool = True
    #: e-mail the loan acknowledgement to the borrower after a signed check-out
    loan_ack_copy: bool = False
    #: the technician the scheduled ``notices run`` acts as (Task Scheduler, cron): the
    #: identity issue's scheduled-job technician. Empty: the CLI's usual technician.
    scheduled_technician: str = ""
    #: the desk does the daily run itself once a day while it is open
    desk_daily_run: bool = True
    #: how and where to return equipment (leaver notices and overdue reminders)
    return_instructions: str = ("Please bring every item, with its charger and case, to the "
                                "IT office and ask for a signed receipt.")
    #: folder of the school's own templates (relative: in the data folder)
    templates_dir: str = "templates"


@dataclass(repr=False, eq=False)
class DeskSettings(Section):
    #: the code of the school (site) this desk is at: lists, reports, the dashboard and
    #: labels show that school's by default, and new people and assets belong to it.
    #: Empty: the signed-in technician's school (a one-school install needs nothing here).
    #: ``--site`` and ``LOAN_KIOSK_SITE`` beat it; ``ALL`` shows every school.
    site: str = ""


@dataclass(repr=False, eq=False)
class TimetableSettings(Section):
    """The school day (for bookings by period) and the school year (for weekly bookings)."""

    #: the day's periods: [name, start "HH:MM", end "HH:MM"], in the school's time zone
    periods: list[list[str]] = field(default_factory=lambda: [
        ["P1", "08:50", "09:50"], ["P2", "09:50", "10:50"], ["P3", "11:10", "12:10"],
        ["P4", "12:10", "13:10"], ["P5", "14:00", "15:00"]])
    #: a two-week timetable: the Monday a week A begins ("" : every week is the same); a
    #: weekly booking then repeats every other week, on the same timetable week
    week_a_starts: str = ""
    #: the terms: [[first day, last day], ...]; weekly bookings skip the days between them
    #: (empty: no holidays are known)
    terms: list[list[str]] = field(default_factory=list)
    #: the school's time zone (periods and days are read in it; times are stored in UTC)
    timezone: str = "Europe/London"


@dataclass(repr=False, eq=False)
class BookingSettings(Section):
    #: a booking nobody has collected this long after its start is released (a no-show)
    no_show_grace_minutes: int = 60


@dataclass(repr=False, eq=False)
class Settings(Section):
    school: SchoolSettings = field(default_factory=SchoolSettings)
    loans: LoanSettings = field(default_factory=LoanSettings)
    scanner: ScannerSettings = field(default_factory=ScannerSettings)
    pad: PadSettings = field(default_factory=PadSettings)
    signature: SignatureSettings = field(default_factory=SignatureSettings)
    printing: PrintSettings = field(default_factory=PrintSettings)
    kiosk: KioskSettings = field(default_factory=KioskSettings)
    backup: BackupSettings = field(default_factory=BackupSettings)
    retention: RetentionSettings = field(default_factory=RetentionSettings)
    reversal: ReversalSettings = field(default_factory=ReversalSettings)
    mail: MailSettings = field(default_factory=MailSettings)
    notices: NoticeSettings = field(default_factory=NoticeSettings)
    desk: DeskSettings = field(default_factory=DeskSettings)
    timetable: TimetableSettings = field(default_factory=TimetableSettings)
    bookings: BookingSettings = field(default_factory=BookingSettings)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _coerce(value: Any, typ: Any, where: str) -> Any:
    origin = typing.get_origin(typ)
    if typ is bool:
        if isinstance(value, bool):
            return value
    elif typ is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif typ is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    elif typ is str:
        if isinstance(value, str):
            return value
        if isinstance(value, dt.date | dt.time) and not isinstance(value, dt.datetime):
            return value.isoformat()  # TOML's own dates and times: [timetable] terms, periods
    elif origin is list:
        (item,) = typing.get_args(typ)
        if isinstance(value, list):
            return [_coerce(v, item, where) for v in value]
    elif origin in (typing.Union, types.UnionType):
        for t in typing.get_args(typ):
            try:
                return _coerce(value, t, where)
            except InvalidInput:
                continue
    raise InvalidInput(f"setting {where}: expected {getattr(typ, '__name__', typ)}, got {value!r}")


def settings_from_dict(data: dict[str, Any]) -> Settings:
    """Build settings from a (possibly partial) dict; unknown keys are an error."""
    settings = Settings()
    hints = typing.get_type_hints(Settings)
    if not isinstance(data, dict):
        raise InvalidInput("settings must be a table of sections")
    for section, values in data.items():
        if section not in hints:
            raise InvalidInput(f"unknown settings section [{section}]")
        if not isinstance(values, dict):
            raise InvalidInput(f"settings section [{section}] must be a table")
        target = getattr(settings, section)
        section_hints = typing.get_type_hints(type(target))
        for key, value in values.items():
            if key not in section_hints:
                raise InvalidInput(f"unknown setting {section}.{key}")
            setattr(target, key, _coerce(value, section_hints[key], f"{section}.{key}"))
    return settings


def load_settings(path: Path) -> Settings:
    """Read ``path`` (TOML); a missing file gives the defaults. Only the types are checked
    here: :func:`app.settings_rules.load_checked_settings` checks the ranges too."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_SETTINGS_BYTES + 1)
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise InvalidInput(f"cannot read settings file {path}: {exc.strerror}") from exc
    if len(raw) > MAX_SETTINGS_BYTES:
        raise InvalidInput(f"settings file {path} is too big (more than "
                           f"{MAX_SETTINGS_BYTES // 1000} KB): is it the right file?")
    import tomllib  # only with a file to read (its regular expressions take ~4 ms to build)

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        raise InvalidInput(f"settings file {path} is not valid TOML: {exc}") from exc
    return settings_from_dict(data)


def save_settings(settings: Settings, path: Path) -> None:
    """Write settings atomically (temp file + rename), readable only by this user."""
    import tomli_w

    from app.atomic_files import make_dirs

    make_dirs(path.parent)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        tomli_w.dump(settings.to_dict(), fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


@dataclass(frozen=True)
class Paths:
    data_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.data_dir / SETTINGS_FILE

    @property
    def documents_dir(self) -> Path:
        return self.data_dir / "documents"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    def ensure(self) -> None:
        """Make the data and documents folders, readable only by the desk user (0700, or on
        Windows an ACL that what is made inside inherits: see :mod:`app.private_files`)."""
        from app.private_files import private_dir

        for d in (self.data_dir, self.documents_dir):
            private_dir(d)
