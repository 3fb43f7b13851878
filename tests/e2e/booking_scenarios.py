"""End-to-end scenarios of ``book`` and ``bookings``, run by :mod:`tests.e2e.test_cli_commands`
(every command has one) on its small school. The fuller CLI tests are in
:mod:`tests.e2e.test_cli_bookings`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.e2e.test_cli_commands import Cli


def _next_tuesday() -> dt.date:
    """A school day a week or more away (the CLI runs on the real clock)."""
    today = dt.date.today()
    return today + dt.timedelta(days=7 + (1 - today.weekday()) % 7)


def book(c: Cli) -> None:
    day = _next_tuesday().isoformat()
    out = c.ok("book", "LT-0001", "E1", "--from", f"{day}T10:00", "--to", f"{day}T11:00",
               "--purpose", "Year 8 science")
    assert out.startswith("booking 1: LT-0001 for E1, "), out
    clash = c.run("book", "lt-0001", "E2", "--from", f"{day}T10:30", "--to", f"{day}T12:00")
    assert clash.returncode == 2
    assert clash.stderr.startswith("error: LT-0001 is already booked for Siân Ó Briain (E1) ")
    assert clash.stderr.count("\n") == 1  # one line
    assert c.ok("book", "cancel", "1").strip().startswith("cancelled booking 1")
    # the slot is free again: the other member of staff gets it
    assert c.ok("book", "LT-0001", "E2", "--from", f"{day}T10:30", "--to",
                f"{day}T12:00").startswith("booking ")


def bookings(c: Cli) -> None:
    day = _next_tuesday()
    c.ok("book", "PH-0001", "E2", "--from", day.isoformat(), "--to", day.isoformat())
    listed = c.json("bookings", "--day", day.isoformat())
    assert [(b["what"], b["staff_code"]) for b in listed["bookings"]] == [("PH-0001", "E2")]
    assert c.json("bookings", "--day", (day + dt.timedelta(days=1)).isoformat())["bookings"] == []
    ics = c.outside / "e2.ics"
    assert "1 booking(s) written to" in c.ok("bookings", "--ics", str(ics), "--person", "E2")
    assert ics.read_text(encoding="utf-8").count("BEGIN:VEVENT") == 1


BOOKING_SCENARIOS: dict[tuple[str, ...], Callable[[Cli], object]] = {
    ("book",): book,
    ("bookings",): bookings,
}
