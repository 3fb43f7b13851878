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

``read(fn)`` is for the desk's one frequent short read, resolving a scan: on the
embedded SQLite database, while it answers within :data:`INLINE_READ_BUDGET_S` and
the worker is idle, ``fn`` runs at once on the GUI thread (an indexed lookup there
takes ~0.3 ms; handing it to the worker and back took 3–4 ms of a scan on a busy
two-core machine, waiting for a CPU and the GIL twice). Its answer still comes back
through the event loop, as a worker's would. On PostgreSQL, while the worker is busy,
and while reads have lately been slow (:class:`ReadCost`: a database file on a network
share, a disk busy with a backup), ``read`` is ``run(fn, readonly=True)``.

A write (``run`` without ``readonly``) that meets a transient conflict with
another desk (SQLite busy past its timeout, a PostgreSQL deadlock or lost
serialization) is run again in a fresh unit of work by
:func:`app.retry.run_with_retry`; meanwhile ``retrying`` tells the GUI thread
"another desk is busy, trying again…". ``fn`` must therefore be one unit of
work: everything it does is rolled back when it fails.
"""

from __future__ import annotations

import atexit
import logging
import sys
import time
import traceback
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from app.errors import LoanKioskError

if TYPE_CHECKING:  # loaded on the worker, after the window shows (see ui.desk_app)
    from app.actor import Actor
    from app.bootstrap import AppContext
    from app.uow import UnitOfWork

log = logging.getLogger(__name__)

T = TypeVar("T")

#: reads may run on the GUI thread while they take no longer than this lately (a 60 Hz
#: frame is 16.7 ms; the desk's own paint of a screen takes several)
INLINE_READ_BUDGET_S = 0.004


class ReadCost:
    """How long short reads have taken lately: a moving average of each read's time (on
    the GUI thread or the worker), so that one slow read among quick ones moves nothing,
    a run of slow ones sends reads to the worker, and quick ones bring them back."""

    #: the weight of the newest read
    WEIGHT = 0.3

    def __init__(self, budget_s: float = INLINE_READ_BUDGET_S) -> None:
        self.budget_s = budget_s
        self.average_s = 0.0

    def note(self, seconds: float) -> None:
        # one very slow read (the first after start, compiling its statements) counts as
        # a few budgets, not as a hundred: quick reads win it back within a scan or two
        seconds = min(seconds, 4 * self.budget_s)
        self.average_s += self.WEIGHT * (seconds - self.average_s)

    @property
    def quick(self) -> bool:
        return self.average_s <= self.budget_s

_RUNNERS: weakref.WeakSet[OpRunner] = weakref.WeakSet()


@atexit.register
def _stop_workers() -> None:
    """Worker threads that ran Python must be gone before the interpreter shuts down."""
    for runner in list(_RUNNERS):
        try:
            runner.wait_done(10000)
        except RuntimeError:  # already deleted on the C++ side
            pass


class OpError(Exception):
    """A failure fit to show: a service refusal's message, or a plain-words wrapper."""

    def __init__(self, message: str, *, original: BaseException | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.original = original


#: what a person is told about a failure nobody foresaw (the traceback goes to the log)
UNEXPECTED = ("That did not work: something unexpected went wrong. Try again; if it keeps "
              "happening, tell IT support (the details are in the desk's log).")


def to_op_error(exc: BaseException) -> OpError:
    """A failure in words fit for the person at the desk: never an exception's class or text."""
    if isinstance(exc, LoanKioskError):
        return OpError(exc.message, original=exc)
    from app.devices.printer import PrinterUnavailable  # loaded by now if a printer was used

    if isinstance(exc, PrinterUnavailable):
        return OpError(exc.message + ".", original=exc)
    if isinstance(exc, OSError) and exc.strerror:
        where = f" {exc.filename}" if exc.filename else " a file"
        return OpError(f"The computer could not use{where}: {exc.strerror.lower()}.", original=exc)
    return OpError(UNEXPECTED, original=exc)


class _Job(QRunnable, Generic[T]):
    def __init__(self, job_id: int, work: Callable[[], T], runner: OpRunner) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._id = job_id
        self._work = work
        self._runner = runner

    def run(self) -> None:
        self._runner._do(self._id, self._work)


class OpRunner(QObject):
    """The desk's one way to do slow work. ``busy_changed`` drives the progress indicator."""

    busy_changed = Signal(bool)
    #: every failure that had no ``err`` callback of its own (the main window shows these)
    error = Signal(str)
    #: a write is waiting for another desk and will run again (on the GUI thread)
    retrying = Signal(str)
    # Answers, delivered through the event loop of the GUI thread, where this object lives.
    # Emitted on the worker, Qt's automatic connection queues them (a signal emitted on
    # another thread than its receiver's). An inline read (:meth:`read`) answers on this
    # thread: through the ``_here`` pair, queued by name, connected at the first inline read
    # (after the database has opened) — naming the connection type is a use of PySide6's
    # ``Qt`` namespace, whose 93 Python enum types it builds at the first use (~12 ms), and
    # the window's first job (naming the desk) is queued while the window is being built
    _succeeded = Signal(int, object)
    _failed = Signal(int, object)
    _retry_notice = Signal(str)
    _succeeded_here = Signal(int, object)
    _failed_here = Signal(int, object)

    def __init__(self, app_ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app_ctx = app_ctx
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        # A finished job's answer waits for the GUI thread to get the GIL back: with
        # Python's default 5 ms switch interval that was most of a scan's hand-off
        # (bench scan-to-screen: Enter -> answer on the GUI thread 4.7 ms for a 0.5 ms
        # lookup). 1 ms bounds the wait either way (the desk's tune_gc sets the same).
        sys.setswitchinterval(min(sys.getswitchinterval(), 0.001))
        self._next_id = 0
        self._closed = False
        #: how long :meth:`read` s have taken lately
        self.read_cost = ReadCost()
        self._callbacks: dict[int, tuple[Callable[[Any], Any] | None,
                                         Callable[[OpError], Any] | None]] = {}
        self._succeeded.connect(self._on_succeeded)
        self._failed.connect(self._on_failed)
        self._retry_notice.connect(self.retrying.emit)
        self._answering_here = False
        _RUNNERS.add(self)

    def _answer_here(self) -> None:
        """Connect the inline reads' answers, queued (once)."""
        if not self._answering_here:
            from PySide6.QtCore import Qt

            queued = Qt.ConnectionType.QueuedConnection
            self._succeeded_here.connect(self._on_succeeded, queued)
            self._failed_here.connect(self._on_failed, queued)
            self._answering_here = True

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def run(self, actor: Actor, fn: Callable[[UnitOfWork], T], *,
            ok: Callable[[T], Any] | None = None, err: Callable[[OpError], Any] | None = None,
            readonly: bool = False, retry: bool | None = None) -> None:
        """Run ``fn(uow)`` on the worker in a unit of work for ``actor``.

        ``retry`` (default: for writes) runs it again, in a fresh unit of work, after a
        transient conflict with another desk.
        """
        ctx = self.app_ctx

        def once() -> T:
            with ctx.uow(actor, readonly=readonly) as uow:
                return fn(uow)

        self.run_plain(once, ok=ok, err=err, retry=not readonly if retry is None else retry)

    def read(self, actor: Actor, fn: Callable[[UnitOfWork], T], *,
             ok: Callable[[T], Any] | None = None,
             err: Callable[[OpError], Any] | None = None) -> None:
        """A short read: at once on the GUI thread where that is quick (see the module's
        docs), else on the worker as :meth:`run` with ``readonly``. Either way ``ok`` or
        ``err`` is called from the event loop, never from inside this call."""
        ctx = self.app_ctx
        cost = self.read_cost

        def timed(uow: UnitOfWork) -> T:
            start = time.perf_counter()
            try:
                return fn(uow)
            finally:
                cost.note(time.perf_counter() - start)

        if not self._may_read_here():
            self.run(actor, timed, ok=ok, err=err, readonly=True)
            return
        self._answer_here()
        job_id = self._add(ok, err)

        def once() -> T:
            with ctx.uow(actor, readonly=True) as uow:
                return timed(uow)

        self._do(job_id, once, here=True)

    @property
    def reads_here(self) -> bool:
        """Whether :meth:`read` runs on the GUI thread now (when the worker is idle)."""
        return self.read_cost.quick and self.app_ctx.embedded_ready

    def _may_read_here(self) -> bool:
        return not self._closed and not self.busy and self.reads_here

    def run_plain(self, fn: Callable[[], T], *, ok: Callable[[T], Any] | None = None,
                  err: Callable[[OpError], Any] | None = None, retry: bool = False) -> None:
        """Run ``fn()`` on the worker (no unit of work; ``retry``: see :meth:`run`)."""
        if self._closed:  # the window has closed: nobody is left to answer
            log.debug("work after close dropped: %r", fn)
            return
        work = fn
        if retry:
            def work() -> T:
                from app.retry import run_with_retry  # SQLAlchemy's errors: loaded by now

                return run_with_retry(fn, on_retry=self._retry_notice.emit)

        self._pool.start(_Job(self._add(ok, err), work, self))

    def _add(self, ok: Callable[[Any], Any] | None, err: Callable[[OpError], Any] | None) -> int:
        """Register a job's answers (the runner is busy until they are called)."""
        self._next_id += 1
        job_id = self._next_id
        was_busy = self.busy
        self._callbacks[job_id] = (ok, err)
        if not was_busy:
            self.busy_changed.emit(True)
        return job_id

    def _do(self, job_id: int, work: Callable[[], Any], *, here: bool = False) -> None:
        """Do a job (on the worker, or ``here``: inline, for :meth:`read`) and post its answer
        to the GUI thread's event loop."""
        try:
            result = work()
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
            if not isinstance(exc, LoanKioskError):
                log.error("operation failed:\n%s", traceback.format_exc())
            (self._failed_here if here else self._failed).emit(job_id, to_op_error(exc))
            return
        (self._succeeded_here if here else self._succeeded).emit(job_id, result)

    @Slot(int, object)
    def _on_succeeded(self, job_id: int, result: Any) -> None:
        ok, _err = self._callbacks.pop(job_id, (None, None))
        try:
            if ok is not None:
                ok(result)
        finally:
            self._settle()

    @Slot(int, object)
    def _on_failed(self, job_id: int, error: OpError) -> None:
        _ok, err = self._callbacks.pop(job_id, (None, None))
        try:
            if err is not None:
                err(error)
            else:
                self.error.emit(error.message)
        finally:
            self._settle()

    def _settle(self) -> None:
        if not self._callbacks:
            self.busy_changed.emit(False)

    def close(self, msecs: int = 30000) -> bool:
        """The window is closing: take no more work, and wait for what is running.

        A timer that fires after the close (a search typed just before) would otherwise
        start a job on a pool about to be destroyed, and Qt's destructor waits for it
        while this thread holds the GIL the job needs.
        """
        self._closed = True
        return self.wait_done(msecs)

    def wait_done(self, msecs: int = 30000) -> bool:
        """Block until the worker is idle and its thread has ended (shutdown; never from a slot)."""
        return bool(self._pool.waitForDone(msecs))
