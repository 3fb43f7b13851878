"""Start desks as real processes (``python -m tests.reliability.desk_worker``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def worker_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "tests.reliability.desk_worker", *args]


def worker_env(data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "LOAN_KIOSK_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    env.pop("LOAN_KIOSK_DB", None)
    return env


def start(args: list[str], data_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(worker_cmd(*args), cwd=ROOT, env=worker_env(data_dir),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def race(arg_lists: list[list[str]], data_dir: Path, timeout: float = 180) -> list[list[dict[str, Any]]]:
    """Start one process per argument list, release them together, collect their JSON lines."""
    procs = [start(args, data_dir) for args in arg_lists]
    try:
        for p in procs:
            assert p.stdout is not None
            line = p.stdout.readline()
            if json.loads(line or "{}").get("state") != "ready":
                _, err = p.communicate(timeout=timeout)
                raise AssertionError(f"desk did not start: {line!r}\n{err}")
        for p in procs:
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        results = []
        for p in procs:
            out, err = p.communicate(timeout=timeout)
            assert p.returncode == 0, f"desk failed ({p.returncode}):\n{err}"
            assert "Traceback" not in err, err
            results.append([json.loads(x) for x in out.splitlines() if x.strip()])
        return results
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
