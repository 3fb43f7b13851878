"""The ink surface people sign on: live ink from the pad, or the mouse, a pen or a finger.

Drawing: new samples are drawn as short segments straight into a backing
pixmap and only their small rectangle is repainted, so ink keeps up with 200
samples a second; ``paintEvent`` just copies the pixmap. When the pen lifts,
the pixmap is redrawn from the strokes with the smoothed, pressure-aware
geometry of :mod:`ink.geometry`, the same ink the receipt will show.

Fallback: pointer input (mouse, tablet with pressure, touch) signs on the same
canvas, in the pad's coordinates, so a signature is never blocked by hardware.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QPointingDevice,
    QPolygonF,
    QResizeEvent,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QWidget

from app.devices.pad import (
    PenSample,
    StrokeAssembler,
    Window,
)
from ink.geometry import Transform, fit_transform, ink_runs, stroke_width

#: the coordinate window of pointer signing when there is no pad (a signature box, about 8:3)
POINTER_WINDOW: Window = (0.0, 0.0, 4000.0, 1500.0)
INK = QColor(16, 24, 64)
PAPER = QColor(255, 255, 255)
SURROUND = QColor(233, 236, 239)
GUIDE = QColor(173, 181, 189)
MARGIN_PX = 14.0


class SignatureCanvas(QWidget):
    """The ink surface. Holds the strokes (a :class:`StrokeAssembler`) and draws them."""

    def __init__(self, window: Window = POINTER_WINDOW, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: called (on the GUI thread) whenever ink is added or cleared
        self.on_ink_changed: Callable[[], None] = lambda: None
        self.assembler = StrokeAssembler(window, "")
        self.pointer_enabled = True
        self.pointer_device = ""
        self._pixmap = QPixmap()
        self._tf = Transform(1.0, 0.0, 0.0)
        self._last: QPointF | None = None  # the last live point drawn, in widget coordinates
        self._pressure_seen: set[float] = set()
        self._pointer_down = False
        self._clock0 = time.monotonic()
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setMinimumSize(420, 180)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName("Signature area")
        self.setAccessibleDescription("Sign with the pad, or here with the mouse, a pen or a finger")

    # -- geometry ----------------------------------------------------------------------------------
    @property
    def pad_window(self) -> Window:
        """The coordinate window shown (the pad's, or POINTER_WINDOW with no pad)."""
        return self.assembler.window

    def set_window(self, window: Window) -> None:
        """Adopt the pad's coordinate window (only before any ink: strokes keep their own)."""
        if self.assembler.has_ink or window == self.assembler.window:
            return
        self.assembler.window = window
        self._relayout()

    def base_width(self) -> float:
        return max(1.8, self._tf.scale * (self.pad_window[3] - self.pad_window[1]) / 130)

    def to_widget(self, x: float, y: float) -> QPointF:
        px, py = self._tf.apply(x, y)
        return QPointF(px, py)

    def to_pad(self, pos: QPointF) -> tuple[float, float]:
        x0, y0, x1, y1 = self.pad_window
        x = (pos.x() - self._tf.dx) / self._tf.scale
        y = (pos.y() - self._tf.dy) / self._tf.scale
        return (min(x1, max(x0, x)), min(y1, max(y0, y)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._relayout()
        super().resizeEvent(event)

    def _relayout(self) -> None:
        self._tf = fit_transform(self.pad_window, self.width(), self.height(), MARGIN_PX)
        self.redraw()

    # -- ink ---------------------------------------------------------------------------------------
    def add_samples(self, samples: Sequence[PenSample]) -> None:
        """Pad samples (GUI thread): add them and draw the new ink at once."""
        run: list[PenSample] = []
        lifted = False
        for s in samples:
            if s.pen_down:
                self.assembler.add(s)
                run.append(s)
                continue
            if run:
                self._draw_live([(r.x, r.y) for r in run], _mean_pressure(run))
                run = []
            if self.assembler.pen_down:
                lifted = True
            self.assembler.add(s)
            self._last = None
        if run:
            self._draw_live([(r.x, r.y) for r in run], _mean_pressure(run))
        if lifted:
            self.redraw()  # the finished stroke, smoothed

    def _draw_live(self, points: Sequence[tuple[float, float]], pressure: float) -> None:
        """New ink as one polyline continuing the stroke, then repaint just around it."""
        if self._pixmap.isNull():
            self.redraw()
        self._pressure_seen.add(round(pressure, 3))
        width = stroke_width(pressure, self.base_width(), len(self._pressure_seen) > 1)
        line = [self.to_widget(x, y) for x, y in points]
        if self._last is not None:
            line.insert(0, self._last)
        self._last = line[-1]
        poly = QPolygonF(line)
        p = QPainter(self._pixmap)
        try:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                          Qt.PenJoinStyle.RoundJoin))
            if len(line) == 1:
                p.drawPoint(line[0])
            else:
                p.drawPolyline(poly)
        finally:
            p.end()
        pad = width + 2
        self.update(poly.boundingRect().adjusted(-pad, -pad, pad, pad).toAlignedRect())
        self.on_ink_changed()

    def redraw(self) -> None:
        """Repaint everything from the strokes, smoothed (after a lift, a resize, a clear)."""
        dpr = self.devicePixelRatioF()
        size = self.size()
        if size.isEmpty():
            return
        pm = QPixmap(round(size.width() * dpr), round(size.height() * dpr))
        pm.setDevicePixelRatio(dpr)
        pm.fill(SURROUND)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        x0, y0, x1, y1 = self.pad_window
        paper = QRectF(self.to_widget(x0, y0), self.to_widget(x1, y1))
        p.fillRect(paper, PAPER)
        # a signing line and a cross, as on paper forms
        base_y = paper.top() + paper.height() * 0.78
        p.setPen(QPen(GUIDE, 1.5))
        p.drawLine(QPointF(paper.left() + paper.width() * 0.06, base_y),
                   QPointF(paper.right() - paper.width() * 0.06, base_y))
        cx = paper.left() + paper.width() * 0.06
        p.drawLine(QPointF(cx - 7, base_y - 18), QPointF(cx + 7, base_y - 4))
        p.drawLine(QPointF(cx - 7, base_y - 4), QPointF(cx + 7, base_y - 18))
        sig = self.assembler.signature()
        if sig.strokes:
            runs = ink_runs(sig, self.width(), self.height(), base_width=self.base_width(),
                            margin=MARGIN_PX, fit="window")
            for run in runs:
                if run.is_dot:
                    p.setPen(QPen(INK, run.width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
                    p.drawPoint(QPointF(*run.points[0]))
                    continue
                p.setPen(QPen(INK, run.width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                              Qt.PenJoinStyle.RoundJoin))
                p.drawPolyline(QPolygonF([QPointF(x, y) for x, y in run.points]))
        p.end()
        self._pixmap = pm
        # the live stroke, if one is in progress, continues from its last point
        if self.assembler.pen_down and sig.strokes:
            last = sig.strokes[-1][-1]
            self._last = self.to_widget(last[1], last[2])
        self.update()

    def clear(self) -> None:
        self.assembler.clear()
        self.pointer_device = ""
        self._last = None
        self._pressure_seen.clear()
        self._pointer_down = False
        self.redraw()
        self.on_ink_changed()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        try:
            if self._pixmap.isNull():
                p.fillRect(self.rect(), SURROUND)
            else:
                p.drawPixmap(QRectF(event.rect()), self._pixmap, self._source_rect(event.rect()))
        finally:
            p.end()

    def _source_rect(self, r: QRect) -> QRectF:
        dpr = self._pixmap.devicePixelRatio()
        return QRectF(r.x() * dpr, r.y() * dpr, r.width() * dpr, r.height() * dpr)

    # -- pointer fallback: mouse, pen tablet, touch -------------------------------------------------
    def _now_ms(self) -> float:
        return (time.monotonic() - self._clock0) * 1000

    def _pointer_point(self, pos: QPointF, pressure: float, *, start: bool, device: str) -> None:
        if start:
            self._pointer_down = True
            self._last = None
            if device and device not in self.pointer_device:
                self.pointer_device = ", ".join(filter(None, (self.pointer_device, device)))
        elif not self._pointer_down:
            return
        x, y = self.to_pad(pos)
        self.assembler.add_point(self._now_ms(), x, y, pressure, new_stroke=start)
        self._draw_live([(x, y)], pressure)

    def _pointer_up(self) -> None:
        if not self._pointer_down:
            return
        self._pointer_down = False
        self.assembler.lift()
        self._last = None
        self.redraw()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.pointer_enabled or event.button() != Qt.MouseButton.LeftButton:
            event.ignore()
            return
        self._pointer_point(event.position(), 1.0, start=True, device="mouse")
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.pointer_enabled and self._pointer_down:
            self._pointer_point(event.position(), 1.0, start=False, device="mouse")
            event.accept()
        else:
            event.ignore()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pointer_down:
            self._pointer_up()
            event.accept()
        else:
            event.ignore()

    def tabletEvent(self, event: QTabletEvent) -> None:
        if not self.pointer_enabled:
            event.ignore()
            return
        if event.pointerType() == QPointingDevice.PointerType.Eraser:
            event.accept()  # the eraser end draws no ink, as on a pad (app.devices.isdv4)
            return
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._pointer_point(event.position(), event.pressure(), start=True, device="pen tablet")
        elif kind == QEvent.Type.TabletMove:
            self._pointer_point(event.position(), event.pressure(), start=False, device="pen tablet")
        elif kind == QEvent.Type.TabletRelease:
            self._pointer_up()
        event.accept()  # no synthesised mouse events on top

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                    QEvent.Type.TouchCancel):
            assert isinstance(event, QTouchEvent)
            if not self.pointer_enabled:
                event.ignore()
                return False
            points = event.points()
            if kind in (QEvent.Type.TouchEnd, QEvent.Type.TouchCancel) or not points:
                self._pointer_up()
            else:
                tp = points[0]  # the first finger signs; others are ignored
                pressure = tp.pressure() if 0.0 < tp.pressure() <= 1.0 else 1.0
                self._pointer_point(tp.position(), pressure, start=kind == QEvent.Type.TouchBegin,
                                    device="touch screen")
            event.accept()
            return True
        return super().event(event)


def _mean_pressure(samples: Sequence[PenSample]) -> float:
    return sum(s.pressure for s in samples) / len(samples)
