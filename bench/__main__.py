"""``python -m bench [--quick] [--json FILE] [--ci] [--only NAME …]``: run the benchmark suite.

Prints a table (operation, ours, floor, ratio, target, pass/fail) and, with
``--json``, writes ``{"results": [{"name", "ours_ms", "floor_ms", "ratio",
"target", "pass"}, …]}``. ``--ci`` exits 1 when a row misses its target by more
than the noise margin (×1.5) or could not be measured because something broke.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path

from bench import generate
from bench.context import BenchContext
from bench.report import CI_MARGIN, Result, table, write_json

#: case modules, in the order the table lists them
CASES = ("scan", "loans", "ui", "documents", "staff_import", "pad")


def run_cases(ctx: BenchContext, names: tuple[str, ...] = CASES, *, log: bool = True) -> list[Result]:
    results: list[Result] = []
    for name in names:
        started = time.perf_counter()
        try:
            module = importlib.import_module(f"bench.cases.{name}")
            results += module.run(ctx)
        except Exception as exc:
            traceback.print_exc()
            results.append(Result(f"{name} (case failed)", 0.0,
                                  note=f"error: {type(exc).__name__}: {exc}", error=True))
        if log:
            print(f"  {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return sorted(results, key=_rank)


#: the issue's row order: by the start of each row's name
_ORDER = ("resolve", "check", "scan-to", "leaver", "1", "import", "cold", "pad", "growth", "peak")


def _rank(r: Result) -> int:
    first = r.name.split()[0].rstrip(",")
    for n, start in enumerate(_ORDER):
        if r.name.startswith(start) or (start == "1" and first[:1].isdigit()):
            return n
    return len(_ORDER)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="smaller data, fewer runs (CI)")
    p.add_argument("--scale", choices=sorted(generate.SCALES), help=argparse.SUPPRESS)
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    p.add_argument("--ci", action="store_true",
                   help=f"exit 1 when a ratio exceeds {CI_MARGIN}× its target")
    p.add_argument("--only", nargs="+", choices=CASES, help="run only these cases")
    p.add_argument("--runs-factor", type=float, default=1.0, help=argparse.SUPPRESS)
    args = p.parse_args(argv)

    scale = generate.SCALES[args.scale] if args.scale else \
        generate.QUICK if args.quick else generate.FULL
    started = time.perf_counter()
    db_path = generate.database(scale)
    base_path = generate.database(scale.with_past_loans(generate.GROWTH_BASE_LOANS, "growth-base"))
    with tempfile.TemporaryDirectory(prefix="loan-kiosk-bench-") as tmp:
        ctx = BenchContext(scale, db_path, base_path, Path(tmp), quick=scale.name != "full",
                           runs_factor=args.runs_factor)
        print(f"benchmarks at {scale.name} scale ({generate._describe(scale)})", file=sys.stderr)
        results = run_cases(ctx, tuple(args.only or CASES))
    print()
    print(table(results))
    elapsed = time.perf_counter() - started
    print(f"\n{len(results)} rows in {elapsed:.0f} s on {platform.node()} "
          f"({os.cpu_count()} CPUs, Python {platform.python_version()})")
    if args.json:
        write_json(args.json, results, {"scale": scale.name, "seconds": round(elapsed, 1),
                                        "cpus": os.cpu_count(),
                                        "python": platform.python_version()})
    if args.ci:
        failed = [r for r in results if r.ci_failed()]
        for r in failed:
            if r.error:
                why = f"could not be measured ({r.note})"
            elif r.known_miss is not None:
                why = f"regressed past its documented ceiling of {r.known_miss.ceiling:g}×"
            else:
                why = f"misses its target by more than the ×{CI_MARGIN} noise margin"
            print(f"CI: {r.name} {why}", file=sys.stderr)
        verdict = "FAILED" if failed else "passed"
        print(f"CI: benchmarks {verdict} ({len(failed)} of {len(results)} rows past their CI "
              "limit)", file=sys.stderr)
        return 1 if failed else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
