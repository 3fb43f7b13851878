"""The timetable: periods in school time across the clock changes, week A/B, terms and the
weekly repeats that skip holidays; the settings that describe it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.config import Settings, TimetableSettings, load_settings
from app.errors import InvalidInput
from app.settings_rules import setting_problems
from app.timetable import booking_times, timetable, timetable_problem

UTC = dt.UTC


def _tt(**kw: object) -> object:
    return timetable(TimetableSettings(**kw))  # type: ignore[arg-type]


TERMS = [["2026-09-03", "2026-10-23"], ["2026-11-02", "2026-12-18"],
         ["2027-01-05", "2027-03-26"], ["2027-04-12", "2027-07-21"]]


def test_a_weekly_lesson_keeps_its_local_time_across_both_clock_changes_and_skips_holidays() -> None:
    tt = timetable(TimetableSettings(terms=TERMS))
    # Tuesday period 3 (11:10-12:10 school time) from 13 Oct 2026 to 3 Nov: BST ends on
    # Sunday 25 Oct, half term is 26-30 Oct
    times = booking_times(tt, periods=("2026-10-13", "P3"), weekly_until="2026-11-03")
    assert times == [
        (dt.datetime(2026, 10, 13, 10, 10, tzinfo=UTC), dt.datetime(2026, 10, 13, 11, 10, tzinfo=UTC)),
        (dt.datetime(2026, 10, 20, 10, 10, tzinfo=UTC), dt.datetime(2026, 10, 20, 11, 10, tzinfo=UTC)),
        # 27 Oct: half term, skipped; now GMT, so 11:10 local is 11:10 UTC
        (dt.datetime(2026, 11, 3, 11, 10, tzinfo=UTC), dt.datetime(2026, 11, 3, 12, 10, tzinfo=UTC)),
    ]
    # and into BST (Sunday 28 March 2027), over the Easter holidays, to the end of that term
    spring = booking_times(tt, periods=("2027-03-16", "P1-P2"), weekly_until="term")
    assert [(a.isoformat(), b.isoformat()) for a, b in spring] == [
        ("2027-03-16T08:50:00+00:00", "2027-03-16T10:50:00+00:00"),
        ("2027-03-23T08:50:00+00:00", "2027-03-23T10:50:00+00:00"),
    ]
    summer = booking_times(tt, periods=("2027-03-23", "P1"), weekly_until="2027-04-20")
    assert [a.isoformat() for a, _ in summer] == [
        "2027-03-23T08:50:00+00:00",  # GMT
        "2027-04-13T07:50:00+00:00",  # BST; 30 Mar and 6 Apr are holidays
        "2027-04-20T07:50:00+00:00",
    ]


def test_a_range_of_days_runs_midnight_to_midnight_in_school_time() -> None:
    tt = timetable(TimetableSettings())
    [(a, b)] = booking_times(tt, start="2027-03-27", end="2027-03-28")  # the 23-hour day
    assert a == dt.datetime(2027, 3, 27, 0, 0, tzinfo=UTC)
    assert b == dt.datetime(2027, 3, 28, 23, 0, tzinfo=UTC)
    [(a, b)] = booking_times(tt, start="2027-06-01T09:00", end="2027-06-01T15:30")
    assert (a.hour, b.hour, b.minute) == (8, 14, 30)


def test_week_a_b_repeats_a_lesson_every_other_week() -> None:
    tt = timetable(TimetableSettings(week_a_starts="2026-11-02"))
    assert tt.week_letter(dt.date(2026, 11, 3)) == "A"
    assert tt.week_letter(dt.date(2026, 11, 10)) == "B"
    assert tt.week_letter(dt.date(2026, 11, 17)) == "A"
    days = [a.date() for a, _ in booking_times(tt, periods=("2026-11-03", "P2"),
                                                weekly_until="2026-12-01")]
    assert days == [dt.date(2026, 11, 3), dt.date(2026, 11, 17), dt.date(2026, 12, 1)]


@pytest.mark.parametrize(("settings", "message"), [
    (TimetableSettings(periods=[["P1", "09:00", "08:00"]]), "period P1 ends before it starts"),
    (TimetableSettings(periods=[["P1", "9am", "10:00"]]), "'9am' is not a time"),
    (TimetableSettings(periods=[["P1", "09:00", "10:00"], ["p1", "10:00", "11:00"]]),
     "not a usable period name"),
    (TimetableSettings(week_a_starts="2026-11-03"), "week A starts on a Monday"),
    (TimetableSettings(terms=[["2027-01-05", "2026-12-18"]]), "ends before it starts"),
    (TimetableSettings(timezone="Europe/Londres"), "not a known time zone"),
])
def test_bad_timetables_are_named_by_key(settings: TimetableSettings, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        timetable(settings)


def test_timetable_settings_read_toml_dates_and_times(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[timetable]\nperiods = [["P1", 08:45:00, 09:45:00], ["Lunch", "12:30", "13:15"]]\n'
                    "terms = [[2027-01-05, 2027-03-26]]\n[bookings]\nno_show_grace_minutes = 20\n",
                    encoding="utf-8")
    settings = load_settings(path)
    assert settings.timetable.periods[0] == ["P1", "08:45:00", "09:45:00"]
    assert settings.timetable.terms == [["2027-01-05", "2027-03-26"]]
    assert settings.bookings.no_show_grace_minutes == 20
    assert setting_problems(settings) == []
    tt = timetable(settings.timetable)
    assert tt.periods_range(dt.date(2027, 1, 5), "lunch")[0] == dt.datetime(2027, 1, 5, 12, 30,
                                                                           tzinfo=UTC)
    settings.timetable.timezone = "Mars/Olympus"
    assert setting_problems(settings)[0][0] == "timetable.timezone"


def test_repeats_have_limits() -> None:
    tt = timetable(TimetableSettings())
    with pytest.raises(InvalidInput, match="at most 104 times"):
        booking_times(tt, periods=("2027-01-05", "P1"), weekly_until="2030-01-01")
    with pytest.raises(InvalidInput, match="no terms are set"):
        booking_times(tt, periods=("2027-01-05", "P1"), weekly_until="term")
    with pytest.raises(InvalidInput, match="before the booking's first day"):
        booking_times(tt, periods=("2027-01-05", "P1"), weekly_until="2027-01-01")


def test_the_default_timetable_is_good_so_the_start_need_not_check_it() -> None:
    """``setting_problems`` skips the default ``[timetable]`` (the desk's start would load the
    time zone database for it): it must stay a timetable with no problem."""
    assert timetable_problem(TimetableSettings()) is None
    assert setting_problems(Settings()) == []
    changed = Settings()
    changed.timetable.periods = [["P1", "10:00", "09:00"]]
    assert setting_problems(changed)[0][0] == "timetable.periods"  # anything else is checked
