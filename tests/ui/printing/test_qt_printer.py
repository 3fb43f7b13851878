"""The printer on Qt's print support, where no print queue is needed: the choices it makes
(resolution, paper, two-sided), what it paints (through Qt's own PDF engine: the pages
that come out are compared with the app's rendering and their QR codes read), and how a
missing printer is named. The real CUPS queue runs in tests/integration/test_cups_printing.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter

from app.devices.printer import PrinterUnavailable
from app.fingerprint import seal
from printing.labels import AssetLabel, render_labels
from printing.render import render_receipt
from tests.unit.printing import samples
from tests.unit.printing.pdfs import assert_printed_matches, page_sizes, qr_payloads
from ui.printing.qt_app import needs_offscreen
from ui.printing.qt_printer import (
    QtPrinter,
    choose_duplex,
    choose_resolution,
    page_layout_for,
    paint_pdf,
)

Duplex = QPrinter.DuplexMode
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _gui(qapp) -> None:  # type: ignore[no-untyped-def]
    """Qt printing needs the application object (pytest-qt's here; the desk's, the CLI's)."""


def pdf_printer(path: Path, dpi: int = 300) -> QPrinter:
    """A QPrinter writing a PDF file: Qt's own PDF engine, which its CUPS engine also uses."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(dpi)
    return printer


@pytest.mark.parametrize(("offered", "chosen"), [
    ([150, 300, 600, 1200, 2400], 300),  # cups-pdf
    ([600, 1200], 600),  # a laser that lists only its fine modes
    ([200, 400], 200),  # a tie goes to the lighter job
    ([], 300),  # a driver that lists none: ask for 300
    ([0, -1], 300),
])
def test_the_resolution_is_the_printers_nearest_to_300_dpi(offered: list[int], chosen: int) -> None:
    assert choose_resolution(offered) == chosen


def test_two_sided_only_when_asked_and_offered() -> None:
    both = [Duplex.DuplexNone, Duplex.DuplexAuto, Duplex.DuplexLongSide, Duplex.DuplexShortSide]
    assert choose_duplex(both, True) == Duplex.DuplexLongSide
    assert choose_duplex([Duplex.DuplexNone, Duplex.DuplexAuto], True) == Duplex.DuplexAuto
    assert choose_duplex([Duplex.DuplexNone], True) == Duplex.DuplexNone
    assert choose_duplex(both, False) == Duplex.DuplexNone  # labels: never on the back


def test_the_paper_is_the_settings_unless_the_document_is_made_for_other_stock() -> None:
    a4 = (595.28, 841.89)
    letter = (612.0, 792.0)
    roll = (62 / 25.4 * 72, 29 / 25.4 * 72)
    assert page_layout_for(*a4, "A4").pageSize().id() == QPageSize.PageSizeId.A4
    assert page_layout_for(*letter, "Letter").pageSize().id() == QPageSize.PageSizeId.Letter
    # an A4 label sheet on a Letter desk stays A4, and a Letter receipt on an A4 desk Letter
    assert page_layout_for(*a4, "Letter").pageSize().id() == QPageSize.PageSizeId.A4
    assert page_layout_for(*letter, "A4").pageSize().id() == QPageSize.PageSizeId.Letter
    layout = page_layout_for(*roll, "A4")
    assert layout.orientation() == QPageLayout.Orientation.Landscape
    size = layout.fullRect(QPageLayout.Unit.Millimeter)
    assert (round(size.width()), round(size.height())) == (62, 29)
    assert layout.margins().isNull()


def test_a_receipt_painted_through_qt_matches_the_apps_rendering(tmp_path: Path) -> None:
    pdf = render_receipt(seal(samples.leaver_content()), samples.signature())
    out = tmp_path / "printed.pdf"
    paint_pdf(pdf_printer(out), pdf, paper="A4")
    printed = out.read_bytes()
    assert_printed_matches(pdf, printed)
    (codes,) = qr_payloads(printed)
    assert codes == qr_payloads(pdf)[0] and codes[0].startswith("LKR:R-2026-0042:")


def test_copies_are_painted_again_where_the_printer_cannot_make_them(tmp_path: Path) -> None:
    pdf = render_receipt(seal(samples.leaver_content(
        [samples.leaver_item(i) for i in range(1, 40)])), samples.signature())
    out = tmp_path / "printed.pdf"
    printer = pdf_printer(out)
    assert not printer.supportsMultipleCopies()  # Qt's PDF engine makes no copies itself
    paint_pdf(printer, pdf, copies=2)
    printed = out.read_bytes()
    assert_printed_matches(pdf, printed, copies=2)  # collated: 1 2 1 2
    assert len(page_sizes(pdf)) == 2


def test_every_label_on_a_sheet_printed_through_qt_scans(tmp_path: Path) -> None:
    tags = [f"LT-{i:04d}" for i in range(1, 66)]
    sheet = render_labels([AssetLabel(t, t, "laptop", "Ysgol Gymraeg Aberystwyth") for t in tags],
                          "avery-l7651")
    out = tmp_path / "labels.pdf"
    paint_pdf(pdf_printer(out), sheet, paper="Letter")  # A4 stock on a Letter desk
    printed = out.read_bytes()
    assert_printed_matches(sheet, printed)
    assert sorted(qr_payloads(printed)[0]) == tags


def test_a_roll_label_prints_on_its_own_landscape_size(tmp_path: Path) -> None:
    roll = render_labels([AssetLabel("LT-0001", "LT-0001", "laptop", "Example Academy")],
                         "roll-62x29")
    out = tmp_path / "roll.pdf"
    paint_pdf(pdf_printer(out), roll)
    printed = out.read_bytes()
    assert_printed_matches(roll, printed)
    assert qr_payloads(printed, dpi=600) == [["LT-0001"]]


def test_a_printer_that_is_not_there_is_named_plainly(tmp_path: Path) -> None:
    printer = QtPrinter("No Such Printer Ł")
    status = printer.status()
    assert not status.available
    assert status.message == ("Printer 'No Such Printer Ł' is not set up on this computer "
                              "(no print queue named 'No Such Printer Ł')")
    doc = tmp_path / "r.pdf"
    doc.write_bytes(render_receipt(seal(samples.leaver_content())))
    with pytest.raises(PrinterUnavailable) as err:
        printer.submit(doc, title="Receipt R-2026-0042")
    assert err.value.printer == "No Such Printer Ł" and err.value.reason.startswith("is not set up")


def test_a_queue_check_that_refuses_keeps_the_job(tmp_path: Path) -> None:
    """Where CUPS is the print system, its word on the queue comes first (see the CUPS tests)."""
    def refusing(queue: str) -> None:
        raise PrinterUnavailable(queue, "is not accepting jobs")

    printer = QtPrinter("No Such Printer", queue_check=refusing)
    assert "is not set up" in printer.status().message  # missing is found before asking CUPS


@pytest.mark.parametrize(("platform", "env", "offscreen"), [
    ("linux", {}, True), ("linux", {"QT_QPA_PLATFORM": "xcb"}, False),
    ("win32", {}, False), ("darwin", {}, False),
])
def test_an_on_demand_application_is_offscreen_only_where_printing_needs_no_display(
        platform: str, env: dict[str, str], offscreen: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert needs_offscreen(platform) is offscreen


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    import os

    clean = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY",
                                                              "WAYLAND_DISPLAY")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, env={**clean, **env}, timeout=120)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the offscreen default is Linux's")
def test_a_process_without_qt_gets_an_offscreen_application_on_demand() -> None:
    """As the CLI does when it prints through Qt: no display, no QT_QPA_PLATFORM, even an
    unreachable DISPLAY (which would make Qt's xcb platform abort the process)."""
    code = ("from ui.printing.qt_app import ensure_gui_application as e; app = e(); "
            "print(app.platformName(), e() is app)")
    for env in ({}, {"DISPLAY": ":97"}):
        proc = _python(code, **env)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.split() == ["offscreen", "True"]


def test_a_worker_thread_cannot_start_qt_but_says_why_in_words() -> None:
    code = ("import threading\nfrom ui.printing.qt_printer import QtPrinter\nout = []\n"
            "t = threading.Thread(target=lambda: out.append(QtPrinter('X').status().message))\n"
            "t.start(); t.join(); print(out[0])")
    proc = _python(code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ("Printer 'X' cannot be used: Qt printing must first be "
                                   "started from the program's main thread")
