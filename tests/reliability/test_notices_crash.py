"""kill -9 in the middle of a send batch: after a restart no notice is lost, and none is
sent twice except the one in flight (SMTP cannot be made atomic with the database).

The sender is the real ``loan-kiosk notices send`` in a subprocess; the mail server is
aiosmtpd in this process, slowed down so the kill lands mid-batch.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from app.bootstrap import bootstrap
from app.config import Settings, save_settings
from app.notices import outbox
from app.notices.messages import Builder, Item, Recipient, School
from app.notices.templates import Templates
from app.uow import Actor
from db.models import OutboxMessage
from tests.conftest import user_folder
from tests.smtp_server import MailServer

N = 30
ROOT = Path(__file__).resolve().parents[2]


def _queue(db_url: str, data_dir: Path, port: int) -> None:
    settings = Settings()
    settings.mail.host, settings.mail.port, settings.mail.security = "127.0.0.1", port, "none"
    settings.mail.from_address = "it@school.example"
    data_dir.mkdir(parents=True, exist_ok=True)
    save_settings(settings, data_dir / "settings.toml")
    ctx = bootstrap(db_url, data_dir=data_dir, settings=settings)
    builder = Builder(Templates(None), School("Example Academy"))
    try:
        with ctx.uow(Actor("admin", "admin")) as uow:
            for i in range(N):
                who = Recipient(f"Person {i}", "Person", f"p{i}@school.example", None, f"P{i}")
                outbox.queue(uow, builder.overdue(who, [Item(f"LT-{i:04d}", "Laptop")],
                                                  f"overdue:test:{i}", []))
            uow.commit()
    finally:
        ctx.close()


def _sender(db_url: str, data_dir: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "LOAN_KIOSK_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)}
    env.pop("LOAN_KIOSK_DB", None)
    return subprocess.Popen([sys.executable, "-m", "app", "--db", db_url, "--data-dir",
                             str(data_dir), "notices", "send", "--json"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_kill_9_mid_batch_loses_nothing_and_doubles_at_most_the_one_in_flight(
        db_url: str, tmp_path: Path) -> None:
    server = MailServer().start()
    server.inbox.delay = 0.15
    data_dir = user_folder(tmp_path) / "data"
    try:
        _queue(db_url, data_dir, server.port)
        proc = _sender(db_url, data_dir)
        deadline = time.monotonic() + 60
        while len(server.inbox.received) < 8 and time.monotonic() < deadline:
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        before_restart = len(server.inbox.received)
        assert 8 <= before_restart < N  # the kill landed in the middle of the batch
        time.sleep(0.5)  # let the server finish any DATA it was given before the kill
        again = _sender(db_url, data_dir)
        out, err = again.communicate(timeout=120)
        assert again.returncode == 0, err
    finally:
        server.stop()
    counts = Counter(server.inbox.notice_keys())
    assert set(counts) == {f"overdue:test:{i}" for i in range(N)}  # nothing lost
    doubled = [k for k, n in counts.items() if n > 1]
    assert len(doubled) <= 1 and max(counts.values()) <= 2, counts  # only the one in flight
    ctx = bootstrap(db_url, data_dir=data_dir)
    try:
        with ctx.uow(Actor("admin", "admin"), readonly=True) as uow:
            states = Counter(uow.session.execute(select(OutboxMessage.state)).scalars())
            resent = uow.session.execute(
                select(OutboxMessage.key).where(OutboxMessage.attempts > 1)).scalars().all()
    finally:
        ctx.close()
    assert states == Counter({"sent": N})
    assert set(doubled) <= set(resent) and len(resent) <= 1
