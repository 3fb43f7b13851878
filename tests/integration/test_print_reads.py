"""Printing a receipt reads it once to render it (issue 14): the units of work a print opens
and the statements that read the receipt, counted on SQLite and PostgreSQL.

Before issue 14 a leaver receipt printed in two copies opened 10 units of work and read the
receipt 6 times (archive check, render, archive record, queueing, once per job); now the
render uses the archive step's read, queueing takes what the archive step returns, and the
jobs are read with their receipt in one unit of work.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event

from app import uow as uow_module
from app.bootstrap import AppContext
from app.services import documents
from app.uow import Actor
from tests.integration.test_documents import Printers, make_leaver_receipt


class Counts:
    """Units of work opened and SELECTs reading ``receipts``, once :meth:`start` is called."""

    def __init__(self, app_ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
        self.units_of_work = 0
        self.receipt_reads = 0
        self._ctx = app_ctx
        self._monkeypatch = monkeypatch

    def start(self) -> Counts:
        opened = uow_module.UnitOfWork.__init__

        def counting(uow: uow_module.UnitOfWork, *args: Any, **kwargs: Any) -> None:
            self.units_of_work += 1
            opened(uow, *args, **kwargs)

        self._monkeypatch.setattr(uow_module.UnitOfWork, "__init__", counting)
        event.listen(self._ctx.db.engine, "before_cursor_execute", self._statement)
        return self

    def stop(self) -> None:
        engine = self._ctx.db.engine
        if event.contains(engine, "before_cursor_execute", self._statement):
            event.remove(engine, "before_cursor_execute", self._statement)

    def _statement(self, conn: Any, cursor: Any, sql: str, *rest: Any) -> None:
        text = sql.lower()
        if text.lstrip().startswith("select") and "receipts" in text.split("where")[0]:
            self.receipt_reads += 1


@pytest.fixture
def counts(app_ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> Iterator[Counts]:
    seen = Counts(app_ctx, monkeypatch)
    yield seen
    seen.stop()


def test_a_two_copy_print_reads_the_receipt_twice(app_ctx: AppContext, admin: Actor,
                                                        counts: Counts) -> None:
    number = make_leaver_receipt(app_ctx, admin)
    printers = Printers()
    seen = counts.start()
    outcome = documents.queue_print(app_ctx, admin, number, copies=2, printer_factory=printers)
    assert outcome.printed and outcome.sent == 2
    # archive: a read (the leaver return archived it with its commit, issue 17); queue: 1;
    # jobs: one read for both, then claim + finish each
    assert seen.units_of_work == 1 + 1 + 1 + 2 * 2
    # the archive step's read (already archived: nothing to render or record), the jobs' read
    assert seen.receipt_reads == 2
    assert len(printers.get(None).jobs) == 2


def test_printing_an_archived_receipt_again_renders_nothing(app_ctx: AppContext, admin: Actor,
                                                            counts: Counts) -> None:
    number = make_leaver_receipt(app_ctx, admin)
    printers = Printers()
    documents.archive_receipt(app_ctx, admin, number)
    seen = counts.start()
    documents.queue_print(app_ctx, admin, number, copies=1, printer_factory=printers)
    assert seen.units_of_work == 1 + 1 + 1 + 2  # archive check, queue, jobs' read, claim+finish
    assert seen.receipt_reads == 2
