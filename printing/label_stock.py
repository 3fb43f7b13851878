"""Label stocks: the sheets and rolls labels are printed on, as plain data.

Kept apart from :mod:`printing.labels` (which draws them with ReportLab) so that naming the
stocks — the CLI's ``--template`` choices, the admin screen's list — does not import
ReportLab: every ``loan-kiosk`` command builds its argument parser, and ReportLab's
platypus was a third of a short command's start-up.
"""

from __future__ import annotations

from dataclasses import dataclass

#: one millimetre in PDF points, computed as ``reportlab.lib.units.mm`` is (the same float)
mm = 72.0 / 2.54 * 0.1


@dataclass(frozen=True)
class LabelTemplate:
    """A label stock: all lengths in millimetres, positions counted row by row from the top left."""

    key: str
    name: str
    page_width: float
    page_height: float
    label_width: float
    label_height: float
    columns: int
    rows: int
    left: float  # page edge to the first label's left edge
    top: float  # page edge to the first label's top edge
    pitch_x: float  # left edge to left edge of neighbouring labels
    pitch_y: float
    padding: float  # clear margin inside each label (die-cut tolerance, rounded corners)
    tag_size: float  # largest font size of the tag text, points
    max_qr: float  # largest QR code (with quiet zone), mm

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def label_box(self, position: int) -> tuple[float, float, float, float]:
        """(x, y, width, height) in points, PDF coordinates, of 0-based ``position`` on a sheet."""
        if not 0 <= position < self.per_sheet:
            raise ValueError(f"position {position + 1} is not on a {self.name} sheet")
        row, col = divmod(position, self.columns)
        x = self.left + col * self.pitch_x
        y_top = self.top + row * self.pitch_y
        return (x * mm, (self.page_height - y_top - self.label_height) * mm,
                self.label_width * mm, self.label_height * mm)


TEMPLATES: dict[str, LabelTemplate] = {
    t.key: t
    for t in (
        LabelTemplate(
            "avery-l7163", "Avery L7163 (14 per A4 sheet, 99.1 × 38.1 mm)",
            210, 297, 99.1, 38.1, 2, 7, left=4.65, top=15.15, pitch_x=101.6, pitch_y=38.1,
            padding=3, tag_size=18, max_qr=30,
        ),
        LabelTemplate(
            "avery-l7651", "Avery L7651 (65 per A4 sheet, 38.1 × 21.2 mm)",
            210, 297, 38.1, 21.2, 5, 13, left=4.7, top=10.7, pitch_x=40.6, pitch_y=21.2,
            padding=1.5, tag_size=8.5, max_qr=18.2,
        ),
        LabelTemplate(
            "roll-62x29", "Label roll 62 × 29 mm (e.g. Brother QL DK-11209)",
            62, 29, 62, 29, 1, 1, left=0, top=0, pitch_x=62, pitch_y=29,
            padding=2, tag_size=14, max_qr=25,
        ),
    )
}


def get_template(key: str) -> LabelTemplate:
    template = TEMPLATES.get(key.strip().lower())
    if template is None:
        raise ValueError(f"unknown label template {key!r}: use one of {', '.join(TEMPLATES)}")
    return template
