"""Printing through a real CUPS server with a PDF printer (cups-pdf), on both backends:
CUPS's ``lp`` and Qt's print support (which on Linux hands its job to the same CUPS).

Needs ``.ci/setup-cups.sh`` (run as root), which sets up the queue and prints
``LOAN_KIOSK_TEST_PRINTER`` and ``LOAN_KIOSK_TEST_PRINTER_OUT``. Without them
these tests skip locally and fail in CI (``LOAN_KIOSK_REQUIRE_ALL=1``).
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext, printer_factory
from app.config import Settings
from app.devices.printer import CupsPrinter
from app.services import documents
from app.services.receipts import get_receipt
from app.uow import Actor
from db.models import PrintJob
from tests.integration.cups_queue import Spool, cups, queue, wait_for_outputs
from tests.integration.test_documents import make_leaver_receipt
from tests.unit.printing.pdfs import assert_printed_matches, qr_payloads

__all__ = ["_wait_for_outputs", "queue"]  # the desk's hardware flows print here too

pytestmark = pytest.mark.cups

_wait_for_outputs = wait_for_outputs


@pytest.fixture(params=["cups", "qt"])
def backend(request: pytest.FixtureRequest) -> str:
    """Each backend in turn; Qt printing runs in this process's QApplication (pytest-qt's)."""
    if request.param == "qt":
        request.getfixturevalue("qapp")
    return str(request.param)


@pytest.fixture
def tech() -> Actor:
    """A technician named for this run: the receipt (and its QR payload) is unique to it, so
    what this test printed is told apart from other runs' jobs on the shared queue."""
    return Actor(f"tech-{uuid.uuid4().hex[:10]}", "technician")


def job_ids(ctx: AppContext) -> list[str]:
    with ctx.uow(Actor("t"), readonly=True) as uow:
        return [j or "" for j in uow.session.execute(
            select(PrintJob.system_job_id).order_by(PrintJob.id)).scalars()]


def payload(ctx: AppContext, number: str) -> str:
    with ctx.uow(Actor("t"), readonly=True) as uow:
        return f"LKR:{number}:{get_receipt(uow, number).content_sha256[:16]}"


def test_leaver_receipt_prints_two_copies_on_the_real_queue(app_ctx: AppContext, tech: Actor,
                                                            queue: str, backend: str) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    app_ctx.settings.printing.printer = queue
    app_ctx.settings.printing.backend = backend
    spool = Spool()
    outcome = documents.queue_print(app_ctx, tech, number)  # the composition root's printer
    assert outcome.printed, outcome.message
    assert outcome.message == f"Receipt {number} sent to printer '{queue}' (2 copies)"
    ids = job_ids(app_ctx)
    if backend == "cups":
        assert len(ids) == 2 and all(j.startswith(f"{queue}-") for j in ids)
    else:
        assert ids == ["", ""]  # Qt reports no job id
    archived = documents.archive_receipt(app_ctx, tech, number).read_bytes()
    outputs = spool.wait_for(payload(app_ctx, number), 2)
    for output in outputs:
        printed = output.read_bytes()
        assert_printed_matches(archived, printed, redrawn=backend == "cups")
        assert qr_payloads(printed) == qr_payloads(archived)


@pytest.mark.stops_queue
def test_a_stopped_queue_keeps_the_job_until_it_is_enabled(app_ctx: AppContext, tech: Actor,
                                                           queue: str, backend: str) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    printers = printer_factory(backend)
    spool = Spool()
    assert cups("cupsdisable", queue).returncode == 0
    outcome = documents.queue_print(app_ctx, tech, number, printer_name=queue,
                                    printer_factory=printers)
    assert not outcome.printed
    assert outcome.message == (f"Printer '{queue}' is offline (its print queue is stopped) — "
                               f"receipt {number} saved, will print when it is back")
    assert job_ids(app_ctx) == ["", ""]  # nothing handed to CUPS while it is stopped
    assert documents.retry_print_jobs(app_ctx, tech, printers)[0].printed is False

    assert cups("cupsenable", queue).returncode == 0
    (done,) = documents.retry_print_jobs(app_ctx, tech, printers)
    assert done.printed and done.sent == 2, done.message
    assert len(spool.wait_for(payload(app_ctx, number), 2)) == 2
    assert documents.pending_print_jobs(app_ctx) == []


@pytest.mark.stops_queue
def test_a_queue_rejecting_jobs_or_missing_is_named_plainly(app_ctx: AppContext, tech: Actor,
                                                           queue: str, backend: str) -> None:
    number = make_leaver_receipt(app_ctx, tech)
    printers = printer_factory(backend)
    spool = Spool()
    assert cups("cupsreject", queue).returncode == 0
    outcome = documents.queue_print(app_ctx, tech, number, printer_name=queue, copies=1,
                                    printer_factory=printers)
    assert outcome.message == (f"Printer '{queue}' is not accepting jobs — receipt {number} "
                               "saved, will print when it is back")
    cups("cupsaccept", queue)
    missing = documents.queue_print(app_ctx, tech, number, printer_name="NoSuchQueue", copies=1,
                                    printer_factory=printers)
    assert missing.message == ("Printer 'NoSuchQueue' is not set up on this computer (no print "
                               f"queue named 'NoSuchQueue') — receipt {number} saved, will "
                               "print when it is back")
    assert printers(app_ctx.settings, queue).status().available
    assert not printers(app_ctx.settings, "NoSuchQueue").status().available
    assert CupsPrinter(queue).status().available
    spool.nothing_new_with(payload(app_ctx, number))  # the refused job was kept, not sent
    (back,) = documents.retry_print_jobs(app_ctx, tech, printers)  # both jobs, one receipt
    assert back.sent == 1 and back.waiting == 1  # NoSuchQueue is still missing
    assert len(spool.wait_for(payload(app_ctx, number), 1)) == 1


@pytest.mark.stops_queue
def test_qt_on_its_own_sees_a_stopped_queue_but_not_a_refusing_one(queue: str, qapp) -> None:  # type: ignore[no-untyped-def]
    """What Qt reports without lpstat's help (as on Windows, where there is no lpstat): a
    stopped queue is an error state; a queue refusing jobs looks idle — which is why, where
    Qt prints through CUPS, the Qt printer asks lpstat too."""
    from ui.printing.qt_printer import QtPrinter

    alone = QtPrinter(queue, queue_check=None)
    assert alone.status().available
    assert cups("cupsdisable", queue).returncode == 0
    try:
        assert alone.status().message == (f"Printer '{queue}' is offline (it is paused or "
                                          "stopped, or reports an error)")
    finally:
        cups("cupsenable", queue)
    assert cups("cupsreject", queue).returncode == 0
    try:
        assert alone.status().available  # Qt cannot tell
        assert printer_factory("qt")(Settings(), queue).status().message == \
            f"Printer '{queue}' is not accepting jobs"
    finally:
        cups("cupsaccept", queue)
