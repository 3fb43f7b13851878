"""Work the desk does as the signed-in technician, on the worker, for the session that asked.

:meth:`SessionWork.run` runs ``fn(uow)`` in a unit of work for the technician signed in
now (nothing while the desk is locked); the answer is dropped if the desk locked in
between (:attr:`generation` went up), so one technician's answers never reach the next.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from app.services.search import PersonHit
    from app.uow import UnitOfWork
    from ui.controllers.session import DeskSession
    from ui.ops import OpError, OpRunner

T = TypeVar("T")


class SessionWork:
    """The worker, as the signed-in technician; a failure without ``err`` goes to ``notify``."""

    def __init__(self, ops: OpRunner, session: DeskSession,
                 notify: Callable[[str, str], None]) -> None:
        self._ops = ops
        self._session = session
        self._notify = notify
        self._generation = 0

    @property
    def generation(self) -> int:
        """Goes up at every lock: answers to an earlier session's requests are dropped."""
        return self._generation

    def locked(self) -> None:
        self._generation += 1

    def run(self, fn: Callable[[UnitOfWork], T], ok: Callable[[T], object] | None = None,
            err: Callable[[OpError], object] | None = None, *, readonly: bool = False) -> bool:
        """Run ``fn(uow)`` on the worker as the signed-in technician (nothing if locked).

        A write runs again after a transient conflict with another desk (see ``OpRunner``).
        """
        actor = self._session.actor
        if actor is None:
            return False
        guarded_ok, guarded_err = self._guarded(ok, err)
        self._ops.run(actor, fn, ok=guarded_ok, err=guarded_err, readonly=readonly)
        return True

    def read(self, fn: Callable[[UnitOfWork], T], ok: Callable[[T], object] | None = None,
             err: Callable[[OpError], object] | None = None) -> bool:
        """A short read as the signed-in technician, at once where the database is quick
        (:meth:`ui.ops.OpRunner.read`); nothing if locked."""
        actor = self._session.actor
        if actor is None:
            return False
        guarded_ok, guarded_err = self._guarded(ok, err)
        self._ops.read(actor, fn, ok=guarded_ok, err=guarded_err)
        return True

    def _guarded(self, ok: Callable[[T], object] | None, err: Callable[[OpError], object] | None
                 ) -> tuple[Callable[[T], None], Callable[[OpError], None]]:
        """``ok`` and ``err`` dropped when the desk has locked since (another technician's)."""
        generation = self._generation

        def guarded_ok(result: T) -> None:
            if generation == self._generation and ok is not None:
                ok(result)

        def guarded_err(error: OpError) -> None:
            if generation != self._generation:
                return
            if err is not None:
                err(error)
            else:
                self._notify("error", error.message)

        return guarded_ok, guarded_err

    def people_lookup(self, text: str, answer: Callable[[list[PersonHit]], None]) -> None:
        """Type-ahead over staff, on the worker (for every person-search field)."""
        def work(uow: UnitOfWork) -> list[PersonHit]:
            from app.services.search import search_people

            return search_people(uow, text)

        self.run(work, answer, lambda _e: None, readonly=True)
