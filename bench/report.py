"""Results: one row's verdict, the printed table, the JSON file.

Every row has an honest floor and a target it can meet; CI fails a row only past
its *CI limit* (the target widened by the noise margin) on every one of its
attempts (see :mod:`bench.gate`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.timing import Timing

#: CI fails a row only when it misses its target by more than this factor (noise margin)
CI_MARGIN = 1.5

#: kinds of row: ours / floor at most ``target``; a value at most ``target`` (in ``unit``);
#: reference / ours at least ``target`` (how many times faster than the reference)
KINDS = ("ratio", "limit", "speedup")


@dataclass
class Result:
    """One row. ``kind``: "ratio" (ours / floor ≤ target), "limit" (value ≤ target) or
    "speedup" (floor / ours ≥ target: the floor is then a *reference*, the old way)."""

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
    #: the row could not be measured because of a failure
    error: bool = False
    #: the row's short name (``--slow-down KEY=FACTOR``, the JSON's ``key``)
    key: str = ""
    #: ours' p95 must stay under this too (ms), e.g. one 60 Hz frame: part of the target on
    #: a quiet run; CI, which must not fail for load alone, holds the row to its ratio
    p95_limit_ms: float | None = None
    #: the row was measured with ``--slow-down`` applied (the factor)
    slowed_by: float | None = None
    #: every attempt at this row, in order, as JSON (set when the gate measured it more
    #: than once; this result is one of them)
    attempts: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown row kind {self.kind!r}")

    @property
    def measured(self) -> bool:
        if self.kind == "limit":
            return self.value is not None
        return self.ours is not None and self.floor is not None

    @property
    def ratio(self) -> float | None:
        """ours / floor (a "limit" row: value / limit; a "speedup" row: reference / ours)."""
        if self.kind == "limit":
            return None if self.value is None else self.value / self.target
        if self.ours is None or self.floor is None:
            return None
        num, den = (self.floor, self.ours) if self.kind == "speedup" else (self.ours, self.floor)
        return None if den.median_ms <= 0 else num.median_ms / den.median_ms

    def _within(self, margin: float) -> bool | None:
        if not self.measured:
            return None
        if self.kind == "limit":
            assert self.value is not None
            return self.value <= self.target * margin
        r = self.ratio
        if r is None:
            return False
        ok = r >= self.target / margin if self.kind == "speedup" else r <= self.target * margin
        if margin == 1.0 and self.p95_limit_ms is not None and self.ours is not None:
            # an absolute time says nothing under load: part of the target, not of CI's limit
            ok = ok and self.ours.p95_ms < self.p95_limit_ms
        return ok

    @property
    def passed(self) -> bool | None:
        """Within target (None: not measured)."""
        return self._within(1.0)

    def ci_limit(self, margin: float = CI_MARGIN) -> float:
        """The ratio (or value) past which CI fails this row (a speed-up: below which)."""
        return self.target / margin if self.kind == "speedup" else self.target * margin

    def ci_failed(self, margin: float = CI_MARGIN) -> bool:
        """Past its CI limit, or broke while measuring (a row not measured for a reason
        given in its note, e.g. no X server, does not fail)."""
        if self.error:
            return True
        return self._within(margin) is False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key,
            "name": self.name,
            "kind": self.kind,
            "ours_ms": round(self.ours.median_ms, 4) if self.ours else None,
            "floor_ms": round(self.floor.median_ms, 4) if self.floor else None,
            "ratio": None if self.ratio is None else round(self.ratio, 3),
            "target": self.target,
            "pass": self.passed,
            "ci_limit": round(self.ci_limit(), 3),
            "ci_pass": not self.ci_failed(),
        }
        if self.ours:
            out["ours_p95_ms"] = round(self.ours.p95_ms, 4)
            out["runs"] = self.ours.runs
        if self.floor:
            out["floor_p95_ms"] = round(self.floor.p95_ms, 4)
        if self.p95_limit_ms is not None:
            out["p95_limit_ms"] = self.p95_limit_ms
        if self.kind == "limit":
            out["value"] = None if self.value is None else round(self.value, 1)
            out["unit"] = self.unit
        if self.note:
            out["note"] = self.note
        if self.error:
            out["error"] = True
        if self.slowed_by is not None:
            out["slowed_by"] = self.slowed_by
        out.update(self.extra)
        out["attempts"] = self.attempts or [self.attempt_json()]
        return out

    def attempt_json(self) -> dict[str, Any]:
        """This measurement alone (what the JSON's ``attempts`` list holds)."""
        out: dict[str, Any] = {
            "ours_ms": round(self.ours.median_ms, 4) if self.ours else None,
            "floor_ms": round(self.floor.median_ms, 4) if self.floor else None,
            "ours_p95_ms": round(self.ours.p95_ms, 4) if self.ours else None,
            "ratio": None if self.ratio is None else round(self.ratio, 3),
            "ci_pass": not self.ci_failed(),
        }
        if self.kind == "limit":
            out["value"] = None if self.value is None else round(self.value, 1)
        if self.error:
            out["error"] = self.note
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
        target = f"≥ {r.target:g}× faster" if r.kind == "speedup" else f"≤ {r.target:g}×"
        if r.p95_limit_ms is not None:
            target += f", p95 < {r.p95_limit_ms:g} ms"
    if not r.measured:
        target = "—"
    verdict = {True: "pass", False: "FAIL", None: "error" if r.error else "not measured"}[r.passed]
    if r.passed is False and not r.ci_failed():
        verdict = "FAIL (within CI margin)"
    if len(r.attempts) > 1:
        verdict += f" [{len(r.attempts)} attempts]"
    if r.slowed_by is not None:
        verdict += f" [slowed ×{r.slowed_by:g}]"
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
    if notes:
        lines += ["", "notes:", *notes]
    return "\n".join(lines)


def write_json(path: Path, results: list[Result], meta: dict[str, Any]) -> None:
    doc = {"results": [r.to_json() for r in results], "meta": meta}
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
