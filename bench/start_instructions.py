"""Instructions to *usable*, the desk's and the floor's: ``python -m bench.start_instructions``.

The cold-start rows time a spawn in wall-clock time, which on a shared 2-core machine moves
by a third run to run. The instructions each side of :mod:`bench.start_probe` executes until
its ``USABLE`` marker do not: this runs both once under ``valgrind --tool=callgrind`` (no
cache simulation; ``PYTHONHASHSEED=0``; offscreen; a copy of the quick database; our packages
byte-compiled, as the bench does) with the process ending at the marker, and prints the two
counts and their ratio. Each side takes ~25 s. Needs valgrind.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import generate
from bench.probe import ROOT, compile_bytecode, probe_env

#: the probe, ended at its USABLE marker (nothing after it is counted)
_UNTIL_USABLE = """
import os, sys
import bench.start_probe as probe
say = probe.say
def said(marker, slow=""):
    say(marker, slow)
    if marker == "USABLE":
        sys.stdout.flush()
        os._exit(0)
probe.say = said
probe.main(sys.argv[1:])
"""

_COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(args: list[str], tmp: Path) -> int:
    """Instructions the probe ``args`` (``bare PATH`` / ``desk URL DIR``) executes to usable."""
    if shutil.which("valgrind") is None:
        raise RuntimeError("valgrind is not installed (apt-get install valgrind)")
    env = probe_env() | {"PYTHONHASHSEED": "0"}
    done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg.%p",
                           sys.executable, "-c", _UNTIL_USABLE, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)
    found = _COLLECTED.search(done.stderr)
    if found is None or "USABLE" not in done.stdout:
        raise RuntimeError(f"the probe did not reach USABLE under callgrind: {done.stderr[-800:]}")
    return int(found.group(1))


def main() -> int:
    compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="loan-kiosk-instr-") as name:
        tmp = Path(name)
        db = generate.copy_database(generate.database(generate.QUICK), tmp, "cold.sqlite3")
        desk = instructions(["desk", generate.sqlite_url(db), str(tmp / "data")], tmp)
        bare = instructions(["bare", str(db)], tmp)
    print(f"to usable (offscreen): desk {desk / 1e6:,.1f} M instructions, bare window + SQLite "
          f"{bare / 1e6:,.1f} M: {desk / bare:.3f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
