"""The school's timetable: periods, week A/B and terms, read from ``[timetable]``.

Bookings are stored in UTC; people book in the school's own time (Europe/London by
default). A period or a time of day is turned into UTC *for its own date*, so a weekly
booking of period 3 stays at 11:10 local time across the change between GMT and BST.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.config import TimetableSettings
from app.errors import InvalidInput

#: the longest run of weekly occurrences one booking makes (two school years of weeks)
MAX_OCCURRENCES = 104


@dataclass(frozen=True)
class Period:
    name: str
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class Timetable:
    periods: tuple[Period, ...]
    week_a: dt.date | None
    terms: tuple[tuple[dt.date, dt.date], ...]
    zone: ZoneInfo

    # -- time of day ------------------------------------------------------
    def at(self, day: dt.date, time: dt.time) -> dt.datetime:
        """``time`` on ``day`` in the school's zone, as a UTC datetime."""
        return dt.datetime.combine(day, time, tzinfo=self.zone).astimezone(dt.UTC)

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(self.zone)

    def day_bounds(self, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
        """The school day ``day`` from midnight to midnight, in UTC (23 or 25 hours at a
        clock change)."""
        return self.at(day, dt.time()), self.at(day + dt.timedelta(days=1), dt.time())

    def period(self, name: str) -> Period:
        key = name.strip().casefold()
        for p in self.periods:
            if p.name.casefold() == key:
                return p
        names = ", ".join(p.name for p in self.periods) or "none are set"
        raise InvalidInput(f"there is no period {name.strip()!r} in the timetable ({names})")

    def periods_range(self, day: dt.date, spec: str) -> tuple[dt.datetime, dt.datetime]:
        """``P3`` or ``P1-P3`` on ``day``: from the first period's start to the last's end."""
        first, _, last = spec.partition("-")
        p1 = self.period(first)
        p2 = self.period(last) if last.strip() else p1
        if p2.end <= p1.start:
            raise InvalidInput(f"period {p2.name} ends before {p1.name} starts")
        return self.at(day, p1.start), self.at(day, p2.end)

    # -- the school year --------------------------------------------------
    def in_term(self, day: dt.date) -> bool:
        return not self.terms or any(a <= day <= b for a, b in self.terms)

    def term_end(self, day: dt.date) -> dt.date:
        for a, b in self.terms:
            if a <= day <= b:
                return b
        if not self.terms:
            raise InvalidInput("no terms are set ([timetable] terms), so a booking cannot "
                               "repeat until the end of term; give a date")
        raise InvalidInput(f"{day.isoformat()} is not in a term ([timetable] terms)")

    def week_letter(self, day: dt.date) -> str | None:
        if self.week_a is None:
            return None
        return "AB"[((day - self.week_a).days // 7) % 2]

    @property
    def repeat_days(self) -> int:
        """How far apart a weekly booking's occurrences are: a two-week timetable repeats
        a lesson every other week."""
        return 14 if self.week_a is not None else 7

    def repeats(self, first: dt.date, until: dt.date) -> list[dt.date]:
        """The dates a weekly booking starting on ``first`` falls on up to ``until``
        (inclusive), skipping the holidays between terms. ``first`` itself is always in."""
        if until < first:
            raise InvalidInput(f"--weekly-until {until.isoformat()} is before the booking's "
                               f"first day {first.isoformat()}")
        days = [first]
        day = first + dt.timedelta(days=self.repeat_days)
        while day <= until:
            if self.in_term(day):
                days.append(day)
                if len(days) > MAX_OCCURRENCES:
                    raise InvalidInput(f"a weekly booking can repeat at most "
                                       f"{MAX_OCCURRENCES} times; choose an earlier end")
            day += dt.timedelta(days=self.repeat_days)
        return days


def _time(text: str, where: str) -> dt.time:
    try:
        return dt.time.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"setting timetable.{where}: {text!r} is not a time (HH:MM)") from None


def _date(text: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"setting timetable.{where}: {text!r} is not a date "
                           "(YYYY-MM-DD)") from None


def timetable(settings: TimetableSettings) -> Timetable:
    """The timetable the settings describe; :class:`InvalidInput` naming the bad key."""
    return _timetable(tuple(tuple(p) for p in settings.periods), settings.week_a_starts,
                      tuple(tuple(t) for t in settings.terms), settings.timezone)


@functools.lru_cache(maxsize=8)
def _timetable(periods_: tuple[tuple[str, ...], ...], week_a_starts: str,
               terms_: tuple[tuple[str, ...], ...], timezone: str) -> Timetable:
    settings = TimetableSettings([list(p) for p in periods_], week_a_starts,
                                 [list(t) for t in terms_], timezone)
    periods = []
    seen: set[str] = set()
    for entry in settings.periods:
        if len(entry) != 3:
            raise InvalidInput("setting timetable.periods: each period is [name, start, end], "
                               f"not {entry!r}")
        name, start, end = entry[0].strip(), _time(entry[1], "periods"), _time(entry[2], "periods")
        if not name or "-" in name or len(name) > 20 or name.casefold() in seen:
            raise InvalidInput(f"setting timetable.periods: {entry[0]!r} is not a usable period "
                               "name (1-20 characters, no '-', each name once)")
        if end <= start:
            raise InvalidInput(f"setting timetable.periods: period {name} ends before it starts")
        seen.add(name.casefold())
        periods.append(Period(name, start, end))
    week_a = _date(settings.week_a_starts, "week_a_starts") if settings.week_a_starts.strip() \
        else None
    if week_a is not None and week_a.weekday() != 0:
        raise InvalidInput("setting timetable.week_a_starts: week A starts on a Monday, "
                           f"{week_a.isoformat()} is a {week_a.strftime('%A')}")
    terms = []
    for entry in settings.terms:
        if len(entry) != 2:
            raise InvalidInput("setting timetable.terms: each term is [first day, last day], "
                               f"not {entry!r}")
        a, b = _date(entry[0], "terms"), _date(entry[1], "terms")
        if b < a:
            raise InvalidInput(f"setting timetable.terms: the term {a} to {b} ends before it "
                               "starts")
        terms.append((a, b))
    try:
        zone = ZoneInfo(settings.timezone.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"setting timetable.timezone: {settings.timezone!r} is not a "
                           "known time zone (e.g. Europe/London)") from None
    return Timetable(tuple(periods), week_a, tuple(sorted(terms)), zone)


def school_zone(settings: TimetableSettings) -> ZoneInfo | None:
    """The school's time zone (``[timetable] timezone``), for times shown and printed; None
    (the computer's own) while that setting is not a zone — the settings say what is wrong."""
    try:
        return ZoneInfo(settings.timezone.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None


def timetable_problem(settings: TimetableSettings) -> tuple[str, str] | None:
    """(key, message) of what is wrong with ``[timetable]``, or None."""
    try:
        timetable(settings)
    except InvalidInput as exc:
        text = str(exc)
        key = text.split(":")[0].removeprefix("setting ").strip()
        return (key if key.startswith("timetable.") else "timetable.periods", text)
    return None


def parse_moment(text: str, what: str) -> tuple[dt.date, dt.time | None]:
    """``DATE`` or ``DATETHH:MM`` (school time) as typed for ``--from`` / ``--to``."""
    day_text, sep, time_text = text.strip().partition("T")
    try:
        day = dt.date.fromisoformat(day_text.strip())
        time = dt.time.fromisoformat(time_text.strip()) if sep else None
    except ValueError:
        raise InvalidInput(f"{what} {text.strip()!r} is not a date (YYYY-MM-DD) or a date and "
                           "time (YYYY-MM-DDTHH:MM)") from None
    return day, time


def booking_times(tt: Timetable, *, start: str | None = None, end: str | None = None,
                  periods: tuple[str, str] | None = None,
                  weekly_until: str | None = None) -> list[tuple[dt.datetime, dt.datetime]]:
    """The UTC ranges a booking covers: ``--from``/``--to`` (a date alone: from the start of
    the first day to the end of the last) or ``--periods DATE P1[-P3]``, repeated weekly
    until a date or ``term`` (the end of the term it starts in), skipping holidays."""
    if periods is not None:
        if start or end:
            raise InvalidInput("give either --periods or --from and --to, not both")
        day = parse_moment(periods[0], "--periods")[0]
        first = tt.periods_range(day, periods[1])
        pick = lambda d: tt.periods_range(d, periods[1])  # noqa: E731
    else:
        if not start or not end:
            raise InvalidInput("give --from and --to (or --periods DATE P1[-P3])")
        d1, t1 = parse_moment(start, "--from")
        d2, t2 = parse_moment(end, "--to")
        gap = (d2 - d1).days
        if t2 is None:
            gap += 1
        t1_ = t1 or dt.time()
        t2_ = t2 or dt.time()

        def pick(d: dt.date) -> tuple[dt.datetime, dt.datetime]:
            return tt.at(d, t1_), tt.at(d + dt.timedelta(days=gap), t2_)

        day = d1
        first = pick(d1)
    if not weekly_until:
        return [first]
    if weekly_until.strip().lower() == "term":
        until = tt.term_end(day)
    else:
        until = parse_moment(weekly_until, "--weekly-until")[0]
    return [pick(d) for d in tt.repeats(day, until)]


def form_times(tt: Timetable, first: dt.date, last: dt.date, when: str,
               weekly_until: dt.date | None = None) -> list[tuple[dt.datetime, dt.datetime]]:
    """The desk's booking form: ``when`` is periods (``P3``, ``P1-P3``) on ``first``, times
    (``09:00-15:30``: from ``first`` to ``last``), or empty (whole days ``first`` to
    ``last``)."""
    when = when.strip()
    until = weekly_until.isoformat() if weekly_until else None
    if not when:
        return booking_times(tt, start=first.isoformat(), end=last.isoformat(),
                             weekly_until=until)
    t1, sep, t2 = when.partition("-")
    if sep and t1.strip()[:1].isdigit():
        return booking_times(tt, start=f"{first.isoformat()}T{t1.strip()}",
                             end=f"{last.isoformat()}T{t2.strip()}", weekly_until=until)
    return booking_times(tt, periods=(first.isoformat(), when), weekly_until=until)
