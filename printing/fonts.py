"""The bundled Unicode fonts (DejaVu Sans), registered with ReportLab once.

Documents never rely on system fonts: the TTFs ship inside the package
(``printing/fonts/``, licence in ``LICENSE-DejaVu.txt``) and are embedded,
subset, in every PDF, so Siân Ó Briain, Łukasz Żółć, Ζωή Παπαδοπούλου and
Дмитрий Иванов print as themselves on any computer.
"""

from __future__ import annotations

import threading
import unicodedata
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).with_name("fonts")

#: ReportLab font names of the regular and bold faces
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_lock = threading.Lock()
_registered = False
_covered: frozenset[int] = frozenset()

#: printed in place of a character the fonts cannot draw (never an empty box)
REPLACEMENT = "\ufffd"


def register_fonts() -> None:
    """Register the bundled faces (idempotent, thread-safe)."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / filename)))
        # so <b> in a Paragraph picks the bold face
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)
        addMapping(REGULAR, 1, 1, BOLD)
        global _covered
        faces = [pdfmetrics.getFont(name).face for name in _FILES]
        _covered = frozenset.intersection(*(frozenset(f.charToGlyph) for f in faces))
        _registered = True


def printable(text: str) -> str:
    """``text`` as it can be printed: characters the bundled fonts have no glyph for
    (emoji, for one) become U+FFFD "�" rather than an empty box; control
    characters (tabs, line breaks) become spaces."""
    register_fonts()
    out = []
    for ch in text:
        if unicodedata.category(ch) == "Cc":
            out.append(" ")
        elif ord(ch) in _covered:
            out.append(ch)
        else:
            out.append(REPLACEMENT)
    return "".join(out)
