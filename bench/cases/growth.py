"""How the desk's hot paths grow with the school's data: ours at full size against ours small.

Each row runs the same service code on two generated databases that differ in
one dimension, interleaved run by run (so drift and load hit both sides alike):

* history — a scan resolve on the full loan history (1,000,000 past loans at full
  scale) against the same assets and people with 1,000 past loans;
* check-out — check out + check in (two durable commits) on copies of the same two;
* assets — a scan resolve with every asset (100,000 at full scale) against 1,000
  assets, both with 1,000 past loans.

The scan rows also time the plain indexed SELECT (the scan row's floor) on the same
two files in the same loop, and give its growth in the note: what the data alone
costs a B-tree lookup.

The "floor" of a growth row is the small database: a ratio near 1 means the
operation does not slow down as the school's data grows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bench.cases.loans import borrowers, service_cycle
from bench.cases.scan import floor_resolver, scan_mix, service_resolver
from bench.context import BenchContext
from bench.gate import Measurement
from bench.generate import GROWTH_BASE_ASSETS, GROWTH_BASE_LOANS, copy_database
from bench.report import Result
from bench.timing import Timing, compare, interleave

TARGET = 1.5
#: 100× the assets puts another level under every index the scan reads: the plain
#: indexed SELECT itself takes ~1.7× as long at 100,000 assets as at 1,000 (its note)
ASSETS_TARGET = 2.0


def _resolve_both(ctx: BenchContext, key: str, big: Path, small: Path,
                  runs: int) -> tuple[Timing, Timing, float]:
    """Ours on ``big`` and on ``small``, and the plain query's own growth on the same two
    files (all four interleaved): what the data alone costs the indexes."""
    tags_big, tags_small = scan_mix(ctx, big), scan_mix(ctx, small)
    ours, db_big = service_resolver(big)
    base, db_small = service_resolver(small)
    plain_big, con_big = floor_resolver(big)
    plain_small, con_small = floor_resolver(small)
    ours = ctx.slowed(key, ours)
    try:
        t_ours, t_base, p_big, p_small = interleave(
            lambda i: ours(tags_big[i % len(tags_big)]),
            lambda i: base(tags_small[i % len(tags_small)]),
            lambda i: plain_big(tags_big[i % len(tags_big)]),
            lambda i: plain_small(tags_small[i % len(tags_small)]), runs=runs, warmup=50)
        return t_ours, t_base, p_big.median_ms / p_small.median_ms
    finally:
        db_big.dispose()
        db_small.dispose()
        con_big.close()
        con_small.close()


def _cycle_both(ctx: BenchContext, big: Path, small: Path, runs: int) -> tuple[Timing, Timing]:
    sides: list[tuple[Callable[[str, str], None], Callable[[], None], list[str], list[str]]] = []
    for name, src in (("big", big), ("small", small)):
        path = copy_database(src, ctx.tmp, f"growth-{name}.sqlite3")
        cycle, close = service_cycle(path)
        sides.append((cycle, close, ctx.tags("available", 100, path), borrowers(path, 100)))
    (ours, close_big, tags_big, staff_big), (base, close_small, tags_small, staff_small) = sides
    ours = ctx.slowed("growth-checkout", ours)
    try:
        return compare(lambda i: ours(tags_big[i % len(tags_big)], staff_big[i % len(staff_big)]),
                       lambda i: base(tags_small[i % len(tags_small)],
                                      staff_small[i % len(staff_small)]),
                       runs=runs, warmup=5)
    finally:
        close_big()
        close_small()


def measurements(ctx: BenchContext) -> list[Measurement]:
    loans = f"{ctx.scale.past_loans:,}"
    assets = f"{ctx.scale.assets:,}"
    scan_runs = ctx.runs(1000 if ctx.quick else 3000)

    def history() -> list[Result]:
        ours, floor, plain = _resolve_both(ctx, "growth-history", ctx.db_path,
                                           ctx.growth_base_path, scan_runs)
        return [Result(f"growth: scan at {loans} vs {GROWTH_BASE_LOANS:,} past loans", TARGET,
                       key="growth-history", ours=ours, floor=floor,
                       note=f"scan resolve; same assets and people, interleaved; the plain "
                            f"indexed SELECT grows {plain:.2f}× on the same files")]

    def checkout() -> list[Result]:
        ours, floor = _cycle_both(ctx, ctx.db_path, ctx.growth_base_path,
                                  ctx.runs(100 if ctx.quick else 200))
        return [Result(f"growth: check out + in at {loans} vs {GROWTH_BASE_LOANS:,} past loans",
                       TARGET, key="growth-checkout", ours=ours, floor=floor,
                       note="two durable commits each, on copies; interleaved")]

    def asset_count() -> list[Result]:
        assert ctx.assets_base_path is not None
        ours, floor, plain = _resolve_both(ctx, "growth-assets", ctx.growth_base_path,
                                           ctx.assets_base_path, scan_runs)
        return [Result(f"growth: scan at {assets} vs {GROWTH_BASE_ASSETS:,} assets",
                       ASSETS_TARGET, key="growth-assets", ours=ours, floor=floor,
                       note=f"scan resolve; {GROWTH_BASE_LOANS:,} past loans on both, "
                            f"interleaved; the plain indexed SELECT grows {plain:.2f}× on the "
                            "same files")]

    return [Measurement(("growth-history",), history), Measurement(("growth-checkout",), checkout),
            Measurement(("growth-assets",), asset_count)]
