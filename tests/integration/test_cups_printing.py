"""Printing through a real CUPS server with a PDF printer (cups-pdf).

Needs ``.ci/setup-cups.sh`` (run as root), which sets up the queue and prints
``LOAN_KIOSK_TEST_PRINTER`` and ``LOAN_KIOSK_TEST_PRINTER_OUT``. Without them
these tests skip locally and fail in CI (``LOAN_KIOSK_REQUIRE_ALL=1``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext
from app.devices.printer import CupsPrinter
from app.services import documents
from app.uow import Actor
from db.models import PrintJob
from tests.conftest import skip_or_fail
from tests.integration.test_documents import make_leaver_receipt
from tests.unit.printing.pdfs import page_count, page_texts

pytestmark = pytest.mark.cups

PRINTER = os.environ.get("LOAN_KIOSK_TEST_PRINTER", "")
OUT_DIR = os.environ.get("LOAN_KIOSK_TEST_PRINTER_OUT", "")
#: how long a job may take to come out of cups-pdf before the test gives up
PATIENCE_S = 90.0


def _cups(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(argv), capture_output=True, text=True, timeout=30,
                          env=dict(os.environ, LC_ALL="C"), check=False)


@pytest.fixture
def queue() -> Iterator[str]:
    """The test queue, enabled and accepting; left that way afterwards."""
    if not PRINTER or shutil.which("lpstat") is None or not OUT_DIR:
        skip_or_fail("CUPS not available: run .ci/setup-cups.sh")
    if _cups("lpstat", "-p", PRINTER).returncode != 0:
        skip_or_fail(f"CUPS queue {PRINTER!r} not found: run .ci/setup-cups.sh")
    _cups("cupsenable", PRINTER)
    _cups("cupsaccept", PRINTER)
    try:
        yield PRINTER
    finally:
        _cups("cupsenable", PRINTER)
        _cups("cupsaccept", PRINTER)


def _job_ids(ctx: AppContext) -> list[str]:
    with ctx.uow(Actor("t"), readonly=True) as uow:
        return [j or "" for j in uow.session.execute(
            select(PrintJob.system_job_id).order_by(PrintJob.id)).scalars()]


def _wait_for_outputs(job_ids: list[str]) -> list[Path]:
    """The cups-pdf file of each CUPS job (``…-job_<n>.pdf``), once it is complete."""
    wanted = {jid: f"-job_{jid.rsplit('-', 1)[1]}.pdf" for jid in job_ids}
    deadline = time.monotonic() + PATIENCE_S
    found: dict[str, Path] = {}
    while True:
        completed = _cups("lpstat", "-W", "completed", "-o", PRINTER).stdout
        for jid, suffix in wanted.items():
            if jid in found or jid not in completed.split():
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


def test_leaver_receipt_prints_two_copies_on_the_real_queue(app_ctx: AppContext, tech: Actor,
                                                            queue: str) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    app_ctx.settings.printing.printer = queue
    outcome = documents.queue_print(app_ctx, tech, number)
    assert outcome.printed, outcome.message
    assert outcome.message == f"Receipt {number} sent to printer '{queue}' (2 copies)"
    ids = _job_ids(app_ctx)
    assert len(ids) == 2 and all(j.startswith(f"{queue}-") for j in ids)
    archived = documents.archive_receipt(app_ctx, tech, number).read_bytes()
    for output in _wait_for_outputs(ids):
        printed = output.read_bytes()
        assert page_count(printed) == page_count(archived)
        assert number in " ".join(page_texts(printed))


def test_a_stopped_queue_keeps_the_job_until_it_is_enabled(app_ctx: AppContext, tech: Actor,
                                                           queue: str) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    assert _cups("cupsdisable", queue).returncode == 0
    outcome = documents.queue_print(app_ctx, tech, number, printer_name=queue)
    assert not outcome.printed
    assert outcome.message == (f"Printer '{queue}' is offline (its print queue is stopped) — "
                               f"receipt {number} saved, will print when it is back")
    assert _job_ids(app_ctx) == ["", ""]  # nothing handed to CUPS while it is stopped
    assert documents.retry_print_jobs(app_ctx, tech)[0].printed is False

    assert _cups("cupsenable", queue).returncode == 0
    (done,) = documents.retry_print_jobs(app_ctx, tech)
    assert done.printed and done.sent == 2, done.message
    outputs = _wait_for_outputs(_job_ids(app_ctx))
    assert len(outputs) == 2
    assert documents.pending_print_jobs(app_ctx) == []


def test_a_queue_rejecting_jobs_or_missing_is_named_plainly(app_ctx: AppContext, tech: Actor,
                                                           queue: str) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    assert _cups("cupsreject", queue).returncode == 0
    outcome = documents.queue_print(app_ctx, tech, number, printer_name=queue, copies=1)
    assert outcome.message == (f"Printer '{queue}' is not accepting jobs — receipt {number} "
                               "saved, will print when it is back")
    _cups("cupsaccept", queue)
    missing = documents.queue_print(app_ctx, tech, number, printer_name="NoSuchQueue", copies=1)
    assert missing.message == ("Printer 'NoSuchQueue' is not set up on this computer (no print "
                               f"queue named 'NoSuchQueue') — receipt {number} saved, will "
                               "print when it is back")
    assert CupsPrinter(queue).status().available
    assert not CupsPrinter("NoSuchQueue").status().available
