"""The key events the tests feed the scanner filter are the ones a real X server delivers.

``tests/ui/data/x11_keys/*.json`` were recorded under Xvfb (xdotool typing into a Qt
window that logs every key event; ``python -m tests.ui.record_x11_keys``). The
synthesised keystrokes of :mod:`tests.ui.keys` must have the same shapes, and a
fresh recording must still match the stored one.
"""

from __future__ import annotations

import pytest

from tests.ui.record_x11_keys import SCENARIOS, record
from tests.ui.x11_keys import KeyRecord, load, us_keystrokes
from tests.x11 import need_x11


def shape(events: list[KeyRecord]) -> list[tuple[object, ...]]:
    """Everything but the times."""
    return [(e.type, e.key, e.text, e.modifiers, e.scan, e.vk, e.nmods) for e in events]


@pytest.mark.parametrize("name", ["us_lt0001_enter", "us_receipt_qr_enter",
                                  "us_snipeit_url_enter", "us_no_suffix", "us_person_typing"])
def test_synthesised_keystrokes_have_the_recorded_shapes(name: str) -> None:
    rec = load(name)
    end = "Return" if rec.events[-1].key == 0x01000004 else None
    assert shape(us_keystrokes(rec.typed, end)) == shape(rec.events)


def test_a_tab_suffix_has_the_recorded_shape() -> None:
    rec = load("us_prefixed_tab")
    assert shape(us_keystrokes("LK:LT-0001", "Tab")) == shape(rec.events)


def test_a_double_letter_at_1_ms_is_auto_repeat_in_the_recording_and_the_synthesis() -> None:
    rec = load("us_snipeit_url_enter")
    auto = [(e.type, e.text) for e in rec.events if e.auto]
    assert auto == [("release", "t"), ("press", "t")]  # the "tt" of https
    made = us_keystrokes("htt", None, gap_ms=1)
    assert [(e.type, e.text) for e in made if e.auto] == [("release", "t"), ("press", "t")]


def test_every_scenario_has_its_recording() -> None:
    for name, (layout, _cmds, what) in SCENARIOS.items():
        rec = load(name)
        assert (rec.layout, rec.scenario) == (layout, what)
        assert rec.events and rec.typed


@pytest.mark.slow
@pytest.mark.parametrize("name", ["us_receipt_qr_enter", "de_us_scanner_lt0001"])
def test_a_fresh_recording_matches_the_stored_one(name: str) -> None:
    need_x11()
    stored = load(name)
    fresh = record(name)
    assert fresh["typed"] == stored.typed
    events = [KeyRecord(**e) for e in fresh["events"]]  # type: ignore[attr-defined]
    # auto-repeat depends on two events landing in the same ms: compare without it
    assert shape(events) == shape(stored.events)
