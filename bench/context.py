"""What every benchmark case gets: the scale, the generated databases and a scratch folder."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ParamSpec, TypeVar

from bench import slowdown
from bench.generate import Scale

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class BenchContext:
    scale: Scale
    #: the generated database (read-only: copy it before writing)
    db_path: Path
    #: the same shape with only :data:`bench.generate.GROWTH_BASE_LOANS` past loans
    growth_base_path: Path
    tmp: Path
    quick: bool
    #: :data:`bench.generate.GROWTH_BASE_ASSETS` assets, otherwise like ``growth_base_path``
    assets_base_path: Path | None = None
    #: multiplies every case's number of timed runs (the smoke test uses a small one)
    runs_factor: float = 1.0
    #: ``--slow-down``: row key -> factor its own code path is slowed by
    slow_down: dict[str, float] = field(default_factory=dict)
    seed: int = 11
    _tags: dict[str, list[str]] = field(default_factory=dict)

    def runs(self, n: int) -> int:
        return max(3, round(n * self.runs_factor))

    def slowed(self, key: str, fn: Callable[P, R]) -> Callable[P, R]:
        """``fn`` as row ``key`` measures it: slowed down when ``--slow-down`` names the row."""
        return slowdown.slowed(fn, self.slow_down.get(key))

    def tags(self, status: str, n: int, db: Path | None = None) -> list[str]:
        """``n`` random tags of assets with ``status`` (the same on every call)."""
        path = db or self.db_path
        key = f"{path}:{status}:{n}"
        if key not in self._tags:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                rows = [r[0] for r in con.execute(
                    "SELECT tag FROM assets WHERE status = ? ORDER BY id", (status,))]
            finally:
                con.close()
            rng = random.Random(f"{self.seed}:{status}")
            self._tags[key] = rng.sample(rows, min(n, len(rows)))
        return self._tags[key]
