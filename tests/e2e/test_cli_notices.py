"""``loan-kiosk notices …`` and ``audit head`` through the real entry point, with a real
SMTP server (aiosmtpd on 127.0.0.1), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.config import Settings, save_settings
from tests.conftest import user_folder
from tests.e2e.test_cli import Cli
from tests.smtp_server import MailServer


@pytest.fixture
def server() -> Iterator[MailServer]:
    srv = MailServer().start()
    yield srv
    srv.stop()


#: the scheduled job's technician's PIN (the task is given it, as every CLI write needs one)
JOB_PIN = "246810"


@pytest.fixture
def cli(db_url: str, tmp_path: Path, server: MailServer) -> Cli:
    settings = Settings()
    mail = settings.mail
    mail.host, mail.port, mail.security = "127.0.0.1", server.port, "none"
    mail.from_address, mail.desk_address = "it@school.example", "desk@school.example"
    settings.notices.scheduled_technician = "notices-job"
    data = user_folder(tmp_path) / "data"
    data.mkdir(parents=True)
    save_settings(settings, data / "settings.toml")
    c = Cli(db_url, tmp_path)
    c.ok("init")
    c.ok("technician", "add", "notices-job", "--pin-stdin", stdin=f"{JOB_PIN}\n")
    return c


def test_run_prints_what_it_queued_and_sent_and_never_sends_twice(cli: Cli,
                                                                 server: MailServer) -> None:
    dry = cli.json("notices", "run", "--dry-run")
    assert dry["dry_run"] and dry["queued"] == {"digest": 1} and not server.inbox.received
    assert cli.json("notices", "outbox") == []
    job = cli.as_("", JOB_PIN)  # no technician named: the run is [notices] scheduled_technician
    report = job.json("notices", "run")
    assert report["queued"] == {"digest": 1} and report["sent"] == 1
    assert report["retried"] == 0 and report["failed"] == 0
    (msg,) = server.inbox.received
    assert msg.rcpt_tos == ["desk@school.example"]
    head = cli.ok("audit", "head").splitlines()[-1]
    assert head.split("-")[0].isdigit() and [len(g) for g in head.split("-")[1:]] == [4, 4, 4, 4]
    again = job.json("notices", "run")
    assert again["skipped"].startswith("today's notices run was done already")
    assert len(server.inbox.received) == 1
    (row,) = cli.json("notices", "outbox")
    assert row["state"] == "sent" and row["kind"] == "digest"
    # the run acts as [notices] scheduled_technician
    actors = {ev[3] for ev in cli.dump()["audit_events"] if "notice" in ev[4]}
    assert actors == {"'notices-job'"}
    out = cli.ok("notices", "resend", str(row["id"]))
    assert "queued again" in out
    assert cli.json("notices", "send")["sent"] == 1
    assert len(server.inbox.received) == 2
    text = cli.ok("notices", "run")
    assert "sent 0, retried later 0, failed 0" in text


def test_password_goes_to_a_private_file_where_there_is_no_credential_store(
        cli: Cli, tmp_path: Path) -> None:
    from app.config import load_settings

    settings_file = user_folder(tmp_path) / "data" / "settings.toml"
    settings = load_settings(settings_file)
    settings.mail.username = "desk@school.example"
    save_settings(settings, settings_file)
    out = cli.ok("notices", "password", "--stdin", stdin="s3cret\n")
    assert "no system credential store here" in out
    stored = user_folder(tmp_path) / "data" / "mail-password"
    assert stored.stat().st_mode & 0o777 == 0o600
    assert "s3cret" not in (user_folder(tmp_path) / "data" / "settings.toml").read_text()
    cli.refused("notices", "password", "--stdin", stdin="\n", match="the password is empty")


def test_preview_and_bad_ids(cli: Cli) -> None:
    text = cli.ok("notices", "preview", "leaver")
    assert text.startswith("Subject: Before you leave on") and "LT-0042" in text
    assert "<table" in cli.ok("notices", "preview", "overdue", "--html")
    cli.refused("notices", "resend", "999", match="no message 999 in the outbox")
