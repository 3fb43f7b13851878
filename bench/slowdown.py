"""``--slow-down ROW=FACTOR``: make one row's own code path FACTOR times slower, for real.

The gate is only worth something if it fails on a real regression, so it can be
tested: the row's measured work (the service call, the render, the decoder's
``feed``, the desk's start-up or its scan-to-screen path) is followed, on the same
thread, by a busy loop lasting (FACTOR − 1) times that work's own duration. It
burns CPU as slower code would, so load, the GIL and the interleaving treat it
as they would a slower service. Nothing else changes: the floor runs as usual.

The same spec can come from the environment (``LOAN_KIOSK_BENCH_SLOW_DOWN``,
comma-separated ``ROW=FACTOR`` pairs); a desk probe gets its factor through
:data:`bench.start_probe.SLOW_ENV` and stretches its own measured path.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

#: ``ROW=FACTOR[,ROW=FACTOR…]``, read when ``--slow-down`` is not given
ENV = "LOAN_KIOSK_BENCH_SLOW_DOWN"

P = ParamSpec("P")
R = TypeVar("R")


def parse(specs: list[str]) -> dict[str, float]:
    """``["scan=3", "labels=2"]`` → ``{"scan": 3.0, "labels": 2.0}``; ValueError if malformed."""
    out: dict[str, float] = {}
    for spec in specs:
        for part in spec.split(","):
            if not part.strip():
                continue
            key, sep, factor = part.partition("=")
            try:
                value = float(factor)
            except ValueError:
                value = 0.0
            if not sep or not key.strip() or value < 1.0:
                raise ValueError(f"--slow-down wants ROW=FACTOR with FACTOR ≥ 1, not {part!r}")
            out[key.strip()] = value
    return out


def from_env() -> dict[str, float]:
    return parse([os.environ.get(ENV, "")])


def spin_ns(ns: int) -> None:
    """Busy-wait ``ns`` nanoseconds (CPU time, as slower code would spend)."""
    end = time.perf_counter_ns() + ns
    x = 0
    while time.perf_counter_ns() < end:
        x += 1


def extend(started_ns: int, factor: float) -> None:
    """Called at the end of a piece of work that began at ``started_ns``
    (``perf_counter_ns``): stretch it to ``factor`` times its duration."""
    if factor > 1.0:
        spin_ns(int((time.perf_counter_ns() - started_ns) * (factor - 1.0)))


def slowed(fn: Callable[P, R], factor: float | None) -> Callable[P, R]:
    """``fn``, taking ``factor`` times as long (``fn`` itself when there is no factor)."""
    if factor is None or factor <= 1.0:
        return fn

    @functools.wraps(fn)
    def slower(*args: P.args, **kwargs: P.kwargs) -> R:
        started = time.perf_counter_ns()
        try:
            return fn(*args, **kwargs)
        finally:
            extend(started, factor)

    return slower
