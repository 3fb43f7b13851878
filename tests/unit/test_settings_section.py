"""The settings' sections share one ``__eq__`` and ``__repr__`` (app.settings_section): they
behave as the ones ``dataclass`` would write for each."""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field

import pytest

from app.config import KioskSettings, NoticeSettings, Settings, TimetableSettings
from app.settings_section import Section


@dataclass(repr=False, eq=False)
class Shared(Section):
    name: str = "Example Academy"
    days: list[int] = field(default_factory=lambda: [14, 3])
    hidden: str = field(default="x", repr=False, compare=False)


@dataclass
class Written:  # the same fields, with dataclass's own methods
    name: str = "Example Academy"
    days: list[int] = field(default_factory=lambda: [14, 3])
    hidden: str = field(default="x", repr=False, compare=False)


def test_repr_and_equality_are_dataclasss() -> None:
    assert repr(Shared("Hillside", [1])) == repr(Written("Hillside", [1])).replace("Written", "Shared")
    assert Shared() == Shared(hidden="other")  # a field left out of comparisons
    assert Shared() != Shared(days=[14])
    assert Shared().__eq__(Written()) is NotImplemented and Shared() != Written()
    with pytest.raises(TypeError, match="unhashable"):
        hash(Shared())


def test_the_settings_compare_copy_and_show_by_value() -> None:
    a, b = Settings(), Settings()
    assert a == b and a.timetable == TimetableSettings()
    b.notices.leaver_days.append(1)
    assert a != b and a.notices == NoticeSettings()
    assert copy.deepcopy(b) == b
    assert repr(KioskSettings()).startswith("KioskSettings(") and "sound=True" in repr(KioskSettings())
    assert [f.name for f in dataclasses.fields(Settings)][:2] == ["school", "loans"]
    assert Settings().to_dict()["kiosk"]["sound"] is True
