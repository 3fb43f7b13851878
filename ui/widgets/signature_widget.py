"""Where people sign: the pad's status, the canvas, the quality gate, Clear and Accept.

The pad's samples reach the canvas (:mod:`ui.widgets.signature_canvas`) through a
:class:`~ui.widgets.pad_bridge.PadBridge` (its reader thread never touches a widget).
When no pad is configured or the pad is unplugged, the mouse, a pen tablet or a touch
screen signs instead; if the pad vanishes mid-signature, the ink so far is kept and
the signature is marked incomplete.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import (
    QCloseEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.config import SignatureSettings
from app.devices.pad import (
    PadStatus,
    PenSample,
    SignaturePad,
    StatusEvent,
)
from ink.signature import SignatureData, check_quality
from ui import theme
from ui.widgets.pad_bridge import PadBridge
from ui.widgets.signature_canvas import SignatureCanvas

NO_PAD_TEXT = "No signature pad — sign here with the mouse, a pen or a finger"
FALLBACK_HINT = "You can sign here with the mouse, a pen or a finger meanwhile."


class SignatureWidget(QWidget):
    """Status line, the canvas, the quality-gate message, and Clear / Accept.

    The widget does not open or close the pad: whoever owns the pad (the
    composition root) does, and hands it over with :meth:`set_pad`.
    """

    accepted = Signal(object)  # SignatureData
    cleared = Signal()

    def __init__(self, settings: SignatureSettings | None = None,
                 pad: SignaturePad | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or SignatureSettings()
        self.pad: SignaturePad | None = None
        self.pad_status: StatusEvent | None = None
        self.bridge = PadBridge(self._on_samples, self._on_status, self)

        self.status_label = QLabel()
        self.status_label.setAccessibleName("Signature pad status")
        self.status_label.setWordWrap(True)
        self.hint_label = QLabel()
        self.hint_label.setProperty("role", "hint")
        self.hint_label.setWordWrap(True)
        self.canvas = SignatureCanvas(parent=self)
        self.canvas.on_ink_changed = self._ink_changed
        self.message = QLabel()
        self.message.setAccessibleName("Signature message")
        self.message.setWordWrap(True)
        self.clear_button = QPushButton("&Clear")
        self.clear_button.setAccessibleName("Clear signature")
        self.clear_button.clicked.connect(self.clear)
        self.accept_button = QPushButton("&Accept signature")
        self.accept_button.setAccessibleName("Accept signature")
        self.accept_button.setProperty("primary", True)
        self.accept_button.clicked.connect(self.accept)

        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.accept_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.status_label)
        lay.addWidget(self.hint_label)
        lay.addWidget(self.canvas, 1)
        lay.addLayout(buttons)
        self.set_pad(pad)
        self._ink_changed()

    # -- the pad -----------------------------------------------------------------------------------
    def set_pad(self, pad: SignaturePad | None) -> None:
        self.bridge.attach(pad)
        self.pad = pad
        self.pad_status = pad.status if pad is not None else None
        if pad is not None and not self.canvas.assembler.has_ink:
            self.canvas.set_window(pad.window)
            self.canvas.assembler.device = pad.description
        self._show_status()

    def _on_samples(self, samples: list[PenSample]) -> None:
        # one queue for both: a CONNECTED always arrives before its samples
        self.canvas.add_samples(samples)

    def _on_status(self, event: StatusEvent) -> None:
        was_connected = self.pad_status is not None and self.pad_status.status is PadStatus.CONNECTED
        self.pad_status = event
        if event.status is PadStatus.CONNECTED:
            if self.pad is not None and not self.canvas.assembler.has_ink:
                self.canvas.set_window(self.pad.window)  # ISDV4 pads report their size on start
                self.canvas.assembler.device = self.pad.description
        elif was_connected and self.canvas.assembler.has_ink:
            self.canvas.assembler.mark_incomplete()
            self.canvas.redraw()
            self._say("The pad was unplugged while signing. What was signed is kept and marked "
                      "incomplete; Clear to start again.", "warn")
        self._show_status()

    def _show_status(self) -> None:
        status = self.pad_status
        connected = status is not None and status.status is PadStatus.CONNECTED
        if self.pad is None:
            self.status_label.setText(NO_PAD_TEXT)
            self.hint_label.setText("")
        elif status is None:
            self.status_label.setText("Waiting for the signature pad…")
            self.hint_label.setText(FALLBACK_HINT)
        else:
            self.status_label.setText(status.describe())
            self.hint_label.setText("" if connected else FALLBACK_HINT)
        self.hint_label.setVisible(bool(self.hint_label.text()))
        colour = theme.OK if connected else (theme.MUTED if self.pad is None else theme.WARN)
        self.status_label.setStyleSheet(f"color: {colour}; font-weight: 700;")
        self.canvas.pointer_enabled = not connected

    # -- signing -----------------------------------------------------------------------------------
    def signature(self) -> SignatureData:
        sig = self.canvas.assembler.signature()
        if self.canvas.pointer_device:
            sig.device = ", ".join(filter(None, (sig.device, self.canvas.pointer_device)))
        return sig

    def clear(self) -> None:
        self.canvas.clear()
        self._say("", "")
        self.cleared.emit()

    def accept(self) -> bool:
        """Run the quality gate; emit ``accepted`` if it passes, else say what to do."""
        sig = self.signature()
        gate = self.settings
        verdict = check_quality(sig, min_strokes=gate.min_strokes, min_points=gate.min_points,
                                min_width_fraction=gate.min_width_fraction)
        if not verdict.ok:
            self._say(verdict.reason, "error")
            return False
        self._say("Signature accepted.", "ok")
        self.accepted.emit(sig)
        return True

    def _ink_changed(self) -> None:
        self.accept_button.setEnabled(self.canvas.assembler.has_ink)
        if self.message.property("level") == "error":
            self._say("", "")

    def _say(self, text: str, level: str) -> None:
        colour = {"ok": theme.OK, "error": theme.ERROR, "warn": theme.WARN}.get(level, theme.MUTED)
        self.message.setText(text)
        self.message.setProperty("level", level)
        self.message.setStyleSheet(f"color: {colour}; font-weight: 700;" if text else "")

    def closeEvent(self, event: QCloseEvent) -> None:
        # stop the pad calling into a widget that is going away
        self.bridge.detach()
        super().closeEvent(event)
