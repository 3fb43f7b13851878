"""``python -m bench [--quick] [--json FILE] [--ci] [--only CASE …] [--slow-down ROW=FACTOR …]``.

Prints a table (operation, ours, floor, ratio, target, pass/fail) and, with
``--json``, writes ``{"results": [{"key", "name", "ours_ms", "floor_ms", "ratio",
"target", "pass", "ci_pass", "attempts", …}, …], "meta": {…}}``. A row past its CI
limit (its target widened by the ×1.5 noise margin) is measured again, up to
twice; ``--ci`` exits 1 when a row is past its limit on every attempt, or could
not be measured because something broke.

``--slow-down ROW=FACTOR`` (or ``LOAN_KIOSK_BENCH_SLOW_DOWN=ROW=FACTOR``) makes one
row's own code path FACTOR times slower, to check that the gate catches it.
Rows: {rows}.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from bench import generate, slowdown
from bench.context import BenchContext
from bench.gate import measure, timed
from bench.report import CI_MARGIN, Result, table, write_json

#: case modules, in the order they run
CASES = ("scan", "loans", "ui", "cold_start", "documents", "labels", "staff_import", "pad",
         "growth", "notices", "bookings", "stocktake")

#: every row's key, in the order the table lists them
ROWS = ("scan", "checkout", "scan-to-screen", "receipt", "labels", "labels-reference", "import",
        "cold-start", "cold-start-paint", "cold-start-xvfb", "cold-start-paint-xvfb",
        "pad-topaz", "pad-isdv4", "growth-history", "growth-checkout", "growth-assets",
        "memory", "notices", "booking-check", "bookings-day", "stocktake-scan",
        "stocktake-result")


def run_cases(ctx: BenchContext, names: tuple[str, ...] = CASES, *, log: bool = True) -> list[Result]:
    results: list[Result] = []
    for name in names:
        def case(name: str = name) -> list[Result]:
            module = importlib.import_module(f"bench.cases.{name}")
            out: list[Result] = []
            for m in module.measurements(ctx):
                out += measure(m, log=log)
            for r in out:
                r.slowed_by = ctx.slow_down.get(r.key)
            return out

        try:
            results += timed(name, case, log)
        except Exception as exc:  # setting a case up failed: its rows are errors
            import traceback

            traceback.print_exc()
            results.append(Result(f"{name} (case failed)", 0.0, key=name,
                                  note=f"error: {type(exc).__name__}: {exc}", error=True))
    return sorted(results, key=_rank)


def _rank(r: Result) -> int:
    return ROWS.index(r.key) if r.key in ROWS else len(ROWS)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench",
                                description=(__doc__ or "").replace("{rows}", ", ".join(ROWS)),
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="smaller data, fewer runs (CI)")
    p.add_argument("--scale", choices=sorted(generate.SCALES), help=argparse.SUPPRESS)
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    p.add_argument("--ci", action="store_true",
                   help=f"exit 1 when a row is past {CI_MARGIN}× its target on every attempt")
    p.add_argument("--only", nargs="+", choices=CASES, help="run only these cases")
    p.add_argument("--slow-down", action="append", default=[], metavar="ROW=FACTOR",
                   help="make ROW's own code path FACTOR times slower (tests the gate); "
                        f"also ${slowdown.ENV}")
    p.add_argument("--runs-factor", type=float, default=1.0, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    try:
        slow = slowdown.parse(args.slow_down) if args.slow_down else slowdown.from_env()
    except ValueError as exc:
        p.error(str(exc))
    unknown = sorted(set(slow) - set(ROWS))
    if unknown:
        p.error(f"--slow-down: no row called {', '.join(unknown)} (rows: {', '.join(ROWS)})")

    scale = generate.SCALES[args.scale] if args.scale else \
        generate.QUICK if args.quick else generate.FULL
    started = time.perf_counter()
    db_path = generate.database(scale)
    base_path = generate.database(generate.growth_base(scale))
    assets_base_path = generate.database(generate.assets_base(scale))
    with tempfile.TemporaryDirectory(prefix="loan-kiosk-bench-") as tmp:
        ctx = BenchContext(scale, db_path, base_path, Path(tmp), quick=scale.name != "full",
                           runs_factor=args.runs_factor, slow_down=slow,
                           assets_base_path=assets_base_path)
        print(f"benchmarks at {scale.name} scale ({generate._describe(scale)})", file=sys.stderr)
        if slow:
            print("slowed down on purpose: " + ", ".join(f"{k} ×{v:g}" for k, v in slow.items()),
                  file=sys.stderr)
        results = run_cases(ctx, tuple(args.only or CASES))
    print()
    print(table(results))
    elapsed = time.perf_counter() - started
    print(f"\n{len(results)} rows in {elapsed:.0f} s on {platform.node()} "
          f"({os.cpu_count()} CPUs, Python {platform.python_version()})")
    if args.json:
        write_json(args.json, results, {"scale": scale.name, "seconds": round(elapsed, 1),
                                        "cpus": os.cpu_count(),
                                        "python": platform.python_version(),
                                        "slow_down": slow, "ci_margin": CI_MARGIN})
    if args.ci:
        return ci_verdict(results)
    return 0


def ci_verdict(results: list[Result]) -> int:
    failed = [r for r in results if r.ci_failed()]
    for r in failed:
        if r.error:
            why = f"could not be measured ({r.note})"
        else:
            tries = max(1, len(r.attempts))
            where = "below" if r.kind == "speedup" else "past"
            why = (f"is {where} its CI limit ({r.ci_limit():g}"
                   f"{' ' + r.unit if r.kind == 'limit' else '×'}) "
                   f"on {'each of its ' + str(tries) + ' attempts' if tries > 1 else 'its attempt'}")
        print(f"CI: {r.name} {why}", file=sys.stderr)
    verdict = "FAILED" if failed else "passed"
    print(f"CI: benchmarks {verdict} ({len(failed)} of {len(results)} rows past their CI "
          "limit)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
