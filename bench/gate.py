"""Measuring rows so that load cannot fail them but a regression does.

A :class:`Measurement` measures one or more rows together (the rows of one
interleaved loop, or of one desk subprocess). When a row lands past its CI
limit, the measurement runs again, up to :data:`RETRIES` more times: a row fails
only if every attempt does. A row keeps the first attempt within its CI limit
(or the last one), and its JSON lists every attempt.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from bench.report import Result

#: re-measurements of a row past its CI limit before it fails
RETRIES = 2


@dataclass(frozen=True)
class Measurement:
    """``run()`` measures the rows named by ``keys`` (their :attr:`Result.key`)."""

    keys: tuple[str, ...]
    run: Callable[[], list[Result]]


def measure(m: Measurement, *, retries: int = RETRIES, log: bool = True) -> list[Result]:
    """The rows of ``m``, re-measured while one of them is past its CI limit."""
    results = _attempt(m)
    for n in range(retries):
        failing = [r for r in results if r.ci_failed()]
        if not failing:
            break
        if log:
            print(f"    past the CI limit, measuring again ({n + 2} of {retries + 1}): "
                  + ", ".join(f"{r.key} {_shown(r)}" for r in failing), file=sys.stderr,
                  flush=True)
        results = merge(results, _attempt(m))
    return results


def merge(before: list[Result], again: list[Result]) -> list[Result]:
    """Each row's kept attempt (the first within its CI limit, else the newest), with
    every attempt made so far in ``attempts`` (each marks whether it passed CI)."""
    fresh = {r.key: r for r in again}
    out = []
    for old in before:
        new = fresh.pop(old.key, None)
        if new is None:
            out.append(old)
            continue
        history = old.attempts or [old.attempt_json()]
        keep = old if not old.ci_failed() else new
        keep.attempts = [*history, new.attempt_json()]
        out.append(keep)
    return out + list(fresh.values())


def _attempt(m: Measurement) -> list[Result]:
    try:
        return m.run()
    except Exception as exc:  # report the row as broken; never take the suite down
        traceback.print_exc()
        note = f"error: {type(exc).__name__}: {exc}"
        return [Result(f"{key} (could not be measured)", 0.0, key=key, note=note, error=True)
                for key in m.keys]


def _shown(r: Result) -> str:
    if r.error:
        return "(error)"
    return "—" if r.ratio is None else f"{r.ratio:.2f}× (limit {r.ci_limit():.2f})"


def timed(label: str, fn: Callable[[], list[Result]], log: bool) -> list[Result]:
    started = time.perf_counter()
    try:
        return fn()
    finally:
        if log:
            print(f"  {label}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
