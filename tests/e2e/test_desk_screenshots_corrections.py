"""The screens and questions of issue 12 (the ways out), with demo data, at 1280×720, 1366×768 and
1920×1080: a leaving borrower, the question about a check-out left behind, a check-in of a
personal-data loan and its signature on return, an asset in repair with an incident being
closed, a lost asset being found, an admin's reversal.

Run with ``LOAN_KIOSK_SCREENSHOTS=1`` to (re)write ``docs/screenshots/screen-*.png``;
otherwise the images go to a temporary folder and the test only proves each renders. A
question is its own window: it is drawn onto the window's image where it shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from app.demo_identity import DEMO_ACTOR
from db.models import Asset, Loan
from tests.e2e.desk_shots import SIZES, demo_desk, shots_dir, sign_in_demo
from tests.ui.desk import wait_idle


@pytest.mark.slow
def test_screenshots_of_the_ways_out(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QPainter
    from PySide6.QtWidgets import QApplication

    from app.services.loans import check_out
    from tests.ui.keys import scan
    from tests.ui.layout_check import cut_off

    out = shots_dir(tmp_path)
    win, ctx = demo_desk(qtbot, tmp_path)
    with ctx.uow(DEMO_ACTOR, readonly=True) as uow:
        lendable = list(uow.session.execute(
            select(Asset.tag).where(Asset.status == "available", Asset.kind == "laptop")
            .order_by(Asset.tag).limit(4)).scalars())
        personal = uow.session.execute(
            select(Asset.tag).join(Loan, Loan.asset_id == Asset.id)
            .where(Loan.outcome.is_(None), Loan.personal_data.is_(True))
            .order_by(Asset.tag).limit(1)).scalar_one()
        repair = uow.session.execute(select(Asset.tag).where(Asset.status == "in_repair")
                                     .limit(1)).scalar_one()
        lost = uow.session.execute(select(Asset.tag).where(Asset.status == "lost")
                                   .order_by(Asset.tag).limit(1)).scalar_one()
    with ctx.uow(DEMO_ACTOR) as uow:  # lent just now, by mistake: an admin can reverse it
        check_out(uow, lendable[3], "S1005")
    shots: list[Path] = []
    cut: list[str] = []  # text not shown whole (tests/ui/layout_check.py), screen by screen

    def shoot(name: str, prepare) -> None:  # type: ignore[no-untyped-def]
        for w, h in SIZES:
            if win.question is not None:
                win.question.reject()
            win.resize(w, h)
            QApplication.processEvents()
            prepare()
            wait_idle(qtbot, win)
            QApplication.processEvents()
            cut.extend(f"{name} at {w}x{h}: {p}" for p in cut_off(win))
            image = win.grab()
            q = win.question
            if q is not None:  # the window dimmed behind it, as a modal question shows
                q.adjustSize()
                cut.extend(f"{name} at {w}x{h}, the question: {p}" for p in cut_off(q))
                where = QPoint((w - q.width()) // 2, (h - q.height()) // 3)
                painter = QPainter(image)
                painter.fillRect(image.rect(), QColor(0, 0, 0, 90))
                painter.drawPixmap(where, q.grab())
                painter.setPen(QColor(60, 60, 60))
                painter.drawRect(where.x() - 1, where.y() - 1, q.width() + 1, q.height() + 1)
                painter.end()
            path = out / f"screen-{name}-{w}x{h}.png"
            assert image.save(str(path))
            shots.append(path)

    sign_in_demo(qtbot, win)
    co = win.controller("checkout")

    def leaving_borrower() -> None:
        co.reset()
        scan(lendable[0])
        wait_idle(qtbot, win)
        scan("S1002")  # leaving in 12 days, and holding kit past its due date
    shoot("checkout-leaving-borrower", leaving_borrower)

    def left_behind() -> None:
        leaving_borrower()
        wait_idle(qtbot, win)
        win._navigate("dashboard")
        wait_idle(qtbot, win)
        scan(lendable[1])
    shoot("checkout-left-behind-question", left_behind)

    def checkin_personal() -> None:
        if win.question is not None:
            win.question.reject()
        co.reset()
        win._navigate("scan")
        scan(personal)
        wait_idle(qtbot, win)
        win.controller("checkin").view.data_choices["kept"].setChecked(True)
        win.controller("checkin").view.data_note.setText("for the new head of department")
    shoot("checkin-personal-data", checkin_personal)

    def checkin_signature() -> None:
        checkin_personal()
        ctx.settings.signature.on_return = "personal-data loans"
        win.controller("checkin").confirm()
        ctx.settings.signature.on_return = "never"
    shoot("checkin-return-signature", checkin_signature)

    def in_repair() -> None:
        win.controller("checkin").reset()
        win.open_asset(repair)
        wait_idle(qtbot, win)
        card = win.controller("asset").view
        card.tabs.setCurrentIndex(2)
        card.close_incident.click()
        card.close_panel.fields[0].setText("45.50")
        card.close_panel.fields[1].setText("new hinge, charged to the department")
    shoot("asset-card-in-repair", in_repair)

    def found() -> None:
        win.open_asset(lost)
        wait_idle(qtbot, win)
        card = win.controller("asset").view
        card.found.click()
        card.found_panel.fields[0].setText("handed in at reception")
    shoot("asset-card-found", found)

    def reverse() -> None:
        win.open_asset(lendable[3])
        wait_idle(qtbot, win)
        win.controller("asset").view.reverse.click()
    shoot("asset-card-reverse-question", reverse)

    if win.question is not None:
        win.question.reject()
    win.close()
    ctx.close()
    assert not cut, "\n".join(cut)
    assert len(shots) == len(SIZES) * 7
    assert all(p.stat().st_size > 10_000 for p in shots)
