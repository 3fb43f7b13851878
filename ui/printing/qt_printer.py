"""A :class:`~app.devices.printer.Printer` on Qt's print support: Windows, macOS and Linux.

``QPrinterInfo`` lists the printers, names the default and reports each one's
state; ``QPrinter`` + ``QPainter`` print. Each PDF page is rendered by PDFium
(:mod:`printing.raster`) at the printer's resolution and painted unscaled, one
image pixel to one device pixel, losslessly (QR codes stay sharp); the paper is
the settings' page size (a document made for other stock — A4 label sheets on a
Letter desk, a 62 × 29 mm roll — keeps its own size: nothing is ever scaled);
copies go to the print system as one job; two-sided where asked for and the
printer offers it.

Printing runs on whichever thread calls :meth:`QtPrinter.submit` — in the desk,
the worker, never the GUI thread. Qt allows that: "QPainter can be used in a
thread to paint onto QImage, QPrinter, QPicture, and (for most platforms) QPixmap
paint devices. Painting onto QWidgets is not supported." — with one thread at a
time on a given device (https://doc.qt.io/qt-6/threads-modules.html, "Painting in
Threads"). Each job has its own QPrinter, made and painted on one thread; the
desk's worker runs one job at a time; nothing here touches a widget or a font.

A printer that is missing, paused, stopped or in error raises
:class:`~app.devices.printer.PrinterUnavailable` before anything is painted, so
the job stays queued and is retried like any other. Where Qt prints through CUPS
(Linux, macOS) Qt does not say whether a queue refuses jobs (and its CUPS engine
drops such a job without a word), so there the queue is also asked with
``lpstat`` when that is installed.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from app.devices.printer import CupsPrinter, PrinterStatus, PrinterUnavailable, ready_status
from printing.raster import POINTS_PER_INCH, RasterDocument, UnreadablePdf
from ui.printing.qt_app import NoGuiApplication, ensure_gui_application

#: the resolution pages are rendered at when the printer offers it: 7+ device pixels per
#: QR module on the smallest labels and crisp 8 pt text, at 26 MB a page (600 dpi: 104 MB)
PREFERRED_DPI = 300
#: a page whose size is within this many points of the paper setting is printed on it
SIZE_SLACK_PT = 2.0
PAPER_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}

#: checks a CUPS queue by name; raises PrinterUnavailable (None: no such check here)
QueueCheck = Callable[[str], object]


def cups_queue_check(platform: str = sys.platform) -> QueueCheck | None:
    """``lpstat``'s view of a queue where Qt prints through CUPS and ``lpstat`` is installed."""
    if platform.startswith(("win", "cygwin")) or shutil.which("lpstat") is None:
        return None
    return lambda queue: CupsPrinter(queue).check()


def choose_resolution(supported: Sequence[int], preferred: int = PREFERRED_DPI) -> int:
    """The printer's resolution nearest ``preferred`` (the lower one on a tie)."""
    offered = [r for r in supported if r > 0]
    if not offered or preferred in offered:
        return preferred
    return min(offered, key=lambda r: (abs(r - preferred), r))


def choose_duplex(supported: Sequence[QPrinter.DuplexMode], wanted: bool) -> QPrinter.DuplexMode:
    """Long-edge two-sided if wanted and offered (portrait documents), else one-sided."""
    if wanted:
        for mode in (QPrinter.DuplexMode.DuplexLongSide, QPrinter.DuplexMode.DuplexAuto):
            if mode in supported:
                return mode
    return QPrinter.DuplexMode.DuplexNone


def page_layout_for(width_pt: float, height_pt: float, paper: str) -> QPageLayout:
    """The paper for a page of this size: the setting's paper if the page is that size,
    else the page's own size (matched to a standard size when it is one)."""
    short, long = sorted((width_pt, height_pt))
    orientation = (QPageLayout.Orientation.Landscape if width_pt > height_pt
                   else QPageLayout.Orientation.Portrait)
    size = QPageSize(PAPER_SIZES.get(paper, QPageSize.PageSizeId.A4))
    points = size.definitionSize() if size.definitionUnits() == QPageSize.Unit.Point \
        else size.size(QPageSize.Unit.Point)
    if abs(points.width() - short) > SIZE_SLACK_PT or abs(points.height() - long) > SIZE_SLACK_PT:
        size = QPageSize(QSizeF(short, long), QPageSize.Unit.Point, "",
                         QPageSize.SizeMatchPolicy.FuzzyMatch)
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def paint_pdf(printer: QPrinter, data: bytes, *, paper: str = "A4", copies: int = 1,
              label: str | None = None) -> None:
    """Paint every page of the PDF ``data`` onto ``printer`` (a job is sent when it ends).

    ``copies`` go to the print system as one job's copy count where it takes one;
    otherwise the pages are painted that many times, collated. Raises
    :class:`PrinterUnavailable` (named ``label``) when the printer will not start or
    finish the job.
    """
    copies = max(1, copies)
    with RasterDocument(data) as doc:
        layouts = [page_layout_for(*doc.page_size(i), paper) for i in range(len(doc))]
        printer.setFullPage(True)  # (0, 0) is the paper's corner: pages land where they were set
        printer.setPageLayout(layouts[0])
        by_system = copies == 1 or printer.supportsMultipleCopies()
        printer.setCopyCount(copies if by_system else 1)
        printer.setCollateCopies(True)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrinterUnavailable(label, "did not take the job (the print system refused "
                                            "to start it)")
        try:
            painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
            first = True
            for _copy in range(1 if by_system else copies):
                for index, layout in enumerate(layouts):
                    if not first:
                        if not printer.pageLayout().isEquivalentTo(layout):
                            printer.setPageLayout(layout)
                        printer.newPage()
                    first = False
                    _paint_page(painter, doc, index, printer.resolution())
        except BaseException:
            printer.abort()
            raise
        finally:
            finished = painter.end()
        if not finished:
            raise PrinterUnavailable(label, "did not take the job (the print system could not "
                                            "finish it)")


def _paint_page(painter: QPainter, doc: RasterDocument, index: int, dpi: int) -> None:
    """Page ``index`` over exactly the page's area: PDFium fits the page to whole pixels
    (2480 × 3509 for A4 at 300 dpi, which is 2479.2 × 3507.9), so the image goes back
    onto the page's true size, not pixel for pixel, or it would sit 0.1 mm too large."""
    width_pt, height_pt = doc.page_size(index)
    scale = dpi / POINTS_PER_INCH
    page = doc.render(index, dpi)
    try:
        image = QImage(page.data, page.width, page.height, page.stride, QImage.Format.Format_RGB888)
        # the engine encodes (or sends) the pixels now, before ``page`` is closed
        painter.drawImage(QRectF(0, 0, width_pt * scale, height_pt * scale), image)
    finally:
        page.close()


class QtPrinter:
    """A printer as Qt's print support sees it. ``name`` None: the system default printer."""

    def __init__(self, name: str | None = None, *, page_size: str = "A4",
                 queue_check: QueueCheck | None = None) -> None:
        self._name = name or None
        self.page_size = page_size
        self._queue_check = queue_check

    @property
    def name(self) -> str | None:
        return self._name

    def _info(self) -> QPrinterInfo:
        """The printer, if it can print now; else raise :class:`PrinterUnavailable`."""
        try:
            ensure_gui_application()
        except NoGuiApplication as exc:
            raise PrinterUnavailable(self._name, f"cannot be used: {exc}") from None
        if self._name:
            info = QPrinterInfo.printerInfo(self._name)
            if info.isNull():
                raise PrinterUnavailable(self._name, f"is not set up on this computer (no print "
                                                     f"queue named '{self._name}')")
        else:
            info = QPrinterInfo.defaultPrinter()
            if info.isNull():
                raise PrinterUnavailable(None, "is not set: no printer is chosen in the settings "
                                               "and this computer has no default printer")
        if self._queue_check is not None:  # CUPS's own words, where it is the print system
            try:
                self._queue_check(info.printerName())
            except PrinterUnavailable as exc:
                raise PrinterUnavailable(self._name, exc.reason) from None
        if info.state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
            raise PrinterUnavailable(self._name, "is offline (it is paused or stopped, or "
                                                 "reports an error)")
        return info

    def status(self) -> PrinterStatus:
        return ready_status(self._name, lambda: self._info().printerName())

    def submit(self, path: Path, *, copies: int = 1, title: str = "", duplex: bool = False) -> str:
        """Print ``path``; Qt gives no job id, so the answer is ""."""
        info = self._info()
        data = path.read_bytes()
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title or path.stem)
        printer.setCreator("Loan Kiosk")
        printer.setResolution(choose_resolution(info.supportedResolutions()))
        printer.setDuplex(choose_duplex(info.supportedDuplexModes(), duplex))
        try:
            paint_pdf(printer, data, paper=self.page_size, copies=copies, label=self._name)
        except UnreadablePdf as exc:
            raise ValueError(f"{path.name} cannot be printed: {exc}") from None
        return ""


def make_qt_printer(name: str | None = None, *, page_size: str = "A4") -> QtPrinter:
    """The Qt printer as the composition root builds it: with ``lpstat``'s word on whether
    the queue takes jobs where Qt prints through CUPS (see the module's docstring)."""
    return QtPrinter(name, page_size=page_size, queue_check=cups_queue_check())
