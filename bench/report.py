"""Results: the printed table, the JSON file, and the CI verdict."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.timing import Timing

#: CI fails a row only when it misses its target by more than this factor (noise margin)
CI_MARGIN = 1.5


@dataclass(frozen=True)
class KnownMiss:
    """A target this machine cannot meet yet, with the profile that says why in ``docs``.

    CI still guards the row against regressions: it fails past ``ceiling`` (the
    documented ratio times the noise margin) instead of past target × margin.
    """

    ceiling: float
    docs: str


@dataclass
class Result:
    """One row. ``kind`` is "ratio" (ours / floor ≤ target) or "limit" (value ≤ target)."""

    name: str
    target: float
    kind: str = "ratio"
    ours: Timing | None = None
    floor: Timing | None = None
    #: for "limit" rows: the measured value, in ``unit``
    value: float | None = None
    unit: str = "ms"
    #: why a row has no numbers ("not measured: …") or how it was measured
    note: str = ""
    #: the row could not be measured because of a failure (not a known gap)
    error: bool = False
    #: a documented miss: CI holds the row to its regression ceiling instead
    known_miss: KnownMiss | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def measured(self) -> bool:
        if self.kind == "limit":
            return self.value is not None
        return self.ours is not None and self.floor is not None

    @property
    def ratio(self) -> float | None:
        if self.kind == "limit":
            return None if self.value is None else self.value / self.target
        if self.ours is None or self.floor is None or self.floor.median_ms <= 0:
            return None
        return self.ours.median_ms / self.floor.median_ms

    @property
    def passed(self) -> bool | None:
        if not self.measured:
            return None
        if self.kind == "limit":
            assert self.value is not None
            return self.value <= self.target
        r = self.ratio
        return r is not None and r <= self.target

    def ci_limit(self, margin: float = CI_MARGIN) -> float:
        """The ratio (or value) past which CI fails this row."""
        limit = self.target * margin
        if self.known_miss is not None:
            limit = max(limit, self.known_miss.ceiling)
        return limit

    def ci_failed(self, margin: float = CI_MARGIN) -> bool:
        """Missed by more than the noise margin (a known miss: past its ceiling), or broke
        while measuring."""
        if self.error:
            return True
        if not self.measured:
            return False
        if self.kind == "limit":
            assert self.value is not None
            return self.value > self.ci_limit(margin)
        r = self.ratio
        return r is None or r > self.ci_limit(margin)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "ours_ms": round(self.ours.median_ms, 4) if self.ours else None,
            "floor_ms": round(self.floor.median_ms, 4) if self.floor else None,
            "ratio": None if self.ratio is None else round(self.ratio, 3),
            "target": self.target,
            "pass": self.passed,
        }
        if self.ours:
            out["ours_p95_ms"] = round(self.ours.p95_ms, 4)
            out["runs"] = self.ours.runs
        if self.floor:
            out["floor_p95_ms"] = round(self.floor.p95_ms, 4)
        if self.kind == "limit":
            out["kind"] = "limit"
            out["value"] = None if self.value is None else round(self.value, 1)
            out["unit"] = self.unit
        if self.note:
            out["note"] = self.note
        if self.error:
            out["error"] = True
        out["ci_limit"] = round(self.ci_limit(), 3)
        if self.known_miss is not None:
            out["known_miss"] = {"ceiling": self.known_miss.ceiling, "docs": self.known_miss.docs}
        out.update(self.extra)
        return out


def _ms(t: Timing | None) -> str:
    if t is None:
        return "—"
    return f"{t.median_ms:,.3f} (p95 {t.p95_ms:,.3f})" if t.median_ms < 10 else \
        f"{t.median_ms:,.1f} (p95 {t.p95_ms:,.1f})"


def _cells(r: Result) -> list[str]:
    if r.kind == "limit":
        ours = "—" if r.value is None else f"{r.value:,.1f} {r.unit}"
        floor = "—"
        ratio = "—" if r.ratio is None else f"{r.ratio:.2f}× of limit"
        target = f"≤ {r.target:g} {r.unit}"
    else:
        ours, floor = _ms(r.ours), _ms(r.floor)
        ratio = "—" if r.ratio is None else f"{r.ratio:.2f}×"
        target = f"≤ {r.target:g}×"
    verdict = {True: "pass", False: "FAIL", None: "error" if r.error else "not measured"}[r.passed]
    if r.passed is False and r.known_miss is not None and not r.ci_failed():
        verdict = "FAIL (known)"
    return [r.name, ours, floor, ratio, target, verdict]


def table(results: list[Result]) -> str:
    head = ["operation", "ours ms (median, p95)", "floor ms (median, p95)", "ratio", "target",
            "result"]
    rows = [head] + [_cells(r) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"  * {r.name}: {r.note}" for r in results if r.note]
    notes += [f"  * {r.name}: known miss, explained in {r.known_miss.docs}; CI fails it past "
              f"{r.known_miss.ceiling:g}× (a regression)" for r in results if r.known_miss]
    if notes:
        lines += ["", "notes:", *notes]
    return "\n".join(lines)


def write_json(path: Path, results: list[Result], meta: dict[str, Any]) -> None:
    doc = {"results": [r.to_json() for r in results], "meta": meta}
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
