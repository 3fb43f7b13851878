"""The desk's housekeeping while it runs: the start-up backup check, print-queue retries and
the notices' daily run.

Backups and prints run on the worker (``OpRunner.run_plain``); mail runs on a worker of its
own (a second :class:`~ui.ops.OpRunner`), so a batch of messages to a slow server never
holds up a scan. All of them only speak through the banner: a stale or missing backup is a
non-blocking warning, and a receipt that was waiting for its printer is reported when it
finally prints.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer

from app.errors import LoanKioskError

if TYPE_CHECKING:
    from app.backup import BackupStatus
    from app.notices.daily import RunReport
    from app.notices.sender import SendReport
    from app.services.documents import PrintOutcome
    from ui.controllers.desk import Desk
    from ui.ops import OpError

log = logging.getLogger(__name__)
T = TypeVar("T")

#: how often waiting print jobs are tried again
PRINT_RETRY_MS = 60_000
#: how often the desk looks whether today's notices are due, and sends what waits
NOTICES_TICK_MS = 15 * 60_000


class DeskUpkeep(QObject):
    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._retrying = False
        self.print_timer = QTimer(self)
        self.print_timer.setInterval(PRINT_RETRY_MS)
        self.print_timer.timeout.connect(self.retry_prints)
        from ui.ops import OpRunner

        #: mail's own worker: the daily run and sending never wait behind, or hold up, a scan
        self.mail_ops = OpRunner(desk.ctx, self)
        self._mailing = False
        #: the day this desk last did (or saw done) the daily notices run
        self.notices_day: dt.date | None = None
        self.notices_timer = QTimer(self)
        self.notices_timer.setInterval(NOTICES_TICK_MS)
        self.notices_timer.timeout.connect(self.notices_tick)

    # -- backups -------------------------------------------------------------------------
    def check_backups(self) -> None:
        """Take the day's backup if due (SQLite), then warn when the newest one is too old.

        On PostgreSQL both calls are quiet (backups are pg_dump's job): nothing is shown.
        """
        ctx = self.desk.ctx
        generation = self.desk.generation

        def work() -> tuple[BackupStatus, str]:
            from app.backup import auto_backup, backup_status  # on the worker: see ui.desk_app

            failure = ""
            try:
                auto_backup(ctx)
            except LoanKioskError as exc:
                failure = exc.message
            except OSError as exc:
                log.exception("automatic backup failed")
                failure = f"the automatic backup failed: {exc.strerror or exc}"
            return backup_status(ctx), failure

        def done(result: tuple[BackupStatus, str]) -> None:
            status, failure = result
            if status.ok or generation != self.desk.generation:
                return
            words = f"{failure}; {status.message}" if failure else status.message
            self.desk.notify("warn", f"Backups: {words}.")

        def failed(error: OpError) -> None:
            if generation == self.desk.generation:
                self.desk.notify("warn", f"Backups: could not check the backups ({error.message}).")

        self.desk.ops.run_plain(work, ok=done, err=failed)

    # -- print queue -------------------------------------------------------------------------
    def retry_prints(self) -> bool:
        """One tick: try the waiting print jobs again. False when skipped.

        Skipped while nobody is signed in (the jobs' audit names a technician) and
        while the previous tick's retry is still running.
        """
        actor = self.desk.actor
        if actor is None or self._retrying:
            return False
        ctx, factory = self.desk.ctx, self.desk.printer_factory
        self._retrying = True

        def done(outcomes: list[PrintOutcome]) -> None:
            self._retrying = False
            for outcome in outcomes:
                if outcome.printed and outcome.sent:
                    self.desk.notify("ok", f"Printed after waiting: {outcome.message}.")
                elif not outcome.printed and not outcome.waiting:
                    self.desk.notify("error", f"{outcome.message}.")

        def failed(error: OpError) -> None:
            self._retrying = False
            log.warning("print retry failed: %s", error.message)

        def work() -> list[PrintOutcome]:
            from app.services.documents import retry_print_jobs

            return retry_print_jobs(ctx, actor, factory)

        self.desk.ops.run_plain(work, ok=done, err=failed)
        return True

    # -- notices ---------------------------------------------------------------------------
    def _mail_on(self) -> bool:
        return bool(self.desk.ctx.settings.mail.host.strip())

    def notices_tick(self) -> bool:
        """Once a day (``[notices] desk_daily_run``) the daily run, else send what waits.
        False when skipped (nobody signed in, mail off, a run still going)."""
        if not self._mail_on() or self.desk.actor is None or self._mailing:
            return False
        today = dt.date.today()
        if self.desk.ctx.settings.notices.desk_daily_run and self.notices_day != today:
            return self.run_notices(self._ran, self.quiet_failure)
        return self.send_notices(self.notices_sent, self.quiet_failure)

    def _ran(self, report: RunReport) -> None:
        if report.send.failed:
            self.desk.notify("warn", f"Notices: {len(report.send.failed)} could not be sent "
                                     "(see Admin, Outbox).")

    def notices_sent(self, report: SendReport) -> None:
        if report.failed:
            self.desk.notify("warn", f"Notices: {len(report.failed)} could not be sent "
                                     "(see Admin, Outbox).")

    def quiet_failure(self, error: OpError) -> None:
        log.warning("notices: %s", error.message)

    def run_notices(self, ok: Callable[[RunReport], Any], err: Callable[[OpError], Any], *,
                    force: bool = False) -> bool:
        """Today's notices run on the mail worker (the lease in the database makes it once a
        day across desks); ``ok(report)`` on the GUI thread. False: mail is not set up."""
        actor = self.desk.actor
        if actor is None or not self._mail_on() or (self._mailing and not force):
            return False
        ctx = self.desk.ctx

        def work() -> RunReport:
            from app.notices.daily import run_daily  # on the worker: see ui.desk_app

            return run_daily(ctx, actor, ctx.mailer())

        def done(report: RunReport) -> None:
            self.notices_day = report.day
            ok(report)

        self._on_mail_worker(work, done, err)
        return True

    def send_notices(self, ok: Callable[[SendReport], Any], err: Callable[[OpError], Any]) -> bool:
        """Send what waits in the outbox, on the mail worker. False: mail is not set up."""
        actor = self.desk.actor
        if actor is None or not self._mail_on():
            return False
        ctx = self.desk.ctx

        def work() -> SendReport:
            from app.notices.sender import SendReport, send_due

            mailer = ctx.mailer()
            return send_due(ctx, actor, mailer) if mailer is not None else SendReport()

        self._on_mail_worker(work, ok, err)
        return True

    def _on_mail_worker(self, work: Callable[[], T], ok: Callable[[T], Any],
                        err: Callable[[OpError], Any]) -> None:
        """``work()`` on the mail worker, one batch at a time; the answer on the GUI thread."""
        self._mailing = True

        def done(result: T) -> None:
            self._mailing = False
            ok(result)

        def failed(error: OpError) -> None:
            self._mailing = False
            err(error)

        self.mail_ops.run_plain(work, ok=done, err=failed)
