"""Every ``loan-kiosk`` sub-command, end to end through the real entry point (a subprocess).

:func:`command_paths` lists every command in the argparse tree; :data:`SCENARIOS` must
have one for each (a new command without an end-to-end test fails
``test_every_command_has_an_end_to_end_scenario``). Each scenario runs on a copy of a
small school made with the command line itself, and checks what a person would: the
output, the exit status and what the database then says.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.cli import build_parser
from app.demo_identity import DEMO_PIN, DEMO_TECHNICIAN
from tests.conftest import TEST_PIN, TEST_TECHNICIAN, register_tester
from tests.e2e.booking_scenarios import BOOKING_SCENARIOS
from tests.e2e.cli_kit_scenarios import SCENARIOS as KIT_SCENARIOS
from tests.e2e.site_scenarios import SITE_SCENARIOS, trust_of_two_schools
from tests.e2e.stocktake_scenarios import STOCKTAKE_SCENARIOS

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).with_name("loan-kiosk")
ENTRY = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "app"]


def command_paths() -> list[tuple[str, ...]]:
    """Every runnable command in the parser tree, e.g. ("trip", "status")."""
    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> list[tuple[str, ...]]:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            return [path]
        return [p for a in subs for name, child in a.choices.items()
                for p in walk(child, (*path, name))]
    return walk(build_parser(), ())


class Cli:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.env = {**os.environ, "LOAN_KIOSK_DATA_DIR": str(data_dir),
                    "LOAN_KIOSK_TECHNICIAN": TEST_TECHNICIAN, "LOAN_KIOSK_PIN": TEST_PIN}
        self.env.pop("LOAN_KIOSK_DB", None)

    @property
    def outside(self) -> Path:
        """A folder for what commands write (--out): never inside the data folder."""
        return self.data_dir.parent

    def as_demo(self) -> Cli:
        """The same CLI, signed in as the demo school's technician (for ``--demo``)."""
        other = Cli(self.data_dir)
        other.env.update(self.env, LOAN_KIOSK_TECHNICIAN=DEMO_TECHNICIAN, LOAN_KIOSK_PIN=DEMO_PIN)
        return other

    def as_technician(self, name: str, pin: str) -> Cli:
        """The same CLI, signed in as another technician."""
        other = Cli(self.data_dir)
        other.env.update(self.env, LOAN_KIOSK_TECHNICIAN=name, LOAN_KIOSK_PIN=pin)
        return other

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*ENTRY, *args], capture_output=True, text=True, env=self.env,
                              input=stdin, timeout=120)

    def ok(self, *args: str, stdin: str | None = None, status: int = 0) -> str:
        proc = self.run(*args, stdin=stdin)
        assert proc.returncode == status, f"{args}: {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
        assert "Traceback" not in proc.stderr
        return proc.stdout + proc.stderr

    def json(self, *args: str) -> Any:
        proc = self.run(*args, "--json")
        assert proc.returncode == 0, f"{args}: {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
        return json.loads(proc.stdout)


TODAY = dt.date.today()
STAFF = f"""Staff Code,Forename,Surname,Badge,Leaving Date
E1,Siân,Ó Briain,CARD-E1,
E2,Łukasz,Żółć,CARD-E2,
E3,Zoë,Ødegård,,{(TODAY + dt.timedelta(days=10)).isoformat()}
"""
ASSETS = """Asset Tag,Kind,Make,Model,Serial,Phone Number,Encrypted,Encryption Method
LT-0001,laptop,Dell,Latitude 5440,SN1,,yes,bitlocker
LT-0002,laptop,Dell,Latitude 5440,SN2,,no,
PH-0001,phone,Samsung,Galaxy A15,SN3,07700 900001,yes,android
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("cli-school") / "data"
    data.mkdir()
    (data / "staff.csv").write_text(STAFF, encoding="utf-8")
    (data / "assets.csv").write_text(ASSETS, encoding="utf-8")
    cli = Cli(data)
    cli.ok("init")
    register_tester(None, data)
    cli.ok("import", "staff", str(data / "staff.csv"))
    cli.ok("import", "assets", str(data / "assets.csv"))
    return data


@pytest.fixture
def cli(template: Path, tmp_path: Path) -> Cli:
    data = tmp_path / "data"
    shutil.copytree(template, data)
    return Cli(data)


# -- one scenario per command -----------------------------------------------------------------

def _init(c: Cli) -> None:
    assert "database ready at sqlite" in c.ok("init")


def _import_staff(c: Cli) -> None:
    (c.data_dir / "more.csv").write_text("Staff Code,Forename,Surname\nE9,Nia,Jones\n")
    assert c.json("import", "staff", str(c.data_dir / "more.csv"))["created"] == 1
    assert c.json("whois", "E9")["name"] == "Nia Jones"


def _import_assets(c: Cli) -> None:
    (c.data_dir / "more.csv").write_text("Asset Tag,Kind\nTB-0009,tablet\n")
    assert c.json("import", "assets", str(c.data_dir / "more.csv"))["created"] == 1
    assert c.json("whois", "TB-0009")["kind"] == "tablet"


def _checkout(c: Cli) -> None:
    out = c.json("checkout", "LT-0001", "E1", "--purpose", "Marking")
    assert out["tag"] == "LT-0001" and out["staff_code"] == "E1"
    assert c.json("whois", "LT-0001")["holder"] == "E1"


def _checkin(c: Cli) -> None:
    c.ok("checkout", "LT-0001", "E1")
    assert c.json("checkin", "LT-0001")["condition"] == "ok"
    assert c.json("whois", "LT-0001")["status"] == "available"


def _lost(c: Cli) -> None:
    c.ok("checkout", "PH-0001", "E2")
    assert "PH-0001 recorded as lost (was on loan to Łukasz Żółć)" in c.ok("lost", "PH-0001")
    assert c.json("whois", "PH-0001")["status"] == "lost"


def _incident_list(c: Cli) -> None:
    c.ok("checkout", "LT-0001", "E1")
    c.ok("checkin", "LT-0001", "--condition", "damaged", "--note", "hinge")
    (row,) = c.json("incident", "list", "--open")
    assert (row["id"], row["kind"], row["tag"], row["status"]) == (1, "damaged", "LT-0001", "open")


def _incident_close(c: Cli) -> None:
    _incident_list(c)
    out = c.json("incident", "close", "1", "--outcome", "repaired", "--cost", "12.50")
    assert out["outcome"] == "repaired" and out["cost_pence"] == 1250
    assert c.json("whois", "LT-0001")["status"] == "available"  # repaired: back in service


def _asset_return_to_service(c: Cli) -> None:
    c.ok("checkout", "LT-0001", "E1")
    c.ok("checkin", "LT-0001", "--condition", "damaged", "--note", "hinge")
    assert "LT-0001 is back in service" in c.ok("asset", "return-to-service", "LT-0001")
    assert c.json("whois", "LT-0001")["status"] == "available"


def _asset_found(c: Cli) -> None:
    _lost(c)
    assert "PH-0001 booked back in as found" in c.ok("asset", "found", "PH-0001")
    assert c.json("whois", "PH-0001")["status"] == "available"


def _asset_retire(c: Cli) -> None:
    assert c.json("asset", "retire", "LT-0002", "--reason", "beyond repair")["status"] == "retired"
    assert c.json("whois", "LT-0002")["status"] == "retired"


def _reverse(c: Cli) -> None:
    c.ok("checkout", "LT-0001", "E1")
    assert c.json("reverse", "LT-0001")["reversed"] == "checkout"
    assert c.json("whois", "LT-0001")["status"] == "available"


def _encryption(c: Cli) -> None:
    c.ok("encryption", "LT-0002", "--method", "bitlocker", "--encrypted")
    assert c.json("whois", "LT-0002")["encrypted"] is True


def _trip_create(c: Cli) -> None:
    assert "trip 'Y9 Snowdon' created" in c.ok(
        "trip", "create", "Y9 Snowdon", "--leader", "E2", "--start", "2030-05-01",
        "--end", "2030-05-03")


def _trip_status(c: Cli) -> None:
    _trip_create(c)
    c.ok("checkout", "PH-0001", "E2", "--trip", "Y9 Snowdon")
    out = c.ok("trip", "status", "Y9 Snowdon")
    assert out.splitlines()[0] == "Y9 Snowdon: 1 out, 0 back"
    assert "PH-0001  E2  07700 900001" in out
    assert c.json("trip", "status", "Y9 Snowdon") == {"trip": "Y9 Snowdon", "out": ["PH-0001"],
                                                      "back": []}


def _trip_sheet(c: Cli) -> None:
    _trip_create(c)
    c.ok("checkout", "PH-0001", "E2", "--trip", "Y9 Snowdon")
    out = c.ok("trip", "sheet", "Y9 Snowdon", "--out", str(c.outside / "sheet.pdf"))
    assert "trip sheet T-" in out
    assert (c.outside / "sheet.pdf").read_bytes().startswith(b"%PDF")


def _leaver_return(c: Cli) -> str:
    c.ok("checkout", "LT-0001", "E1")
    out = c.json("leaver", "return", "E1", "--confirm-not-leaving")
    assert out["returned"] == ["LT-0001"] and out["receipt"].startswith("R-")
    assert c.json("whois", "E1")["status"] == "left"
    return str(out["receipt"])


def _leaver_list(c: Cli) -> None:
    assert [p["staff_code"] for p in c.json("leaver", "list")] == ["E3"]


def _whois(c: Cli) -> None:
    assert c.json("whois", "CARD-E1")["staff_code"] == "E1"
    assert c.ok("whois", "LTß0001").startswith("unknown code: “LTß0001” looks like a scanner")


def _report(c: Cli) -> None:
    c.ok("checkout", "LT-0001", "E1")
    rows = json.loads(c.ok("report", "on-loan", "--format", "json"))
    assert [(r["tag"], r["staff_code"]) for r in rows] == [("LT-0001", "E1")]


def _audit_verify(c: Cli) -> None:
    assert c.ok("audit", "verify").startswith("audit log intact (")


def _audit_head(c: Cli) -> None:
    last = c.ok("audit", "head").strip().splitlines()[-1]
    assert re.fullmatch(r"\d+-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}", last), last
    assert c.ok("audit", "verify", "--anchor", last).startswith("audit log intact (")


def _desk_role(c: Cli) -> None:
    # this scenario's database is SQLite: the command says what it is for (PostgreSQL:
    # tests/reliability/test_pg_roles.py::test_desk_role_command)
    proc = c.run("desk-role", "loan_kiosk_desk")
    assert proc.returncode == 2
    assert "desk roles are a PostgreSQL feature" in proc.stderr


def _technician_add(c: Cli) -> None:
    assert "technician jo added (admin)" in c.ok("technician", "add", "jo", "--admin",
                                                "--pin-stdin", stdin="246813\n")


def _technician_pin(c: Cli) -> None:
    c.ok("technician", "add", "jo", "--pin-stdin", stdin="246813\n")
    jo = Cli(c.data_dir)
    jo.env.update(LOAN_KIOSK_TECHNICIAN="jo", LOAN_KIOSK_PIN="")
    assert "PIN changed for jo" in jo.ok("technician", "pin", "--pin-stdin",
                                          stdin="246813\n975310\n")
    jo.env["LOAN_KIOSK_PIN"] = "246813"  # the old PIN no longer works
    assert "jo: Unknown technician or wrong PIN" in jo.run("leaver", "list").stderr
    jo.env["LOAN_KIOSK_PIN"] = "975310"
    assert [p["staff_code"] for p in jo.json("leaver", "list")] == ["E3"]


def _backup(c: Cli) -> None:
    assert "backup written to" in c.ok("backup", str(c.data_dir / "copy.sqlite3"))
    assert (c.data_dir / "copy.sqlite3").stat().st_size > 0


def _demo_data(c: Cli) -> None:
    empty = Cli(c.data_dir.parent / "empty")
    assert "demo school ready" in empty.ok("demo-data")
    assert empty.json("whois", "LT-0001")["type"] == "asset"


def _pad_list(c: Cli) -> None:
    c.ok("pad", "list")


def _simulated_pad(c: Cli, *args: str) -> tuple[subprocess.Popen[str], str]:
    sim = subprocess.Popen([*ENTRY, "pad", "simulate", "--protocol", "topaz", "--short", *args],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=c.env)
    assert sim.stdout is not None
    return sim, sim.stdout.readline().strip()


def _stop(sim: subprocess.Popen[str]) -> None:
    sim.send_signal(signal.SIGINT)
    try:
        sim.wait(15)
    except subprocess.TimeoutExpired:
        sim.kill()
        sim.wait()


def _pad_simulate(c: Cli) -> None:
    sim, port = _simulated_pad(c)
    try:
        assert port.startswith("/dev/")
    finally:
        _stop(sim)
    assert sim.returncode == 0


def _pad_test(c: Cli) -> None:
    sim, port = _simulated_pad(c)
    try:
        out = c.json("pad", "test", "--port", port, "--protocol", "topaz", "--seconds", "4")
    finally:
        _stop(sim)
    assert out["samples"] > 0 and out["strokes"] >= 1


def _pad_capture(c: Cli) -> None:
    sim, port = _simulated_pad(c)
    try:
        c.ok("pad", "capture", "--port", port, "--protocol", "topaz", "--out",
             str(c.outside / "sig.json"), "--idle", "1")
    finally:
        _stop(sim)
    assert json.loads((c.outside / "sig.json").read_text())["strokes"]


def _receipt_show(c: Cli) -> None:
    number = _leaver_return(c)
    assert c.json("receipt", "show", number)["number"] == number
    assert "written to" in c.ok("receipt", "show", number, "--out", str(c.outside / "r.pdf"))


def _receipt_print(c: Cli) -> None:
    number = _leaver_return(c)
    out = c.ok("receipt", "print", number, "--printer", "NoSuchPrinter-e2e", status=1)
    assert "will print when it is back" in out


def _receipt_verify(c: Cli) -> None:
    number = _leaver_return(c)
    c.ok("receipt", "show", number, "--out", str(c.outside / "r.pdf"))
    assert c.json("receipt", "verify", str(c.outside / "r.pdf"))["status"] == "match"


def _receipt_repair(c: Cli) -> None:
    _leaver_return(c)  # archived with its commit: nothing to repair
    assert "every receipt's PDF is where it belongs" in c.ok("receipt", "repair")


def _receipt_queue(c: Cli) -> None:
    _receipt_print(c)
    jobs = c.json("receipt", "queue")
    assert jobs and all(j["printer"] == "NoSuchPrinter-e2e" for j in jobs)


def _receipt_retry(c: Cli) -> None:
    _receipt_print(c)
    assert "will print when it is back" in c.ok("receipt", "retry", status=1)


def _labels(c: Cli) -> None:
    out = c.ok("labels", "--out", str(c.outside / "l.pdf"), "--tags", "LT-0001", "PH-0001")
    assert "labels written to" in out
    assert (c.outside / "l.pdf").read_bytes().startswith(b"%PDF")


def _restore(c: Cli) -> None:
    c.ok("backup", str(c.data_dir / "before.sqlite3"))
    c.ok("checkout", "LT-0001", "E1")
    assert "restored before.sqlite3" in c.ok("restore", str(c.data_dir / "before.sqlite3"))
    assert c.json("whois", "LT-0001")["holder"] is None


def _backups_status(c: Cli) -> None:
    c.ok("backups", "status", status=1)  # none taken yet: stale
    c.ok("backups", "run")
    assert c.json("backups", "status")["ok"] is True


def _backups_run(c: Cli) -> None:
    assert "backup written to" in c.ok("backups", "run")
    assert "already taken" in c.ok("backups", "run")


def _privacy_purge(c: Cli) -> None:
    assert isinstance(c.json("privacy", "purge", "--dry-run"), dict)
    c.ok("privacy", "purge", "--apply")


def _privacy_export(c: Cli) -> None:
    out = c.ok("privacy", "export", "E1", "--out", str(c.outside / "sar"))
    assert "wrote" in out and any((c.outside / "sar").rglob("*.json"))


def _mail_on(c: Cli, **mail: str) -> Any:
    """A real SMTP server (aiosmtpd on 127.0.0.1) named in this school's [mail] settings."""
    from app.config import load_settings, save_settings
    from tests.smtp_server import MailServer

    srv = MailServer().start()
    path = c.data_dir / "settings.toml"
    settings = load_settings(path)
    settings.mail.host, settings.mail.port, settings.mail.security = "127.0.0.1", srv.port, "none"
    settings.mail.from_address = settings.mail.desk_address = "it@school.example"
    for key, value in mail.items():
        setattr(settings.mail, key, value)
    save_settings(settings, path)
    return srv


def _notices_run(c: Cli) -> None:
    srv = _mail_on(c)
    try:
        report = c.json("notices", "run")
        assert report["queued"]["digest"] == 1 and report["sent"] == sum(report["queued"].values())
        assert [r.rcpt_tos for r in srv.inbox.received][-1] == ["it@school.example"]
        assert c.json("notices", "run")["skipped"].startswith("today's notices run was done")
    finally:
        srv.stop()


def _notices_send(c: Cli) -> None:
    srv = _mail_on(c, hr_address="hr@school.example")
    try:
        assert "sent 0," in c.ok("notices", "send")
        number = _leaver_return(c)  # queues the receipt copy (E1 has no e-mail: HR gets it)
        assert c.json("notices", "send")["sent"] == 1
        (got,) = srv.inbox.received
        assert got.rcpt_tos == ["hr@school.example"]
        assert [p.get_filename() for p in got.message.iter_attachments()] == [f"{number}.pdf"]
    finally:
        srv.stop()


def _notices_outbox(c: Cli) -> None:
    assert "the outbox is empty" in c.ok("notices", "outbox")
    _notices_run(c)
    rows = c.json("notices", "outbox")
    assert any(r["kind"] == "digest" and r["state"] == "sent" for r in rows)


def _notices_resend(c: Cli) -> None:
    _notices_run(c)
    (digest,) = [r for r in c.json("notices", "outbox") if r["kind"] == "digest"]
    assert "queued again" in c.ok("notices", "resend", str(digest["id"]))
    srv = _mail_on(c)
    try:
        assert c.json("notices", "send")["sent"] == 1
    finally:
        srv.stop()


def _notices_cancel(c: Cli) -> None:
    srv = _mail_on(c)
    srv.stop()  # the server is away: the digest waits in the outbox
    report = c.json("notices", "run")
    assert report["retried"] == 1 and "cannot reach the mail server" in report["problem"]
    (waiting,) = c.json("notices", "outbox", "--state", "queued")
    assert "withdrawn" in c.ok("notices", "cancel", str(waiting["id"]))
    assert [r["id"] for r in c.json("notices", "outbox", "--state", "cancelled")] == [waiting["id"]]


def _notices_password(c: Cli) -> None:
    srv = _mail_on(c, username="desk@school.example")
    srv.stop()
    out = c.ok("notices", "password", "--stdin", stdin="s3cret\n")
    assert "password for desk@school.example at 127.0.0.1 stored in" in out
    assert "s3cret" not in (c.data_dir / "settings.toml").read_text(encoding="utf-8")


def _notices_preview(c: Cli) -> None:
    assert c.ok("notices", "preview", "digest").startswith("Subject: IT desk digest for ")


SCENARIOS: dict[tuple[str, ...], Callable[[Cli], object]] = {
    ("init",): _init, ("import", "staff"): _import_staff, ("import", "assets"): _import_assets,
    ("checkout",): _checkout, ("checkin",): _checkin, ("lost",): _lost,
    ("encryption",): _encryption, ("trip", "create"): _trip_create,
    ("trip", "status"): _trip_status, ("trip", "sheet"): _trip_sheet,
    ("leaver", "return"): _leaver_return, ("leaver", "list"): _leaver_list, ("whois",): _whois,
    ("report",): _report, ("audit", "verify"): _audit_verify,
    ("technician", "pin"): _technician_pin,
    ("desk-role",): _desk_role,
    ("technician", "add"): _technician_add, ("backup",): _backup, ("demo-data",): _demo_data,
    ("pad", "list"): _pad_list, ("pad", "test"): _pad_test, ("pad", "capture"): _pad_capture,
    ("pad", "simulate"): _pad_simulate, ("receipt", "show"): _receipt_show,
    ("receipt", "print"): _receipt_print, ("receipt", "verify"): _receipt_verify,
    ("receipt", "queue"): _receipt_queue, ("receipt", "retry"): _receipt_retry,
    ("receipt", "repair"): _receipt_repair,
    ("labels",): _labels, ("restore",): _restore, ("backups", "status"): _backups_status,
    ("backups", "run"): _backups_run, ("privacy", "purge"): _privacy_purge,
    ("privacy", "export"): _privacy_export,
    ("incident", "list"): _incident_list, ("incident", "close"): _incident_close,
    ("asset", "return-to-service"): _asset_return_to_service, ("asset", "found"): _asset_found,
    ("asset", "retire"): _asset_retire, ("reverse",): _reverse,
    ("audit", "head"): _audit_head, ("notices", "run"): _notices_run,
    ("notices", "send"): _notices_send, ("notices", "outbox"): _notices_outbox,
    ("notices", "resend"): _notices_resend, ("notices", "cancel"): _notices_cancel,
    ("notices", "password"): _notices_password, ("notices", "preview"): _notices_preview,
    **SITE_SCENARIOS,
}
SCENARIOS.update(KIT_SCENARIOS)
SCENARIOS.update(STOCKTAKE_SCENARIOS)
SCENARIOS.update(BOOKING_SCENARIOS)


def test_every_command_has_an_end_to_end_scenario() -> None:
    listed = set(command_paths())
    assert len(listed) > 30
    missing = sorted(" ".join(p) for p in listed - set(SCENARIOS))
    assert not missing, f"commands without an end-to-end test here: {missing}"
    assert not set(SCENARIOS) - listed  # nor a scenario for a command that is gone


@pytest.mark.parametrize("path", sorted(SCENARIOS), ids=" ".join)
def test_command_end_to_end(cli: Cli, path: tuple[str, ...]) -> None:
    if path[0] == "pad" and path[1] != "list" and not hasattr(os, "openpty"):
        pytest.skip("the pad simulator needs pseudo-terminals")
    SCENARIOS[path](cli)


def test_a_trust_of_two_schools(cli: Cli) -> None:
    trust_of_two_schools(cli)


# -- --demo: the demo school's own database, for every command ---------------------------------

def test_demo_selects_the_demo_database_for_every_command(cli: Cli) -> None:
    real_before = cli.ok("report", "on-loan", "--format", "json")
    assert json.loads(real_before) == []
    out = cli.run("--demo", "report", "on-loan", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert "demo school set up in" in out.stderr  # filled on first use, as the desk does
    demo_rows = json.loads(out.stdout)
    assert demo_rows and all(r["tag"] for r in demo_rows)
    # after the command as well as before it, and whatever LOAN_KIOSK_DB says
    assert json.loads(cli.ok("report", "on-loan", "--demo", "--format", "json")) == demo_rows
    cli.env["LOAN_KIOSK_DB"] = f"sqlite:///{cli.data_dir / 'loan-kiosk.sqlite3'}"
    assert cli.json("--demo", "whois", "S1001")["type"] == "person"  # a demo member of staff
    assert cli.json("whois", "S1001") == {"type": "unknown"}  # not in the real school
    name = next(r["tag"] for r in demo_rows)
    cli.as_demo().ok("--demo", "checkin", name)
    assert json.loads(cli.ok("report", "on-loan", "--format", "json")) == []  # real: untouched
    assert (cli.data_dir / "demo" / "loan-kiosk.sqlite3").exists()


def test_demo_with_a_database_named_is_refused(cli: Cli) -> None:
    proc = cli.run("--demo", "--db", f"sqlite:///{cli.data_dir / 'x.sqlite3'}", "whois", "X")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: --demo uses the demo school's own database: leave out --db"
    assert not (cli.data_dir / "x.sqlite3").exists()


def test_no_command_opens_a_database_of_its_own() -> None:
    """--demo works for every command because every one gets its database (or its data
    folder) from the CLI context: none calls bootstrap or picks the data folder itself."""
    root = Path(__file__).resolve().parents[2] / "app" / "cli"
    for module in root.glob("*.py"):
        if module.name == "context.py":
            continue
        text = module.read_text()
        for call in ("bootstrap(", "default_data_dir(", "default_db_url("):
            assert call not in text, f"{module.name} uses {call}"
