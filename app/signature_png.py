"""A signature as a PNG image via Pillow (for screens, previews and checks), drawn with the
ink geometry of :mod:`ink.geometry` so it matches the receipt and the live widget."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ink.geometry import MAX_WIDTH_FACTOR, ink_runs
from ink.signature import SignatureData

if TYPE_CHECKING:
    from PIL import Image


def render_image(sig: SignatureData, width: int, height: int, *,
                 ink: tuple[int, int, int] = (16, 24, 64),
                 background: tuple[int, int, int, int] = (255, 255, 255, 255),
                 base_width: float | None = None, supersample: int = 4,
                 fit: str = "ink") -> Image.Image:
    """The signature drawn anti-aliased into a ``width`` × ``height`` RGBA image."""
    from PIL import Image, ImageDraw

    if width <= 0 or height <= 0:
        raise ValueError("image size must be positive")
    ss = max(1, supersample)
    if base_width is None:
        base_width = max(1.5, min(width, height) / 90)
    big = Image.new("RGBA", (width * ss, height * ss), background)
    draw = ImageDraw.Draw(big)
    colour = (*ink, 255)
    margin = max(base_width * MAX_WIDTH_FACTOR, min(width, height) * 0.06) * ss
    for run in ink_runs(sig, width * ss, height * ss, base_width=base_width * ss,
                        margin=margin, fit=fit):
        r = run.width / 2
        for x, y in run.points:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        if len(run.points) > 1:
            draw.line(list(run.points), fill=colour, width=max(1, round(run.width)))
    return big.resize((width, height), Image.Resampling.LANCZOS)


def render_png(sig: SignatureData, width: int = 600, height: int = 200, *,
               ink: tuple[int, int, int] = (16, 24, 64),
               background: tuple[int, int, int, int] = (255, 255, 255, 255),
               fit: str = "ink") -> bytes:
    """PNG bytes of :func:`render_image` (for screens and previews)."""
    img = render_image(sig, width, height, ink=ink, background=background, fit=fit)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
