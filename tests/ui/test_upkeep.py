"""The desk's housekeeping: the backup check at sign-in and the print queue retried while it runs."""

from __future__ import annotations

import errno

import pytest

from app import backup
from app.backup import AUTO_RE, auto_backup
from app.services.leavers import leaver_return
from app.services.loans import check_out
from app.uow import Actor
from tests.factories import school
from tests.ui.desk import TECH_PIN, sign_in, wait_idle
from tests.unit.printing import samples


def backups(ctx):  # type: ignore[no-untyped-def]
    folder = ctx.paths.backups_dir
    return sorted(p.name for p in folder.iterdir() if AUTO_RE.match(p.name)) \
        if folder.exists() else []


def test_sign_in_takes_the_days_backup_quietly(qtbot, desk) -> None:  # type: ignore[no-untyped-def]
    sign_in(qtbot, desk, "bob", TECH_PIN)
    wait_idle(qtbot, desk)
    if desk.ctx.db.is_sqlite:
        assert len(backups(desk.ctx)) == 1
    else:  # PostgreSQL: pg_dump's job, and nothing to say about it
        assert backups(desk.ctx) == []
    assert desk.banner.level != "warn", desk.banner.message


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # PostgreSQL: pg_dump's job
def test_a_stale_backup_is_a_warning_not_a_stop(qtbot, desk, clock) -> None:  # type: ignore[no-untyped-def]
    auto_backup(desk.ctx)
    clock.advance(hours=22)  # not yet due for today's backup, but older than the limit
    desk.ctx.settings.backup.max_age_hours = 12
    sign_in(qtbot, desk, "bob", TECH_PIN)
    wait_idle(qtbot, desk)
    assert desk.banner.level == "warn"
    assert desk.banner.message == ("Backups: the newest backup is 22 hours old (limit 12); "
                                   "check the backups.")
    assert desk.current.name == "scan"  # the desk carries on
    assert len(backups(desk.ctx)) == 1


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # PostgreSQL: pg_dump's job
def test_a_failed_backup_is_reported_as_a_warning(qtbot, desk, monkeypatch) -> None:  # type: ignore[no-untyped-def]

    def disk_full(*_a, **_k):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "backup_database", disk_full)
    sign_in(qtbot, desk, "bob", TECH_PIN)
    wait_idle(qtbot, desk)
    assert desk.banner.level == "warn"
    assert desk.banner.message.startswith(
        "Backups: the automatic backup failed: No space left on device; ")
    assert "there is no backup of this database yet" in desk.banner.message


def make_leaver_receipt(ctx) -> str:  # type: ignore[no-untyped-def]
    school(ctx)
    actor = Actor("bob")
    with ctx.uow(actor) as uow:
        check_out(uow, ["LT-0001"], "AB1")
    with ctx.uow(actor) as uow:
        return leaver_return(uow, "AB1", confirm_not_leaving=True, returned_tags=["LT-0001"],
                             signature=samples.signature()).number


def test_a_receipt_waiting_for_its_printer_prints_on_a_later_tick(qtbot, desk, printer) -> None:  # type: ignore[no-untyped-def]
    number = make_leaver_receipt(desk.ctx)
    desk.ctx.settings.printing.receipt_copies = 1
    assert desk.upkeep.print_timer.isActive()
    assert desk.upkeep.print_timer.interval() == 60_000
    sign_in(qtbot, desk, "bob", TECH_PIN)
    printer.go_offline()
    desk.print_receipt(number)
    wait_idle(qtbot, desk)
    assert desk.banner.level == "warn"
    assert f"receipt {number} saved, will print when it is back" in desk.banner.message
    assert printer.jobs == []

    assert desk.upkeep.retry_prints()  # a tick while the printer is still away says nothing
    wait_idle(qtbot, desk)
    assert printer.jobs == [] and f"{number} saved" in desk.banner.message

    printer.go_online()
    assert desk.upkeep.retry_prints()
    assert not desk.upkeep.retry_prints()  # the previous tick's retry is still running
    wait_idle(qtbot, desk)
    assert len(printer.jobs) == 1 and printer.jobs[0].data.startswith(b"%PDF")
    assert desk.banner.level == "ok"
    assert desk.banner.message == (f"Printed after waiting: Receipt {number} sent to "
                                   "the default printer.")
    assert desk.upkeep.retry_prints()  # nothing left: the next tick prints nothing again
    wait_idle(qtbot, desk)
    assert len(printer.jobs) == 1


def test_no_retry_while_the_desk_is_locked(qtbot, desk, printer) -> None:  # type: ignore[no-untyped-def]
    assert not desk.upkeep.retry_prints()
