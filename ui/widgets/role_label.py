"""A label whose look (the style sheet's ``role``) changes from one asset to the next."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QBoxLayout, QLabel


class RoleLabel:
    """One label per role, each styled once, side by side in the layout given; the one for
    the current role is shown, the others hidden (a hidden widget takes no room).

    A label that changes role has to be re-polished through the application's style
    sheet (every rule matched again, its palette and font set again): 0.24 ms a change
    (bench scan-to-screen, thread CPU). The asset header's encryption badge (ok, bad,
    unknown) and holder line (overdue or not) changed role on about every other scan.
    Showing another label, styled when it was made, costs nothing the new text does not.

    It reads like the label it stands for (:meth:`text`, :meth:`setText`,
    :meth:`setAccessibleName`, :meth:`setAccessibleDescription`, ``property("role")``,
    :meth:`show`, :meth:`hide`); the label
    showing is :attr:`label`. Not a widget of its own: a container would be one more level
    of layout (and laid the header out taller after a change of role).
    """

    def __init__(self, make: Callable[[], QLabel], roles: tuple[str, ...], into: QBoxLayout,
                 *args: Any) -> None:
        """``make()`` makes each label; each is added with ``into.addWidget(label, *args)``."""
        self.labels: dict[str, QLabel] = {}
        for role in roles:
            w = make()
            w.setProperty("role", role)
            into.addWidget(w, *args)  # a child before it is hidden (alone, it is a window)
            if role != roles[0]:
                w.hide()
            self.labels[role] = w
        self.label = self.labels[roles[0]]
        self._hidden = False

    def set_role(self, role: str) -> None:
        shown = self.labels[role]
        if shown is self.label:
            return
        old, self.label = self.label, shown
        shown.setText(old.text())
        shown.setAccessibleName(old.accessibleName())
        shown.setAccessibleDescription(old.accessibleDescription())
        old.setAccessibleName("")
        old.setAccessibleDescription("")
        old.hide()
        shown.setHidden(self._hidden)

    def property(self, name: str) -> Any:
        return self.label.property(name)

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name
        self.label.setText(text)

    def accessibleName(self) -> str:  # noqa: N802 - QWidget's name
        return self.label.accessibleName()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - QWidget's name
        self.label.setAccessibleName(name)

    def setAccessibleDescription(self, text: str) -> None:  # noqa: N802 - QWidget's name
        self.label.setAccessibleDescription(text)

    def accessibleDescription(self) -> str:  # noqa: N802 - QWidget's name
        return self.label.accessibleDescription()

    def show(self) -> None:
        self._hidden = False
        self.label.show()

    def hide(self) -> None:
        self._hidden = True
        self.label.hide()

    def isVisible(self) -> bool:  # noqa: N802 - QWidget's name
        return self.label.isVisible()
