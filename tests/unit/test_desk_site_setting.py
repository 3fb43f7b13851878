"""``[desk] site``: a school's code, checked when the settings file is loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.actor import Actor
from app.settings_rules import BadSetting, load_checked_settings


def test_a_desk_is_set_to_its_school(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[desk]\nsite = "NHS"\n', encoding="utf-8")
    assert load_checked_settings(path).desk.site == "NHS"
    path.write_text("[school]\nname = \"X\"\n", encoding="utf-8")
    assert load_checked_settings(path).desk.site == ""  # nothing set: the technician's school


@pytest.mark.parametrize("bad", ["N HS", "NНS", "-NHS", "x" * 40])
def test_a_bad_school_code_names_the_key(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(f'[desk]\nsite = "{bad}"\n', encoding="utf-8")
    with pytest.raises(BadSetting, match="desk.site must be a school's code") as exc:
        load_checked_settings(path)
    assert exc.value.key == "desk.site"


def test_who_may_write_where() -> None:
    nhs_tech = Actor("t", "technician", site_id=1)
    assert nhs_tech.may_write_at(1) and nhs_tech.may_write_at(None)
    assert not nhs_tech.may_write_at(2)
    assert Actor("a", "admin", site_id=1).may_write_at(2) is False
    assert Actor("boss", "trust_admin", site_id=1).may_write_at(2)
    assert Actor("system", "admin").may_write_at(2)  # tied to no school: a one-school install
