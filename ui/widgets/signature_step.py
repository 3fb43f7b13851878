"""The signature step of a flow: who signs for what, and the pad (or mouse) to sign on.

One replaceable piece: flows only use ``accepted``, ``begin`` and ``end``, through their
view's :class:`SigningView` methods. The pad is owned by the desk and handed over while the
step is showing, so only the step on screen gets the ink.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.config import SignatureSettings
from app.devices.pad import SignaturePad
from ink.signature import SignatureData
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


class SigningView:
    """What a view with a signature step offers its controller (mixed into the view, before
    ``QWidget``): the controller starts, ends and accepts the signature through these, and
    hears ``signature.accepted`` through the view's own ``signed`` signal."""

    signature: SignatureStep

    def on_signed(self, slot: Callable[[SignatureData], object]) -> None:
        """``slot(signature)`` once a signature passes the quality gate."""
        self.signature.accepted.connect(slot)

    def begin_signature(self, text: str, pad: SignaturePad | None) -> None:
        """Ask for a signature for ``text`` on ``pad`` (or the mouse)."""
        self.signature.begin(text, pad)

    def end_signature(self) -> None:
        """The step is no longer showing: the pad goes back to the desk."""
        self.signature.end()

    def accept_signature(self) -> bool:
        """Enter on the signature step: as the Accept button (the quality gate runs)."""
        return self.signature.accept()
