"""Issue 20's desk screens with the demo trust, at 1280×720, 1366×768 and 1920×1080: Admin →
Schools & rooms, the dashboard of every school, an asset card being moved.

Run with ``LOAN_KIOSK_SCREENSHOTS=1`` to (re)write ``docs/screenshots/screen-*.png``;
otherwise the images go to a temporary folder and the test only proves each renders with
nothing cut off.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.desk_shots import SIZES, demo_desk, shots_dir, sign_in_demo
from tests.ui.desk import wait_idle


@pytest.mark.slow
def test_screenshots_of_the_trust_screens(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.layout_check import look_at_sizes

    out = shots_dir(tmp_path)
    win, ctx = demo_desk(qtbot, tmp_path)
    shots: list[Path] = []
    cut: list[str] = []

    def shoot(name: str, prepare=None) -> None:  # type: ignore[no-untyped-def]
        def picture(w: int, h: int) -> Path:
            shots.append(out / f"screen-{name}-{w}x{h}.png")
            return shots[-1]

        cut.extend(look_at_sizes(win, name, SIZES, lambda: wait_idle(qtbot, win), prepare,
                                 picture))

    sign_in_demo(qtbot, win)

    def places() -> None:
        win._navigate("admin")
        admin = win.controller("admin")
        admin.view.show_places_tab()
        wait_idle(qtbot, win)
        admin.view.places.select("EXA-TROLLEY-A")
    shoot("admin-schools-and-rooms", places)

    def every_school() -> None:
        win._navigate("dashboard")
        wait_idle(qtbot, win)
        win.controller("dashboard").view.all_schools.setChecked(True)
    shoot("dashboard-all-schools", every_school)
    title = win.controller("dashboard").view.title.text()
    assert "All schools" in title

    def moving() -> None:
        win.open_asset("LT-0003")
        wait_idle(qtbot, win)
        view = win.controller("asset").view
        view.move_to.click()
        view.move_panel.fields[0].setText("EXA-SCI2")
    shoot("asset-card-move", moving)
    assert "At EXA › ICT office › Laptop cupboard" in \
        win.controller("asset").view.header.facts.text()
    win.close()
    ctx.close()
    assert len(shots) == len(SIZES) * 3
    assert not cut, "\n".join(cut)
    assert all(p.stat().st_size > 10_000 for p in shots)
