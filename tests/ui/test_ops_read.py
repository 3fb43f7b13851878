"""``OpRunner.read``: a scan's short read runs at once on the embedded database, and on
the worker where that could keep the GUI thread waiting (PostgreSQL, a slow file, a
worker already busy). Its answer always comes back through the event loop."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from app.bootstrap import AppContext, bootstrap
from app.config import Settings
from app.uow import Actor
from db.models import Person
from tests.conftest import user_folder
from tests.factories import add_person
from ui import ops
from ui.ops import OpRunner


@pytest.fixture
def sqlite_ctx(tmp_path: Path, clock) -> Iterator[AppContext]:  # type: ignore[no-untyped-def]
    """An embedded database (the slow-read rules are about SQLite; PostgreSQL never reads here)."""
    ctx = bootstrap(f"sqlite:///{tmp_path / 'desk.sqlite3'}", data_dir=user_folder(tmp_path) / "data",
                    settings=Settings(), clock=clock)
    yield ctx
    ctx.close()


def _read_once(qtbot, runner: OpRunner, work) -> dict[str, object]:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}

    def ok(result: object) -> None:
        seen["callback"] = threading.get_ident()
        seen["result"] = result

    runner.read(Actor("t"), work, ok=ok)
    seen["answered_inside_the_call"] = "result" in seen
    qtbot.waitUntil(lambda: "result" in seen and not runner.busy)
    return seen


def test_a_read_runs_where_the_database_answers_quickly(qtbot, ui_ctx, db_url: str) -> None:  # type: ignore[no-untyped-def]
    add_person(ui_ctx, "AB1", "Siân", "Ó Briain")
    runner = OpRunner(ui_ctx)
    gui = threading.get_ident()
    where: list[int] = []

    def work(uow):  # type: ignore[no-untyped-def]
        where.append(threading.get_ident())
        return uow.session.execute(select(Person.first_name)).scalar_one()

    seen = _read_once(qtbot, runner, work)
    assert seen["result"] == "Siân"
    assert seen["callback"] == gui
    assert seen["answered_inside_the_call"] is False  # from the event loop, as a worker's
    if db_url.startswith("sqlite"):
        assert where == [gui] and runner.reads_here
    else:  # a network database: never on the GUI thread
        assert where[0] != gui and not runner.reads_here


def test_a_read_while_the_worker_is_busy_waits_its_turn_there(qtbot, ui_ctx, db_url: str) -> None:  # type: ignore[no-untyped-def]
    runner = OpRunner(ui_ctx)
    release = threading.Event()
    order: list[str] = []
    def first() -> None:
        release.wait(10)
        order.append("first")

    runner.run_plain(first)
    where: list[int] = []

    def work(uow):  # type: ignore[no-untyped-def]
        where.append(threading.get_ident())
        order.append("read")
        return 1

    runner.read(Actor("t"), work, ok=lambda _r: None)
    assert where == []  # not run here, ahead of the job before it
    release.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert order == ["first", "read"] and where[0] != threading.get_ident()


def test_slow_reads_go_to_the_worker_and_quick_ones_bring_them_back(qtbot, sqlite_ctx) -> None:  # type: ignore[no-untyped-def]
    runner = OpRunner(sqlite_ctx)
    gui = threading.get_ident()
    where: list[int] = []

    def slow(uow):  # type: ignore[no-untyped-def]  # a database file on a network share
        where.append(threading.get_ident())
        time.sleep(ops.INLINE_READ_BUDGET_S * 3)
        return 1

    for _ in range(5):  # two in a row move them (one, if the machine stretches its sleep)
        _read_once(qtbot, runner, slow)
        if not runner.reads_here:
            break
    assert not runner.reads_here and 1 <= len(where) <= 2
    assert set(where) == {gui}  # every slow read so far ran here, then reads moved
    _read_once(qtbot, runner, slow)
    assert where[-1] != gui  # on the worker, where it is still timed
    for _ in range(20):  # the share is quick again (as noted; the clock is not the point)
        runner.read_cost.note(0.0005)
    assert runner.reads_here
    _read_once(qtbot, runner, slow)
    assert where[-1] == gui


def test_one_slow_read_among_quick_ones_moves_nothing() -> None:
    cost = ops.ReadCost(budget_s=0.004)
    quick, slow = 0.0005, 0.008
    for seconds in (quick, quick, quick, slow, quick, quick, quick, slow):
        cost.note(seconds)
        assert cost.quick, cost.average_s
    cost.note(slow)  # two slow reads in a row
    assert not cost.quick


def test_a_failed_read_answers_its_err(qtbot, ui_ctx) -> None:  # type: ignore[no-untyped-def]
    from app.services.loans import check_in

    runner = OpRunner(ui_ctx)
    errors: list[object] = []
    runner.read(Actor("t"), lambda uow: check_in(uow, "NOPE"), err=errors.append)
    assert errors == []
    qtbot.waitUntil(lambda: bool(errors) and not runner.busy)
    assert "NOPE" in errors[0].message  # type: ignore[attr-defined]
