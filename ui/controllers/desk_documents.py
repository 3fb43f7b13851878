"""Printing and opening documents from the desk; the banner says what happened, in plain words.

A printer that is away never shows as an error text from the print system: the
job is kept and printed when the printer is back (see ``app.services.documents``
and ``app.services.label_printing``). A PDF that cannot be opened (no viewer on
this computer) is said, with where the file is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

if TYPE_CHECKING:
    from ui.controllers.desk import Desk


def print_receipt(desk: Desk, number: str, copies: int | None = None,
                  done: Callable[[Any], Any] | None = None,
                  failed: Callable[[Any], Any] | None = None) -> None:
    """Archive and print a receipt on the worker; the banner says what happened."""
    actor = desk.session.actor
    if actor is None:
        return
    from app.services.documents import queue_print

    ctx, factory = desk.ctx, desk.printer_factory
    desk.notify("info", f"Printing {number}…")

    def printed(outcome: Any) -> None:
        desk.notify("ok" if outcome.printed else "warn", outcome.message)
        if done is not None:
            done(outcome)

    def not_done(e: Any) -> None:
        desk.notify("error", e.message)
        if failed is not None:
            failed(e)

    desk.ops.run_plain(
        lambda: queue_print(ctx, actor, number, copies=copies, printer_factory=factory),
        ok=printed, err=not_done)


def open_file(desk: Desk, path: Path, what: str) -> bool:
    """Open ``path`` in the computer's own viewer; if there is none, say where the file is."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    desk.notify("warn", f"{what} is saved as {path}, but this computer has no program set up to "
                        "open it. Open it from that folder, or install a PDF viewer.")
    return False
