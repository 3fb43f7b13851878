"""Stocktakes by scanning (issue 20), on SQLite and PostgreSQL: start, scan, the result's
found / missing / unexpected / on loan, moves, marking lost, pause and resume, close with
its PDF report, and the audit chain holding throughout."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app import audit
from app.bootstrap import AppContext
from app.errors import InvalidInput, NotFound, Refused
from app.services import stocktake_results as results
from app.services import stocktakes
from app.services.documents.stocktake_reports import close_stocktake, report_pdf_path
from app.uow import Actor
from db.models import Asset, AuditEvent, Incident, Loan, Person
from db.stocktakes import StocktakeScan
from tests.factories import add_asset, add_location, add_person, add_site

TECH = Actor("plain-tech", "technician")


def place(ctx: AppContext) -> dict[str, int]:
    """A school with ICT1 (holding trolley T1), ICT2, and a second school with its LIB."""
    add_site(ctx, "NHS", "Northfield High School")
    add_site(ctx, "SPA", "St Paul's Academy")
    loc = {code: add_location(ctx, code, f"Room {code}", site=site, parent=parent, kind=kind)
           for code, site, parent, kind in (("ICT1", "NHS", None, "room"),
                                             ("T1", "NHS", "ICT1", "trolley"),
                                             ("ICT2", "NHS", None, "room"),
                                             ("LIB", "SPA", None, "room"))}
    site_ids = {"NHS": 1, "SPA": 2}
    assets = {
        "LT-1": ("ICT1", "ICT1"), "LT-2": ("T1", "T1"), "LT-3": ("ICT1", "ICT1"),
        "LT-4": ("ICT1", "ICT1"), "LT-5": ("ICT2", "ICT2"), "LT-6": ("LIB", "LIB"),
        "LT-7": ("ICT1", "ICT1"),
    }
    for tag, (home, current) in assets.items():
        site = site_ids["SPA" if home == "LIB" else "NHS"]
        add_asset(ctx, tag, site_id=site, home_location_id=loc[home],
                  current_location_id=loc[current])
    add_asset(ctx, "LT-R", status="retired", site_id=1, home_location_id=loc["ICT1"])
    return loc


def lend(ctx: AppContext, tag: str) -> None:
    with ctx.uow(TECH) as uow:
        asset = uow.session.execute(select(Asset).where(Asset.tag == tag)).scalar_one()
        person = uow.session.execute(select(Person)).scalars().first()
        assert person is not None
        loan = Loan(asset_id=asset.id, person_id=person.id, out_at=uow.now, out_by=TECH.name,
                    due_on=dt.date(2026, 12, 18))
        asset.status = "on_loan"
        uow.session.add(loan)
        uow.audit("test_loan", loan)
        uow.commit()


def start(ctx: AppContext, code: str) -> int:
    with ctx.uow(TECH) as uow:
        return stocktakes.start_stocktake(uow, code).id


def scan(ctx: AppContext, sid: int, code: str, desk: str = "desk-1") -> stocktakes.Scanned:
    with ctx.uow(TECH) as uow:
        return stocktakes.scan(uow, sid, code, desk=desk)


def result(ctx: AppContext, sid: int) -> results.StocktakeResult:
    with ctx.uow(TECH, readonly=True) as uow:
        return results.stocktake_result(uow, sid)


def tags(items: list[results.Item]) -> list[str]:
    return [i.tag for i in items]


def verify(ctx: AppContext) -> None:
    with ctx.uow(TECH, readonly=True) as uow:
        outcome = audit.verify(uow.session)
    assert outcome.ok, outcome.problem


def test_a_room_with_its_trolley_found_missing_unexpected_on_loan(app_ctx: AppContext) -> None:
    place(app_ctx)
    add_person(app_ctx, "AB1")
    lend(app_ctx, "LT-4")
    sid = start(app_ctx, "ict1")  # case-insensitive, like every code
    assert scan(app_ctx, sid, "LT-1").new
    assert scan(app_ctx, sid, " lt-2 ").tag == "lt-2"  # in the trolley inside ICT1
    assert scan(app_ctx, sid, "LT-5").asset_id is not None  # belongs in ICT2
    assert scan(app_ctx, sid, "LT-6").new  # another school's
    unknown = scan(app_ctx, sid, "NOT-A-TAG")
    assert unknown.asset_id is None and unknown.new
    res = result(app_ctx, sid)
    assert tags(res.found) == ["LT-1", "LT-2"]
    assert tags(res.missing) == ["LT-3", "LT-7"]  # not LT-4 (lent), not LT-R (retired)
    assert tags(res.on_loan) == ["LT-4"]
    assert "lent to Ada Lovelace, due 18 Dec 2026" in res.on_loan[0].note
    assert tags(res.unexpected) == ["LT-5", "LT-6"]
    assert res.unexpected[0].note == "belongs in ICT2"
    assert res.unexpected[1].note == "belongs in LIB"
    assert tags(res.unknown) == ["NOT-A-TAG"]
    assert res.counts() == {"found": 2, "missing": 2, "unexpected": 2, "on_loan": 1, "unknown": 1}
    assert res.expected == 5
    assert res.found[0].scanned_by == "plain-tech at desk-1"
    verify(app_ctx)


def test_a_repeat_scan_records_nothing_and_says_so(app_ctx: AppContext) -> None:
    place(app_ctx)
    sid = start(app_ctx, "ICT1")
    assert scan(app_ctx, sid, "LT-1").new
    again = scan(app_ctx, sid, "lt-1", desk="desk-2")
    assert not again.new and again.asset_id is not None
    assert scan(app_ctx, sid, "??").new and not scan(app_ctx, sid, "??").new
    with app_ctx.uow(TECH, readonly=True) as uow:
        n = uow.session.execute(select(func.count()).select_from(StocktakeScan)).scalar_one()
        events = uow.session.execute(select(func.count()).select_from(AuditEvent)
                                     .where(AuditEvent.action == "stocktake_scan")).scalar_one()
    assert (n, events) == (2, 2)
    verify(app_ctx)


def test_a_whole_school_expects_its_assets_and_not_the_other_schools(app_ctx: AppContext) -> None:
    place(app_ctx)
    add_asset(app_ctx, "LT-S", site_id=1)  # at the school, no room recorded
    sid = start(app_ctx, "NHS")
    scan(app_ctx, sid, "LT-6")
    res = result(app_ctx, sid)
    assert res.stocktake.location_code is None and "whole of NHS" in res.stocktake.place
    assert tags(res.missing) == ["LT-1", "LT-2", "LT-3", "LT-4", "LT-5", "LT-7", "LT-S"]
    assert tags(res.unexpected) == ["LT-6"]


def test_one_stocktake_of_a_place_at_a_time_and_bad_input_refused(app_ctx: AppContext) -> None:
    place(app_ctx)
    sid = start(app_ctx, "ICT1")
    # an open one is scanned into (resuming it would be refused: it is not paused)
    with pytest.raises(Refused, match=rf"stocktake #{sid} of ICT1 is not closed yet \(it is "
                                      rf"open\): scan into it \('loan-kiosk stocktake scan "
                                      rf"{sid} TAG\.\.\.'\)"):
        start(app_ctx, "ICT1")
    with app_ctx.uow(TECH) as uow:
        stocktakes.pause_stocktake(uow, sid)
    with pytest.raises(Refused, match=rf"is not closed yet \(it is paused\): resume it "
                                      rf"\('loan-kiosk stocktake resume {sid}'\)"):
        start(app_ctx, "ICT1")
    with pytest.raises(NotFound, match="no location or school with the code 'NOPE'"):
        start(app_ctx, "NOPE")
    with pytest.raises(InvalidInput, match="nothing was scanned"):
        scan(app_ctx, sid, "   ")
    with pytest.raises(NotFound, match="no stocktake #99"):
        scan(app_ctx, 99, "LT-1")
    with pytest.raises(InvalidInput, match="named by its number"):
        scan(app_ctx, "abc", "LT-1")


def test_pause_refuses_scans_until_resumed(app_ctx: AppContext) -> None:
    place(app_ctx)
    sid = start(app_ctx, "ICT1")
    scan(app_ctx, sid, "LT-1")
    with app_ctx.uow(TECH) as uow:
        assert stocktakes.pause_stocktake(uow, sid).status == "paused"
    with pytest.raises(Refused, match=f"stocktake #{sid} is paused: resume it first"):
        scan(app_ctx, sid, "LT-3")
    with app_ctx.uow(TECH) as uow:
        assert stocktakes.resume_stocktake(uow, sid).status == "open"
    with app_ctx.uow(TECH) as uow, pytest.raises(Refused, match=f"#{sid} is open already"):
        stocktakes.resume_stocktake(uow, sid)
    with app_ctx.uow(TECH) as uow:
        stocktakes.pause_stocktake(uow, sid)
    with app_ctx.uow(TECH) as uow, pytest.raises(Refused, match=f"#{sid} is paused already"):
        stocktakes.pause_stocktake(uow, sid)
    with app_ctx.uow(TECH) as uow:
        stocktakes.resume_stocktake(uow, sid)
    assert scan(app_ctx, sid, "LT-3").new
    assert tags(result(app_ctx, sid).found) == ["LT-1", "LT-3"]


def test_confirm_moves_puts_unexpected_items_here_in_one_action(app_ctx: AppContext) -> None:
    loc = place(app_ctx)
    sid = start(app_ctx, "ICT1")
    scan(app_ctx, sid, "LT-5")
    scan(app_ctx, sid, "LT-6")  # St Paul's: its school, or a trust admin, moves it
    with app_ctx.uow(TECH) as uow:
        moves = results.confirm_moves(uow, sid)
    assert [(m.tag, m.was) for m in moves.moved] == [("LT-5", "ICT2")]
    assert moves.kept == [("LT-6", "belongs to SPA: a technician of SPA or a trust admin "
                                   "moves it")]
    with app_ctx.uow(Actor("trust", "trust_admin")) as uow:
        moves = results.confirm_moves(uow, sid)
    assert [(m.tag, m.was) for m in moves.moved] == [("LT-6", "LIB")] and moves.kept == []
    with app_ctx.uow(TECH, readonly=True) as uow:
        rows = uow.session.execute(select(Asset.tag, Asset.current_location_id, Asset.site_id,
                                          Asset.home_location_id)
                                   .where(Asset.tag.in_(["LT-5", "LT-6"])).order_by(Asset.tag)).all()
    assert rows == [("LT-5", loc["ICT1"], 1, loc["ICT2"]), ("LT-6", loc["ICT1"], 1, loc["LIB"])]
    # they are now expected here (current location), so found, not unexpected
    res = result(app_ctx, sid)
    assert tags(res.unexpected) == [] and "LT-5" in tags(res.found)
    with app_ctx.uow(TECH) as uow, pytest.raises(Refused, match="nothing out of place"):
        results.confirm_moves(uow, sid)
    verify(app_ctx)


def test_another_schools_items_are_left_to_that_school(app_ctx: AppContext) -> None:
    loc = place(app_ctx)
    with app_ctx.uow(TECH) as uow:  # SPA's laptop kept in NHS's ICT1
        uow.session.execute(Asset.__table__.update().where(Asset.tag == "LT-6")
                            .values(current_location_id=loc["ICT1"]))
        uow.audit("test_placed", None)
        uow.commit()
    sid = start(app_ctx, "ICT1")
    assert "LT-6" in tags(result(app_ctx, sid).missing)
    with app_ctx.uow(TECH) as uow:
        marked = results.mark_missing_lost(uow, sid, ["LT-3", "LT-6"])
    assert tags(marked.lost) == ["LT-3"]
    assert marked.kept == [("LT-6", "belongs to SPA: a technician of SPA or a trust admin "
                                    "records it lost")]
    with app_ctx.uow(TECH) as uow, pytest.raises(Refused, match="LT-3 is not missing"):
        results.mark_missing_lost(uow, sid, ["LT-3"])


def test_mark_missing_lost_opens_incidents(app_ctx: AppContext) -> None:
    place(app_ctx)
    sid = start(app_ctx, "ICT1")
    scan(app_ctx, sid, "LT-1")
    with app_ctx.uow(TECH) as uow, pytest.raises(Refused, match="LT-1 is not missing"):
        results.mark_missing_lost(uow, sid, ["LT-1"])
    with app_ctx.uow(TECH) as uow:
        lost = results.mark_missing_lost(uow, sid, ["lt-3"])
    assert tags(lost.lost) == ["LT-3"] and lost.kept == []
    with app_ctx.uow(TECH) as uow:
        assert tags(results.mark_missing_lost(uow, sid).lost) == ["LT-2", "LT-4", "LT-7"]
    with app_ctx.uow(TECH, readonly=True) as uow:
        incidents = uow.session.execute(select(Incident.kind, Incident.description, Asset.tag)
                                        .join(Asset).order_by(Asset.tag)).all()
        statuses = set(uow.session.execute(select(Asset.status).where(
            Asset.tag.in_(["LT-2", "LT-3", "LT-4", "LT-7"]))).scalars())
    assert [i[2] for i in incidents] == ["LT-2", "LT-3", "LT-4", "LT-7"]
    assert incidents[0][:2] == ("lost", f"missing at stocktake #{sid} of ICT1")
    assert statuses == {"lost"}
    assert result(app_ctx, sid).missing == []  # lost items are not missing again
    with app_ctx.uow(TECH) as uow, pytest.raises(Refused, match="nothing is missing"):
        results.mark_missing_lost(uow, sid)
    # one turns up: scanned, it is found, and the result says it was recorded as lost
    scan(app_ctx, sid, "LT-7")
    assert [(i.tag, i.note) for i in result(app_ctx, sid).found][-1] == \
        ("LT-7", "was recorded as lost")
    verify(app_ctx)


def test_close_archives_the_pdf_and_keeps_the_stocktake_in_history(app_ctx: AppContext) -> None:
    place(app_ctx)
    sid = start(app_ctx, "ICT1")
    for code in ("LT-1", "LT-5", "UNKNOWN-1"):
        scan(app_ctx, sid, code)
    with pytest.raises(Refused, match="its report is made when it is closed"):
        report_pdf_path(app_ctx, TECH, sid)
    closed = close_stocktake(app_ctx, TECH, sid)
    assert closed.stocktake.status == "closed" and closed.stocktake.closed_by == "plain-tech"
    pdf = closed.path.read_bytes()
    assert pdf.startswith(b"%PDF") and closed.path.parent.name == "2026"
    from tests.unit.printing.pdfs import page_texts

    # headed by the school whose room it is (the trust's desks share one [school] name)
    (first, *_rest) = page_texts(pdf)
    assert "Northfield High School" in first and app_ctx.settings.school.name not in first
    assert report_pdf_path(app_ctx, TECH, sid) == closed.path
    with pytest.raises(Refused, match="already closed"):
        close_stocktake(app_ctx, TECH, sid)
    # LT-5 was unexpected, LT-3 missing: a closed stocktake's result is history, not acted on
    assert tags(result(app_ctx, sid).unexpected) == ["LT-5"]
    assert "LT-3" in tags(result(app_ctx, sid).missing)
    with app_ctx.uow(TECH) as uow, pytest.raises(Refused, match=f"#{sid} is closed, so it is "
                                                               "too late to confirm its moves"):
        results.confirm_moves(uow, sid)
    with app_ctx.uow(TECH) as uow, pytest.raises(Refused, match="too late to record its "
                                                               "missing items as lost"):
        results.mark_missing_lost(uow, sid, ["LT-3"])
    with app_ctx.uow(TECH, readonly=True) as uow:
        assert {a.tag: a.status for a in uow.session.execute(select(Asset)).scalars()
                if a.tag in ("LT-3", "LT-5")} == {"LT-3": "available", "LT-5": "available"}
    with pytest.raises(Refused, match="is closed: start a new one"):
        scan(app_ctx, sid, "LT-3")
    with app_ctx.uow(TECH, readonly=True) as uow:
        listed = stocktakes.list_stocktakes(uow)
        going = stocktakes.list_stocktakes(uow, going_only=True)
    assert [(s.id, s.status, s.scans) for s in listed] == [(sid, "closed", 3)]
    assert going == []
    assert tags(result(app_ctx, sid).found) == ["LT-1"]  # the result is still there
    # a new stocktake of the same room may start now
    assert start(app_ctx, "ICT1") == sid + 1
    # the archived file is evidence: changed, it is refused
    from app.evidence import check_receipts

    with app_ctx.uow(TECH, readonly=True) as uow:
        assert check_receipts(uow.session, app_ctx.paths.data_dir).problems == []
    closed.path.write_bytes(pdf + b"%")
    with pytest.raises(Refused, match="missing or was changed"):
        report_pdf_path(app_ctx, TECH, sid)
    with app_ctx.uow(TECH, readonly=True) as uow:  # audit verify names it
        problems = check_receipts(uow.session, app_ctx.paths.data_dir).problems
    assert problems == [f"stocktake #{sid}: its report {closed.stocktake.file} was altered"]
    closed.path.unlink()
    with app_ctx.uow(TECH, readonly=True) as uow:
        (problem,) = check_receipts(uow.session, app_ctx.paths.data_dir).problems
    assert problem.startswith(f"stocktake #{sid}: its report") and "is missing" in problem
    verify(app_ctx)


def test_the_asset_card_says_what_a_stocktake_did(app_ctx: AppContext) -> None:
    from app.services.record_history import changes_of

    place(app_ctx)
    sid = start(app_ctx, "ICT1")
    scan(app_ctx, sid, "LT-5")
    with app_ctx.uow(TECH) as uow:
        results.confirm_moves(uow, sid)
    with app_ctx.uow(TECH) as uow:
        results.mark_missing_lost(uow, sid, ["LT-3"])
    with app_ctx.uow(TECH, readonly=True) as uow:
        ids = dict(uow.session.execute(select(Asset.tag, Asset.id)).all())
        moved = changes_of(uow, "assets", ids["LT-5"])[0]
        lost = changes_of(uow, "assets", ids["LT-3"])[0]
    assert moved.what == "Moved where a stocktake found it"
    assert f"stocktake: {sid}" in moved.details and "was: ICT2" in moved.details
    assert lost.what == "Marked lost: missing at a stocktake" and lost.by == "plain-tech"


def test_start_or_resume_is_what_the_desk_does_with_a_room_label(app_ctx: AppContext) -> None:
    place(app_ctx)
    with app_ctx.uow(TECH) as uow:
        first = stocktakes.start_or_resume(uow, "ICT1")
    with app_ctx.uow(TECH) as uow:
        assert stocktakes.start_or_resume(uow, "ict1").id == first.id  # the same one
    with app_ctx.uow(TECH) as uow:
        stocktakes.pause_stocktake(uow, first.id)
    with app_ctx.uow(TECH) as uow:
        again = stocktakes.start_or_resume(uow, "ICT1")
    assert (again.id, again.status) == (first.id, "open")
    close_stocktake(app_ctx, TECH, first.id)
    with app_ctx.uow(TECH) as uow:
        assert stocktakes.start_or_resume(uow, "ICT1").id == first.id + 1  # closed: a new one
    verify(app_ctx)


@pytest.mark.parametrize("code", ["\x00", "\u202eLT-1", "x" * 600, "LT-1'; DROP TABLE assets;--",
                                  "ЛТ-1", "\tLT-1\r\n", "\ufdfa" * 100, "https://snipe.example/hardware/99999"])
def test_hostile_codes_are_refused_or_kept_as_unknown(app_ctx: AppContext, code: str) -> None:
    place(app_ctx)
    sid = start(app_ctx, "ICT1")
    try:
        done = scan(app_ctx, sid, code)
    except InvalidInput as exc:
        assert "nothing was scanned" in exc.message
        assert result(app_ctx, sid).counts()["unknown"] == 0
    else:
        res = result(app_ctx, sid)
        if done.asset_id is None:
            (unknown,) = res.unknown
            assert len(unknown.tag) <= 128 and "\x00" not in unknown.tag
        else:  # the control characters and spaces around a real tag are the scanner's
            assert tags(res.found) == ["LT-1"]
    with app_ctx.uow(TECH, readonly=True) as uow:
        assert uow.session.execute(select(func.count()).select_from(Asset)).scalar_one() == 8
    verify(app_ctx)


def test_a_kit_label_is_not_an_item(app_ctx: AppContext) -> None:
    from app.services import kits

    place(app_ctx)
    with app_ctx.uow(Actor("admin-tech", "admin")) as uow:
        kits.add_kit(uow, "KIT-T1", "Trolley 1", kind="trolley")
    sid = start(app_ctx, "ICT1")
    with pytest.raises(Refused, match="KIT-T1 is the label of the kit Trolley 1: scan each item"):
        scan(app_ctx, sid, "kit-t1")
    assert result(app_ctx, sid).unknown == []  # nothing kept
    verify(app_ctx)


def test_a_scan_into_another_schools_stocktake_is_refused(app_ctx: AppContext) -> None:
    place(app_ctx)
    sid = start(app_ctx, "LIB")  # St Paul's
    nhs = Actor("nhs-tech", "technician", site_id=1)
    with app_ctx.uow(nhs) as uow, pytest.raises(
            Refused, match=f"stocktake #{sid} is of SPA: only a trust admin or a technician of "
                           "that school can scan into it"):
        stocktakes.scan(uow, sid, "LT-6")
    with app_ctx.uow(nhs) as uow, pytest.raises(Refused, match="is of SPA"):
        stocktakes.scan(uow, sid, "NOT-A-TAG")  # an unknown code too
    assert result(app_ctx, sid).counts()["found"] == 0  # nothing kept
    for who in (Actor("spa-tech", "technician", site_id=2), Actor("trust", "trust_admin", site_id=1)):
        with app_ctx.uow(who) as uow:
            assert stocktakes.scan(uow, sid, "LT-6").new is (who.name == "spa-tech")
    verify(app_ctx)


def test_a_scans_event_is_the_one_the_unit_of_work_would_write(app_ctx: AppContext) -> None:
    """On PostgreSQL the scan's statement writes its event (app/services/stocktake_rows.py):
    its details, the row's digest in them and the event's columns are those the unit of
    work writes on SQLite, and ``audit verify`` seals and checks it."""
    place(app_ctx)
    sid = start(app_ctx, "ICT1")
    desk = Actor("plain-tech", "technician", os_user="ict\\jo \"o'b\"")
    for code in ("LT-1", "Ünknown\tcode ✓", "lt-1"):
        with app_ctx.uow(desk) as uow:
            stocktakes.scan(uow, sid, code, desk="desk ☃")
    with app_ctx.uow(TECH, readonly=True) as uow:
        scans = uow.session.execute(select(StocktakeScan).order_by(StocktakeScan.id)).scalars().all()
        events = uow.session.execute(select(AuditEvent).where(AuditEvent.action == "stocktake_scan")
                                     .order_by(AuditEvent.id)).scalars().all()
        assert len(scans) == len(events) == 2
        for row, ev in zip(scans, events, strict=True):
            assert (ev.entity, ev.entity_id, ev.actor) == ("stocktake_scans", str(row.id), desk.name)
            assert ev.at == row.scanned_at
            expected = {"_rows": {audit.row_key(row): audit.row_digest(row)}, "code": row.code,
                        "os_user": desk.os_user, "stocktake": sid}
            assert ev.details == audit.canonical_json(expected)
    verify(app_ctx)
    with app_ctx.uow(TECH, readonly=True) as uow:  # verify sealed them
        assert uow.session.execute(select(func.count()).select_from(AuditEvent)
                                   .where(AuditEvent.seq.is_(None))).scalar_one() == 0
