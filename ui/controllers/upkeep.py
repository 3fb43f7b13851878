"""The desk's housekeeping while it runs: the start-up backup check and print-queue retries.

Both run on the worker (``OpRunner.run_plain``) and only speak through the
banner: a stale or missing backup is a non-blocking warning, and a receipt
that was waiting for its printer is reported when it finally prints.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from app.errors import LoanKioskError

if TYPE_CHECKING:
    from app.backup import BackupStatus
    from app.services.documents import PrintOutcome
    from ui.controllers.desk import Desk
    from ui.ops import OpError

log = logging.getLogger(__name__)

#: how often waiting print jobs are tried again
PRINT_RETRY_MS = 60_000


class DeskUpkeep(QObject):
    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._retrying = False
        self.print_timer = QTimer(self)
        self.print_timer.setInterval(PRINT_RETRY_MS)
        self.print_timer.timeout.connect(self.retry_prints)

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
