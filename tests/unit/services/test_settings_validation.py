"""Saving settings refuses numbers out of range and scanner timings that cannot work, saying why."""

from __future__ import annotations

import pytest

from app.config import Settings
from app.errors import InvalidInput
from app.services.settings import RANGES, range_problems, validate


def test_defaults_are_in_range() -> None:
    assert range_problems(Settings()) == []
    validate(Settings())


def test_every_range_names_the_setting_in_plain_words() -> None:
    s = Settings()
    s.kiosk.idle_lock_seconds = 5
    s.loans.days_other = 0
    s.scanner.min_length = 65
    assert range_problems(s) == [
        "The loan period for other equipment must be 1 to 365 days, not 0",
        "The idle time before the desk locks must be 30 to 3600 seconds, not 5",
        "The shortest scan must be 1 to 64 characters, not 65",
    ]
    with pytest.raises(InvalidInput, match=r"^The loan period for other equipment .*not 65\.$"):
        validate(s)


@pytest.mark.parametrize(("avg", "gap", "end", "problem"), [
    (35, 80, 100, None),
    (60, 90, 150, None),  # a scanner set to a 40-50 ms delay
    (90, 80, 100, "cannot be more than the longest gap"),
    (35, 100, 100, "must be longer than the longest gap"),
])
def test_scanner_timings_must_work_together(avg: int, gap: int, end: int, problem: str | None) -> None:
    s = Settings()
    s.scanner.max_avg_gap_ms, s.scanner.max_gap_ms, s.scanner.end_timeout_ms = avg, gap, end
    found = range_problems(s)
    if problem is None:
        assert found == []
    else:
        assert len(found) == 1 and problem in found[0]


def test_an_empty_school_name_is_refused_not_replaced() -> None:
    s = Settings()
    s.school.name = "  "
    with pytest.raises(InvalidInput, match="The school needs a name"):
        validate(s)


def test_ranges_cover_only_real_settings() -> None:
    data = Settings().to_dict()
    for key in RANGES:
        section, name = key.split(".")
        assert isinstance(data[section][name], int)


def test_mail_settings_are_checked() -> None:
    s = Settings()
    s.mail.host, s.mail.security, s.mail.desk_address = "smtp.example", "ssl", "not an address"
    s.notices.leaver_days = [14, 0]
    with pytest.raises(InvalidInput) as err:
        validate(s)
    text = err.value.message
    assert 'mail.security must be one of: "starttls", "tls", "none"' in text
    assert "mail.desk_address must be an e-mail address" in text
    assert "mail.from_address is needed once mail.host is set" in text
    assert "notices.leaver_days must be days between 1 and 365" in text
    s.mail.security, s.mail.desk_address, s.mail.from_address = "tls", "it@school.example", "it@x.org"
    s.notices.leaver_days = [14, 3]
    assert validate(s).mail.effective_port() == 465
