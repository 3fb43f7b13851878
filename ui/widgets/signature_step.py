"""The signature step of a flow: who signs for what, and the pad (or mouse) to sign on.

One replaceable piece: flows only use ``accepted``, ``begin`` and ``end``. The
pad is owned by the main window and handed over while the step is showing, so
only the step on screen gets the ink.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.config import SignatureSettings
from app.devices.pad import SignaturePad
from ui.widgets.common import label
from ui.widgets.signature_widget import SignatureWidget


class SignatureStep(QWidget):
    accepted = Signal(object)  # SignatureData

    def __init__(self, settings: SignatureSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.what = label("", "title", name="What is being signed for")
        self.what.setStyleSheet("font-size: 16pt;")
        lay.addWidget(self.what)
        self.widget = SignatureWidget(settings)
        self.widget.setMinimumHeight(220)
        lay.addWidget(self.widget, 1)
        self.widget.accepted.connect(self.accepted.emit)

    def begin(self, text: str, pad: SignaturePad | None) -> None:
        self.what.setText(text)
        self.widget.clear()
        self.widget.set_pad(pad)
        self.widget.canvas.setFocus()

    def end(self) -> None:
        self.widget.set_pad(None)

    def accept(self) -> bool:
        return self.widget.accept()
