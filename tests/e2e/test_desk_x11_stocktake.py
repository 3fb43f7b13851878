"""A stocktake at the real desk under a real X server (issue 20): the Stocktake screen (F8),
a room's label and its items typed by ``xdotool`` as a USB scanner types them, a repeat
scan and a code matching no asset. What the screen says is read from the desk's log
(``LOAN_KIOSK_LOG=INFO``: the view logs its scan line and counts line as it shows them);
what was kept, from the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from db.models import Asset, AuditEvent
from db.stocktakes import StocktakeScan
from tests.e2e.x11_desk import ASSETS_CSV, BADGE, PIN, STAFF_CSV, DeskUnderX, cli
from tests.x11 import need_x11, wait_for

pytestmark = pytest.mark.slow


@pytest.fixture
def school_dir(tmp_path: Path) -> Path:
    """The desk's school with a room, ICT1, where LT-0001 and LT-0002 belong."""
    need_x11()
    data = tmp_path / "data"
    data.mkdir()
    (data / "staff.csv").write_text(STAFF_CSV, encoding="utf-8")
    (data / "assets.csv").write_text(ASSETS_CSV, encoding="utf-8")
    cli(data, "init")
    cli(data, "import", "staff", str(data / "staff.csv"))
    cli(data, "import", "assets", str(data / "assets.csv"))
    cli(data, "site", "add", "NHS", "Northfield High School")
    cli(data, "location", "add", "ICT1", "ICT suite 1", "--site", "NHS")
    for tag in ("LT-0001", "LT-0002"):
        cli(data, "asset", "move", tag, "ICT1", "--home")
    cli(data, "technician", "add", "bob", "--name", "Bob Tech", "--badge", BADGE,
        "--pin-stdin", stdin=PIN + "\n")
    return data


def scans(desk: DeskUnderX) -> tuple[list[tuple[str, str | None, str]], list[str]]:
    """(code, asset tag, who) of each scan kept, and who each stocktake_scan event names."""
    engine = create_engine(desk.db_url())
    try:
        with engine.connect() as conn:
            kept = [(r.code, r.tag, r.scanned_by) for r in conn.execute(
                select(StocktakeScan.code, Asset.tag, StocktakeScan.scanned_by)
                .outerjoin(Asset, Asset.id == StocktakeScan.asset_id).order_by(StocktakeScan.id))]
            events = list(conn.execute(select(AuditEvent.actor).where(
                AuditEvent.action == "stocktake_scan").order_by(AuditEvent.seq)).scalars())
        return kept, events
    finally:
        engine.dispose()


def test_a_room_scanned_at_the_desk_with_a_repeat_and_an_unknown_code(school_dir: Path) -> None:
    with DeskUnderX(school_dir) as desk:
        desk.sign_in_by_badge()
        desk.key("F8")
        desk.wait_log("stocktake screen: 0 stocktakes listed")  # the screen is up: scans are its
        desk.scan("ICT1")  # the room's label: starts its stocktake
        desk.wait_log("stocktake screen: Open · expected 2 · found 0 · missing 2")
        desk.scan("LT-0001")
        desk.wait_log("stocktake screen: LT-0001: recorded")
        desk.wait_log("stocktake screen: Open · expected 2 · found 1 · missing 1")
        desk.scan("lt-0001")  # again (a second desk may have scanned it): kept once
        desk.wait_log("stocktake screen: lt-0001: already scanned")
        desk.scan("ZZ-9")  # matches no asset: kept as scanned, listed as unknown
        desk.wait_log("stocktake screen: ZZ-9: recorded")
        desk.wait_log("stocktake screen: Open · expected 2 · found 1 · missing 1 · on loan 0 · "
                      "unexpected 0 · unknown 1 · 50% accounted for")
        wait_for(lambda: len(scans(desk)[0]) == 2, 30, "two scans kept")
        kept, events = scans(desk)
        assert kept == [("LT-0001", "LT-0001", "bob"), ("ZZ-9", None, "bob")]
        assert events == ["bob", "bob"]  # one audit event per scan kept, none for the repeat
        log = desk.log()
        assert "Traceback" not in log and "ERROR" not in log
