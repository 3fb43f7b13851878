"""An admin reverses a mistaken check-out, check-in or leaver return from the desk: asked
first (what it was, who did it, what comes back), with an optional reason."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.services.reversals import Reversible, reverse
from app.uow import UnitOfWork
from ui.widgets.common import fmt_when

if TYPE_CHECKING:
    from ui.controllers.desk import Desk


def confirm_reversal(desk: Desk, rev: Reversible, code: str,
                     done: Callable[[str], object]) -> None:
    """Ask, then reverse on the worker; ``done(message)`` once it is recorded."""

    def answered(key: str, reason: str) -> None:
        if key != "reverse":
            return

        def work(uow: UnitOfWork) -> str:
            return reverse(uow, code, reason=reason or None).message

        desk.run(work, done)

    desk.ask(
        "Reverse?",
        f"Reverse {rev.description}, done by {rev.by} at {fmt_when(rev.at)}? "
        f"{rev.effect[:1].upper() + rev.effect[1:]}. The reversal is recorded with your name; "
        "nothing is deleted.",
        [("reverse", "Reverse it"), ("keep", "Keep it")], answered, field="Why (optional)")
