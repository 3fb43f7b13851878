"""The base of every screen's view: a page of the desk window's stack."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


class Screen(QWidget):
    """A screen of the desk, one page of the window's ``QStackedWidget``.

    The stack answers "how tall at this width?" with the tallest of its pages, and asks each
    page, shown or not, in every layout pass of the window; each page asked its word-wrapped
    labels in turn (a scan that opens the check-in screen asked the hidden Scan and sign-in
    screens' labels 44 times, bench scan-to-screen). A hidden screen has no height for a
    width: only the screen showing is laid out and seen. (The window's minimum size is still
    the largest page's: ``minimumSizeHint`` is the stack's own.)
    """

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        if self.isHidden():
            return -1
        return super().heightForWidth(width)
