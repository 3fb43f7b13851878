"""Issue 13's acceptance: ``pad test`` and ``pad capture`` over a pty decode streams that mix every
packet kind into exactly the pen points sent (Topaz 8- and 7-bit; ISDV4 with eraser and samples
beyond the maximum); a stream of one's own bytes replays through ``pad test`` over a pty or from a
file; ``pad test --detect`` finds a Topaz pad's framing on a line that scrambles wrong ones.
"""

from __future__ import annotations

import io
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import serial

from app.devices.pad_simulator import PtyPort
from ink.signature import SignatureData
from tests.integration.pad_sim import Result, Simulator, simulate
from tests.unit.devices import test_isdv4 as v4
from tests.unit.devices import test_topaz as vt

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs pseudo-terminals")

TOPAZ_FORMATS = [pytest.param((), "19200 8N1", id="8-bit"),
                 pytest.param(("--model", "signaturegem-lcd-1x5"), "19200 7O1", id="7-bit")]
TOPAZ_MIX = ("--mix", "pressure,info,reply,noise")
ISDV4_MIX = ("--mix", "eraser,beyond,touch")
SAME = ("samples", "points", "strokes", "bounds")


def ink_of(sig: SignatureData) -> list[list[list[float]]]:
    return [[[x, y, p] for _t, x, y, p in stroke] for stroke in sig.strokes]


@pytest.mark.parametrize(("model", "line"), TOPAZ_FORMATS)
def test_pad_test_decodes_a_topaz_stream_of_every_packet_kind(
        model: tuple[str, ...], line: str, simulators: list[Simulator],
        run: Callable[..., Result]) -> None:
    sim = simulate(simulators, "--protocol", "topaz", *model, *TOPAZ_MIX, "--count", "1",
                   "--seed", "6", "--rate", "200", "--short")
    proc = run("pad", "test", "--port", sim.port, "--protocol", "topaz", *model, "--seconds", "4",
               "--json")
    assert proc.returncode == 0, proc.stderr
    seen, sent = json.loads(proc.stdout), sim.event("signature")["stats"]
    assert sent["signatures"] == 1 and sent["points"] > 100
    assert sent["pressure"] == sent["points"] and sent["info"] == 1
    assert sent["replies"] >= 2 and sent["noise"] >= 4
    for key in (*SAME, "pressure", "info", "replies", "noise"):
        assert seen[key] == sent[key], key
    assert (seen["rejected"], seen["resyncs"], seen["line"]) == (0, 0, line)
    assert seen["device_info"] == {"model": 11, "serial": 68133}
    sim.stop()


@pytest.mark.parametrize(("model", "line"), TOPAZ_FORMATS)
def test_pad_capture_of_a_mixed_topaz_stream_keeps_exactly_the_pen_points_sent(
        model: tuple[str, ...], line: str, tmp_path: Path, simulators: list[Simulator],
        run: Callable[..., Result]) -> None:
    ink, out = tmp_path / "ink.json", tmp_path / "sig.json"
    sim = simulate(simulators, "--protocol", "topaz", *model, *TOPAZ_MIX, "--count", "1",
                   "--seed", "8", "--rate", "200", "--short", "--ink-json", str(ink))
    proc = run("pad", "capture", "--port", sim.port, "--protocol", "topaz", *model,
               "--out", str(out), "--idle", "0.5")
    assert proc.returncode == 0, proc.stderr
    assert sim.stop() == 0
    sent = json.loads(ink.read_text())
    sig = SignatureData.from_json(out.read_bytes())
    assert ink_of(sig) == sent  # every x, y and pressure, stroke by stroke
    assert len({p for s in sent for _x, _y, p in s}) > 10  # real pressures, not one value


def test_pad_test_and_capture_of_an_isdv4_stream_with_eraser_and_beyond_the_maximum(
        tmp_path: Path, simulators: list[Simulator], run: Callable[..., Result]) -> None:
    sim = simulate(simulators, "--protocol", "isdv4", *ISDV4_MIX, "--count", "1", "--seed", "6",
                   "--rate", "200", "--short")
    proc = run("pad", "test", "--port", sim.port, "--protocol", "isdv4", "--seconds", "4",
               "--json")
    assert proc.returncode == 0, proc.stderr
    seen, sent = json.loads(proc.stdout), sim.event("signature")["stats"]
    assert sent["eraser"] > 5 and sent["beyond"] > 5 and sent["touch"] > 5
    for key in (*SAME, "eraser", "touch"):
        assert seen[key] == sent[key], key
    assert seen["clamped"] == sent["beyond"] and seen["rejected"] == 0
    assert seen["bounds"][2] == 24576  # clamped to x_max, not dropped
    assert seen["touch_panel"] == "one-finger touch (sensor 1, 4095×4095)"
    sim.stop()

    ink, out = tmp_path / "ink.json", tmp_path / "sig.json"
    sim = simulate(simulators, "--protocol", "isdv4", *ISDV4_MIX, "--count", "1", "--seed", "9",
                   "--rate", "200", "--short", "--ink-json", str(ink))
    proc = run("pad", "capture", "--port", sim.port, "--protocol", "isdv4", "--out", str(out),
               "--idle", "0.5")
    assert proc.returncode == 0, proc.stderr
    assert sim.stop() == 0
    sig = SignatureData.from_json(out.read_bytes())
    assert ink_of(sig) == json.loads(ink.read_text())
    assert max(x for s in sig.strokes for _t, x, _y, _p in s) == 24576


def test_a_recording_replays_through_pad_test_exactly_as_it_was_heard_live(
        tmp_path: Path, simulators: list[Simulator], run: Callable[..., Result]) -> None:
    rec, ink, out = tmp_path / "pad.bin", tmp_path / "ink.json", tmp_path / "sig.json"
    model = ("--model", "signaturegem-lcd-1x5")
    sim = simulate(simulators, "--protocol", "topaz", *model, *TOPAZ_MIX, "--count", "1",
                   "--seed", "4", "--rate", "200", "--short", "--record", str(rec),
                   "--ink-json", str(ink))
    live = json.loads(run("pad", "test", "--port", sim.port, *model, "--seconds", "4",
                          "--json").stdout)
    assert sim.stop() == 0
    replayed = json.loads(run("pad", "test", "--replay", str(rec), *model, "--json").stdout)
    assert replayed.pop("port") == str(rec) and live.pop("port") == sim.port
    assert replayed == live
    proc = run("pad", "capture", "--replay", str(rec), *model, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert ink_of(SignatureData.from_json(out.read_bytes())) == json.loads(ink.read_text())


# -- a stream of one's own bytes -------------------------------------------------------------------

OWN_TOPAZ = (vt.INFO_43 + vt.PEN_T0 + vt.NOISE + vt.PRESSURE_682 + vt.PEN_T1 + vt.REPLY
             + vt.RESERVED + vt.NOISE + vt.PEN_T4_HOVER + vt.BAD_HIGH_BITS + vt.PEN_T0)
OWN_TOPAZ_SEEN = {"samples": 4, "points": 3, "strokes": 2, "pressure": 1, "info": 1, "replies": 1,
                  "noise": 2, "rejected": 1, "resyncs": 0, "bounds": [1024, 639, 1301, 691],
                  "device_info": {"model": 43, "serial": 71737}}


def write_once_opened(port: PtyPort, data: bytes) -> threading.Thread:
    """What a reviewer does by hand: write bytes to the pty's other end once pad test listens."""
    def go() -> None:
        deadline = time.monotonic() + 10
        while not port.client_present() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)
        port.write(data, threading.Event())

    thread = threading.Thread(target=go, daemon=True)
    thread.start()
    return thread


def test_ones_own_topaz_bytes_written_to_a_pty_decode_as_the_drivers_say(
        line: PtyPort, run: Callable[..., Result]) -> None:
    writer = write_once_opened(line, OWN_TOPAZ)
    proc = run("pad", "test", "--port", line.path, "--protocol", "topaz", "--seconds", "1.5",
               "--json")
    writer.join()
    seen = json.loads(proc.stdout)
    assert {k: seen[k] for k in OWN_TOPAZ_SEEN} == OWN_TOPAZ_SEEN
    assert seen["bytes"] == len(OWN_TOPAZ)


def test_ones_own_bytes_replay_from_a_file_or_stdin(
        tmp_path: Path, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "own.bin"
    own.write_bytes(OWN_TOPAZ)
    seen = json.loads(run("pad", "test", "--replay", str(own), "--protocol", "topaz",
                          "--json").stdout)
    assert {k: seen[k] for k in OWN_TOPAZ_SEEN} == OWN_TOPAZ_SEEN
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(OWN_TOPAZ)))
    piped = json.loads(run("pad", "test", "--replay", "-", "--protocol", "topaz", "--json").stdout)
    assert piped.pop("port") == "-" and seen.pop("port") == str(own)
    assert piped == seen
    # 7-bit: the same packet kinds in the SignatureGem LCD 1x5's format
    own.write_bytes(vt.PEN7 + vt.PEN7_FAR + vt.NOISE7 + vt.PRESSURE7_789 + vt.PEN7 + vt.PEN7_DEXT)
    seen = json.loads(run("pad", "test", "--replay", str(own), "--model", "signaturegem-lcd-1x5",
                          "--json").stdout)
    assert (seen["samples"], seen["points"], seen["noise"], seen["pressure"]) == (4, 3, 1, 1)
    assert seen["bounds"] == [1000, 900, 3194, 3125]
    # ISDV4: the query reply in the stream gives the size; eraser, beyond the maximum, and a
    # 5-byte touch packet, b0 0x91 = sync | touch | tsw (wacom_w8001.c @ 3746e56 lines 36-37, 47)
    own.write_bytes(v4.QUERY_REPLY + v4.F2_DOWN + v4.F2_DOWN + v4.AWAY + v4.PEN_DOWN + v4.BEYOND
                    + bytes([0x91, 1, 2, 3, 4]) + v4.PEN_DOWN)
    seen = json.loads(run("pad", "test", "--replay", str(own), "--protocol", "isdv4",
                          "--json").stdout)
    assert {k: seen[k] for k in ("samples", "points", "eraser", "clamped", "touch", "control")} == {
        "samples": 6, "points": 3, "eraser": 2, "clamped": 1, "touch": 1, "control": 1}
    assert seen["bounds"] == [8448, 4224, 24576, 18432] and seen["window"] == [0, 0, 24576, 18432]


# -- --detect on a line that scrambles the wrong framings ------------------------------------------


@pytest.fixture
def padline() -> Iterator[None]:
    """``padline://MODEL`` ports (tests/serial_fakes): a Topaz pad heard through a UART model."""
    serial.protocol_handler_packages.append("tests.serial_fakes")
    yield
    serial.protocol_handler_packages.remove("tests.serial_fakes")


@pytest.mark.parametrize(("model", "best", "also_valid"), [
    ("siglite-1x5", "19200 8O1", {"19200 8N1"}),  # with parity off, the tty checks nothing
    ("signaturegem-lcd-1x5", "19200 7O1", set()),
    ("generic", "19200 8N1", set()),  # waxbee's 8N1: odd parity drops its bytes
    ("clipgem", "9600 8O1", {"9600 8N1"}),
])
def test_detect_names_the_framing_that_gives_pen_packets(
        model: str, best: str, also_valid: set[str], padline: None,
        run: Callable[..., Result]) -> None:
    proc = run("pad", "test", "--detect", "--port", f"padline://{model}?seed=2",
               "--protocol", "topaz", "--seconds", "0.3", "--json")
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout)
    assert found["best"]["line"] == best
    assert {f["line"] for f in found["framings"] if f["valid"]} == {best} | also_valid
    assert len(found["framings"]) == 9 and found["best"]["samples"] >= 10


def test_detect_in_words_says_what_to_put_in_the_settings(
        padline: None, run: Callable[..., Result]) -> None:
    proc = run("pad", "test", "--detect", "--port", "padline://signaturegem-lcd-1x5?seed=3",
               "--model", "siglite-1x5", "--seconds", "0.3")
    out = proc.stdout
    assert proc.returncode == 0
    assert "The pad talks 19200 7O1." in out
    assert 'model = "signaturegem-lcd-1x5"' in out
    assert 'baud = 19200, bytesize = 7, parity = "odd", stopbits = 1' in out


def test_detect_with_nobody_signing_says_so(line: PtyPort, run: Callable[..., Result]) -> None:
    proc = run("pad", "test", "--detect", "--port", line.path, "--protocol", "topaz",
               "--seconds", "0.1")
    assert proc.returncode == 1
    assert "No framing gave valid pen packets. Was the pen moving over the pad?" in proc.stdout
