"""Printing labels and opening PDFs from the desk: a printer that is away or a computer with no
PDF viewer is said in plain words, and nothing is lost."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from sqlalchemy import select

from app.uow import SYSTEM
from db.models import PrintJob
from tests.factories import school
from tests.ui.desk import sign_in, wait_idle


def open_labels(qtbot, desk):  # type: ignore[no-untyped-def]
    school(desk.ctx)
    sign_in(qtbot, desk)
    desk.header.nav["admin"].click()
    wait_idle(qtbot, desk)
    lt = desk.controller("admin").view.labels
    lt.tags.setText("LT-0001 LT-0002 PH-0001")
    return lt


def jobs(desk) -> list[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        return [(j.title, j.state, j.document) for j in uow.session.execute(
            select(PrintJob).order_by(PrintJob.id)).scalars()]


def test_labels_for_a_printer_that_is_away_are_queued_and_printed_later(qtbot, desk, printer) -> None:  # type: ignore[no-untyped-def]
    lt = open_labels(qtbot, desk)
    printer.go_offline()
    lt.print.click()
    wait_idle(qtbot, desk)
    message = desk.banner.message
    assert desk.banner.level == "warn"
    assert message.startswith("Printer 'DeskPrinter' is offline — the labels are saved and will "
                              "print when it is back (")
    assert "Something went wrong" not in message and "PrinterUnavailable" not in message
    ((title, state, document),) = jobs(desk)
    assert (title, state) == ("Asset labels (3 labels)", "queued")
    assert (desk.ctx.paths.data_dir / document).read_bytes().startswith(b"%PDF")
    printer.go_online()
    assert desk.upkeep.retry_prints()
    wait_idle(qtbot, desk)
    assert jobs(desk)[0][1] == "done" and len(printer.jobs) == 1
    assert "Printed after waiting: Asset labels (3 labels) sent to the default printer" in \
        desk.banner.message


def test_labels_with_no_such_printer_on_this_computer(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    """The real print system (CUPS, or none at all): a printer name that is not there."""
    lt = open_labels(qtbot, desk)
    desk.ctx.settings.printing.printer = "NoSuchPrinter-i11"
    lt.print.click()
    wait_idle(qtbot, desk)
    assert desk.banner.level == "warn"
    assert desk.banner.message.startswith("Printer 'NoSuchPrinter-i11' ")
    assert "the labels are saved and will print when it is back" in desk.banner.message
    assert "Error" not in desk.banner.message and "Something went wrong" not in desk.banner.message
    assert [j[1] for j in jobs(desk)] == ["queued"]


def test_a_label_sheet_with_no_pdf_viewer_says_where_it_is(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    lt = open_labels(qtbot, desk)
    lt.save.click()  # the offscreen test platform has no viewer: openUrl answers False
    wait_idle(qtbot, desk)
    assert desk.banner.level == "warn"
    message = desk.banner.message
    assert message.startswith("The label sheet is saved as ")
    assert "this computer has no program set up to open it" in message
    path = Path(message.split("saved as ", 1)[1].split(", but", 1)[0])
    assert path.read_bytes().startswith(b"%PDF")


class Viewer(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def show(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


def test_a_label_sheet_opens_in_the_viewer_when_there_is_one(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    viewer = Viewer()
    QDesktopServices.setUrlHandler("file", viewer, "show")
    try:
        lt = open_labels(qtbot, desk)
        lt.save.click()
        wait_idle(qtbot, desk)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert desk.banner.level == "ok" and desk.banner.message.startswith("Labels saved to ")
    assert len(viewer.opened) == 1 and viewer.opened[0].endswith(".pdf")


def test_a_receipt_pdf_with_no_viewer_is_said(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    from app.services.loans import check_out
    from app.services.receipts import loan_ack
    from app.uow import Actor

    school(desk.ctx)
    with desk.ctx.uow(Actor("alice", "admin")) as uow:
        number = loan_ack(uow, check_out(uow, "LT-0001", "AB1").loans).number
        uow.commit()
    sign_in(qtbot, desk)
    desk.show_screen("receipt")
    rc = desk.controller("receipt")
    rc.load_number(number)
    wait_idle(qtbot, desk)
    rc.view.open.click()
    wait_idle(qtbot, desk)
    assert desk.banner.level == "warn"
    assert desk.banner.message.startswith(f"Receipt {number} is saved as ")
    assert "no program set up to open it" in desk.banner.message
