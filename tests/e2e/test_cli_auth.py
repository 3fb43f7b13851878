"""Who did it, proven at the command line: the attacks of issue 18 repeated through the real
entry point, on SQLite and PostgreSQL. Each refusal is one ``error:`` line and changes nothing
(a wrong PIN only counts towards the lock-out)."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.e2e.test_cli import ASSETS_CSV, STAFF_CSV, Cli

BOSS_PIN, SAM_PIN = "482157", "555512"


def _school(db_url: str, tmp_path: Path) -> Cli:
    """A school with an admin (boss), a plain technician (sam) and the tests' admin."""
    cli = Cli(db_url, tmp_path)
    (tmp_path / "staff.csv").write_text(STAFF_CSV, encoding="utf-8")
    (tmp_path / "assets.csv").write_text(ASSETS_CSV, encoding="utf-8")
    cli.ok("import", "staff", str(tmp_path / "staff.csv"))
    cli.ok("import", "assets", str(tmp_path / "assets.csv"))
    cli.ok("technician", "add", "boss", "--admin", "--pin-stdin", stdin=f"{BOSS_PIN}\n")
    cli.ok("technician", "add", "sam", "--pin-stdin", stdin=f"{SAM_PIN}\n")
    return cli


def _audit(cli: Cli, action: str) -> list[tuple[str, dict[str, object]]]:
    engine = create_engine(cli.db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT actor, details FROM audit_events WHERE action = :a "
                                     "ORDER BY seq"), {"a": action}).all()
    finally:
        engine.dispose()
    return [(actor, json.loads(details)) for actor, details in rows]


def test_unknown_missing_or_unproven_technicians_are_refused(db_url: str, tmp_path: Path) -> None:
    cli = _school(db_url, tmp_path)
    lend = ("checkout", "LT-0002", "CD2", "--personal-data", "--override-reason", "urgent")
    cli.as_("ghost", "123456").refused(*lend, match="ghost: Unknown technician or wrong PIN")
    nobody = cli.as_("", "")
    nobody.refused(*lend, match="say which technician you are: --technician USERNAME or "
                                "LOAN_KIOSK_TECHNICIAN")
    no_pin = cli.as_("boss", "")
    no_pin.refused(*lend, match="no PIN given: set LOAN_KIOSK_PIN, or pass it on standard input "
                                "with --pin-stdin")
    no_pin.refused(*lend, "--technician", "demo", "--pin-stdin",  # no technician 'demo' here
                   match="demo: Unknown technician or wrong PIN", stdin="123456\n")
    # a wrong PIN changes nothing but the failure count (audited), towards the lock-out
    before = cli.dump()
    proc = cli.as_("boss", SAM_PIN).run(*lend)
    assert (proc.returncode, proc.stderr) == (2, "error: boss: Unknown technician or wrong PIN\n")
    after = cli.dump()
    assert {k for k in after if after[k] != before[k]} == {"technicians", "audit_events",
                                                            "audit_head"}
    assert [d["failures"] for a, d in _audit(cli, "sign_in_failed")] == [1]
    # a plain technician with the right PIN is still not an admin
    sam = cli.as_("sam", SAM_PIN)
    sam.refused(*lend, match="only an admin technician can override the encryption policy")
    sam.refused("technician", "add", "eve", "--admin", "--pin-stdin", stdin="999999\n",
                match="only an admin technician can add technicians")
    sam.refused("privacy", "export", "AB1", "--out", str(tmp_path / "sar"),
                match="only an admin technician can export a person's data")
    assert not (tmp_path / "sar").exists()


def test_names_match_in_any_case_and_unicode_form_and_the_os_user_is_recorded(
        db_url: str, tmp_path: Path) -> None:
    cli = _school(db_url, tmp_path)
    cli.as_("BOSS", BOSS_PIN).ok("checkout", "LT-0001", "AB1")
    cli.as_("ｂｏｓｓ", BOSS_PIN).ok("checkin", "LT-0001")  # full-width letters: NFKC
    cli.refused("technician", "add", "Boss", "--pin-stdin", stdin="777777\n",
                match="there is already a technician called 'Boss'")
    (out,) = _audit(cli, "checkout")
    (back,) = _audit(cli, "checkin")
    assert out[0] == back[0] == "boss"
    assert out[1]["os_user"] == back[1]["os_user"] == getpass.getuser()


def test_pin_on_stdin_then_the_new_technicians_pin(db_url: str, tmp_path: Path) -> None:
    cli = _school(db_url, tmp_path)
    boss = cli.as_("boss", "")
    out = boss.ok("technician", "add", "kim", "--pin-stdin", stdin=f"{BOSS_PIN}\n314159\n")
    assert "technician kim added (technician)" in out
    proc = cli.as_("kim", "314159").run("leaver", "list")
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    (added,) = [d for a, d in _audit(cli, "technician_added") if d["username"] == "kim"]
    assert added["role"] == "technician"


def test_which_pin_came_from_where_when_the_new_one_is_on_stdin(
        db_url: str, tmp_path: Path) -> None:
    """Issue 20: with LOAN_KIOSK_PIN set, ``--pin-stdin``'s first line is the NEW PIN (the
    signer's came from the environment) — a script writing its own PIN first gives the new
    technician that PIN. The command says which line it took and where the signer's came
    from; without LOAN_KIOSK_PIN the signer's is the first line, the new one the second."""
    cli = _school(db_url, tmp_path)
    boss = cli.as_("boss", BOSS_PIN)  # LOAN_KIOSK_PIN set
    proc = boss.run("technician", "add", "kim", "--pin-stdin", stdin="314159\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == ("note: PIN for the new technician was the first line of "
                                   "standard input (your PIN from LOAN_KIOSK_PIN)")
    assert cli.as_("kim", "314159").run("leaver", "list").returncode == 0
    # the trap, said: both PINs on stdin while LOAN_KIOSK_PIN is set — the first line wins
    proc = boss.run("technician", "add", "lou", "--pin-stdin", stdin=f"{BOSS_PIN}\n271828\n")
    assert proc.returncode == 0 and "the first line of standard input" in proc.stderr
    assert cli.as_("lou", BOSS_PIN).run("leaver", "list").returncode == 0
    no_env = cli.as_("boss", "")
    proc = no_env.run("technician", "add", "max", "--pin-stdin", stdin=f"{BOSS_PIN}\n161803\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == ("note: PIN for the new technician was the second line of "
                                   "standard input (your PIN from standard input)")
    assert cli.as_("max", "161803").run("leaver", "list").returncode == 0
    proc = cli.as_("kim", "").run("technician", "pin", "--pin-stdin", stdin="314159\n424242\n")
    assert proc.returncode == 0 and proc.stderr.strip() == (
        "note: your new PIN was the second line of standard input (your PIN from standard "
        "input)"), proc.stderr


def test_read_only_commands_are_open_without_a_pin(db_url: str, tmp_path: Path) -> None:
    cli = _school(db_url, tmp_path)
    anyone = cli.as_("", "")
    assert json.loads(anyone.ok("whois", "LT-0001", "--json"))["type"] == "asset"
    assert anyone.ok("report", "on-loan", "--format", "json").strip() == "[]"
    assert anyone.ok("audit", "verify").startswith("audit log intact (")
    assert "anchor" in anyone.ok("audit", "head")  # open: no PIN asked
    assert "loan-kiosk" in anyone.ok("--version")
    assert "usage:" in anyone.ok("checkout", "--help")
    anyone.refused("report", "on-loan", "--out", str(tmp_path / "r.csv"),
                   match="say which technician you are")
    assert not (tmp_path / "r.csv").exists()


def test_a_new_database_runs_as_the_bootstrap_admin_and_says_so(db_url: str, tmp_path: Path) -> None:
    cli = Cli(db_url, tmp_path, register=False)
    cli.env.pop("LOAN_KIOSK_TECHNICIAN")
    cli.env.pop("LOAN_KIOSK_PIN")
    proc = cli.run("init")
    assert proc.returncode == 0, proc.stderr
    assert "no technician is registered yet, so this runs as the bootstrap admin" in proc.stderr
    cli.ok("technician", "add", "first", "--pin-stdin", stdin="246802\n")
    (added,) = _audit(cli, "technician_added")
    assert added[1]["role"] == "admin"
    # from now on the bootstrap admin is gone
    cli.refused("technician", "add", "second", "--pin-stdin", stdin="246804\n",
                match="say which technician you are")
    engine = create_engine(cli.db_url)
    try:
        with engine.connect() as conn:
            actors = conn.execute(text("SELECT DISTINCT actor FROM audit_events")).scalars().all()
    finally:
        engine.dispose()
    assert actors == ["bootstrap-admin"]


def test_a_short_pin_must_be_changed_first(db_url: str, tmp_path: Path) -> None:
    """A 4-digit PIN from before issue 18 still signs in, but only to change it."""
    from app.services.technicians import hash_pin

    cli = _school(db_url, tmp_path)
    engine = create_engine(cli.db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE technicians SET pin_hash = :h WHERE username = 'sam'"),
                         {"h": hash_pin("4711")})
    finally:
        engine.dispose()
    old = cli.as_("sam", "4711")
    old.refused("checkout", "LT-0001", "AB1", match="your PIN is shorter than 6 digits: change "
                                                    "it first with 'loan-kiosk technician pin'")
    old.refused("technician", "pin", "--pin-stdin", stdin="4712\n", match="6 to 12 digits")
    assert "PIN changed for sam" in old.ok("technician", "pin", "--pin-stdin", stdin="470011\n")
    cli.as_("sam", "470011").ok("checkout", "LT-0001", "AB1")
