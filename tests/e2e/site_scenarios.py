"""End-to-end scenarios of the ``site``, ``location`` and ``asset move`` commands, run by
:mod:`tests.e2e.test_cli_commands` on its small school (made before sites existed: its
first command settles everything into the one school, MAIN)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


def _sites(c: Any) -> dict[str, dict[str, Any]]:
    return {r["code"]: r for r in c.json("site", "list")}


def _site_list(c: Any) -> None:
    main = _sites(c)["MAIN"]
    assert (main["people"], main["assets"], main["active"]) == (3, 3, True)
    assert "MAIN  Example Academy  — 0 locations, 3 assets, 3 people" in c.ok("site", "list")


def _site_add(c: Any) -> None:
    assert "site SPA added: St Paul's Academy" in c.ok("site", "add", "SPA", "St Paul's Academy")
    assert set(_sites(c)) == {"MAIN", "SPA"}
    proc = c.run("site", "add", "spa", "Again")
    assert proc.returncode == 2 and proc.stderr == "error: there is already a site with the code 'spa'\n"


def _site_edit(c: Any) -> None:
    c.ok("site", "edit", "MAIN", "--code", "NHS", "--name", "Northfield High School")
    assert _sites(c)["NHS"]["name"] == "Northfield High School"


def _trust_admin(c: Any) -> Any:
    """The first trust admin, added by the school's admin (the trust has none yet)."""
    c.ok("technician", "add", "boss", "--trust-admin", "--pin-stdin", stdin="975310\n")
    return c.as_technician("boss", "975310")


def _site_close(c: Any) -> None:
    c.ok("site", "add", "SPA", "St Paul's Academy")
    proc = c.run("site", "close", "SPA")  # MAIN's admin: not St Paul's
    assert proc.returncode == 2 and "only a trust admin or an admin of SPA" in proc.stderr
    assert "site SPA closed" in _trust_admin(c).ok("site", "close", "SPA")
    assert _sites(c)["SPA"]["active"] is False
    proc = c.as_technician("boss", "975310").run("location", "add", "SPA-HALL", "Hall",
                                                 "--site", "SPA")
    assert proc.returncode == 2 and "SPA is closed" in proc.stderr


def _site_reopen(c: Any) -> None:
    _site_close(c)
    boss = c.as_technician("boss", "975310")
    assert "site SPA reopened" in boss.ok("site", "reopen", "SPA")
    boss.ok("location", "add", "SPA-HALL", "Hall", "--site", "SPA")
    # inside another location, a trust admin (of no school) need not say which: docs/trust.md
    out = boss.ok("location", "add", "SPA-HALL-C1", "Chair store", "--in", "SPA-HALL",
                  "--kind", "cupboard")
    assert out.strip() == "location SPA-HALL-C1 added at SPA in SPA-HALL: Chair store (cupboard)"
    proc = boss.run("location", "add", "SPA-X", "X", "--in", "SPA-HALL", "--site", "MAIN")
    assert proc.returncode == 2 and proc.stderr.strip() == (  # said which school it is at
        "error: SPA-HALL is at another site (SPA), not MAIN: a location goes inside one of its "
        "own school's")


def _rooms(c: Any) -> None:
    c.ok("location", "add", "MAIN-ICT", "ICT office")
    c.ok("location", "add", "MAIN-C1", "Cupboard 1", "--in", "MAIN-ICT", "--kind", "cupboard")
    c.ok("location", "add", "MAIN-LIB", "Library")


def _location_add(c: Any) -> None:
    out = c.ok("location", "add", "MAIN-ICT", "ICT office")
    assert out.strip() == "location MAIN-ICT added at MAIN: ICT office (room)"
    proc = c.run("location", "add", "MAIN-X", "X", "--kind", "garage")
    assert proc.returncode == 2 and "invalid choice: 'garage'" in proc.stderr


def _location_list(c: Any) -> None:
    _rooms(c)
    tree = [(n["code"], n["depth"], n["parent"]) for n in c.json("location", "list")]
    assert tree == [("MAIN-C1", 1, "MAIN-ICT"), ("MAIN-ICT", 0, None),
                    ("MAIN-LIB", 0, None)] or tree == [
        ("MAIN-ICT", 0, None), ("MAIN-C1", 1, "MAIN-ICT"), ("MAIN-LIB", 0, None)]
    assert tree[0] == ("MAIN-ICT", 0, None)  # depth first: the cupboard under its room
    text = c.ok("location", "list")
    assert "  MAIN-ICT  ICT office  (room)\n    MAIN-C1  Cupboard 1  (cupboard)\n" in text


def _location_edit(c: Any) -> None:
    _rooms(c)
    assert "location MAIN-LIB: Learning centre (room)" in c.ok(
        "location", "edit", "MAIN-LIB", "--name", "Learning centre")


def _location_move(c: Any) -> None:
    _rooms(c)
    assert "location MAIN-LIB is now inside MAIN-ICT" in c.ok(
        "location", "move", "MAIN-LIB", "--in", "MAIN-ICT")
    proc = c.run("location", "move", "MAIN-ICT", "--in", "MAIN-LIB")
    assert proc.returncode == 2 and "MAIN-LIB is inside MAIN-ICT" in proc.stderr
    assert "is now at the top" in c.ok("location", "move", "MAIN-LIB", "--top")


def _location_close(c: Any) -> None:
    _rooms(c)
    proc = c.run("location", "close", "MAIN-ICT")
    assert proc.returncode == 2 and "still holds MAIN-C1" in proc.stderr
    assert "location MAIN-C1 out of use" in c.ok("location", "close", "MAIN-C1")
    assert "(out of use)" in c.ok("location", "list")


def _location_reopen(c: Any) -> None:
    _location_close(c)
    assert "location MAIN-C1 back in use" in c.ok("location", "reopen", "MAIN-C1")


def _location_label(c: Any) -> None:
    _rooms(c)
    out = c.ok("location", "label", "MAIN-ICT", "MAIN-C1", "--pdf", str(c.outside / "rooms.pdf"))
    assert "location labels written to" in out
    assert (c.outside / "rooms.pdf").read_bytes().startswith(b"%PDF")
    proc = c.run("location", "label", "NOPE", "--pdf", str(c.outside / "x.pdf"))
    assert proc.returncode == 2 and "no location with the code 'NOPE'" in proc.stderr


def _asset_move(c: Any) -> None:
    _rooms(c)
    out = c.ok("asset", "move", "LT-0001", "MAIN-ICT")
    assert out.strip() == "LT-0001 moved from MAIN to MAIN › ICT office (its home now)", out
    moved = c.json("asset", "move", "LT-0001", "main-c1")
    assert (moved["now"], moved["home"]) == ("MAIN › ICT office › Cupboard 1", False)
    c.ok("checkout", "LT-0001", "E1")
    proc = c.run("asset", "move", "LT-0001", "MAIN-LIB")
    assert proc.returncode == 2 and "on loan: check it in first" in proc.stderr
    c.ok("checkin", "LT-0001")  # back to its home, the ICT office
    assert [n["assets"] for n in c.json("location", "list")][:2] == [1, 0]
    c.ok("checkout", "LT-0001", "E1")
    c.ok("checkin", "LT-0001", "--put-at", "MAIN-LIB")  # told otherwise
    assert {n["code"]: n["assets"] for n in c.json("location", "list")}["MAIN-LIB"] == 1
    assert "  MAIN-LIB  Library  (room, 1 asset)\n" in c.ok("location", "list")
    assert c.ok("audit", "verify").startswith("audit log intact (")


def trust_of_two_schools(c: Any) -> None:
    """Technicians at two schools: each works their own; a trust admin works both."""
    c.ok("site", "add", "SPA", "St Paul's Academy")
    assert "technician boss added (trust admin)" in c.ok(
        "technician", "add", "boss", "--trust-admin", "--pin-stdin", stdin="975310\n")
    proc = c.run("technician", "add", "boss2", "--trust-admin", "--pin-stdin", stdin="975310\n")
    assert proc.returncode == 2 and "only a trust admin can add a trust admin" in proc.stderr
    boss = c.as_technician("boss", "975310")
    boss.ok("location", "add", "SPA-HALL", "Hall", "--site", "SPA")
    # inside another location, a trust admin (of no school) need not say which: docs/trust.md
    out = boss.ok("location", "add", "SPA-HALL-C1", "Chair store", "--in", "SPA-HALL",
                  "--kind", "cupboard")
    assert out.strip() == "location SPA-HALL-C1 added at SPA in SPA-HALL: Chair store (cupboard)"
    proc = boss.run("location", "add", "SPA-X", "X", "--in", "SPA-HALL", "--site", "MAIN")
    assert proc.returncode == 2 and proc.stderr.strip() == (  # said which school it is at
        "error: SPA-HALL is at another site (SPA), not MAIN: a location goes inside one of its "
        "own school's")
    assert "technician spa-tech added (technician)" in boss.ok(
        "technician", "add", "spa-tech", "--site", "SPA", "--pin-stdin", stdin="246813\n")
    spa = c.as_technician("spa-tech", "246813")
    proc = spa.run("checkout", "LT-0001", "E1")
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: LT-0001 belongs to MAIN: only a trust admin")
    proc = c.run("asset", "move", "LT-0001", "SPA-HALL")  # MAIN's admin, not the trust's
    assert proc.returncode == 2 and "only a trust admin can move" in proc.stderr
    assert boss.json("asset", "move", "LT-0001", "SPA-HALL")["site_changed"] is True
    spa.ok("checkout", "LT-0001", "E1")  # St Paul's now
    def on_loan(*site: str) -> list[str]:
        return [r["tag"] for r in json.loads(c.ok("report", "on-loan", "--format", "json",
                                                  *site))]

    # a report needs no PIN: with no desk school set and two schools, it shows both
    assert on_loan() == ["LT-0001"]
    c.env["LOAN_KIOSK_SITE"] = "MAIN"  # this desk is at MAIN: nothing of its own is out
    assert on_loan() == []
    assert on_loan("--site", "ALL") == ["LT-0001"]
    assert on_loan("--site", "spa") == ["LT-0001"]
    proc = c.run("report", "on-loan", "--site", "XYZ")
    assert proc.returncode == 2 and "no school (site) with the code 'XYZ'" in proc.stderr
    assert c.ok("audit", "verify").startswith("audit log intact (")


SITE_SCENARIOS: dict[tuple[str, ...], Callable[[Any], None]] = {
    ("site", "add"): _site_add, ("site", "list"): _site_list, ("site", "edit"): _site_edit,
    ("site", "close"): _site_close, ("site", "reopen"): _site_reopen,
    ("location", "add"): _location_add, ("location", "list"): _location_list,
    ("location", "edit"): _location_edit, ("location", "move"): _location_move,
    ("location", "close"): _location_close, ("location", "reopen"): _location_reopen,
    ("location", "label"): _location_label, ("asset", "move"): _asset_move,
}
