"""Every kind of document on the real CUPS PDF queue through both backends: the loan
acknowledgement, the trip phone sheet and a QR label sheet (the leaver's receipt is in
test_cups_printing.py). What arrives is compared with the app's own PDF and every QR
code on it decoded; a stopped queue holds the labels back with a plain reason."""

from __future__ import annotations

import uuid

import pytest

from app.bootstrap import AppContext, printer_factory
from app.devices.printer import PrinterUnavailable
from app.services import documents
from app.services.receipts import get_receipt
from app.uow import Actor
from tests.factories import add_asset, school
from tests.integration.cups_queue import Spool, cups, queue  # noqa: F401 - fixture
from tests.integration.test_documents import make_loan_ack, make_trip
from tests.unit.printing.pdfs import assert_printed_matches, qr_payloads

pytestmark = pytest.mark.cups


@pytest.fixture(params=["cups", "qt"])
def backend(request: pytest.FixtureRequest, app_ctx: AppContext, queue: str) -> str:  # noqa: F811
    if request.param == "qt":
        request.getfixturevalue("qapp")
    app_ctx.settings.printing.backend = request.param
    app_ctx.settings.printing.printer = queue
    return str(request.param)


@pytest.fixture
def tech() -> Actor:
    """Named for this run, so its documents (and their QR payloads) are unique on the queue."""
    return Actor(f"tech-{uuid.uuid4().hex[:10]}", "technician")


def print_and_collect(ctx: AppContext, actor: Actor, number: str, backend: str) -> bytes:
    spool = Spool()
    outcome = documents.queue_print(ctx, actor, number)
    assert outcome.printed, outcome.message
    with ctx.uow(actor, readonly=True) as uow:
        payload = f"LKR:{number}:{get_receipt(uow, number).content_sha256[:16]}"
    (printed,) = spool.wait_for(payload, 1)
    data = printed.read_bytes()
    archived = documents.archive_receipt(ctx, actor, number).read_bytes()
    assert_printed_matches(archived, data, redrawn=backend == "cups")
    assert qr_payloads(data) == qr_payloads(archived)
    assert [code for page in qr_payloads(data) for code in page] == [payload]
    return data


def test_a_loan_acknowledgement_prints(app_ctx: AppContext, tech: Actor, backend: str) -> None:
    print_and_collect(app_ctx, tech, make_loan_ack(app_ctx, tech), backend)


def test_a_trip_phone_sheet_prints(app_ctx: AppContext, tech: Actor, backend: str) -> None:
    make_trip(app_ctx, tech, ["PH-0001", "PH-0002"])
    number, _path = documents.render_trip_sheet(app_ctx, tech, "Year 9 Iceland")
    print_and_collect(app_ctx, tech, number, backend)


def test_a_label_sheet_prints_and_every_label_scans(app_ctx: AppContext, backend: str) -> None:
    run = uuid.uuid4().hex[:6].upper()
    tags = [f"LT-{run}-{i:02d}" for i in range(1, 15)]  # a full L7163 sheet, unique to this run
    for tag in tags:
        add_asset(app_ctx, tag)
    sheet = documents.render_labels(app_ctx, tags=tags, template="avery-l7163")
    path = app_ctx.paths.documents_dir / "labels" / "labels.pdf"
    documents.write_output(path, sheet, overwrite=True)
    spool = Spool()
    printer = app_ctx.printer_factory(app_ctx.settings, None)  # as the desk's labels screen does
    printer.submit(path, copies=1, title="Asset labels")
    (printed,) = spool.wait_for(tags[0], 1)
    data = printed.read_bytes()
    assert_printed_matches(sheet, data, redrawn=backend == "cups")
    assert sorted(qr_payloads(data)[0]) == tags


@pytest.mark.stops_queue
def test_labels_for_a_stopped_queue_are_held_back_with_a_reason(
        app_ctx: AppContext, queue: str, backend: str) -> None:  # noqa: F811
    school(app_ctx)
    path = app_ctx.paths.documents_dir / "labels" / "labels.pdf"
    documents.write_output(path, documents.render_labels(app_ctx, tags=["LT-0001"]), overwrite=True)
    printer = printer_factory(backend)(app_ctx.settings, queue)
    assert cups("cupsdisable", queue).returncode == 0
    try:
        with pytest.raises(PrinterUnavailable) as err:
            printer.submit(path, title="Asset labels")
    finally:
        cups("cupsenable", queue)
    assert err.value.message == f"Printer '{queue}' is offline (its print queue is stopped)"
