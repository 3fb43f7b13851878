"""``[pad] model`` presets and the settings that override them."""

from __future__ import annotations

import pytest

from app.config import PadSettings, settings_from_dict
from app.devices.line import LineSettings, parse_parity
from app.devices.pad import PadError
from app.devices.pad_config import SerialPadConfig, configured_protocol
from app.devices.topaz_models import GENERIC, MODELS, detect_framings, find_model
from app.errors import InvalidInput


def test_the_issues_two_windows_come_from_the_presets() -> None:
    # topaz-dext lib/topaz.js lines 19-20: SigLite1X5 500-2650 x 700-2100, SigLiteLCD1X5 400-2400 x 350-1050
    assert find_model("siglite-1x5").window == (500, 700, 2650, 2100)
    assert find_model("siglite-lcd-1x5").window == (400, 350, 2400, 1050)
    # topaz.js 17 (fmt 1) and 263 (dataBits 7 for fmt 1, parity odd): the SignatureGem LCD 1x5
    lcd = find_model("signaturegem-lcd-1x5")
    assert lcd.seven_bit and lcd.line == LineSettings(19200, 7, "O", 1.0)
    assert {m.line.baud for m in MODELS} == {9600, 19200, 38400, 115200}
    assert all(m.line.parity == "O" for m in MODELS)


@pytest.mark.parametrize("spelling", ["siglite-1x5", "SigLite 1x5", "SigLite1X5", " SIGLITE_1X5 "])
def test_a_model_may_be_written_any_way(spelling: str) -> None:
    assert find_model(spelling).key == "siglite-1x5"


def test_unknown_model_names_the_known_ones() -> None:
    with pytest.raises(InvalidInput, match="unknown pad model 'sigmax'.*siglite-1x5"):
        find_model("sigmax")
    assert find_model("") is GENERIC


def test_a_model_fills_the_line_and_window_and_each_setting_overrides_its_part() -> None:
    pad = settings_from_dict({"pad": {"model": "SigLite LCD 4x5", "port": "COM3"}}).pad
    c = SerialPadConfig.from_settings(pad)
    assert (c.protocol, c.line.label(), c.inked_window, c.kind()) == (
        "topaz", "38400 8O1", (500, 500, 2600, 2100), "Topaz SigLite LCD 4x5")
    assert configured_protocol(pad) == "topaz"
    pad = settings_from_dict({"pad": {"model": "siglite-lcd-4x5", "port": "COM3", "baud": 19200,
                                      "parity": "none", "stopbits": 2,
                                      "window": [0, 0, 4000, 3000]}}).pad
    c = SerialPadConfig.from_settings(pad)
    assert (c.line.label(), c.inked_window) == ("19200 8N2", (0.0, 0.0, 4000.0, 3000.0))
    c = SerialPadConfig.from_settings(pad, model="signaturegem-lcd-1x5", baud=0, parity="",
                                      stopbits=0)  # the command line's --model wins
    assert (c.line.label(), c.seven_bit) == ("19200 7O1", True)
    assert SerialPadConfig("p", "topaz", bytesize=7).seven_bit  # the 7-bit format without a model


def test_no_model_is_waxbees_line_and_the_old_window() -> None:
    c = SerialPadConfig("/dev/ttyUSB0", "topaz")
    assert (c.line.label(), c.inked_window, c.kind()) == ("19200 8N1", (500, 400, 2650, 2100),
                                                         "Topaz 5-byte")
    assert SerialPadConfig("p", "isdv4").lines() == [LineSettings(38400), LineSettings(19200)]


def test_bad_line_settings_are_refused_in_plain_words() -> None:
    with pytest.raises(PadError, match="parity 'mark' is not one of none, odd, even"):
        SerialPadConfig("p", "topaz", parity="mark")
    with pytest.raises(PadError, match="data bits 6 must be 7 or 8"):
        SerialPadConfig("p", "topaz", bytesize=6)
    with pytest.raises(PadError, match="unknown pad model"):
        SerialPadConfig("p", "topaz", model="nope")
    with pytest.raises(PadError, match="window"):
        SerialPadConfig.from_settings(PadSettings(protocol="topaz", port="p", window=[1, 2, 3]))
    assert parse_parity("Odd") == "O"


def test_detect_tries_every_presets_framing_first_then_8n1() -> None:
    framings = [f.label() for f in detect_framings()]
    assert framings == ["19200 8O1", "19200 7O1", "38400 8O1", "9600 8O1", "115200 8O1",
                        "19200 8N1", "38400 8N1", "9600 8N1", "115200 8N1"]
