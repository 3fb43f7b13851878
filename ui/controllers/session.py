"""Who is at the desk: the signed-in technician, or nobody (locked)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.actor import Actor


class DeskSession(QObject):
    signed_in = Signal(object)  # Actor
    locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.actor: Actor | None = None
        self.display_name = ""
        #: who was signed in when the desk last locked
        self.previous: Actor | None = None

    @property
    def is_signed_in(self) -> bool:
        return self.actor is not None

    @property
    def is_admin(self) -> bool:
        return self.actor is not None and self.actor.is_admin

    def sign_in(self, actor: Actor, display_name: str) -> None:
        self.actor = actor
        self.display_name = display_name
        self.signed_in.emit(actor)

    def lock(self) -> None:
        if self.actor is None:
            return
        self.previous = self.actor
        self.actor = None
        self.display_name = ""
        self.locked.emit()
