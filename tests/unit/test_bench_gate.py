"""The benchmark gate (issue 15): re-measuring a row past its CI limit, and ``--slow-down``,
which must make the gate fail for real."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from bench import slowdown, start_probe
from bench.__main__ import ROWS, main
from bench.gate import Measurement, measure
from bench.report import Result
from bench.timing import Timing


def test_a_row_past_its_limit_is_measured_again_and_keeps_every_attempt() -> None:
    floor = Timing(1.0, 1.0, 3)
    seen = iter([9.0, 8.0, 2.0])  # two attempts past the limit (4.5), then within it
    calls = []

    def run() -> list[Result]:
        calls.append(1)
        return [Result("x", 3.0, key="x", ours=Timing(next(seen), 1.0, 3), floor=floor),
                Result("y", 3.0, key="y", ours=Timing(1.0, 1.0, 3), floor=floor)]

    x, y = measure(Measurement(("x", "y"), run), log=False)
    assert len(calls) == 3
    assert x.ratio == 2.0 and not x.ci_failed()
    assert [a["ratio"] for a in x.to_json()["attempts"]] == [9.0, 8.0, 2.0]
    assert [a["ci_pass"] for a in x.to_json()["attempts"]] == [False, False, True]
    assert y.to_json()["ci_pass"] and len(y.to_json()["attempts"]) == 3


def test_a_row_past_its_limit_on_every_attempt_fails() -> None:
    floor = Timing(1.0, 1.0, 3)

    def run() -> list[Result]:
        return [Result("x", 3.0, key="x", ours=Timing(5.0, 5.0, 3), floor=floor)]

    (x,) = measure(Measurement(("x",), run), log=False)
    assert x.ci_failed() and len(x.to_json()["attempts"]) == 3


def test_a_measurement_that_raises_is_an_error_row() -> None:
    def run() -> list[Result]:
        raise RuntimeError("probe died")

    (x,) = measure(Measurement(("x",), run), log=False, retries=0)
    assert x.error and x.ci_failed() and "probe died" in x.note


def test_slowed_work_takes_factor_times_its_own_duration() -> None:
    inner: list[int] = []

    def work() -> str:
        started = time.perf_counter_ns()
        slowdown.spin_ns(2_000_000)
        inner.append(time.perf_counter_ns() - started)
        return "done"

    assert slowdown.slowed(work, None) is work
    slow = slowdown.slowed(work, 3.0)
    started = time.perf_counter_ns()
    assert slow() == "done"
    assert time.perf_counter_ns() - started >= 3 * inner[-1]


def test_slow_down_specs_are_checked() -> None:
    assert slowdown.parse(["scan=3", "labels=2,checkout=1.5"]) == \
        {"scan": 3.0, "labels": 2.0, "checkout": 1.5}
    for bad in ("scan", "scan=", "scan=fast", "scan=0.5", "=3"):
        with pytest.raises(ValueError, match="ROW=FACTOR"):
            slowdown.parse([bad])


def test_slow_down_names_a_row(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--slow-down", "scna=3"])
    assert exc.value.code == 2
    assert "no row called scna" in capsys.readouterr().err
    assert "scan" in ROWS and "cold-start" in ROWS and "scan-to-screen" in ROWS


def test_a_probe_stretches_its_own_marker(monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    spawn = time.perf_counter_ns() - 20_000_000  # "spawned" 20 ms ago
    monkeypatch.setenv(start_probe.SPAWN_ENV, str(spawn))
    monkeypatch.setenv(start_probe.SLOW_ENV, "usable=3,paint=1")
    start_probe.say("SHOWN", "paint")  # factor 1: said as it happens
    before = time.perf_counter_ns()
    start_probe.say("USABLE", "usable")
    shown, usable = (line.split() for line in capsys.readouterr().out.splitlines())
    assert shown[0] == "SHOWN" and int(shown[1]) <= before
    # usable happened at ``before`` at the latest: stretched to 3× its time since spawn
    assert usable[0] == "USABLE" and int(usable[1]) - spawn >= 3 * (before - spawn)


@pytest.mark.slow
def test_ci_fails_a_row_slowed_down_on_every_attempt(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOAN_KIOSK_BENCH_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "bench.json"
    assert main(["--scale", "tiny", "--runs-factor", "0.2", "--only", "scan", "pad", "--ci",
                 "--slow-down", "scan=10", "--json", str(out)]) == 1
    rows = {r["key"]: r for r in json.loads(out.read_text())["results"]}
    slowed = rows["scan"]
    assert slowed["slowed_by"] == 10.0 and not slowed["ci_pass"]
    assert len(slowed["attempts"]) == 3 and not any(a["ci_pass"] for a in slowed["attempts"])
    assert "slowed_by" not in rows["pad-topaz"]


@pytest.mark.slow
def test_the_environment_can_slow_a_row_down(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOAN_KIOSK_BENCH_CACHE", str(tmp_path / "cache"))
    # 30x, not 3x: at tiny scale a row has few runs, and on a loaded machine one stalled
    # floor run could bring a 10x-slowed row back under its limit on an attempt (seen twice)
    monkeypatch.setenv(slowdown.ENV, "pad-isdv4=30")
    out = tmp_path / "bench.json"
    assert main(["--scale", "tiny", "--runs-factor", "0.2", "--only", "pad", "--ci",
                 "--json", str(out)]) == 1
    rows = {r["key"]: r for r in json.loads(out.read_text())["results"]}
    assert rows["pad-isdv4"]["slowed_by"] == 30.0 and not rows["pad-isdv4"]["ci_pass"]
    assert os.environ[slowdown.ENV] == "pad-isdv4=30"
