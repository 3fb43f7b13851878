"""End-to-end scenarios of the ``kit`` commands, and of lending and taking back a kit (or
lending to a room) with ``checkout`` / ``checkin``: run by :mod:`tests.e2e.test_cli_commands`
(every command has one)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

from tests.unit.printing.pdfs import page_texts

if TYPE_CHECKING:
    from tests.e2e.test_cli_commands import Cli

MEMBERS = ("LT-0001", "PH-0001")


def _kit(c: Cli) -> None:
    out = c.json("kit", "add", "KIT-A", "Laptop and phone", "--kind", "bundle",
                 "--members", *MEMBERS)
    assert [m["tag"] for m in out["members"]] == list(MEMBERS)


def kit_add(c: Cli) -> None:
    _kit(c)
    assert c.json("whois", "kit-a")["type"] == "kit"
    proc = c.run("kit", "add", "LT-0002", "Clash")
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: 'LT-0002' is already an asset's tag")


def kit_add_members(c: Cli) -> None:
    _kit(c)
    assert "LT-0002 added to kit KIT-A; it now has 3 members" in \
        c.ok("kit", "add-members", "KIT-A", "lt-0002")
    assert "nothing changed" in c.ok("kit", "add-members", "KIT-A", "LT-0002")


def kit_remove_members(c: Cli) -> None:
    _kit(c)
    assert "PH-0001 taken out of kit KIT-A" in c.ok("kit", "remove-members", "KIT-A", "PH-0001")
    assert [m["tag"] for m in c.json("kit", "show", "KIT-A")["members"]] == ["LT-0001"]


def kit_show(c: Cli) -> None:
    _kit(c)
    c.ok("checkout", "KIT-A", "E1")
    out = c.ok("kit", "show", "KIT-A")
    assert "kit KIT-A Laptop and phone (bundle): 2 members, 2 out with the kit" in out
    assert "on loan to Siân Ó Briain (E1) (with the kit)" in out


def kit_list(c: Cli) -> None:
    _kit(c)
    # a kit made without --site belongs to the desk's school (MAIN, the one school settled)
    assert c.json("kit", "list") == [{"tag": "KIT-A", "name": "Laptop and phone",
                                      "kind": "bundle", "members": 2, "out": 0, "active": True,
                                      "site": "MAIN"}]


def kit_edit(c: Cli) -> None:
    _kit(c)
    c.ok("kit", "edit", "KIT-A", "--name", "Head's laptop bundle", "--notes", "charger in bag")
    shown = c.json("kit", "show", "KIT-A")
    assert (shown["name"], shown["notes"]) == ("Head's laptop bundle", "charger in bag")


def kit_deactivate(c: Cli) -> None:
    _kit(c)
    assert "kit KIT-A is inactive" in c.ok("kit", "deactivate", "KIT-A")
    assert c.json("kit", "list") == []
    proc = c.run("checkout", "KIT-A", "E1")
    assert proc.returncode == 2 and "inactive" in proc.stderr


def kit_reactivate(c: Cli) -> None:
    kit_deactivate(c)
    assert "kit KIT-A is active" in c.ok("kit", "reactivate", "KIT-A")
    assert c.json("kit", "list")[0]["members"] == 0  # deactivating freed its members


def kit_label(c: Cli) -> None:
    _kit(c)
    out = c.outside / "kit.pdf"
    assert "kit labels written to" in c.ok("kit", "label", "KIT-A", "--out", str(out))
    text = " ".join(page_texts(out.read_bytes()))
    assert "KIT-A" in text and "Kit of 2 items" in text and "Laptop and phone" in text


def kit_checkout_and_checkin(c: Cli) -> None:
    """One scan lends the kit; checking it in flags the missing member."""
    _kit(c)
    c.ok("checkout", "LT-0001", "E2")
    proc = c.run("checkout", "KIT-A", "E1")
    assert proc.returncode == 2
    assert "KIT-A cannot go out whole: LT-0001 is on loan to Łukasz Żółć (E2)" in proc.stderr
    c.ok("checkin", "LT-0001")
    out = c.json("checkout", "KIT-A", "E1")
    assert out["kit"] == "KIT-A" and out["tags"] == list(MEMBERS)
    assert c.json("whois", "PH-0001")["holder"] == "E1"
    out = c.ok("checkin", "KIT-A", "--missing", "PH-0001")
    assert "kit KIT-A Laptop and phone: 1 item back (LT-0001)" in out
    assert "MISSING PH-0001: still on loan to Siân Ó Briain (E1)" in out
    assert c.json("whois", "PH-0001")["status"] == "on_loan"
    c.ok("checkin", "PH-0001")  # scanned back on its own when it turns up
    assert c.json("whois", "PH-0001")["status"] == "available"


def to_location(c: Cli) -> None:
    """``checkout --to-location``: a room, with the member of staff responsible."""
    from app.bootstrap import bootstrap
    from tests.factories import add_location, add_site

    ctx = bootstrap(data_dir=c.data_dir)
    try:
        add_site(ctx, "NHS")
        add_location(ctx, "NHS-R12", "Room 12")
    finally:
        ctx.close()
    out = c.ok("checkout", "LT-0002", "E1", "--to-location", "nhs-r12")
    assert "LT-0002 lent to nhs-r12 (responsible: Siân Ó Briain (E1))" in out
    (row,) = json.loads(c.ok("report", "on-loan", "--format", "json"))
    assert (row["tag"], row["staff_code"], row["borrower"]) == \
        ("LT-0002", "E1", "Room 12 (responsible: Siân Ó Briain)")
    assert "on loan to Room 12 (responsible: Siân Ó Briain (E1))" in \
        c.run("checkout", "LT-0002", "E2").stderr


SCENARIOS: dict[tuple[str, ...], Callable[[Cli], object]] = {
    ("kit", "add"): kit_add, ("kit", "add-members"): kit_add_members,
    ("kit", "remove-members"): kit_remove_members, ("kit", "show"): kit_show,
    ("kit", "list"): kit_list, ("kit", "edit"): kit_edit, ("kit", "deactivate"): kit_deactivate,
    ("kit", "reactivate"): kit_reactivate, ("kit", "label"): kit_label,
}
