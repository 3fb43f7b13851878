"""Concurrency row: N desk processes checking out at once, against one desk alone.

``python -m bench --pg URL --rtt MS --concurrency 10`` (after the latency rows). Each
desk is a process of its own (``python -m bench.wan_desks desk URL FIRST COUNT
STAFF``) that opens the database like the desk does, checks out ``COUNT`` assets of
its own one by one (each a unit of work: two round trips on PostgreSQL), and reports
when it started and finished; all start together. Throughput is check-outs per second
from the first start to the last finish. The row passes when N desks reach at least
:data:`TARGET_SPEEDUP` × one desk's throughput, and ``audit verify`` holds afterwards
(sealing what the desks left unsealed).

PostgreSQL runs through the delaying proxy (:mod:`bench.wan_proxy`): a desk's time
is mostly waiting on the network, which desks can do side by side as long as none
waits for another. SQLite runs on one local file with the same processes: one file
has one writer at a time (``BEGIN IMMEDIATE``), so desks take turns; what it shows is
that they do take turns without failing or breaking the chain, not a speed-up.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

#: N desks must reach this many times one desk's check-out throughput (PostgreSQL)
TARGET_SPEEDUP = 5.0


@dataclass
class Run:
    desks: int
    ops: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.ops / self.seconds if self.seconds > 0 else 0.0


def desk(url: str, first: int, count: int, staff: str) -> None:
    """One desk process: open, say READY, wait for GO, check out ``count`` assets."""
    from app.database import open_database
    from app.services.loans import check_out
    from app.uow import Actor

    db = open_database(url)
    actor = Actor(f"desk-{staff}", "technician")
    tags = [f"WAN-{i:04d}" for i in range(first, first + count)]
    print("READY", flush=True)
    sys.stdin.readline()
    started = time.perf_counter_ns()
    for tag in tags:
        with db.uow(actor) as uow:
            check_out(uow, tag, staff)
    ended = time.perf_counter_ns()
    print(f"DONE {started} {ended} {len(tags)}", flush=True)
    db.dispose()


def run_desks(url: str, desks: int, count: int, first: int) -> Run:
    """``desks`` processes, each checking out ``count`` assets from ``first`` on."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    procs = [subprocess.Popen(
        [sys.executable, "-m", "bench.wan_desks", "desk", url, str(first + i * count), str(count),
         f"WAN{i + 1}"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        for i in range(desks)]
    try:
        for p in procs:
            assert p.stdout is not None
            line = p.stdout.readline()
            if not line.startswith("READY"):
                raise RuntimeError(f"a desk process did not start: {line!r}")
        for p in procs:
            assert p.stdin is not None
            p.stdin.write("GO\n")
            p.stdin.flush()
        starts, ends, ops = [], [], 0
        for p in procs:
            assert p.stdout is not None
            line = p.stdout.readline().split()
            if not line or line[0] != "DONE":
                raise RuntimeError(f"a desk process failed: {line!r}")
            starts.append(int(line[1]))
            ends.append(int(line[2]))
            ops += int(line[3])
    finally:
        for p in procs:
            if p.stdin is not None:
                p.stdin.close()
            p.wait(timeout=60)
    return Run(desks, ops, (max(ends) - min(starts)) / 1e9)


def verified(url: str) -> tuple[bool, str]:
    from app import audit
    from app.database import open_database
    from app.uow import Actor

    db = open_database(url)
    try:
        with db.uow(Actor("bench"), readonly=True) as uow:
            result = audit.verify(uow.session)
    finally:
        db.dispose()
    return result.ok, result.problem or f"intact ({result.events} events)"


def measure(url: str, desks: int, count: int) -> tuple[Run, Run, tuple[bool, str]]:
    """One desk alone, then ``desks`` together (on assets of their own), then verify."""
    one = run_desks(url, 1, count, 1)
    many = run_desks(url, desks, count, 1 + count)
    return one, many, verified(url)


def report(engine: str, one: Run, many: Run, check: tuple[bool, str], target: float | None) -> str:
    speedup = many.per_second / one.per_second if one.per_second else 0.0
    verdict = "" if target is None else ("  pass" if speedup >= target and check[0] else "  FAIL")
    want = f" (target ≥{target:g}×)" if target is not None else " (no target: one writer)"
    return (f"{engine}: 1 desk {one.per_second:.1f} check-outs/s; {many.desks} desks "
            f"{many.per_second:.1f}/s = {speedup:.2f}×{want}; audit verify: {check[1]}{verdict}")


def main(pg_url: str, rtt_ms: float, desks: int, *, ci: bool, quick: bool = False) -> int:
    import tempfile

    from bench import wan
    from bench.wan_proxy import WanProxy, proxied_url, upstream_port

    count = 10 if quick else 25
    assets = (desks + 1) * count + 10
    failed = False
    with wan.scratch_database(pg_url) as url:
        wan.seed(url, assets=assets, staff=max(10, desks))
        with WanProxy(upstream_port(url), rtt_ms=rtt_ms, idle_timeout=300) as proxy:
            one, many, check = measure(proxied_url(url, proxy.port), desks, count)
        speedup = many.per_second / one.per_second if one.per_second else 0.0
        failed = speedup < TARGET_SPEEDUP or not check[0]
        print(report(f"PostgreSQL, {rtt_ms:g} ms round trips", one, many, check, TARGET_SPEEDUP))
    with tempfile.TemporaryDirectory(prefix="lk-wan-desks-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'desks.sqlite3'}"
        wan.seed(url, assets=assets, staff=max(10, desks))
        one, many, check = measure(url, desks, count)
        failed = failed or not check[0]
        print(report("SQLite, one local file", one, many, check, None))
    if ci and failed:
        print("CI: the concurrency row failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "desk":
        desk(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    else:
        raise SystemExit("usage: python -m bench.wan_desks desk URL FIRST COUNT STAFF")
