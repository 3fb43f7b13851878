"""The bundled Unicode fonts (DejaVu Sans), registered with ReportLab once.

Documents never rely on system fonts: the TTFs ship inside the package
(``printing/fonts/``, licence in ``LICENSE-DejaVu.txt``) and are embedded,
subset, in every PDF, so Siân Ó Briain, Łukasz Żółć, Ζωή Παπαδοπούλου and
Дмитрий Иванов print as themselves on any computer.
"""

from __future__ import annotations

import threading
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
        _registered = True
