"""The desk window's frame: the header, the status banner under it and the stack of screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from ui.views.header_view import HeaderView
from ui.widgets.feedback_banner import FeedbackBanner, SoundPlayer

if TYPE_CHECKING:
    from app.uow import UnitOfWork
    from ui.ops import OpRunner


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


def name_the_desk(window: QMainWindow, header: HeaderView, ops: OpRunner, demo: bool) -> None:
    """Head the desk (its header and window title) with its school — the site ``[desk] site``
    names, else the ``[school] name`` setting — read on the worker (a query), shown when in."""
    from app.actor import Actor
    from ui.controllers.sign_in_controller import SIGN_IN_ACTOR

    def named(name: str) -> None:
        header.school.setText(name)
        window.setWindowTitle(f"Loan Kiosk — {name}" + (" (demo)" if demo else ""))

    def work(uow: UnitOfWork) -> str:
        from app.services.site_scope import desk_school_name

        return desk_school_name(uow)

    ops.run(Actor(SIGN_IN_ACTOR), work, readonly=True, ok=named)
