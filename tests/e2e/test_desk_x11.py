"""The real desk under a real X server: scans typed by ``xdotool`` as a USB scanner types
them (Shift press/release around every capital), a person typing, the mouse signing.

Each test starts ``loan-kiosk`` as its own process on its own Xvfb display and checks
what the database holds (and what the desk's log says it told the technician).
Without Xvfb/xdotool/setxkbmap these tests skip with the reason; ``.ci/run`` installs
them and turns the skip into a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from db.models import Loan
from tests.e2e.x11_desk import DeskUnderX, prepare_school
from tests.x11 import need_x11, wait_for

pytestmark = pytest.mark.slow


@pytest.fixture
def school_dir(tmp_path: Path) -> Path:
    need_x11()
    data = tmp_path / "data"
    data.mkdir()
    prepare_school(data)
    return data


def open_loans(desk: DeskUnderX) -> list[tuple[str, str, str, bool]]:
    engine = create_engine(desk.db_url())
    try:
        with engine.connect() as conn:
            from db.models import Asset, Person

            return [tuple(r) for r in conn.execute(
                select(Asset.tag, Person.staff_code, Loan.out_by, Loan.signature_out_id.is_not(None))
                .join(Asset, Asset.id == Loan.asset_id).join(Person, Person.id == Loan.person_id)
                .where(Loan.outcome.is_(None)).order_by(Loan.id))]
    finally:
        engine.dispose()


def test_scan_a_laptop_and_a_staff_card_sign_with_the_mouse_and_it_is_lent(school_dir: Path) -> None:
    with DeskUnderX(school_dir) as desk:
        desk.sign_in_by_badge()
        desk.scan("LT-0001")
        desk.wait_log("LT-0001 added")
        desk.scan("CARD-1")  # the borrower, scanned into the borrower search field
        desk.key("Return")  # a person's Enter: on to the signature
        desk.draw([[(0.30, 0.45), (0.45, 0.52), (0.55, 0.42), (0.70, 0.50)],
                   [(0.35, 0.56), (0.50, 0.47), (0.65, 0.58)]])
        desk.key("Return")  # accept the signature
        wait_for(lambda: open_loans(desk), 30, "the loan")
        assert open_loans(desk) == [("LT-0001", "AB1", "bob", True)]
        assert "Lent 1 item to Siân Ó Briain: LT-0001" in desk.wait_log("Lent 1 item")
        log = desk.log()
        assert "not an asset tag" not in log and "T-0001" not in log.replace("LT-0001", "")


def test_a_us_scanner_on_a_german_layout_gets_layout_advice(school_dir: Path) -> None:
    with DeskUnderX(school_dir) as desk:
        desk.sign_in_by_badge()
        desk.x.layout("de")
        # what a scanner programmed for a US keyboard sends for LT-0001: the US key positions
        desk.x.xdotool("key", "--delay", "4", "shift+46", "shift+28", "20", "19", "19", "19",
                       "10", "Return")
        line = desk.wait_log("LTß0001")
        assert "“LT-0001”" in line and "laptop LT-0001" in line and "German" in line
        assert "keyboard layout" in line
        assert open_loans(desk) == []
        desk.x.layout("us")
        desk.scan("LT-0002")  # back on the right layout: the desk takes scans again
        desk.wait_log("LT-0002 added")


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_kiosk_fills_the_screen_with_no_window_manager(school_dir: Path, size: tuple[int, int]) -> None:
    with DeskUnderX(school_dir, size=size) as desk:
        wait_for(lambda: desk.x.geometry(desk.window) == (0, 0, *size), 20,
                 f"the window to cover {size}")


@pytest.mark.parametrize(("screen", "window"), [((1280, 720), (1280, 720)),
                                                ((1920, 1080), (1366, 768))])
def test_the_normal_desk_fits_the_screen_and_takes_the_keyboard(
        school_dir: Path, screen: tuple[int, int], window: tuple[int, int]) -> None:
    """On a small screen the window fills it; on a big one it has its own size, and the keys
    reach it even with the pointer outside it (no window manager to give it the focus)."""
    with DeskUnderX(school_dir, size=screen, args=()) as desk:
        wait_for(lambda: desk.x.geometry(desk.window)[2:] == window, 20,
                 f"the window to be {window} on a {screen} screen")
        desk.sign_in_by_badge()
        desk.type_by_hand("PH-0001")  # a person typing a tag in the scan field, then Enter
        desk.key("Return")
        desk.wait_log("PH-0001 added")
