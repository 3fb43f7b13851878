"""The one place the desk says how things went: colour, an icon, words and a sound."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui import theme
from ui.widgets.common import set_by_name
from ui.widgets.wrap_label import WrapLabel

#: level -> colour, the style's standard icon (a QStyle.StandardPixmap name), word.
#: The icon is looked up by name when first shown: touching QStyle from Python creates
#: its ~13 enum types (~6 ms), which the first window (the sign-in screen) can do without.
_LEVELS = {
    "ok": (theme.OK, "SP_DialogApplyButton", "Done"),
    "error": (theme.ERROR, "SP_MessageBoxCritical", "Refused"),
    "warn": (theme.WARN, "SP_MessageBoxWarning", "Check"),
    "info": (theme.INFO, "SP_MessageBoxInformation", "Note"),
    # a step of a task that is not saved yet (an item scanned into a check-out, a leaver's
    # tick): never "Done" before the signature or confirmation that saves it
    "pending": (theme.INFO, "SP_ArrowRight", "Not saved yet"),
}


class SoundPlayer:
    """A short sound for success and failure; silent when switched off or with no audio."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.played: list[str] = []  # what would have sounded (the screen reader of tests)

    def play(self, level: str) -> None:
        if level == "pending":
            level = "ok"  # the scan was taken: the same short sound
        if not self.enabled or level not in ("ok", "error"):
            return
        self.played.append(level)
        try:
            QApplication.beep()
            if level == "error":
                QApplication.beep()
        except Exception:  # noqa: BLE001 - no audio hardware is not an error
            pass


class FeedbackBanner(QFrame):
    """A non-blocking banner under the header. Never a modal dialog."""

    def __init__(self, sound: SoundPlayer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sound = sound
        self.level = ""
        self._styled = ""  # the level whose colours and icon are set
        self.setAccessibleName("Status message")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        self.icon = QLabel()
        self.icon.setFixedSize(32, 32)
        self.word = QLabel()
        self.word.setStyleSheet("font-weight: 700;")
        self.text = WrapLabel()  # a scan's warning replaces the last: its height is asked often
        self.text.setWordWrap(True)
        set_by_name(self.text, "textInteractionFlags", "TextSelectableByMouse")
        self.close_button = QPushButton("Dismiss")
        self.close_button.setAccessibleName("Dismiss message")
        set_by_name(self.close_button, "focusPolicy", "NoFocus")
        self.close_button.clicked.connect(self.clear)
        lay.addWidget(self.icon)
        lay.addWidget(self.word)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.close_button)
        self._replacing = False
        self._clear_pending = False
        self.hide()

    @contextmanager
    def replacing(self) -> Iterator[None]:
        """Inside, :meth:`clear` only marks the message as going: a message shown before the
        end takes its place where it is. Hiding the banner and showing it again (a scan that
        clears the last message, then warns of an overdue loan) laid the whole window out
        twice — 1–2 ms of a scan's way to the screen."""
        self._replacing, self._clear_pending = True, False
        try:
            yield
        finally:
            self._replacing = False
            if self._clear_pending:
                self.clear()

    def show_message(self, level: str, message: str) -> None:
        colour, icon, word = _LEVELS[level]
        self.level = level
        if self._styled != level:
            # restyling re-polishes the banner and its children (~0.6 ms a message when
            # an overdue scan warns): only when the level changes
            self._styled = level
            self.setStyleSheet(
                f"FeedbackBanner {{ background: {colour}; border-radius: 6px; }}"
                " QLabel { color: white; background: transparent; font-size: 14pt; }"
            )
            from PySide6.QtWidgets import QStyle

            pixmap = getattr(QStyle.StandardPixmap, icon)
            self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(28, 28))
            self.word.setText(word + ":")
        self._clear_pending = False
        self.text.setText(message)
        self.setAccessibleDescription(f"{word}: {message}")
        self.show()
        self.sound.play(level)

    def clear(self) -> None:
        if self._replacing:
            self._clear_pending = True
            return
        self.level = ""
        self.text.clear()
        self.hide()

    @property
    def message(self) -> str:
        return self.text.text() if self.isVisible() else ""
