"""Printing a receipt from the desk: archived and sent on the worker, said in the banner."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def print_receipt(desk: MainWindow, number: str, copies: int | None = None,
                  done: Callable[[Any], Any] | None = None) -> None:
    actor = desk.session.actor
    if actor is None:
        return
    from app.devices.printer import make_printer
    from app.services.documents import queue_print

    ctx, factory = desk.ctx, desk.printer_factory or make_printer
    desk.notify("info", f"Printing {number}…")

    def printed(outcome: Any) -> None:
        desk.notify("ok" if outcome.printed else "warn", outcome.message)
        if done is not None:
            done(outcome)

    desk.ops.run_plain(
        lambda: queue_print(ctx, actor, number, copies=copies, printer_factory=factory),
        ok=printed, err=lambda e: desk.notify("error", e.message))
