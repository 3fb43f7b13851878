"""What a screen's controller may ask of the desk: a small typed interface, not the window.

Controllers hold a :class:`Desk` and nothing else of the desk: they cannot reach the
window's header, banner, stack or another screen by name. Going to another screen with
something in hand (an asset to lend, a receipt to show) is a typed call here; the
desk's window implements it (:mod:`ui.navigation`).

Nothing here imports a controller, a view or the window, so every controller can depend
on it without a circle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from app.actor import Actor
    from app.bootstrap import AppContext
    from app.config import PadSettings
    from app.devices.pad import SignaturePad
    from app.devices.printer import PrinterFactory
    from app.notices.daily import RunReport
    from app.notices.sender import SendReport
    from app.services.cards import AssetSummary
    from app.services.documents import PrintOutcome
    from app.services.search import PersonHit
    from app.uow import UnitOfWork
    from ui.controllers.session import DeskSession
    from ui.ops import OpError, OpRunner
    from ui.widgets.question import Question

T = TypeVar("T")

#: a banner level: "ok", "info", "warn" or "error"
Level = str


class Desk(Protocol):
    """The desk as its screens see it."""

    # -- what the desk holds ------------------------------------------------------------------
    @property
    def ctx(self) -> AppContext:
        """Settings, paths, the database and its clock."""

    @property
    def session(self) -> DeskSession:
        """Who is signed in."""

    @property
    def actor(self) -> Actor | None:
        """The signed-in technician, or None while the desk is locked."""

    @property
    def generation(self) -> int:
        """Goes up at every lock: an answer for an earlier session is dropped."""

    @property
    def ops(self) -> OpRunner:
        """The worker, for work that needs no signed-in technician (``run_plain``)."""

    @property
    def pad(self) -> SignaturePad | None:
        """The signature pad, lent to whichever signature step is showing."""

    def pad_for(self, settings: PadSettings) -> SignaturePad | None:
        """A pad opened for ``settings`` through the composition root's opener (the admin's
        pad test, before the settings are saved); None when they set up no pad; raises when
        they name one that cannot work."""

    @property
    def printer_factory(self) -> PrinterFactory:
        """Where documents and labels print (the composition root's)."""

    # -- work ------------------------------------------------------------------------------------
    def run(self, fn: Callable[[UnitOfWork], T], ok: Callable[[T], object] | None = None,
            err: Callable[[OpError], object] | None = None, *, readonly: bool = False) -> bool:
        """Run ``fn(uow)`` on the worker as the signed-in technician (False: locked)."""

    def read(self, fn: Callable[[UnitOfWork], T], ok: Callable[[T], object] | None = None,
             err: Callable[[OpError], object] | None = None) -> bool:
        """A short read as the signed-in technician: at once on a quick embedded database,
        else on the worker (``ui.ops.OpRunner.read``); the answer comes through the event
        loop either way (False: locked)."""

    def people_lookup(self, text: str, answer: Callable[[list[PersonHit]], None]) -> None:
        """Type-ahead over staff, on the worker."""

    def print_receipt(self, number: str, copies: int | None = None,
                      done: Callable[[PrintOutcome], object] | None = None,
                      failed: Callable[[OpError], object] | None = None) -> None:
        """Archive and print a receipt on the worker; the banner says what happened
        (``failed``: also told when it could not even be archived)."""

    def send_notices(self, ok: Callable[[SendReport], object] | None = None,
                     err: Callable[[OpError], object] | None = None) -> bool:
        """Send the e-mail waiting in the outbox, on the mail worker (False: mail is off)."""

    def run_notices(self, ok: Callable[[RunReport], object],
                    err: Callable[[OpError], object]) -> bool:
        """Today's notices run now, on the mail worker (False: mail is off)."""

    def handle_scan(self, text: str) -> None:
        """A code typed or picked on a screen: it goes where a scan of it would."""

    def apply_settings(self) -> None:
        """The settings changed: take them up (sound, idle lock, pad, scanner)."""

    # -- telling and asking ---------------------------------------------------------------------
    def notify(self, level: Level, message: str) -> None:
        """Say something in the banner."""

    def clear_message(self) -> None:
        """Take the banner's message away (it was about something that has changed)."""

    def play_sound(self, kind: str) -> None:
        """A sound for the person at the desk (when sounds are on)."""

    def ask(self, title: str, text: str, answers: list[tuple[str, str]],
            then: Callable[[str, str], object], *, field: str | None = None,
            safe: str | None = None) -> Question:
        """Ask before going on; ``then(answer, typed)`` runs with the answer."""

    # -- going somewhere -------------------------------------------------------------------------
    def show_screen(self, name: str) -> None:
        """Show the screen called ``name`` (the sign-in screen while locked)."""

    def open_asset(self, tag: str) -> None:
        """The asset's card."""

    def open_person(self, code: str) -> None:
        """The person's card."""

    def open_receipt(self, number: str) -> None:
        """The receipt's page (verify, reprint)."""

    def lend(self, asset: AssetSummary) -> None:
        """The check-out, with ``asset`` in its basket."""

    def lend_to(self, staff_code: str, name: str) -> None:
        """The check-out, with its borrower chosen."""

    def check_in(self, asset: AssetSummary) -> None:
        """The check-in of ``asset``."""

    def leaver_return(self, staff_code: str) -> None:
        """The leaver return of the person with ``staff_code``."""
