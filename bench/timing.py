"""Timing: ``perf_counter_ns``, warm-up runs, ours and floor interleaved, median and p95."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """Milliseconds over ``runs`` timed runs."""

    median_ms: float
    p95_ms: float
    runs: int

    @classmethod
    def of(cls, samples_ns: list[int]) -> Timing:
        if not samples_ns:
            raise ValueError("no samples")
        ms = sorted(s / 1e6 for s in samples_ns)
        return cls(statistics.median(ms), percentile(ms, 95), len(ms))


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        raise ValueError("no values")
    rank = max(1, round(pct / 100 * len(sorted_values) + 0.4999))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def time_once(fn: Callable[[], object]) -> int:
    start = time.perf_counter_ns()
    fn()
    return time.perf_counter_ns() - start


def compare(ours: Callable[[int], object], floor: Callable[[int], object], *, runs: int,
            warmup: int = 3) -> tuple[Timing, Timing]:
    """Time ``ours(i)`` and ``floor(i)`` alternately, so drift (CPU frequency, page cache,
    another process) hits both alike. ``i`` counts runs, to pick the run's input."""
    a, b = interleave(ours, floor, runs=runs, warmup=warmup)
    return a, b


def interleave(*sides: Callable[[int], object], runs: int, warmup: int = 3) -> list[Timing]:
    """Time each of ``sides`` once per run, in one loop, the order rotating from run to
    run (so each goes first equally often): load and drift hit every side alike."""
    for i in range(warmup):
        for side in sides:
            side(i)
    samples: list[list[int]] = [[] for _ in sides]
    n = len(sides)
    gc.collect()
    for i in range(warmup, warmup + runs):
        for k in range(n):
            j = (i + k) % n
            samples[j].append(time_once(lambda: sides[j](i)))  # noqa: B023 - called at once
    return [Timing.of(s) for s in samples]
