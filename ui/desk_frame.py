"""The desk window's frame: the header, the status banner under it and the stack of screens."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from ui.views.header_view import HeaderView
from ui.widgets.feedback_banner import FeedbackBanner, SoundPlayer


def build_frame(window: QMainWindow, school_name: str,
                sound: SoundPlayer) -> tuple[HeaderView, FeedbackBanner, QStackedWidget]:
    """Lay out ``window``'s central widget; returns its header, banner and screen stack."""
    central = QWidget()
    lay = QVBoxLayout(central)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(0)
    header = HeaderView(school_name)
    lay.addWidget(header)
    banner_box = QWidget()
    bl = QVBoxLayout(banner_box)
    bl.setContentsMargins(10, 6, 10, 0)
    banner = FeedbackBanner(sound)
    bl.addWidget(banner)
    lay.addWidget(banner_box)
    stack = QStackedWidget()
    lay.addWidget(stack, 1)
    window.setCentralWidget(central)
    return header, banner, stack
