"""The Stocktake screen (issue 20) with demo data, at 1280×720, 1366×768 and 1920×1080: the
list of stocktakes, a room being scanned (found, missing, unexpected tabs), and the PDF report
of the room once closed at the desk.

Run with ``LOAN_KIOSK_SCREENSHOTS=1`` to (re)write ``docs/screenshots/screen-stocktake-*``;
otherwise the images go to a temporary folder and the test only proves each renders with
nothing cut off.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.demo_identity import DEMO_ACTOR
from app.services import places, stocktakes
from db.models import Asset
from tests.e2e.desk_shots import Shooter, demo_desk, shots_dir, sign_in_demo
from tests.ui.desk import wait_idle


@pytest.mark.slow
def test_stocktake_screens(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.keys import scan
    from ui.views.stocktake_view import TABS

    out = shots_dir(tmp_path)
    win, ctx = demo_desk(qtbot, tmp_path)
    with ctx.uow(DEMO_ACTOR) as uow:
        places.add_site(uow, "EA", ctx.settings.school.name)
    rooms = {}
    for code, name, parent in (("EA-ICT1", "ICT suite 1", None), ("EA-T1", "Laptop trolley 1",
                                                                    "EA-ICT1"),
                               ("EA-LIB", "Library", None)):
        with ctx.uow(DEMO_ACTOR) as uow:
            rooms[code] = places.add_location(uow, "EA", code, name, parent_code=parent,
                                              kind="trolley" if "T1" in code else "room").id
    with ctx.uow(DEMO_ACTOR) as uow:  # the demo's assets placed: most in ICT1 and its trolley
        assets = uow.session.execute(select(Asset).where(Asset.status != "retired")
                                     .order_by(Asset.tag)).scalars().all()
        for i, asset in enumerate(assets):
            home = ("EA-LIB" if i % 7 == 6 else "EA-T1" if i % 2 else "EA-ICT1")
            asset.site_id = 1
            asset.home_location_id = asset.current_location_id = rooms[home]
        uow.audit("test_placed", None)
        uow.commit()
        in_room = [a.tag for i, a in enumerate(assets) if i % 7 != 6]
        elsewhere = [a.tag for i, a in enumerate(assets) if i % 7 == 6]
    with ctx.uow(DEMO_ACTOR) as uow:  # an older one, closed, in the history
        old = stocktakes.start_stocktake(uow, "EA-LIB").id
    from app.services.documents.stocktake_reports import close_stocktake
    close_stocktake(ctx, DEMO_ACTOR, old)

    sign_in_demo(qtbot, win)
    shoot = Shooter(qtbot, win, out, "stocktake-", "stocktake ")
    shots, cut = shoot.shots, shoot.cut

    view = win.controller("stocktake").view

    def listing() -> None:
        win._navigate("stocktake")
        wait_idle(qtbot, win)

    shoot("list", listing)
    scan("EA-ICT1")
    wait_idle(qtbot, win)
    for tag in [*in_room[: len(in_room) * 2 // 3], elsewhere[0], "ZZ-0404"]:
        scan(tag)
        wait_idle(qtbot, win)
    assert "unexpected 1" in view.counts.text() and "unknown 1" in view.counts.text()

    def tab(name: str):  # type: ignore[no-untyped-def]
        def show() -> None:
            view.tabs.setCurrentIndex([t[0] for t in TABS].index(name))
            wait_idle(qtbot, win)
        return show

    shoot("found", tab("found"))
    shoot("missing", tab("missing"))
    shoot("unexpected", tab("unexpected"))

    # closed at the desk: the archived report's first page
    from tests.ui.desk import answer
    from tests.unit.printing.pdfs import render

    view.close_.click()
    answer(qtbot, win, "close", "Close stocktake #2?")
    qtbot.waitUntil(lambda: view.counts.text().startswith("Closed"), timeout=30000)
    wait_idle(qtbot, win)
    (pdf,) = (ctx.paths.documents_dir / "stocktakes").rglob("stocktake-2.pdf")
    page = render(pdf.read_bytes(), dpi=100)
    page.save(out / "stocktake-report.png")
    shots.append(out / "stocktake-report.png")
    win.close()
    ctx.close()
    assert not cut, "\n".join(cut)
    assert all(p.is_file() for p in shots)
