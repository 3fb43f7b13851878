"""PDF pages as pixels, rendered by PDFium (pypdfium2): what a printer without a PDF
interpreter of ours is sent (the Qt printer draws these onto the paper).

Our documents are vector PDFs; a printer driven through Qt's print support
(Windows GDI, macOS, CUPS) takes painted pages, so each page is rendered at the
printer's resolution, one device pixel per image pixel, and painted unscaled.
The file is read into memory first: PDFium's own file opening does not take
every non-ASCII path on Windows (a Welsh or Polish user name in the profile).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import pypdfium2 as pdfium

#: PDF user-space units per inch
POINTS_PER_INCH = 72.0


class UnreadablePdf(ValueError):
    """The bytes are not a PDF that PDFium can open (or it has no pages)."""


@dataclass
class PageImage:
    """One rendered page: 8-bit RGB rows of ``stride`` bytes (``data`` stays valid until
    :meth:`close`)."""

    width: int
    height: int
    stride: int
    data: Any  # a buffer (ctypes array) owned by ``_bitmap``
    _bitmap: Any

    def close(self) -> None:
        self._bitmap.close()


class RasterDocument:
    """An open PDF whose pages can be rendered at any resolution. Use as a context manager."""

    def __init__(self, data: bytes) -> None:
        try:
            self._doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise UnreadablePdf(f"not a readable PDF ({exc})") from None
        if len(self._doc) == 0:
            self._doc.close()
            raise UnreadablePdf("the PDF has no pages")

    @classmethod
    def open(cls, path: Path) -> RasterDocument:
        return cls(path.read_bytes())

    def __len__(self) -> int:
        return len(self._doc)

    def page_size(self, index: int) -> tuple[float, float]:
        """Width and height of page ``index`` in points, as it is shown (rotation applied)."""
        width, height = self._doc[index].get_size()
        return float(width), float(height)

    def render(self, index: int, dpi: float) -> PageImage:
        """Page ``index`` at ``dpi``: RGB, white paper, forms drawn."""
        page = self._doc[index]
        try:
            # opaque white paper: 3 bytes a pixel, R G B
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True,
                                 fill_color=(255, 255, 255, 255))
        finally:
            page.close()
        if bitmap.mode != "RGB":  # pragma: no cover - PDFium's contract for an opaque fill
            bitmap.close()
            raise UnreadablePdf(f"PDFium rendered {bitmap.mode!r} pixels, not RGB")
        return PageImage(bitmap.width, bitmap.height, bitmap.stride, bitmap.buffer, bitmap)

    def close(self) -> None:
        self._doc.close()

    def __enter__(self) -> RasterDocument:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
