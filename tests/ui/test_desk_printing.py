"""The desk prints through the composition root's printer, and through Qt it does so on the
worker thread — the window keeps answering while PDFium renders the pages and Qt sends them."""

from __future__ import annotations

import threading
import uuid

import pytest

from app.bootstrap import printer_factory
from app.devices.printer import Printer
from app.services.receipts import get_receipt
from app.uow import Actor
from tests.integration.cups_queue import Spool, queue  # noqa: F401 - fixture
from tests.integration.test_documents import make_leaver_receipt
from tests.ui.desk import add_techs, sign_in, wait_idle
from tests.unit.printing.pdfs import assert_printed_matches, qr_payloads


def test_the_desk_prints_through_the_printer_the_composition_root_built(desk, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    assert desk.printer_factory is ui_ctx.printer_factory
    ui_ctx.settings.printing.backend = "qt"
    assert type(desk.printer_factory(ui_ctx.settings, None)).__name__ == "QtPrinter"
    ui_ctx.settings.printing.backend = "cups"
    assert type(desk.printer_factory(ui_ctx.settings, None)).__name__ == "CupsPrinter"


@pytest.mark.cups
def test_a_receipt_printed_at_the_desk_through_qt_is_rendered_and_sent_on_the_worker(  # type: ignore[no-untyped-def]
        qtbot, build_desk, ui_ctx, queue: str) -> None:  # noqa: F811
    ctx = ui_ctx
    add_techs(ctx)
    ctx.settings.printing.backend = "qt"
    ctx.settings.printing.printer = queue
    tech = Actor(f"tech-{uuid.uuid4().hex[:10]}", "technician")  # this run's receipt is unique
    number = make_leaver_receipt(ctx, tech)
    with ctx.uow(tech, readonly=True) as uow:
        payload = f"LKR:{number}:{get_receipt(uow, number).content_sha256[:16]}"
    threads: list[threading.Thread] = []
    real = printer_factory()  # what the composition root hands the desk

    def watching(settings, name=None) -> Printer:  # type: ignore[no-untyped-def]
        printer = real(settings, name)
        submit = printer.submit

        def on_which_thread(path, **kwargs):  # type: ignore[no-untyped-def]
            threads.append(threading.current_thread())
            return submit(path, **kwargs)

        printer.submit = on_which_thread  # type: ignore[method-assign]
        return printer

    desk = build_desk(printer_factory=watching)  # as the composition root hands it in
    sign_in(qtbot, desk)
    spool = Spool()
    desk.print_receipt(number)
    wait_idle(qtbot, desk)
    qtbot.waitUntil(lambda: "sent to" in desk.banner.message, timeout=60000)
    assert desk.banner.message == f"Receipt {number} sent to printer '{queue}' (2 copies)"
    assert len(threads) == 2 and threading.main_thread() not in threads
    archived = (ctx.paths.data_dir / "documents").rglob(f"{number}.pdf")
    expected = next(archived).read_bytes()
    for printed in spool.wait_for(payload, 2):
        assert_printed_matches(expected, printed.read_bytes())
        assert qr_payloads(printed.read_bytes()) == [[payload]]
