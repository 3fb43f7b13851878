"""End-to-end scenarios of ``loan-kiosk stocktake …`` (issue 20), for
:data:`tests.e2e.test_cli_commands.SCENARIOS`: each runs the real entry point on a copy of
the command line's small school, its rooms added through the services (the sites' own
commands are another part of issue 20)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.e2e.test_cli_commands import Cli


def _rooms(c: Cli) -> None:
    """School NHS with ICT1 (LT-0001, LT-0002 live there) and ICT2 (PH-0001's home)."""
    from app.bootstrap import bootstrap
    from app.config import Settings
    from app.services import places
    from app.uow import Actor

    ctx = bootstrap(data_dir=c.data_dir, settings=Settings())
    try:
        actor = Actor("tester", "admin")
        with ctx.uow(actor) as uow:
            # the school's one school (MAIN, made when its database was first opened, every
            # row in it: app.services.site_scope.settle_sites) is Northfield High
            from app.services.site_admin import edit_site

            edit_site(uow, "MAIN", new_code="NHS", name="Northfield High School")
        rooms = {}
        for code in ("ICT1", "ICT2"):
            with ctx.uow(actor) as uow:
                rooms[code] = places.add_location(uow, "NHS", code, f"ICT suite {code[-1]}").id
        with ctx.uow(actor) as uow:
            from sqlalchemy import select

            from db.models import Asset

            for asset in uow.session.execute(select(Asset)).scalars():
                home = rooms["ICT2" if asset.tag == "PH-0001" else "ICT1"]
                asset.site_id, asset.home_location_id = 1, home
                asset.current_location_id = home
            uow.audit("test_placed", None)
            uow.commit()
    finally:
        ctx.close()


def _started(c: Cli) -> str:
    """ICT1's stocktake started; its number, as ``stocktake start`` prints it (last line)."""
    _rooms(c)
    proc = c.run("stocktake", "start", "ICT1")
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()[-1]


def _start(c: Cli) -> None:
    _rooms(c)
    proc = c.run("stocktake", "start", "ict1")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "1"  # its number, alone on the last line
    assert "stocktake #1 of ICT1 (ICT suite 1), NHS started" in proc.stdout
    again = c.run("stocktake", "start", "ICT1")
    assert again.returncode == 2 and again.stderr.strip().splitlines()[-1] == (
        "error: stocktake #1 of ICT1 is not closed yet (it is open): scan into it "
        "('loan-kiosk stocktake scan 1 TAG...') or close it")
    assert c.json("stocktake", "start", "ICT2")["id"] == 2
    bad = c.run("stocktake", "start", "NOWHERE")
    assert bad.returncode == 2 and "error: there is no location or school" in bad.stderr


def _scan(c: Cli) -> None:
    number = _started(c)
    out = c.ok("stocktake", "scan", number, "LT-0001", "PH-0001", "ZZ-9", "lt-0001")
    assert "LT-0001: recorded" in out and "PH-0001: recorded" in out
    assert "ZZ-9 (matches no asset: listed as unknown): recorded" in out
    assert "lt-0001: already scanned" in out
    done = c.json("stocktake", "scan", number, "LT-0002")
    assert done == [{"code": "LT-0002", "tag": "LT-0002", "asset_id": 2, "new": True}]
    c.ok("stocktake", "pause", number)
    paused = c.run("stocktake", "scan", number, "LT-0002")
    assert paused.returncode == 2 and f"error: stocktake #{number} is paused" in paused.stderr


def _report(c: Cli) -> None:
    number = _started(c)
    c.ok("asset", "move", "LT-0002", "ICT2")  # its home is still ICT1: expected there
    c.ok("stocktake", "scan", number, "LT-0001", "PH-0001", "ZZ-9")
    out = c.ok("stocktake", "report", number)
    assert "expected 2: found 1, missing 1, on loan 0; unexpected 1, unknown 1" in out
    assert "belongs in ICT2" in out
    # where to look for the missing one: where it was last put
    (missing,) = [ln for ln in out.splitlines() if ln.strip().startswith("LT-0002")]
    assert missing.split()[-6:] == ["ICT1", "available,", "last", "put", "in", "ICT2"], missing
    data = c.json("stocktake", "report", number)
    assert data["counts"] == {"found": 1, "missing": 1, "unexpected": 1, "on_loan": 0,
                              "unknown": 1}
    assert [i["tag"] for i in data["missing"]] == ["LT-0002"]
    only = c.json("stocktake", "report", number, "--section", "unexpected")
    assert "found" not in only and only["unexpected"][0]["tag"] == "PH-0001"
    # read only: no PIN needed
    c.env.pop("LOAN_KIOSK_PIN")
    assert c.run("stocktake", "report", number).returncode == 0


def _close(c: Cli) -> None:
    number = _started(c)
    c.ok("stocktake", "scan", number, "LT-0001")
    out = c.ok("stocktake", "close", number)
    assert f"stocktake #{number} of ICT1 (ICT suite 1), NHS: closed, 1 scanned; report " \
           "archived at" in out
    pdf = c.data_dir / "documents" / "stocktakes"
    (path,) = list(pdf.rglob("*.pdf"))
    assert path.read_bytes().startswith(b"%PDF")
    again = c.run("stocktake", "close", number)
    assert again.returncode == 2 and "already closed" in again.stderr
    assert c.json("stocktake", "list")[0]["status"] == "closed"


def _pause(c: Cli) -> None:
    number = _started(c)
    assert c.json("stocktake", "pause", number)["status"] == "paused"
    twice = c.run("stocktake", "pause", number)
    assert twice.returncode == 2 and f"stocktake #{number} is paused already" in twice.stderr
    resumed = c.run("stocktake", "resume", number)
    assert resumed.returncode == 0, resumed.stderr
    again = c.run("stocktake", "resume", number)  # resuming an open one: said plainly
    assert again.returncode == 2 and f"stocktake #{number} is open already" in again.stderr


def _resume(c: Cli) -> None:
    number = _started(c)
    c.ok("stocktake", "pause", number)
    assert "open" in c.ok("stocktake", "resume", number)
    assert "LT-0001: recorded" in c.ok("stocktake", "scan", number, "LT-0001")


def _list(c: Cli) -> None:
    assert "no stocktakes" in c.ok("stocktake", "list")
    number = _started(c)
    rows = c.json("stocktake", "list", "--going")
    assert [(str(r["id"]), r["status"], r["place"]) for r in rows] == \
        [(number, "open", "ICT1 (ICT suite 1), NHS")]


def _move(c: Cli) -> None:
    number = _started(c)
    c.ok("stocktake", "scan", number, "PH-0001")
    # where to: the stocktake's place ("moved here" said nothing at a terminal)
    assert "PH-0001: now recorded at ICT1 (was ICT2)" in c.ok("stocktake", "move-unexpected",
                                                               number)
    con = sqlite3.connect(next(c.data_dir.glob("*.sqlite3")))
    try:
        (current,) = con.execute("SELECT l.code FROM assets a JOIN locations l ON "
                                 "l.id = a.current_location_id WHERE a.tag = 'PH-0001'").fetchone()
    finally:
        con.close()
    assert current == "ICT1"
    assert c.ok("audit", "verify")


def _lost(c: Cli) -> None:
    number = _started(c)
    c.ok("stocktake", "scan", number, "LT-0001")
    out = c.ok("stocktake", "mark-missing-lost", number)
    assert "LT-0002: recorded as lost, incident opened" in out
    assert c.json("whois", "LT-0002")["status"] == "lost"
    (incident,) = c.json("incident", "list", "--open")
    assert incident["tag"] == "LT-0002" and incident["kind"] == "lost"
    nothing = c.run("stocktake", "mark-missing-lost", number)
    assert nothing.returncode == 2 and "nothing is missing" in nothing.stderr


STOCKTAKE_SCENARIOS = {
    ("stocktake", "start"): _start, ("stocktake", "scan"): _scan,
    ("stocktake", "report"): _report, ("stocktake", "close"): _close,
    ("stocktake", "pause"): _pause, ("stocktake", "resume"): _resume,
    ("stocktake", "list"): _list, ("stocktake", "move-unexpected"): _move,
    ("stocktake", "mark-missing-lost"): _lost,
}
