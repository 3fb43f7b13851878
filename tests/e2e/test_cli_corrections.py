"""The ways out, through the real ``loan-kiosk`` entry point (a subprocess), on SQLite and
PostgreSQL: incidents, asset status, reversals, personal data at check-in, leavers.

Every refusal exits 2 with one ``error:`` line and changes nothing (``Cli.refused`` dumps
the whole database before and after); ``audit verify`` holds after every correction.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.test_cli import Cli, cli  # noqa: F401 - the fixture: init, staff and assets

SIG = {"version": 1, "strokes": [[[0, 600, 500, 0.5], [10, 1400, 900, 0.5]],
                                 [[30, 700, 600, 0.4], [40, 1800, 700, 0.4]]],
       "window": [500, 400, 2650, 2100], "device": "test"}


def verified(cli: Cli) -> None:  # noqa: F811
    assert cli.ok("audit", "verify").startswith("audit log intact (")


def test_incident_list_and_close(cli: Cli) -> None:  # noqa: F811
    assert cli.ok("incident", "list").strip() == "no incidents"
    cli.ok("checkout", "LT-0001", "AB1")
    cli.ok("checkin", "LT-0001", "--condition", "damaged", "--note", "cracked screen")
    cli.ok("lost", "PH-0001", "--note", "left on the coach")
    listed = cli.json("incident", "list")
    assert [(i["id"], i["kind"], i["tag"], i["status"]) for i in listed] == [
        (2, "lost", "PH-0001", "open"), (1, "damaged", "LT-0001", "open")]
    out = cli.ok("incident", "close", "1", "--outcome", "repaired", "--cost", "45.50",
                 "--note", "new screen")
    assert "incident #1 (damaged, LT-0001) closed: repaired, cost £45.50" in out
    assert "LT-0001 is back in service" in out
    assert cli.json("whois", "LT-0001")["status"] == "available"
    assert [i["id"] for i in cli.json("incident", "list", "--open")] == [2]
    closed = cli.json("incident", "list")[1]
    assert (closed["outcome"], closed["cost"], closed["note"]) == ("repaired", 45.5, "new screen")
    text = cli.ok("incident", "list")
    assert "#1" in text and "closed (repaired, £45.50)" in text
    cli.refused("incident", "close", "1", "--outcome", "charged",
                match="incident #1 is already closed (repaired)")
    cli.refused("incident", "close", "2", "--outcome", "mended",
                match="unknown outcome 'mended'")
    cli.refused("incident", "close", "2", "--outcome", "charged", "--cost", "a lot",
                match="'a lot' is not an amount of money")
    cli.refused("incident", "close", "7", "--outcome", "charged", match="no incident #7")
    cli.refused("incident", "close", "2", match="the following arguments are required: --outcome")
    done = cli.json("incident", "close", "2", "--outcome", "written-off")
    assert done["outcome"] == "written_off" and done["asset_status"] == "lost"
    verified(cli)


def test_asset_return_to_service(cli: Cli) -> None:  # noqa: F811
    cli.ok("checkout", "LT-0001", "AB1")
    cli.refused("asset", "return-to-service", "LT-0001", match="LT-0001 is on loan, not in repair")
    cli.ok("checkin", "LT-0001", "--condition", "damaged", "--note", "hinge")
    out = cli.ok("asset", "return-to-service", "lt-0001", "--note", "hinge replaced")
    assert out.strip() == ("LT-0001 is back in service (it was in repair); incident #1 closed "
                           "as repaired")
    assert cli.json("incident", "list")[0]["outcome"] == "repaired"
    cli.refused("asset", "return-to-service", "NOPE", match="no asset with tag 'NOPE'")
    verified(cli)


def test_asset_found(cli: Cli) -> None:  # noqa: F811
    cli.ok("checkout", "PH-0001", "CD2")
    cli.ok("lost", "PH-0001", "--stolen", "--note", "bag taken")
    cli.refused("asset", "found", "LT-0001", match="LT-0001 is available, not recorded as lost")
    out = cli.ok("asset", "found", "PH-0001", "--note", "police returned it")
    assert "PH-0001 booked back in as found" in out and "closed as recovered" in out
    assert cli.json("whois", "PH-0001")["status"] == "available"
    history = json.loads(cli.ok("report", "history", "PH-0001", "--format", "json"))
    assert history[0]["outcome"] == "lost" and history[0]["in"] is not None
    verified(cli)


BOSS_PIN, SAM_PIN = "482157", "555512"


def _boss_and_sam(cli: Cli) -> tuple[Cli, Cli]:  # noqa: F811
    """An admin and a plain technician, each signed in with their own PIN (issue 18)."""
    cli.ok("technician", "add", "boss", "--admin", "--pin-stdin", stdin=f"{BOSS_PIN}\n")
    cli.ok("technician", "add", "sam", "--pin-stdin", stdin=f"{SAM_PIN}\n")
    return cli.as_("boss", BOSS_PIN), cli.as_("sam", SAM_PIN)


def test_asset_retire(cli: Cli) -> None:  # noqa: F811
    boss, sam = _boss_and_sam(cli)
    sam.refused("asset", "retire", "LT-0003", "--reason", "old",
                match="only an admin technician can retire an asset")
    cli.refused("asset", "retire", "LT-0003", match="the following arguments are required: --reason")
    cli.refused("asset", "retire", "LT-0003", "--reason", " ", match="give the reason")
    out = boss.ok("asset", "retire", "LT-0003", "--reason", "beyond economic repair")
    assert out.strip() == "LT-0003 retired: beyond economic repair"
    cli.refused("checkout", "LT-0003", "AB1", match="LT-0003 is retired and cannot be lent")
    boss.ok("asset", "return-to-service", "LT-0003")  # a mistake undone
    verified(cli)


def test_reverse(cli: Cli) -> None:  # noqa: F811
    boss, sam = _boss_and_sam(cli)
    sam.ok("checkout", "LT-0001", "AB1")
    sam.refused("reverse", "LT-0001", match="only an admin technician can reverse")
    out = boss.ok("reverse", "LT-0001", "--reason", "wrong borrower")
    assert out.strip() == ("Reversed the check-out of LT-0001 to Siân Ó Briain (AB1): LT-0001 is "
                           "available again and the loan is void.")
    cli.refused("reverse", "LT-0001", match="the last check-out of LT-0001 was already reversed")
    cli.ok("checkout", "LT-0001", "CD2")
    cli.ok("checkin", "LT-0001", "--condition", "damaged", "--note", "oops, wrong button")
    done = cli.json("reverse", "LT-0001")
    assert done["reversed"] == "checkin" and done["tag"] == "LT-0001"
    assert cli.json("whois", "LT-0001")["holder"] == "CD2"
    assert cli.json("incident", "list")[0]["status"] == "withdrawn"
    # a leaver return by mistake: reversed by one of its items, the person leaving again
    cli.ok("checkout", "PH-0001", "LV3")
    cli.ok("leaver", "return", "LV3", "--none", "--note", "PH-0001=at home")
    assert cli.json("whois", "LV3")["status"] == "left"
    out = cli.ok("reverse", "PH-0001")
    assert "Reversed the leaver return of Zoë Ødegård (LV3) (receipt R-2026-0001)" in out
    person = cli.json("whois", "LV3")
    assert person["status"] == "leaving" and person["items"] == ["PH-0001"]
    cli.refused("reverse", "NOPE", match="'NOPE' is not an asset tag")
    verified(cli)


def test_checkin_data(cli: Cli, tmp_path: Path) -> None:  # noqa: F811
    cli.ok("checkout", "LT-0001", "AB1", "--personal-data")
    cli.refused("checkin", "LT-0001", "--data", "burnt", match="invalid choice: 'burnt'")
    out = cli.ok("checkin", "LT-0001", "--data", "wiped")
    assert "personal data: wiped" in out
    history = json.loads(cli.ok("report", "history", "LT-0001", "--format", "json"))
    assert history[0]["data"] == "wiped"
    # forgotten: said plainly, with the way out
    cli.ok("checkout", "LT-0001", "AB1", "--personal-data")
    proc = cli.run("checkin", "LT-0001")
    assert proc.returncode == 0
    assert "was lent with personal data and how it was dealt with is not recorded" in proc.stderr
    cli.ok("reverse", "LT-0001")
    cli.ok("checkin", "LT-0001", "--data", "kept", "--data-note", "handover to Mr Jones")
    assert json.loads(cli.ok("report", "history", "LT-0001", "--format", "json"))[0]["data"] == \
        "kept"
    verified(cli)


def test_checkin_signature_on_return_and_receipt(cli: Cli, tmp_path: Path) -> None:  # noqa: F811
    data_dir = Path(cli.env["LOAN_KIOSK_DATA_DIR"])  # the desk's settings live there
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "settings.toml").write_text('[signature]\non_return = "always"\n')
    (tmp_path / "sig.json").write_text(json.dumps(SIG))
    cli.ok("checkout", "PH-0001", "AB1")
    cli.refused("checkin", "PH-0001", match="PH-0001 needs Siân Ó Briain's signature on return")
    out = cli.ok("checkin", "PH-0001", "--signature", str(tmp_path / "sig.json"), "--out",
                 str(tmp_path / "back.pdf"))
    assert "return receipt C-" in out
    assert (tmp_path / "back.pdf").read_bytes().startswith(b"%PDF")
    assert "matches the record" in cli.ok("receipt", "verify", str(tmp_path / "back.pdf"))
    verified(cli)


def test_leaver_return_of_someone_not_leaving(cli: Cli) -> None:  # noqa: F811
    cli.ok("checkout", "LT-0001", "CD2")
    cli.refused("leaver", "return", "CD2",
                match="Łukasz Żółć (CD2) is not marked as leaving: a leaver return records them "
                      "as left. Check it is the right person, then confirm (--confirm-not-leaving)")
    out = cli.ok("leaver", "return", "CD2", "--confirm-not-leaving", "--data", "LT-0001=removed")
    assert "Łukasz Żółć marked as left" in out
    cli.refused("leaver", "return", "AB1", "--confirm-not-leaving", "--data", "LT-0001",
                match="--data takes TAG=removed|wiped|kept, not 'LT-0001'")
    verified(cli)


def test_checkout_of_a_leaver_is_capped_and_overdue_items_are_said(cli: Cli, tmp_path: Path  # noqa: F811
                                                                   ) -> None:
    import datetime as dt

    from app.bootstrap import bootstrap
    from app.services.loans import check_out
    from app.uow import Actor

    (tmp_path / "later.csv").write_text("Staff Code,Forename,Surname,Leaving Date\n"
                                        "FL1,Fen,Li,31/12/2099\n", encoding="utf-8")
    cli.ok("import", "staff", str(tmp_path / "later.csv"))
    proc = cli.run("checkout", "LT-0001", "FL1", "--due", "2100-06-01", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["due"] == "2099-12-31"
    assert proc.stderr.strip() == ("note: Fen Li leaves on 31 Dec 2099: the loan is due back by "
                                   "then (their leaving date)")
    # a phone lent to Siân six weeks ago (through the services, on that day's clock) is overdue
    weeks_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=42)
    ctx = bootstrap(cli.db_url, data_dir=Path(cli.env["LOAN_KIOSK_DATA_DIR"]),
                    clock=lambda: weeks_ago)
    try:
        with ctx.uow(Actor("earlier")) as uow:
            due = check_out(uow, "PH-0001", "AB1").loans[0].due_on
    finally:
        ctx.close()
    proc = cli.run("checkout", "LT-0002", "AB1")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == (f"warning: Siân Ó Briain already holds 1 overdue item: PH-0001 "
                                   f"(due {due.day} {due:%b %Y})")
    verified(cli)
