"""The notices' daily run: 20,000 people, 2,000 overdue loans, a real SMTP server.

Ours: :func:`app.notices.daily.run_daily` on a fresh copy of a school with
``scale.people`` people (every one with an e-mail address) and ``scale.open_loans``
loans all overdue: it takes the day's lease, works out who is owed what, words each
reminder from the templates (text and HTML), queues them with their idempotency keys
and reminder marks, audited, in chunks, then sends each over one SMTP connection with
its two-step claim/finish (one commit per message) and the desk digest.
Floor: the plainest code doing the same work — one query for the overdue loans, then a
loop that words each message (the same text and HTML, with ``str.format``), writes its
outbox row (one commit each, the same durability: WAL, ``synchronous=FULL``) and sends it
with ``smtplib`` over one connection.

The server is aiosmtpd's ``Sink`` in a process of its own on 127.0.0.1, so its work
does not share this process's GIL with either side.

A full-run row: at ``--quick`` scale the case still takes about 25 s (mostly the
floor's and ours' one durable commit per message), so ``--quick`` leaves it out.
"""

from __future__ import annotations

import datetime as dt
import html
import smtplib
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from bench.context import BenchContext
from bench.gate import Measurement
from bench.generate import FIRST_NAMES, LAST_NAMES, sqlite_url
from bench.report import Result
from bench.timing import compare

DAY = dt.date(2026, 3, 2)
DUE = DAY - dt.timedelta(days=3)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_sink() -> tuple[subprocess.Popen[bytes], int]:
    """aiosmtpd's discarding server on a free port, in its own process."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
                             "-c", "aiosmtpd.handlers.Sink"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc, port
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("the benchmark's SMTP server did not start (is aiosmtpd installed?)")


def make_school(path: Path, people: int, overdue: int) -> None:
    """The app's schema, then people, assets and overdue loans written with plain sqlite3."""
    from app.database import open_database

    open_database(sqlite_url(path)).dispose()
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("BEGIN")
        con.executemany(
            "INSERT INTO people (id, staff_code, staff_key, first_name, last_name, email, status, "
            "search_name) VALUES (?,?,?,?,?,?,?,?)",
            [(i, f"T{i:06d}", f"t{i:06d}", FIRST_NAMES[i % len(FIRST_NAMES)],
              LAST_NAMES[(i * 7) % len(LAST_NAMES)], f"t{i:06d}@example.org", "active",
              f"person {i}") for i in range(1, people + 1)])
        con.executemany(
            "INSERT INTO assets (id, tag, tag_key, kind, make, model, status) "
            "VALUES (?,?,?,?,?,?,?)",
            [(i, f"LT-{i:06d}", f"lt-{i:06d}", "laptop", "Dell", "Latitude 5440", "on_loan")
             for i in range(1, overdue + 1)])
        step = max(1, people // overdue)
        con.executemany(
            "INSERT INTO loans (id, asset_id, person_id, out_at, out_by, due_on, condition_out, "
            "personal_data) VALUES (?,?,?,?,?,?,?,?)",
            [(i, i, 1 + ((i - 1) * step) % people, "2026-02-01 09:00:00.000000", "tech1",
              DUE.isoformat(), "ok", 0) for i in range(1, overdue + 1)])
        con.execute("COMMIT")
    finally:
        con.close()


def floor_run(path: Path, port: int) -> int:
    """Overdue loans -> one outbox row and one message each, over one SMTP connection.

    The messages are the same as ours (the default overdue wording, text and HTML with the
    item table, the headers a well-formed message has), made with ``str.format``.
    """
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    smtp = smtplib.SMTP("127.0.0.1", port)
    subject = "Overdue: please return school equipment"
    n = 0
    try:
        rows = con.execute(
            "SELECT l.id, l.due_on, p.id, p.first_name, p.email, a.tag, a.kind, a.make, a.model "
            "FROM loans l JOIN people p ON p.id = l.person_id JOIN assets a ON a.id = l.asset_id "
            "WHERE l.outcome IS NULL AND l.due_on < ?", (DAY.isoformat(),)).fetchall()
        for loan_id, due, pid, first, email, tag, kind, make, model in rows:
            late = (DAY - dt.date.fromisoformat(due)).days
            item = f"{kind.capitalize()}, {make} {model}"
            text = _TEXT.format(first=first, tag=tag, item=item, due=due, late=late)
            body = _HTML.format(first=html.escape(first), tag=html.escape(tag),
                                item=html.escape(item), due=due, late=late)
            con.execute("BEGIN IMMEDIATE")
            con.execute(
                "INSERT INTO outbox (key, kind, created_at, created_by, person_id, to_addrs, "
                "subject, body_text, body_html, state, attempts, next_attempt_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (f"overdue:{loan_id}:{DAY}", "overdue", "2026-03-02 09:00:00", "bench", pid,
                 email, subject, text, body, "sent", 1, "2026-03-02 09:00:00"))
            con.execute("COMMIT")
            msg = EmailMessage()
            msg["From"], msg["To"], msg["Subject"] = "it@example.org", email, subject
            msg["Date"], msg["Message-ID"] = formatdate(), make_msgid(domain="example.org")
            msg.set_content(text)
            msg.add_alternative(body, subtype="html")
            smtp.send_message(msg)
            n += 1
    finally:
        smtp.quit()
        con.close()
    return n


_TEXT = ("Dear {first},\n\nThe following school equipment you borrowed is overdue:\n\n"
         "  - {tag}  {item} (due {due}) - {late} days overdue\n\n"
         "Please bring every item, with its charger and case, to the IT office and ask for a "
         "signed receipt.\n\n--\nExample Academy IT desk\n")
_CELL = 'style="border:1px solid #bbb;padding:4px 8px;text-align:left"'
_HTML = ('<h2 style="font-family:sans-serif">Example Academy</h2>\n<p>Dear {first},</p>\n'
         "<p>The following school equipment you borrowed is <b>overdue</b>:</p>\n"
         '<table style="border-collapse:collapse;font-family:sans-serif"><tr>'
         + "".join(f"<th {_CELL}>{h}</th>" for h in ("Asset tag", "Item", "Due", "")) + "</tr>"
         + f"<tr><td {_CELL}>{{tag}}</td><td {_CELL}>{{item}}</td><td {_CELL}>{{due}}</td>"
         f"<td {_CELL}>{{late}} days overdue</td></tr></table>\n"
         "<p>Please bring every item, with its charger and case, to the IT office and ask for a "
         'signed receipt.</p>\n<p style="font-family:sans-serif;color:#555">Example Academy IT '
         "desk</p>\n")


def _measure(ctx: BenchContext) -> list[Result]:
    from app.actor import Actor
    from app.bootstrap import AppContext, bootstrap
    from app.clock import fixed_clock
    from app.config import Settings
    from app.notices.daily import run_daily

    people, overdue = ctx.scale.people, ctx.scale.open_loans
    folder = Path(tempfile.mkdtemp(prefix="notices-", dir=ctx.tmp))
    template = folder / "school.sqlite3"
    make_school(template, people, overdue)
    server, port = start_sink()
    settings = Settings()
    mail = settings.mail
    mail.host, mail.port, mail.security = "127.0.0.1", port, "none"
    mail.from_address, mail.desk_address = "it@example.org", "desk@example.org"
    actor = Actor("bench", "admin")
    run = ctx.slowed("notices", run_daily)
    apps: dict[int, AppContext] = {}
    floors: dict[int, Path] = {}

    def copy(name: str) -> Path:
        dest = folder / name
        dest.write_bytes(template.read_bytes())
        return dest

    def prepare(i: int) -> None:  # fresh copies, opened, outside the timed call
        path = copy(f"ours-{i}.sqlite3")
        at = dt.datetime.combine(DAY, dt.time(8, 0), tzinfo=dt.UTC)
        apps[i] = bootstrap(sqlite_url(path), data_dir=folder / f"data-{i}", settings=settings,
                            clock=fixed_clock(at))
        apps[i].db  # noqa: B018 - opened before the clock starts
        floors[i] = copy(f"floor-{i}.sqlite3")

    def ours(i: int) -> None:
        app = apps.pop(i)
        try:
            report = run(app, actor, app.mailer())
        finally:
            app.close()
        assert len(report.send.sent) == sum(report.queued.values()) >= 1, report.to_dict()

    def floor(i: int) -> None:
        assert floor_run(floors.pop(i), port) == overdue

    runs = ctx.runs(3)
    try:
        for i in range(runs + 1):
            prepare(i)
        t_ours, t_floor = compare(ours, floor, runs=runs, warmup=1)
    finally:
        server.kill()
        server.wait()
    return [Result(f"notices daily run: {people:,} people, {overdue:,} overdue", 2.0,
                   key="notices", ours=t_ours, floor=t_floor,
                   note="queue + send over one SMTP connection (aiosmtpd Sink); floor: "
                        "insert + commit + smtplib per message")]


def measurements(ctx: BenchContext) -> list[Measurement]:
    if ctx.scale.name == "quick":  # ~25 s even at quick scale: a full-run row only
        return []
    return [Measurement(("notices",), lambda: _measure(ctx))]
