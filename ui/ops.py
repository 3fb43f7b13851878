"""Run work off the GUI thread and get the answer back on it.

``OpRunner.run(fn, ok=..., err=...)`` calls ``fn(uow)`` on a worker thread,
inside a fresh :class:`~app.uow.UnitOfWork` opened *on that thread* (a
SQLAlchemy Session is not thread-safe), then calls ``ok(result)`` or
``err(error)`` on the GUI thread. ``run_plain(fn)`` does the same for work that
needs no database (rendering, printing, serial I/O).

``fn`` must not touch any widget. It should return plain data (dataclasses,
strings), not ORM objects: those are detached once the unit of work closes.

Work runs one job at a time, in order, so a scan that arrives while a save is
still running sees the saved state.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from app.bootstrap import AppContext
from app.errors import LoanKioskError
from app.uow import Actor, UnitOfWork

log = logging.getLogger(__name__)

T = TypeVar("T")


class OpError(Exception):
    """A failure fit to show: a service refusal's message, or a plain-words wrapper."""

    def __init__(self, message: str, *, original: BaseException | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.original = original


def to_op_error(exc: BaseException) -> OpError:
    if isinstance(exc, LoanKioskError):
        return OpError(exc.message, original=exc)
    return OpError(f"Something went wrong: {exc.__class__.__name__}: {exc}", original=exc)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, the GUI thread runs the callbacks."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable, Generic[T]):
    def __init__(self, work: Callable[[], T], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
            if not isinstance(exc, LoanKioskError):
                log.error("operation failed:\n%s", traceback.format_exc())
            self._relay.failed.emit(to_op_error(exc))
            return
        self._relay.succeeded.emit(result)


class OpRunner(QObject):
    """The desk's one way to do slow work. ``busy_changed`` drives the progress indicator."""

    busy_changed = Signal(bool)
    #: every failure, after its own ``err`` callback (the main window shows unhandled ones)
    error = Signal(str)

    def __init__(self, app_ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app_ctx = app_ctx
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pending = 0
        self._relays: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def run(self, actor: Actor, fn: Callable[[UnitOfWork], T], *,
            ok: Callable[[T], Any] | None = None, err: Callable[[OpError], Any] | None = None,
            readonly: bool = False) -> None:
        """Run ``fn(uow)`` on the worker in a unit of work for ``actor``."""
        ctx = self.app_ctx

        def work() -> T:
            with ctx.uow(actor, readonly=readonly) as uow:
                return fn(uow)

        self.run_plain(work, ok=ok, err=err)

    def run_plain(self, fn: Callable[[], T], *, ok: Callable[[T], Any] | None = None,
                  err: Callable[[OpError], Any] | None = None) -> None:
        """Run ``fn()`` on the worker (no unit of work)."""
        relay = _Relay(self)
        self._relays.add(relay)

        @Slot(object)
        def on_ok(result: Any) -> None:
            self._finish(relay)
            if ok is not None:
                ok(result)

        @Slot(object)
        def on_err(error: OpError) -> None:
            self._finish(relay)
            if err is not None:
                err(error)
            else:
                self.error.emit(error.message)

        relay.succeeded.connect(on_ok)
        relay.failed.connect(on_err)
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Job(fn, relay))

    def _finish(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        relay.deleteLater()
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)

    def wait_done(self, msecs: int = 30000) -> bool:
        """Block until the worker is idle (shutdown only; never from a slot)."""
        return bool(self._pool.waitForDone(msecs))
