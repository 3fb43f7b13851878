"""The op helper: work runs on a worker, answers come back on the GUI thread."""

from __future__ import annotations

import threading

from sqlalchemy import select

from app.uow import Actor
from db.models import Person
from tests.factories import add_person
from tests.ui.desk import sqlite_only_db
from ui.ops import OpError, OpRunner

#: widget-level: stays on SQLite
db_url = sqlite_only_db


def test_work_runs_off_the_gui_thread_and_answers_on_it(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    add_person(ui_ctx, "AB1", "Siân", "Ó Briain")
    runner = OpRunner(ui_ctx)
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work(uow):  # type: ignore[no-untyped-def]
        seen["worker"] = threading.get_ident()
        return uow.session.execute(select(Person.first_name)).scalar_one()

    def ok(result: str) -> None:
        seen["callback"] = threading.get_ident()
        seen["result"] = result

    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: not busy):
        runner.run(Actor("t"), work, ok=ok, readonly=True)
    assert seen["result"] == "Siân"
    assert seen["worker"] != gui
    assert seen["callback"] == gui
    assert not runner.busy


def test_a_refusal_arrives_as_its_message(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    from app.services.loans import check_in

    runner = OpRunner(ui_ctx)
    errors: list[OpError] = []
    runner.run(Actor("t"), lambda uow: check_in(uow, "NOPE"), err=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert errors[0].message == "no asset with tag 'NOPE'"


def test_an_unexpected_failure_is_said_in_plain_words_never_its_exception_text(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    from ui.ops import UNEXPECTED

    runner = OpRunner(ui_ctx)
    errors: list[OpError] = []

    def broken() -> None:
        raise KeyError("internal_column_name")

    runner.run_plain(broken, err=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert errors[0].message == UNEXPECTED
    assert "KeyError" not in errors[0].message and "internal_column" not in errors[0].message
    assert isinstance(errors[0].original, KeyError)  # kept for the log


def test_a_printer_or_a_disk_failure_is_said_as_what_happened(qtbot, ui_ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.devices.printer import PrinterUnavailable

    runner = OpRunner(ui_ctx)
    errors: list[OpError] = []

    def offline() -> None:
        raise PrinterUnavailable("IT-Office", "is offline")

    def disk() -> None:
        (tmp_path / "missing" / "x.pdf").write_bytes(b"")

    runner.run_plain(offline, err=errors.append)
    runner.run_plain(disk, err=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 2)
    assert errors[0].message == "Printer 'IT-Office' is offline."
    assert errors[1].message == f"The computer could not use {tmp_path / 'missing' / 'x.pdf'}: " \
                                "no such file or directory."
    assert not any("Error" in e.message for e in errors)


def test_no_work_is_taken_after_close(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    """A timer firing after the window closed (a search typed just before) must not start a job
    on a pool about to be destroyed: Qt's destructor would wait for it holding the GIL."""
    runner = OpRunner(ui_ctx)
    ran: list[int] = []
    assert runner.close()
    runner.run_plain(lambda: ran.append(1))
    qtbot.wait(50)
    assert ran == [] and not runner.busy
