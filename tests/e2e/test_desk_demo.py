"""`loan-kiosk --demo` on a fresh machine: a newcomer types a tag and a staff code, signs with
the mouse, and the laptop is lent — no docs needed."""

from __future__ import annotations

import argparse

import pytest
from sqlalchemy import select

from app.uow import SYSTEM
from db.models import Loan
from tests.ui.desk import wait_idle
from tests.ui.keys import press_enter, type_slowly
from tests.ui.pad import sign_with_mouse


@pytest.mark.slow
def test_newcomer_checks_out_on_the_demo_desk(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.desk_app import build_window, demo_data_dir, open_context

    args = argparse.Namespace(db=None, data_dir=str(tmp_path), demo=True, kiosk=False)
    ctx = open_context(args)
    assert ctx.paths.data_dir == demo_data_dir(tmp_path)
    ctx.settings.kiosk.sound = False
    win = build_window(ctx, demo=True)
    qtbot.addWidget(win)
    win.show()
    wait_idle(qtbot, win)  # the demo school is filled on the worker
    sv = win.controller("sign_in").view
    assert "PIN 123456" in sv.demo_hint.text()
    sv.username.setFocus()
    type_slowly("demo", sv.username, gap_ms=150)
    qtbot.waitUntil(lambda: sv.username.text() == "demo")
    press_enter(sv.username)
    type_slowly("123456", sv.pin, gap_ms=150)
    qtbot.waitUntil(lambda: sv.pin.text() == "123456")
    press_enter(sv.pin)
    qtbot.waitUntil(lambda: win.session.is_signed_in, timeout=15000)
    wait_idle(qtbot, win)
    entry = win.controller("scan").view.entry
    assert entry.hasFocus()
    type_slowly("LT-0001", entry, gap_ms=150)
    qtbot.waitUntil(lambda: entry.text() == "LT-0001")
    press_enter(entry)
    wait_idle(qtbot, win)
    assert win.current.name == "checkout"
    view = win.controller("checkout").view
    assert view.search.edit.hasFocus()
    type_slowly("S1010", view.search.edit, gap_ms=150)
    qtbot.waitUntil(lambda: view.search.edit.text() == "S1010")
    qtbot.waitUntil(lambda: bool(view.search.hit_texts()))
    wait_idle(qtbot, win)
    press_enter(view.search.edit)
    qtbot.waitUntil(lambda: "(S1010)" in view.borrower.text())
    press_enter(view.purpose)  # Enter: on to the signature
    assert view.page == "sign"
    sign_with_mouse(view.signature.widget.canvas)
    view.signature.widget.accept_button.click()
    wait_idle(qtbot, win)
    assert view.page == "done", win.banner.message
    with ctx.uow(SYSTEM, readonly=True) as uow:
        loan = uow.session.execute(select(Loan).where(Loan.outcome.is_(None))
                                   .order_by(Loan.id.desc())).scalars().first()
        assert (loan.asset.tag, loan.person.staff_code, loan.out_by) == ("LT-0001", "S1010", "demo")
    win.close()
    ctx.close()
