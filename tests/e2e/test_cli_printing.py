"""``loan-kiosk receipt print`` through the real entry point, on both backends, to the real
CUPS PDF queue — from a data folder with spaces and Welsh and Polish letters in its path,
as a desk user's profile has (``C:\\Users\\Dafydd ap Gruffydd\\…``).

The CLI has no Qt application; printing through Qt makes one on demand, offscreen, with no
display at all (the subprocess gets neither DISPLAY nor QT_QPA_PLATFORM). What arrives in
the queue is compared with the archived receipt and its QR code decoded, as a reviewer
checking a printed leaver receipt would.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app.bootstrap import bootstrap
from app.config import Settings
from app.services.loans import check_out
from app.services.technicians import add_technician
from app.uow import Actor
from tests.factories import school
from tests.integration.cups_queue import Spool, cups, queue  # noqa: F401 - fixture
from tests.unit.printing.pdfs import assert_printed_matches, qr_payloads

pytestmark = pytest.mark.cups

BIN = Path(sys.executable).with_name("loan-kiosk")


#: the PIN of this run's technician (every CLI write is proven by one: issue 18)
PIN = "482157"


class Cli:
    def __init__(self, data_dir: Path, technician: str) -> None:
        self.data_dir = data_dir
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LOAN_KIOSK_DB")}
        self.env["LOAN_KIOSK_DATA_DIR"] = str(data_dir)
        self.env["LOAN_KIOSK_PIN"] = PIN
        self.technician = technician

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = [str(BIN)] if BIN.exists() else [sys.executable, "-m", "app"]
        return subprocess.run([*cmd, *args, "--technician", self.technician], capture_output=True,
                              text=True, env=self.env, timeout=180)

    def db_rows(self, sql: str) -> list[tuple[object, ...]]:
        engine = create_engine(f"sqlite:///{self.data_dir / 'loan-kiosk.sqlite3'}")
        try:
            with engine.connect() as conn:
                return [tuple(r) for r in conn.execute(text(sql))]
        finally:
            engine.dispose()


@pytest.fixture
def cli(tmp_path: Path) -> Iterator[Cli]:
    data_dir = tmp_path / "Dafydd ap Gruffydd" / "Łucja Wójcik" / "Loan Kiosk"
    technician = f"tech-{uuid.uuid4().hex[:10]}"  # makes this run's receipt unique
    ctx = bootstrap(None, data_dir=data_dir, settings=Settings())
    try:
        school(ctx)
        with ctx.uow(Actor("earlier")) as uow:
            check_out(uow, ["LT-0001", "PH-0001"], "AB1")
            add_technician(uow, technician, PIN, admin=True)
    finally:
        ctx.close()
    yield Cli(data_dir, technician)


def leaver_receipt(cli: Cli) -> tuple[str, Path, str]:
    """Siân hands her laptop back: (receipt number, archived PDF, its QR payload)."""
    proc = cli.run("leaver", "return", "AB1", "--confirm-not-leaving", "--tags", "LT-0001")
    assert proc.returncode == 0, proc.stderr
    number = re.search(r"R-\d{4}-\d{4}", proc.stdout)
    assert number is not None, proc.stdout
    (file, sha), = cli.db_rows("SELECT file, content_sha256 FROM receipts")
    archived = cli.data_dir / str(file)
    assert archived.is_file() and "Łucja Wójcik" in str(archived)
    return number.group(0), archived, f"LKR:{number.group(0)}:{str(sha)[:16]}"


@pytest.mark.parametrize("backend", ["qt", "cups"])
def test_receipt_print_sends_the_leaver_receipt_through_each_backend(cli: Cli, queue: str,  # noqa: F811
                                                                      backend: str) -> None:
    number, archived, payload = leaver_receipt(cli)
    spool = Spool()
    proc = cli.run("receipt", "print", number, "--printer", queue, "--backend", backend)
    assert (proc.returncode, proc.stdout.strip(), proc.stderr) == (
        0, f"Receipt {number} sent to printer '{queue}' (2 copies)", "")
    job_ids = [r[0] for r in cli.db_rows("SELECT system_job_id FROM print_jobs ORDER BY id")]
    if backend == "qt":
        assert job_ids == ["", ""]  # Qt gives no job id
    else:
        assert all(str(j).startswith(f"{queue}-") for j in job_ids)
    for printed in spool.wait_for(payload, 2):
        data = printed.read_bytes()
        assert_printed_matches(archived.read_bytes(), data, redrawn=backend == "cups")
        assert qr_payloads(data) == [[payload]]


def test_receipt_print_follows_the_backend_in_settings_toml(cli: Cli, queue: str) -> None:  # noqa: F811
    (cli.data_dir / "settings.toml").write_text(
        f'[printing]\nbackend = "qt"\nprinter = "{queue}"\nreceipt_copies = 1\n', encoding="utf-8")
    number, archived, payload = leaver_receipt(cli)
    spool = Spool()
    proc = cli.run("receipt", "print", number)
    assert (proc.returncode, proc.stdout.strip()) == (0, f"Receipt {number} sent to printer '{queue}'")
    assert cli.db_rows("SELECT system_job_id, state FROM print_jobs") == [("", "done")]  # Qt's
    (printed,) = spool.wait_for(payload, 1)
    assert_printed_matches(archived.read_bytes(), printed.read_bytes())


@pytest.mark.stops_queue
def test_a_stopped_queue_keeps_the_job_for_receipt_retry(cli: Cli, queue: str) -> None:  # noqa: F811
    number, _archived, payload = leaver_receipt(cli)
    spool = Spool()
    assert cups("cupsdisable", queue).returncode == 0
    try:
        proc = cli.run("receipt", "print", number, "--printer", queue, "--backend", "qt",
                       "--copies", "1")
    finally:
        cups("cupsenable", queue)
    assert proc.returncode == 1
    assert proc.stderr.strip() == (f"Printer '{queue}' is offline (its print queue is stopped) — "
                                   f"receipt {number} saved, will print when it is back")
    waiting = cli.run("receipt", "queue")
    assert f"printer {queue}  queued" in waiting.stdout
    retried = cli.run("receipt", "retry", "--backend", "qt")
    assert (retried.returncode, retried.stdout.strip()) == (
        0, f"Receipt {number} sent to printer '{queue}'")
    assert len(spool.wait_for(payload, 1)) == 1
