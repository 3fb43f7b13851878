"""``loan-kiosk book`` and ``bookings`` through the real entry point, SQLite and PostgreSQL:
a clash exits 2 with one ``error:`` line naming who holds the slot and changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.e2e.test_cli import Cli, cli  # noqa: F401 - the fixture

# the CLI runs on the real clock: book days from next week on (a Tuesday)
_today = dt.date.today()
TUE = _today + dt.timedelta(days=7 + (1 - _today.weekday()) % 7)
NEXT = TUE + dt.timedelta(days=7)


def test_book_list_cancel_and_export(cli: Cli, tmp_path: Path) -> None:  # noqa: F811
    out = cli.ok("book", "LT-0001", "AB1", "--periods", TUE.isoformat(), "P2-P3",
                 "--purpose", "Year 8 science")
    assert out.startswith("booking 1: LT-0001 for AB1, ")
    assert "09:50–12:10" in out
    cli.refused("book", "lt-0001", "CD2", "--from", f"{TUE}T10:00", "--to", f"{TUE}T11:00",
                match="error: LT-0001 is already booked for Siân Ó Briain (AB1) ")
    cli.refused("book", "LT-0001", "CD2", "--periods", TUE.isoformat(), "P9",
                match="no period 'P9' in the timetable (P1, P2, P3, P4, P5)")
    cli.refused("book", "LT-0001", "CD2", "--from", "tuesday", "--to", f"{TUE}",
                match="--from 'tuesday' is not a date")
    weekly = cli.json("book", "LT-0002", "CD2", "--periods", TUE.isoformat(), "P1",
                      "--weekly-until", NEXT.isoformat())
    w1, w2 = (b["id"] for b in weekly["bookings"])  # PostgreSQL's ids skip refused inserts
    assert [b["series_id"] for b in weekly["bookings"]] == [w1, w1]
    [pool] = cli.json("book", "1 phone", "CD2", "--from", TUE.isoformat(), "--to",
                      NEXT.isoformat())["bookings"]
    cli.refused("book", "1 phone", "AB1", "--from", TUE.isoformat(), "--to", TUE.isoformat(),
                match="only 0 of the 1 phones here are free")

    day = cli.json("bookings", "--day", TUE.isoformat())
    assert [(b["id"], b["what"], b["staff_code"]) for b in day["bookings"]] == [
        (pool["id"], "1 × phone", "CD2"), (w1, "LT-0002", "CD2"), (1, "LT-0001", "AB1")]
    text = cli.ok("bookings", "--day", TUE.isoformat())
    assert f"bookings {TUE.isoformat()}: 3" in text and "for Siân Ó Briain (AB1)" in text

    assert cli.ok("book", "ready", "1").strip() == "booking 1 is ready"
    assert cli.ok("book", "cancel", str(w1), "--series", "--reason", "moved room").strip() == \
        f"cancelled booking {w1}, {w2}"
    cli.refused("book", "cancel", str(w2),
                match=f"booking {w2} is cancelled: it cannot be cancelled")
    cli.refused("book", "cancel", "two", match="a booking is named by its number")
    moved = cli.ok("book", "change", "1", "--periods", NEXT.isoformat(), "P4")
    assert moved.startswith("booking 1 moved to ") and "12:10–13:10" in moved

    ics = tmp_path / "ab1.ics"
    assert cli.ok("bookings", "--ics", str(ics), "--person", "AB1").strip() == \
        f"1 booking(s) written to {ics}"
    body = ics.read_text(encoding="utf-8")
    assert body.count("BEGIN:VEVENT") == 1 and "UID:booking-1@loan-kiosk" in body
    cli.refused("bookings", "--person", "AB1", match="--person and --kit choose what --ics")
    cli.refused("bookings", "--ics", str(ics), match="exists")  # replaced only with --force
    cli.ok("bookings", "--ics", str(ics), "--force")


def test_check_out_of_a_booked_asset(cli: Cli) -> None:  # noqa: F811
    cli.ok("book", "LT-0003", "AB1", "--from", TUE.isoformat(), "--to", TUE.isoformat())
    proc = cli.run("checkout", "LT-0003", "CD2")
    assert proc.returncode == 0, proc.stderr
    assert "due back" in proc.stdout
    assert f"note: due date brought forward to {TUE.isoformat()}: LT-0003 is booked for " \
           "Siân Ó Briain (AB1)" in proc.stderr
