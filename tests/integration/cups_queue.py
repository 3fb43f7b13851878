"""The real CUPS PDF queue (``.ci/setup-cups.sh``) as the printing tests use it.

Jobs printed through Qt carry no CUPS job id back (Qt's CUPS engine does not report
one), so what a test printed is found by what is on it: the QR payload of a receipt
whose content is unique to the test run. Other desks (other test runs) may print to
the same queue at the same time; their files are never taken for ours.

The queue is one for the whole machine, so tests that stop it or make it refuse jobs
(``cupsdisable``/``cupsreject``, marked ``@pytest.mark.stops_queue``) must not do so while
another test prints on it — in another pytest-xdist worker or another test run: the
:func:`queue` fixture holds a lock file beside the queue's name, shared by the tests that only
print and exclusive for the ones marked ``stops_queue``.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import skip_or_fail
from tests.unit.printing.pdfs import qr_payloads

PRINTER = os.environ.get("LOAN_KIOSK_TEST_PRINTER", "")
OUT_DIR = os.environ.get("LOAN_KIOSK_TEST_PRINTER_OUT", "")
#: how long a job may take to come out of cups-pdf before the test gives up
PATIENCE_S = 90.0
_JOB_FILE = re.compile(r"-job_(\d+)\.pdf$")


#: whether this process holds the queue alone (a ``stops_queue`` test is running)
_held_alone = False


def cups(*argv: str) -> subprocess.CompletedProcess[str]:
    if argv[0] in ("cupsdisable", "cupsreject") and not _held_alone:
        raise AssertionError(f"{argv[0]} on the shared queue needs @pytest.mark.stops_queue")
    return subprocess.run(list(argv), capture_output=True, text=True, timeout=30,
                          env=dict(os.environ, LC_ALL="C"), check=False)


@contextmanager
def holding_queue(exclusive: bool) -> Iterator[None]:
    """Hold the queue's lock: shared to print on it, exclusive to stop or refuse it."""
    global _held_alone
    path = Path(tempfile.gettempdir()) / f"loan-kiosk-cups-{PRINTER}.lock"
    fd = os.open(path, os.O_RDONLY | os.O_CREAT, 0o644)  # flock needs no write access
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        _held_alone = exclusive
        yield
    finally:
        _held_alone = False
        os.close(fd)  # releases the lock


@pytest.fixture
def queue(request: pytest.FixtureRequest) -> Iterator[str]:
    """The test queue, enabled and accepting; left that way afterwards. Held alone by a test
    marked ``stops_queue``, shared by the others (see the module's docstring)."""
    if not PRINTER or shutil.which("lpstat") is None or not OUT_DIR:
        skip_or_fail("CUPS not available: run .ci/setup-cups.sh")
    if cups("lpstat", "-p", PRINTER).returncode != 0:
        skip_or_fail(f"CUPS queue {PRINTER!r} not found: run .ci/setup-cups.sh")
    with holding_queue(exclusive=request.node.get_closest_marker("stops_queue") is not None):
        cups("cupsenable", PRINTER)
        cups("cupsaccept", PRINTER)
        try:
            yield PRINTER
        finally:
            cups("cupsenable", PRINTER)
            cups("cupsaccept", PRINTER)


def completed_jobs() -> set[str]:
    return set(cups("lpstat", "-W", "completed", "-o", PRINTER).stdout.split())


def wait_for_outputs(job_ids: list[str]) -> list[Path]:
    """The cups-pdf file of each CUPS job (``…-job_<n>.pdf``), once it is complete."""
    wanted = {jid: f"-job_{jid.rsplit('-', 1)[1]}.pdf" for jid in job_ids}
    deadline = time.monotonic() + PATIENCE_S
    found: dict[str, Path] = {}
    while True:
        completed = completed_jobs()
        for jid, suffix in wanted.items():
            if jid in found or jid not in completed:
                continue
            hits = [p for p in Path(OUT_DIR).iterdir() if p.name.endswith(suffix)]
            if hits and hits[0].stat().st_size > 0:
                found[jid] = hits[0]
        if len(found) == len(wanted) or time.monotonic() > deadline:
            break
        time.sleep(0.25)
    missing = sorted(set(wanted) - set(found))
    assert not missing, f"CUPS jobs {missing} produced no PDF in {OUT_DIR}"
    return [found[j] for j in job_ids]


class Spool:
    """cups-pdf's output folder, watched from the moment this is made."""

    def __init__(self) -> None:
        self.before = set(Path(OUT_DIR).iterdir())
        self._payloads: dict[Path, list[str]] = {}

    def new_files(self) -> list[Path]:
        """Completed jobs' files that appeared since, oldest job first."""
        done = completed_jobs()
        files = []
        for path in set(Path(OUT_DIR).iterdir()) - self.before:
            m = _JOB_FILE.search(path.name)
            if m and f"{PRINTER}-{m.group(1)}" in done and path.stat().st_size > 0:
                files.append((int(m.group(1)), path))
        return [p for _n, p in sorted(files)]

    def _first_page_payloads(self, path: Path) -> list[str]:
        if path not in self._payloads:
            pages = qr_payloads(path.read_bytes())
            self._payloads[path] = [text for page in pages for text in page]
        return self._payloads[path]

    def wait_for(self, payload: str, count: int) -> list[Path]:
        """The ``count`` printed files with ``payload`` in a QR code (waits for them)."""
        deadline = time.monotonic() + PATIENCE_S
        while True:
            hits = [p for p in self.new_files() if payload in self._first_page_payloads(p)]
            if len(hits) >= count or time.monotonic() > deadline:
                break
            time.sleep(0.25)
        assert len(hits) == count, f"{len(hits)} printed files carry {payload!r}, not {count}"
        return hits

    def nothing_new_with(self, payload: str, settle_s: float = 2.0) -> None:
        """Nothing carrying ``payload`` came out (waits a moment for stragglers)."""
        time.sleep(settle_s)
        assert [p for p in self.new_files() if payload in self._first_page_payloads(p)] == []
