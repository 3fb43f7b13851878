"""Reading a US-programmed scanner's text back on a German or French PC."""

from __future__ import annotations

import pytest

from app.keyboard_layouts import LAYOUTS, US_PLAIN, US_SHIFT, layout_mismatches, us_reading
from tests.ui.record_x11_keys import recorded
from tests.x11 import need_x11


def test_german_layout_readings() -> None:
    assert us_reading("LTß0001", "de") == "LT-0001"
    assert us_reading("LKRÖRß2026ß0042Ö0123456789abcdef", "de") == \
        "LKR:R-2026-0042:0123456789abcdef"
    assert us_reading("httpsÖ--assets.example.org-ht-LTß0001", "de") == \
        "https://assets.example.org/ht/LT-0001"
    assert us_reading("ZX-1", "de") == "YX/1"  # y and z swap places; - is the US / key
    assert us_reading("a@b", "de") is None  # @ needs AltGr on a German keyboard


def test_french_layout_readings() -> None:
    assert us_reading("LT)ààà&", "fr") == "LT-0001"
    assert us_reading("&é\"'(", "fr") == "12345"
    assert us_reading("LKRMR)é", "fr") == "LKR:R-2"


def test_mismatches_put_telltale_characters_first() -> None:
    found = layout_mismatches("LTß0001")
    assert [(m.layout, m.meant, m.telltale) for m in found] == [("de", "LT-0001", True)]
    found = layout_mismatches("LT)ààà&")
    assert [(m.layout, m.meant) for m in found] == [("fr", "LT-0001")]
    assert found[0].layout_name == "French (AZERTY)"
    # plain ASCII that reads differently on a German layout: a candidate, but no telltale
    assert [(m.layout, m.telltale) for m in layout_mismatches("XY12")] == [("de", False),
                                                                        ("fr", False)]
    assert us_reading("1234", "de") == "1234"  # the same keys on a German keyboard...
    assert [(m.layout, m.meant) for m in layout_mismatches("1234")] == [("fr", "!@#$")]  # ...not French
    assert layout_mismatches("") == []


def test_the_advice_says_what_to_change() -> None:
    (m,) = layout_mismatches("LTß0001")
    text = m.advice("laptop LT-0001")
    assert "“LTß0001”" in text and "“LT-0001”" in text and "laptop LT-0001" in text
    assert "German" in text and "English (US)" in text and "scan again" in text


def test_every_table_row_lines_up_with_the_us_keys() -> None:
    for plain, shift in ((p, s) for _n, p, s in LAYOUTS.values()):
        assert len(plain) == len(US_PLAIN) and len(shift) == len(US_SHIFT)


# -- the tables against a real X server ------------------------------------------------------

#: X keycodes (evdev) of the US keys in US_PLAIN order
KEYCODES = [49, *range(10, 22), *range(24, 36), *range(38, 49), 51, *range(52, 62)]


def typed_by_x(layout: str) -> tuple[str, str]:
    """What the X server types for each key of KEYCODES, plain and with Shift ("\\0": dead)."""
    seq: list[str] = []
    for kc in KEYCODES:
        seq += [str(kc), "space", f"shift+{kc}", "space"]
    events = recorded(layout, [["key", "--delay", "2", *seq]])["events"]
    presses = [e for e in events if e["type"] == "press" and e["key"] != 0x01000020]
    typed: dict[tuple[int, bool], str] = {}
    i = 0
    for kc in KEYCODES:
        for shifted in (False, True):
            e = presses[i]
            if e["scan"] != kc or bool(e["modifiers"] & 0x02000000) != shifted:
                # a dead key: Qt's compose step took it (and maybe the space after it)
                typed[kc, shifted] = "\0"
                i += 1 if e["scan"] == 65 else 0
            else:
                typed[kc, shifted] = e["text"]
                i += 2
    return ("".join(typed[kc, False] for kc in KEYCODES),
            "".join(typed[kc, True] for kc in KEYCODES))


@pytest.mark.slow
@pytest.mark.parametrize("layout", ["us", *LAYOUTS])
def test_the_tables_are_what_the_x_server_types(layout: str) -> None:
    need_x11()
    plain, shift = typed_by_x(layout)
    want = (US_PLAIN, US_SHIFT) if layout == "us" else LAYOUTS[layout][1:]
    # a dead key eats the next key when it is itself: only the living keys are compared
    live = [i for i, c in enumerate(want[0]) if c != "\0" and plain[i] != "\0"]
    assert [plain[i] for i in live] == [want[0][i] for i in live]
    assert [i for i, c in enumerate(plain) if c == "\0"] == \
        [i for i, c in enumerate(want[0]) if c == "\0"]
    live = [i for i, c in enumerate(want[1]) if c != "\0" and shift[i] != "\0"]
    assert [shift[i] for i in live] == [want[1][i] for i in live]
