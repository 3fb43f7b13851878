"""The real ``loan-kiosk`` entry point, run as a subprocess, on SQLite and PostgreSQL.

Every refusal must exit 2 with one ``error:`` line on stderr, no traceback, and
leave the database exactly as it was (a full dump before and after).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text

from db.models import Base
from tests.conftest import TEST_PIN, TEST_TECHNICIAN, register_tester, user_folder

BIN = Path(sys.executable).with_name("loan-kiosk")


class Cli:
    """The CLI on one database, signed in as the tests' admin technician (registered here
    unless ``register=False``: then the first command runs as the bootstrap admin)."""

    def __init__(self, db_url: str, tmp_path: Path, *, register: bool = True) -> None:
        self.db_url = db_url
        self.tmp = tmp_path
        self.env = {**os.environ, "LOAN_KIOSK_DATA_DIR": str(user_folder(tmp_path) / "data"),
                    "LOAN_KIOSK_DB": db_url, "LOAN_KIOSK_TECHNICIAN": TEST_TECHNICIAN,
                    "LOAN_KIOSK_PIN": TEST_PIN}
        if register:
            register_tester(db_url, user_folder(tmp_path) / "data")

    def as_(self, technician: str, pin: str) -> Cli:
        """The same CLI, signed in as someone else."""
        other = Cli(self.db_url, self.tmp, register=False)
        other.env.update(LOAN_KIOSK_TECHNICIAN=technician, LOAN_KIOSK_PIN=pin)
        return other

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        cmd = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "app"]
        return subprocess.run([*cmd, *args], capture_output=True, text=True, env=self.env,
                              input=stdin, timeout=120)

    def ok(self, *args: str, stdin: str | None = None) -> str:
        proc = self.run(*args, stdin=stdin)
        assert proc.returncode == 0, f"{args}: {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
        return proc.stdout

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json"))

    def dump(self) -> dict[str, list[tuple[str, ...]]]:
        engine = create_engine(self.db_url)
        try:
            with engine.connect() as conn:
                return {
                    t.name: [tuple(map(repr, r)) for r in conn.execute(
                        select(t).order_by(*t.primary_key.columns))]
                    for t in Base.metadata.sorted_tables
                }
        finally:
            engine.dispose()

    def refused(self, *args: str, match: str, stdin: str | None = None) -> None:
        before = self.dump()
        proc = self.run(*args, stdin=stdin)
        assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
        assert "Traceback" not in proc.stderr
        assert match in lines[0], lines[0]
        assert self.dump() == before


STAFF_CSV = """Staff Code,Forename,Surname,Email,Department,Badge,Leaving Date
AB1,Siân,Ó Briain,sian@example.org,Science,CARD-1,
CD2,Łukasz,Żółć,lukasz@example.org,Maths,CARD-2,
LV3,Zoë,Ødegård,zoe@example.org,Art,,31/12/2026
"""
ASSETS_CSV = (  # noqa: E501 - one CSV header line
    """Asset Tag,Kind,Make,Model,Serial,IMEI,Phone Number,Accessories,Encrypted,Encryption Method,Notes
LT-0001,laptop,Dell,Latitude 5440,SN1,,,charger,yes,bitlocker,
LT-0002,laptop,Dell,Latitude 5440,SN2,,,charger,no,,
LT-0003,laptop,HP,ProBook,SN3,,,charger,,,
PH-0001,phone,Samsung,Galaxy A15,SN4,356938035643809,07700 900001,"charger, case",yes,android,
"""
)


@pytest.fixture
def cli(db_url: str, tmp_path: Path) -> Cli:
    c = Cli(db_url, tmp_path)
    (tmp_path / "staff.csv").write_text(STAFF_CSV, encoding="utf-8")
    (tmp_path / "assets.csv").write_text(ASSETS_CSV, encoding="utf-8")
    c.ok("init")
    c.ok("import", "staff", str(tmp_path / "staff.csv"))
    c.ok("import", "assets", str(tmp_path / "assets.csv"))
    return c


def test_whole_day_at_the_desk(cli: Cli, tmp_path: Path) -> None:
    out = cli.ok("checkout", "lt-0001", "AB1", "--purpose", "Marking", "--personal-data")
    assert "LT-0001 lent to Siân Ó Briain (AB1)" in out
    school = {"code": "MAIN", "name": "Example Academy"}  # the one school the import made
    assert cli.json("whois", "LT-0001") == {
        "type": "asset", "tag": "LT-0001", "kind": "laptop", "status": "on_loan",
        "encrypted": True, "holder": "AB1", "due": cli.json("whois", "LT-0001")["due"],
        "overdue": False, "make": "Dell", "model": "Latitude 5440", "site": school,
        "home": None, "location": None, "where": "At MAIN"}
    person = cli.json("whois", "CARD-1")
    assert person == {"type": "person", "staff_code": "AB1", "name": "Siân Ó Briain",
                      "status": "active", "items": ["LT-0001"], "site": school}
    assert cli.json("whois", "nothing-here") == {"type": "unknown"}
    cli.ok("encryption", "LT-0003", "--method", "bitlocker", "--encrypted", "--note", "manage-bde")
    assert cli.json("whois", "LT-0003")["encrypted"] is True
    cli.ok("checkin", "LT-0001", "--condition", "damaged", "--note", "sticky keys")
    assert cli.json("whois", "LT-0001")["status"] == "in_repair"
    cli.ok("trip", "create", "Y9 Snowdon", "--leader", "CD2", "--start", "2030-05-01",
           "--end", "2030-05-03", "--destination", "Snowdonia")
    cli.ok("checkout", "PH-0001", "CD2", "--trip", "Y9 Snowdon")
    assert cli.json("whois", "PH-0001")["due"] == "2030-05-03"
    cli.ok("lost", "PH-0001", "--note", "left on the coach")
    assert cli.json("whois", "PH-0001")["status"] == "lost"
    assert cli.ok("audit", "verify").startswith("audit log intact (")


def test_refusals_change_nothing(cli: Cli, tmp_path: Path) -> None:
    cli.ok("checkout", "LT-0001", "AB1")
    cli.refused("checkout", "LT-0001", "CD2", match="already on loan to Siân Ó Briain (AB1) since")
    cli.refused("checkout", "LT-0002", "CD2", "--personal-data",
                match="personal data may only be kept on devices the school has encrypted")
    cli.refused("checkout", "NOPE", "CD2", match="no asset with tag 'NOPE'")
    cli.refused("checkout", "LT-0002", "ZZ9", match="no member of staff with code 'ZZ9'")
    cli.refused("checkout", "LT-0002", "CD2", "--due", "31/02/2027", match="is not a date")
    cli.refused("checkout", "LT-0002", "CD2", "--due", "2001-01-01", match="in the past")
    cli.refused("checkout", "LT-0002", "CD2", "--trip", "Nowhere", match="no trip called")
    cli.refused("checkin", "LT-0002", match="LT-0002 is not on loan")
    cli.refused("checkin", "LT-0001", "--condition", "broken", match="invalid choice")
    cli.refused("encryption", "LT-0002", "--encrypted", match="say how the device is encrypted")
    cli.refused("encryption", "LT-0002", match="one of the arguments")
    cli.refused("trip", "create", "X", "--leader", "CD2", "--start", "2030-05-03",
                "--end", "2030-05-01", match="ends (2030-05-01) before it starts")
    cli.refused("leaver", "return", "CD2", "--confirm-not-leaving", "--tags", "LT-0001",
                match="LT-0001 is not Łukasz Żółć's: it is on loan to Siân Ó Briain")
    cli.refused("leaver", "return", "AB1", "--signature", str(tmp_path / "missing.json"),
                match="no such file")
    (tmp_path / "bad-sig.json").write_text('{"strokes": 3}')
    cli.refused("leaver", "return", "AB1", "--signature", str(tmp_path / "bad-sig.json"),
                match="signature has no 'strokes' list")
    cli.refused("import", "staff", str(tmp_path / "missing.csv"), match="no such file")
    cli.refused("report", "history", "NOPE", match="neither an asset tag nor a staff code")
    cli.refused("report", "nonsense", match="invalid choice")
    cli.refused("lost", "NOPE", match="no asset with tag")
    cli.refused("frobnicate", match="invalid choice")
    cli.refused("technician", "add", "jo", "--pin-stdin", stdin="4821\n", match="6 to 12 digits")
    cli.refused("technician", "add", "jo", match="use --pin-stdin")


def test_encryption_override_by_admin_only(cli: Cli) -> None:
    cli.ok("technician", "add", "boss", "--admin", "--pin-stdin", stdin="482157\n")
    cli.as_("boss", "482157").ok("technician", "add", "sam", "--pin-stdin", stdin="555512\n")
    sam, boss = cli.as_("sam", "555512"), cli.as_("BOSS", "482157")
    sam.refused("checkout", "LT-0002", "CD2", "--personal-data", "--override-reason", "exam week",
                match="only an admin technician can override")
    boss.ok("checkout", "LT-0002", "CD2", "--personal-data", "--override-reason", "exam week")
    rows = json.loads(cli.ok("report", "history", "LT-0002", "--format", "json"))
    assert rows[0]["out_by"] == "boss"


def test_the_os_user_is_recorded_beside_the_technician(cli: Cli) -> None:
    import getpass

    cli.ok("checkout", "LT-0001", "AB1")
    rows = json.loads(cli.ok("report", "history", "LT-0001", "--format", "json"))
    assert rows[0]["out_by"] == TEST_TECHNICIAN
    engine = create_engine(cli.db_url)
    try:
        with engine.connect() as conn:
            actor, details = conn.execute(text(
                "SELECT actor, details FROM audit_events WHERE action = 'checkout'")).one()
    finally:
        engine.dispose()
    assert actor == TEST_TECHNICIAN and json.loads(details)["os_user"] == getpass.getuser()


def test_leaver_return_with_signature(cli: Cli, tmp_path: Path) -> None:
    cli.ok("checkout", "LT-0001", "AB1")
    cli.ok("checkout", "PH-0001", "AB1")
    sig = {"version": 1, "strokes": [[[0, 600, 500, 0.5], [10, 1400, 900, 0.5]],
                                     [[30, 700, 600, 0.4], [40, 1800, 700, 0.4]]],
           "window": [500, 400, 2650, 2100], "device": "test"}
    (tmp_path / "sig.json").write_text(json.dumps(sig))
    out = json.loads(cli.ok("leaver", "return", "AB1", "--confirm-not-leaving", "--tags", "LT-0001", "--note",
                            "PH-0001=at home", "--signature", str(tmp_path / "sig.json"), "--json"))
    assert out["returned"] == ["LT-0001"] and out["not_returned"] == ["PH-0001"]
    assert out["receipt"].startswith("R-")
    assert cli.json("whois", "AB1")["status"] == "left"
    leavers = json.loads(cli.ok("report", "leavers", "--format", "json"))
    assert leavers == [{"staff_code": "AB1", "name": "Siân Ó Briain",
                        "leaving_date": leavers[0]["leaving_date"], "tags": ["PH-0001"],
                        "site": "MAIN"}]
    cli.refused("checkout", "LT-0001", "AB1", match="has left the school")


def test_reports_formats_and_formula_injection(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "evil.csv").write_text(
        "Staff Code,Forename,Surname\nEV1,=HYPERLINK(\"http://x\"),+Evil\n", encoding="utf-8")
    cli.ok("import", "staff", str(tmp_path / "evil.csv"))
    cli.ok("checkout", "LT-0001", "EV1", "--due", "2099-01-01")
    csv_text = cli.ok("report", "on-loan", "--format", "csv")
    header, row = csv_text.strip().splitlines()[:2]
    assert header == "tag,kind,staff_code,borrower,out,due,overdue"
    assert "'=HYPERLINK" in row and "\"'=HYPERLINK" in row or row.split(",")[3].startswith("\"'=")
    data = json.loads(cli.ok("report", "on-loan", "--format", "json"))
    assert data[0]["borrower"] == '=HYPERLINK("http://x") +Evil'  # JSON keeps the truth
    assert set(data[0]) == {"tag", "kind", "staff_code", "borrower", "out", "due", "overdue",
                            "site"}  # whose row it is
    table = cli.ok("report", "on-loan")
    assert "LT-0001" in table
    out_file = tmp_path / "unenc.csv"
    cli.ok("report", "unencrypted", "--format", "csv", "--out", str(out_file))
    text = out_file.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "tag,kind,status,encryption,holder"
    assert {line.split(",")[0] for line in text.splitlines()[1:]} == {"LT-0002", "LT-0003"}
    assert json.loads(cli.ok("report", "overdue", "--format", "json")) == []


def test_import_dry_run_and_idempotence(cli: Cli, tmp_path: Path) -> None:
    before = cli.dump()
    out = cli.ok("import", "staff", str(tmp_path / "staff.csv"), "--dry-run")
    assert "unchanged 3" in out
    assert cli.dump() == before
    out = cli.ok("import", "staff", str(tmp_path / "staff.csv"))
    assert "created 0, updated 0, unchanged 3, rejected 0" in out


def test_audit_verify_fails_after_tampering(cli: Cli) -> None:
    cli.ok("checkout", "LT-0001", "AB1")
    engine = create_engine(cli.db_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE loans SET out_by = 'someone else'")
    engine.dispose()
    proc = cli.run("audit", "verify")
    assert proc.returncode == 1
    assert "loans #1 was changed outside Loan Kiosk" in proc.stdout


def test_backup(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "backup.sqlite3"
    if not cli.db_url.startswith("sqlite"):
        cli.refused("backup", str(target), match="pg_dump")
        return
    out = cli.ok("backup", str(target))
    assert "backup written" in out
    import sqlite3

    con = sqlite3.connect(target)
    assert con.execute("SELECT count(*) FROM people").fetchone()[0] == 3
    con.close()


def test_help_and_version() -> None:
    proc = subprocess.run([str(BIN), "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    for cmd in ("init", "import", "checkout", "checkin", "lost", "encryption", "trip", "leaver",
                "whois", "report", "audit", "technician", "backup", "demo-data", "incident",
                "asset", "reverse"):
        assert cmd in proc.stdout


def test_import_a_snipeit_export_with_its_loans(cli: Cli, tmp_path: Path) -> None:
    """The migration a Snipe-IT school makes: staff first, then the asset export, dry run first."""
    data = Path(__file__).parents[1] / "data" / "snipeit_checked_out.csv"
    (tmp_path / "hillside_staff.csv").write_text(
        "Staff Code,Forename,Surname,Email\nJD1,Jane,Doe,jane.doe@hillside.sch.uk\n"
        "JD2,John,Doe,\n", encoding="utf-8")
    cli.ok("import", "staff", str(tmp_path / "hillside_staff.csv"))
    before = cli.dump()
    out = cli.ok("import", "assets", str(data), "--dry-run")
    assert "would open 4 loans from Checked Out To:" in out
    assert "  line 12: LT-0210 on loan to Siân Ó Briain (AB1) since 2026-09-02" in out
    assert "line 6: PH-0204: Checked Out To 'Sam Patel' matches no one here" in out
    assert cli.dump() == before
    out = cli.ok("import", "assets", str(data))
    assert "opened 4 loans from Checked Out To:" in out
    report = cli.json("import", "assets", str(data))
    assert report["loans"] == [] and report["unchanged"] == 11
    assert [row["key"] for row in report["not_lent"]] == [
        "PH-0204", "LT-0205", "LT-0206", "LT-0207", "LT-0208", "AV-0211"]
    assert cli.ok("audit", "verify").startswith("audit log intact")


def test_lists_default_to_the_desks_school_and_whois_says_where(cli: Cli) -> None:
    """Issue 20: ``leaver list``, ``kit list``, ``bookings`` (and ``--ics``), ``incident
    list`` and ``stocktake list`` show the desk's school (``--site`` / ``LOAN_KIOSK_SITE`` /
    ``[desk] site``, else the technician's), every school's with ``--site ALL``; ``whois``
    names an asset's school, home and current location."""
    cli.ok("site", "add", "SPA", "St Paul's Academy")
    cli.ok("technician", "add", "boss", "--trust-admin", "--pin-stdin", stdin="975310\n")
    boss = cli.as_("boss", "975310")  # a trust admin: works at both schools
    boss.ok("location", "add", "SPA-HALL", "Hall", "--site", "SPA")
    cli.ok("location", "add", "MAIN-ICT", "ICT office", "--site", "MAIN")
    cli.ok("location", "add", "MAIN-ICT-C1", "Laptop cupboard", "--in", "MAIN-ICT",
           "--kind", "cupboard")
    spa = cli.tmp / "spa.csv"
    spa.write_text("Staff Code,Forename,Surname,Email,Department,Badge,Leaving Date,Site\n"
                   "SP1,Priya,Patel,priya@example.org,Art,,31/12/2026,SPA\n"
                   "SP2,Tomás,Patterson,tomas@example.org,PE,,,SPA\n", encoding="utf-8")
    boss.ok("import", "staff", str(spa))
    cli.ok("asset", "move", "LT-0001", "MAIN-ICT-C1", "--home")
    boss.ok("asset", "move", "LT-0002", "SPA-HALL")  # St Paul's now
    cli.ok("kit", "add", "KIT-M", "MAIN trolley", "--members", "LT-0003")
    boss.ok("kit", "add", "KIT-S", "SPA case", "--site", "SPA")
    cli.ok("book", "LT-0001", "AB1", "--from", "2030-05-01T09:00", "--to", "2030-05-01T10:00")
    boss.ok("book", "LT-0002", "SP2", "--from", "2030-05-01T09:00", "--to", "2030-05-01T10:00")
    boss.ok("lost", "LT-0002")

    def listed(*args: str, site: str | None = None) -> Any:
        return cli.json(*args, *(("--site", site) if site else ()))

    for site, leavers, kits, booked, lost in (
            ("MAIN", {"LV3"}, {"KIT-M"}, {"LT-0001"}, set()),
            ("spa", {"SP1"}, {"KIT-S"}, {"LT-0002"}, {"LT-0002"}),
            ("ALL", {"LV3", "SP1"}, {"KIT-M", "KIT-S"}, {"LT-0001", "LT-0002"}, {"LT-0002"})):
        assert {r["staff_code"] for r in listed("leaver", "list", site=site)} == leavers, site
        assert {r["tag"] for r in listed("kit", "list", site=site)} == kits, site
        day = listed("bookings", "--day", "2030-05-01", site=site)["bookings"]
        assert {t for r in day for t in r["tags"]} == booked, site
        assert {r["tag"] for r in listed("incident", "list", site=site)} == lost, site
    # the tester is MAIN's: their own school by default; a desk set to SPA shows SPA's
    assert {r["staff_code"] for r in listed("leaver", "list")} == {"LV3"}
    cli.env["LOAN_KIOSK_SITE"] = "SPA"
    assert {r["staff_code"] for r in listed("leaver", "list")} == {"SP1"}
    assert {r["tag"] for r in listed("kit", "list")} == {"KIT-S"}
    ics = cli.tmp / "spa.ics"
    assert "1 booking(s) written" in cli.ok("bookings", "--ics", str(ics))
    assert "LT-0002" in ics.read_text(encoding="utf-8")
    assert "LT-0001" not in ics.read_text(encoding="utf-8")
    del cli.env["LOAN_KIOSK_SITE"]
    proc = cli.run("kit", "list", "--site", "XYZ")
    assert proc.returncode == 2 and "no school (site) with the code 'XYZ'" in proc.stderr

    where = cli.json("whois", "LT-0001")
    assert where["site"] == {"code": "MAIN", "name": "Example Academy"}
    assert where["home"] == where["location"] == {
        "code": "MAIN-ICT-C1", "name": "Laptop cupboard",
        "path": "MAIN › ICT office › Laptop cupboard", "site": "MAIN"}
    out = cli.ok("whois", "LT-0001")
    assert "  school: Example Academy (MAIN)\n" in out
    assert "  home: MAIN › ICT office › Laptop cupboard (MAIN-ICT-C1)\n" in out
    assert "  now at: MAIN › ICT office › Laptop cupboard (MAIN-ICT-C1)\n" in out
    moved = cli.json("whois", "LT-0002")
    assert moved["site"]["code"] == "SPA" and moved["location"]["code"] == "SPA-HALL"
    assert "  school: St Paul's Academy (SPA)" in cli.ok("whois", "SP1")


def test_stocktake_times_are_in_the_schools_time_zone(cli: Cli) -> None:
    """Issue 20: ``stocktake list``, ``report`` and the closed stocktake's PDF give times in
    ``[timetable] timezone`` (Europe/London), not UTC — on a computer whose clock is UTC. A
    summer evening's 23:30 UTC is 00:30 BST the next day."""
    import datetime as dt

    from sqlalchemy import update

    from db.stocktakes import Stocktake, StocktakeScan
    from tests.unit.printing.pdfs import page_texts

    cli.env["TZ"] = "UTC"
    cli.ok("location", "add", "MAIN-ICT", "ICT office", "--site", "MAIN")
    sid = cli.ok("stocktake", "start", "MAIN-ICT").split()[-1]
    cli.ok("stocktake", "scan", sid, "NOT-AN-ASSET")  # an unknown code: listed with its time
    summer = dt.datetime(2026, 7, 6, 23, 30, tzinfo=dt.UTC)
    engine = create_engine(cli.db_url)
    try:
        with engine.begin() as conn:
            conn.execute(update(Stocktake).values(started_at=summer))
            conn.execute(update(StocktakeScan).values(scanned_at=summer))
    finally:
        engine.dispose()
    local = "7 Jul 2026, 00:30 BST"
    listed = cli.ok("stocktake", "list")
    assert local in listed and "2026-07-06" not in listed, listed
    report = cli.ok("stocktake", "report", sid)
    assert f"started {local} by {TEST_TECHNICIAN}" in report, report
    closed = cli.ok("stocktake", "close", sid)
    pdf = Path(closed.rsplit("report archived at ", 1)[1].strip()).read_bytes()
    text = " ".join(" ".join(page_texts(pdf)).split())
    assert f"started {local}" in text and "23:30" not in text, text


def test_a_kit_refused_whole_names_the_option_that_lends_the_rest(cli: Cli) -> None:
    """Issue 20: the command line's refusal says how to lend the others: ``--lend-rest``."""
    cli.ok("kit", "add", "KIT-X", "Laptop pair", "--members", "LT-0001", "LT-0002")
    cli.ok("checkout", "LT-0001", "AB1")
    cli.refused("checkout", "KIT-X", "CD2",
                match="Lend the other 1 without them (checkout again with --lend-rest), or wait")
    out = cli.json("checkout", "KIT-X", "CD2", "--lend-rest")
    assert out["tags"] == ["LT-0002"] and out["left_behind"] == ["LT-0001"]


def test_technician_add_says_which_school(cli: Cli) -> None:
    """Issue 20: ``technician add`` says the school the technician was added to (text and
    ``--json``): ``--site``, else the desk's (``LOAN_KIOSK_SITE``), else the signer's."""
    cli.ok("site", "add", "SPA", "St Paul's Academy")
    out = cli.ok("technician", "add", "kim", "--pin-stdin", stdin="975310\n")
    assert "technician kim added (technician) at Example Academy (MAIN)" in out, out
    out = cli.ok("technician", "add", "boss", "--trust-admin", "--pin-stdin", stdin="975319\n")
    assert "technician boss added (trust admin) at Example Academy (MAIN)" in out, out
    boss = cli.as_("boss", "975319")  # a trust admin: adds at either school
    added = json.loads(boss.ok("technician", "add", "lee", "--site", "SPA", "--pin-stdin",
                               "--json", stdin="975311\n"))
    assert added == {
        "username": "lee", "role": "technician",
        "site": {"code": "SPA", "name": "St Paul's Academy"}}
    boss.env["LOAN_KIOSK_SITE"] = "spa"
    out = boss.ok("technician", "add", "max", "--admin", "--pin-stdin", stdin="975312\n")
    assert "technician max added (admin) at St Paul's Academy (SPA)" in out, out
