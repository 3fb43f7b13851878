"""Flows through the real main window with real hardware paths (issue 5's acceptance):

* a check-out signed on the pad simulator, streaming over a real pseudo-terminal into the
  desk's own pad (opened from ``settings.pad`` as the desk does at start-up);
* a leaver return whose receipt prints through a real CUPS queue (``LOAN_KIOSK_TEST_PRINTER``,
  set by ``.ci/setup-cups.sh``; skipped locally without it, failed in CI).

Both run on SQLite and, with ``LOAN_KIOSK_TEST_PG``, PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from app.devices.pad_simulator import PadSimulator
from app.devices.printer import CupsPrinter
from app.services.loans import check_out
from app.uow import SYSTEM, Actor
from db.models import AuditEvent, Loan, Person, PrintJob, Receipt, Signature
from tests.factories import add_person, school
from tests.integration.test_cups_printing import _wait_for_outputs, queue  # noqa: F401 - fixture
from tests.ui.desk import ADMIN_PIN, TECH_PIN, add_techs, scan_into_checkout, sign_in, wait_idle
from tests.ui.keys import scan
from tests.ui.pad import sign_with_mouse


@pytest.fixture
def simulated_pad(desk, request) -> Iterator[PadSimulator]:  # type: ignore[no-untyped-def]
    """A Topaz pad simulator on a pty, signing again and again; the desk's pad settings point
    at it and the desk opens it as it does at start-up. ``request.param``: a model for both,
    with the other packet kinds mixed in."""
    model = getattr(request, "param", "")
    listening = threading.Event()
    sim = PadSimulator("topaz", rate_hz=400, loop=True, seed=11, model=model,
                       extras=("pressure", "info", "reply", "noise") if model else (),
                       on_event=lambda e: listening.set() if e.get("event") == "listening" else None)
    stop = threading.Event()
    thread = threading.Thread(target=sim.run, args=(stop,), daemon=True)
    thread.start()
    assert listening.wait(5)
    desk.ctx.settings.pad.protocol = "topaz"
    desk.ctx.settings.pad.model = model
    desk.ctx.settings.pad.port = sim.port.path
    desk.open_pad()
    assert desk.pad is not None
    try:
        yield sim
    finally:
        desk.set_pad(None)
        stop.set()
        thread.join(5)


def test_check_out_signed_on_the_pad_simulator(qtbot, desk, simulated_pad) -> None:  # type: ignore[no-untyped-def]
    sim = simulated_pad
    school(desk.ctx)
    sign_in(qtbot, desk, "bob", TECH_PIN)
    view = scan_into_checkout(qtbot, desk).view
    assert view.borrower.text() == "Siân Ó Briain (AB1)"
    view.cont.click()
    assert view.page == "sign"
    widget = view.signature.widget
    canvas = widget.canvas
    # a whole signature from the pad, after this step began; then accept while the pen is away
    first = sim.stats.signatures
    qtbot.waitUntil(lambda: sim.stats.signatures >= first + 1, timeout=30000)
    qtbot.waitUntil(lambda: canvas.assembler.point_count > 30 and not canvas.assembler.pen_down,
                    timeout=5000)
    widget.accept_button.click()
    wait_idle(qtbot, desk)
    assert view.page == "done", desk.banner.message
    assert "Lent 1 item to Siân Ó Briain" in desk.banner.message
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        loan = uow.session.execute(select(Loan)).scalar_one()
        assert (loan.asset.tag, loan.person.staff_code, loan.out_by) == ("LT-0001", "AB1", "bob")
        assert loan.outcome is None and loan.signature_out_id is not None
        sig = uow.session.get(Signature, loan.signature_out_id)
        assert sig is not None and sig.strokes
        assert sum(len(s) for s in sig.strokes) > 30
        assert sig.device == f"Topaz 5-byte on {sim.port.path}"  # the pad, not the mouse
        assert sig.window == [500, 400, 2650, 2100]
        actions = [(e.actor, e.action) for e in uow.session.execute(
            select(AuditEvent).order_by(AuditEvent.seq)).scalars()]
    assert ("bob", "checkout") in actions


@pytest.mark.parametrize("simulated_pad", ["signaturegem-lcd-1x5"], indirect=True)
def test_check_out_signed_on_a_7_bit_pad_that_mixes_in_every_packet_kind(  # type: ignore[no-untyped-def]
        qtbot, desk, simulated_pad) -> None:
    sim = simulated_pad
    school(desk.ctx)
    sign_in(qtbot, desk, "bob", TECH_PIN)
    view = scan_into_checkout(qtbot, desk).view
    view.cont.click()
    canvas = view.signature.widget.canvas
    first = sim.stats.signatures
    qtbot.waitUntil(lambda: sim.stats.signatures >= first + 1, timeout=30000)
    qtbot.waitUntil(lambda: canvas.assembler.point_count > 30 and not canvas.assembler.pen_down,
                    timeout=5000)
    inked = canvas.assembler.signature()
    # pressure packets became ink widths, never ink of their own; noise never reached the corner
    assert len({round(p[3], 3) for s in inked.strokes for p in s}) > 5
    assert all(400 <= p[1] <= 2400 and 350 <= p[2] <= 1250 for s in inked.strokes for p in s)
    view.signature.widget.accept_button.click()
    wait_idle(qtbot, desk)
    assert view.page == "done", desk.banner.message
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        loan = uow.session.execute(select(Loan)).scalar_one()
        sig = uow.session.get(Signature, loan.signature_out_id)
        assert sig is not None
        assert sig.device == f"Topaz SignatureGem LCD 1x5 on {sim.port.path}"
        assert sig.window == [400, 350, 2400, 1250]  # the model's window


@pytest.mark.cups
def test_leaver_return_prints_its_receipt_through_cups(qtbot, build_desk, ui_ctx,  # type: ignore[no-untyped-def]
                                                       queue: str) -> None:  # noqa: F811
    add_techs(ui_ctx)
    ui_ctx.settings.printing.printer = queue
    desk = build_desk(printer_factory=lambda settings, name=None:
                      CupsPrinter(name or settings.printing.printer))
    school(desk.ctx)
    add_person(desk.ctx, "NX5", "Aoife", "MacLeod", status="leaving",
               leaving_date=dt.date(2026, 12, 10))
    with desk.ctx.uow(Actor("earlier")) as uow:
        check_out(uow, ["LT-0001", "PH-0001"], "NX5")
    sign_in(qtbot, desk)
    desk.header.nav["leaver"].click()
    wait_idle(qtbot, desk)
    view = desk.controller("leaver").view
    scan("NX5")
    wait_idle(qtbot, desk)
    assert view.page == "items"
    scan("LT-0001")
    wait_idle(qtbot, desk)
    scan("PH-0001")
    wait_idle(qtbot, desk)
    assert [s[1] for s in view.states()] == [True, True]
    view.cont.click()
    assert view.page == "sign"
    sign_with_mouse(view.signature.widget.canvas)
    view.signature.widget.accept_button.click()
    assert view.page == "pin"
    view.pin.setText(ADMIN_PIN)
    view.finish.click()
    wait_idle(qtbot, desk)
    assert view.page == "done", desk.banner.message
    qtbot.waitUntil(lambda: "Rendering" not in view.print_status.text(), timeout=60000)
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        receipt = uow.session.execute(select(Receipt)).scalar_one()
        number = receipt.number
    assert view.print_status.text() == f"Receipt {number} sent to printer '{queue}' (2 copies)"
    with desk.ctx.uow(SYSTEM, readonly=True) as uow:
        person = uow.session.execute(select(Person).where(Person.staff_code == "NX5")).scalar_one()
        assert person.status == "left"
        receipt = uow.session.execute(select(Receipt)).scalar_one()
        assert receipt.kind == "leaver_return" and receipt.file
        archived = desk.ctx.paths.data_dir / receipt.file
        job_ids = [j or "" for j in uow.session.execute(
            select(PrintJob.system_job_id).order_by(PrintJob.id)).scalars()]
        actions = [(e.actor, e.action) for e in uow.session.execute(select(AuditEvent)).scalars()]
    assert len(job_ids) == 2 and all(j.startswith(f"{queue}-") for j in job_ids)
    outputs = _wait_for_outputs(job_ids)
    assert len(outputs) == 2 and all(p.read_bytes().startswith(b"%PDF") for p in outputs)
    assert archived.is_file() and archived.read_bytes().startswith(b"%PDF")
    assert ("alice", "leaver_return") in actions
    assert actions.count(("alice", "print_queued")) == 2
