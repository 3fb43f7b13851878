"""Send what the outbox holds: claim a message, hand it to the server, record the outcome.

Each message goes through the same two steps, each one transaction:

1. *claim*: ``queued`` → ``sending``, naming this process (``host:pid``) and the time;
2. *finish*: ``sending`` → ``sent`` (or ``failed`` with the server's reply, or back to
   ``queued`` with a later ``next_attempt_at``), in the same transaction as the claim of
   the next message, so a batch costs one commit per message.

SMTP cannot be made atomic with the database: if the process dies after the server
took a message and before its ``sent`` is committed, that one message — the one in
flight — is sent again when the claim is found abandoned (its process is gone, or the
claim is older than :data:`STALE_CLAIM`). Never more than that one: every other
message is either committed as sent or was never handed over. Its ``Message-ID`` is
derived from its idempotency key, so a mail system that de-duplicates drops the copy.

Every step is audited (``notice_sending``, ``notice_sent``, ``notice_retry``,
``notice_failed``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, or_, select

from app.actor import Actor
from app.errors import LoanKioskError
from app.notices.mailer import MailConnection, Mailer, MailError
from app.notices.messages import LOGO_CID
from app.notices.outbox import split_addresses
from app.prepared import Prepared
from app.uow import UnitOfWork
from db.models import OutboxMessage

if TYPE_CHECKING:
    from app.bootstrap import AppContext

log = logging.getLogger(__name__)

#: a claim older than this is taken to be abandoned (its desk crashed or lost the network)
STALE_CLAIM = dt.timedelta(minutes=10)
#: waits after the 1st, 2nd... failed attempt; the last one repeats
BACKOFF = (dt.timedelta(minutes=5), dt.timedelta(minutes=15), dt.timedelta(hours=1),
           dt.timedelta(hours=3), dt.timedelta(hours=6))
#: after this many temporary failures a message is marked failed (about four days)
MAX_ATTEMPTS = 20

_OUTBOX = OutboxMessage.__table__
_CLAIM_READ = Prepared(select(_OUTBOX).where(_OUTBOX.c.id == bindparam("id")).with_for_update())


def backoff(attempts: int) -> dt.timedelta:
    return BACKOFF[min(max(attempts, 1), len(BACKOFF)) - 1]


def this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _process_gone(claimed_by: str | None) -> bool:
    """True when the claim names a process on this computer that is no longer running."""
    if not claimed_by or os.name == "nt":  # Windows: os.kill would end the process
        return False
    host, _, pid = claimed_by.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


@dataclass
class SendReport:
    sent: list[int] = field(default_factory=list)
    retried: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    #: why the batch stopped early (the server could not be reached), if it did
    problem: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"sent": len(self.sent), "retried": len(self.retried), "failed": len(self.failed),
                "problem": self.problem or None}


@dataclass(frozen=True)
class Claimed:
    id: int
    key: str
    kind: str
    to: list[str]
    cc: list[str]
    subject: str
    text: str
    html: str
    receipt_number: str | None
    attempts: int


@dataclass(frozen=True)
class Outcome:
    id: int
    state: str  # "sent", "failed" or "queued" (try again later)
    error: str = ""
    message_id: str = ""


def due_ids(uow: UnitOfWork) -> list[int]:
    """Messages waiting whose time has come, and abandoned claims, oldest first."""
    stale = uow.now - STALE_CLAIM
    rows = uow.session.execute(
        select(OutboxMessage.id, OutboxMessage.state, OutboxMessage.claimed_by,
               OutboxMessage.claimed_at)
        .where(or_((OutboxMessage.state == "queued") & (OutboxMessage.next_attempt_at <= uow.now),
                   OutboxMessage.state == "sending"))
        .order_by(OutboxMessage.id)).all()
    return [r.id for r in rows if r.state == "queued" or _abandoned(r.claimed_by, r.claimed_at, stale)]


def _abandoned(claimed_by: str | None, claimed_at: dt.datetime | None, stale: dt.datetime) -> bool:
    return claimed_at is None or claimed_at <= stale or _process_gone(claimed_by)


def _finish(uow: UnitOfWork, outcome: Outcome) -> None:
    row = uow.fetch_one(_CLAIM_READ, {"id": outcome.id})
    if row is None:
        return
    m = uow.loaded(OutboxMessage, row)
    if m.state != "sending" or m.claimed_by != this_process():
        return  # taken over meanwhile (a claim judged abandoned): its new owner records it
    if outcome.state == "sent":
        uow.update(m, state="sent", sent_at=uow.now, claimed_by=None, claimed_at=None,
                   last_error=None, message_id=outcome.message_id)
        uow.audit("notice_sent", "outbox", m.id, key=m.key, to=m.to_addrs, cc=m.cc_addrs,
                  attempt=m.attempts, message_id=outcome.message_id)
    elif outcome.state == "failed" or m.attempts >= MAX_ATTEMPTS:
        error = outcome.error if outcome.state == "failed" else \
            f"gave up after {m.attempts} attempts: {outcome.error}"
        uow.update(m, state="failed", claimed_by=None, claimed_at=None, last_error=error)
        uow.audit("notice_failed", "outbox", m.id, key=m.key, to=m.to_addrs, error=error,
                  attempt=m.attempts)
    else:
        later = uow.now + backoff(m.attempts)
        uow.update(m, state="queued", claimed_by=None, claimed_at=None, last_error=outcome.error,
                   next_attempt_at=later)
        uow.audit("notice_retry", "outbox", m.id, key=m.key, error=outcome.error,
                  attempt=m.attempts, next_attempt_at=later.isoformat())


def _claim(uow: UnitOfWork, message_id: int) -> Claimed | None:
    row = uow.fetch_one(_CLAIM_READ, {"id": message_id})
    if row is None:
        return None
    m = uow.loaded(OutboxMessage, row)
    if m.state == "sending":
        if not _abandoned(m.claimed_by, m.claimed_at, uow.now - STALE_CLAIM):
            return None  # another desk is sending it
    elif m.state != "queued" or m.next_attempt_at > uow.now:
        return None
    previous = m.claimed_by if m.state == "sending" else None
    uow.update(m, state="sending", claimed_by=this_process(), claimed_at=uow.now,
               attempts=m.attempts + 1)
    uow.audit("notice_sending", "outbox", m.id, key=m.key, attempt=m.attempts,
              **({"abandoned_by": previous} if previous else {}))
    return Claimed(m.id, m.key, m.kind, split_addresses(m.to_addrs), split_addresses(m.cc_addrs),
                   m.subject, m.body_text, m.body_html, m.receipt_number, m.attempts)


def _step(app_ctx: AppContext, actor: Actor, done: Outcome | None,
          next_id: int | None) -> Claimed | None:
    """One transaction: record how the last message went and claim the next."""
    from app.retry import run_with_retry

    def work() -> Claimed | None:
        with app_ctx.uow(actor) as uow:
            if done is not None:
                _finish(uow, done)
            claimed = _claim(uow, next_id) if next_id is not None else None
            uow.commit()
            return claimed

    return run_with_retry(work)


def message_id_for(key: str, from_address: str) -> str:
    """The same ``Message-ID`` on every attempt of one notice (see the module's note)."""
    domain = parseaddr(from_address)[1].rpartition("@")[2] or "loan-kiosk.invalid"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return f"<{digest}.notice@{domain}>"


def build_email(app_ctx: AppContext, actor: Actor, c: Claimed) -> EmailMessage:
    """The message as it goes on the wire: headers, text and HTML, logo, attached receipt."""
    mail = app_ctx.settings.mail
    msg = EmailMessage()
    msg["From"] = mail.from_address
    msg["To"] = ", ".join(c.to)
    if c.cc:
        msg["Cc"] = ", ".join(c.cc)
    if mail.reply_to:
        msg["Reply-To"] = mail.reply_to
    msg["Subject"] = c.subject
    msg["Date"] = format_datetime(app_ctx.db.clock())
    msg["Message-ID"] = message_id_for(c.key, mail.from_address)
    msg["X-Loan-Kiosk-Notice"] = c.key
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(c.text)
    msg.add_alternative(c.html, subtype="html")
    logo = _logo(app_ctx)
    if logo is not None and f"cid:{LOGO_CID}" in c.html:
        html_part = msg.get_body(preferencelist=("html",))
        assert isinstance(html_part, EmailMessage)
        subtype = "png" if logo.suffix.lower() == ".png" else "jpeg"
        html_part.add_related(logo.read_bytes(), "image", subtype, cid=f"<{LOGO_CID}>")
    if c.receipt_number:
        from app.services.documents import archive_receipt

        path = archive_receipt(app_ctx, actor, c.receipt_number)
        msg.add_attachment(path.read_bytes(), maintype="application", subtype="pdf",
                           filename=f"{c.receipt_number}.pdf")
    return msg


def _logo(app_ctx: AppContext) -> Path | None:
    from app.notices.school import school_logo  # not documents': no ReportLab for a logo

    return school_logo(app_ctx.settings, app_ctx.paths.data_dir)


def send_due(app_ctx: AppContext, actor: Actor, mailer: Mailer, *,
             only: list[int] | None = None,
             on_progress: Callable[[int, int], None] | None = None) -> SendReport:
    """Send every message whose time has come (or just ``only`` those), over one connection.

    The server being away is not an error: the messages stay queued with the reason
    and a later ``next_attempt_at``; the report says so.
    """
    report = SendReport()
    with app_ctx.uow(actor, readonly=True) as uow:
        ids = due_ids(uow)
    if only is not None:
        wanted = set(only)
        ids = [i for i in ids if i in wanted]
    if not ids:
        return report
    try:
        conn = mailer.connect()
    except MailError as exc:
        report.problem = exc.message
        _defer_all(app_ctx, actor, ids, exc.message, report)
        return report
    done: Outcome | None = None
    try:
        for n, message_id in enumerate(ids):
            claimed = _step(app_ctx, actor, done, message_id)
            done = None
            if claimed is None:
                continue
            done, lost = _send_one(app_ctx, actor, conn, claimed)
            if done.state == "sent":
                report.sent.append(done.id)
            elif done.state == "failed":
                report.failed.append(done.id)
            else:
                report.retried.append(done.id)
            if on_progress is not None:
                on_progress(n + 1, len(ids))
            if lost:  # the connection went: the rest wait for the next attempt
                report.problem = done.error
                _step(app_ctx, actor, done, None)
                done = None
                _defer_all(app_ctx, actor, ids[n + 1:], report.problem, report)
                break
        if done is not None:
            _step(app_ctx, actor, done, None)
    finally:
        conn.close()
    return report


def _send_one(app_ctx: AppContext, actor: Actor, conn: MailConnection,
              c: Claimed) -> tuple[Outcome, bool]:
    """How sending went, and whether the connection was lost."""
    try:
        msg = build_email(app_ctx, actor, c)
    except LoanKioskError as exc:  # the receipt's record no longer matches, say
        return Outcome(c.id, "failed", f"cannot attach receipt {c.receipt_number}: "
                                       f"{exc.message}"), False
    except OSError as exc:
        return Outcome(c.id, "queued", f"cannot read a file for the message: {exc}"), False
    try:
        conn.send(msg)
    except MailError as exc:
        return Outcome(c.id, "failed" if exc.permanent else "queued", exc.message), \
            exc.connection_lost
    return Outcome(c.id, "sent", message_id=str(msg["Message-ID"])), False


def _defer_all(app_ctx: AppContext, actor: Actor, ids: list[int], error: str,
               report: SendReport) -> None:
    """The server is away: every message waits, with the reason, in one transaction."""
    if not ids:
        return
    from app.retry import run_with_retry

    def work() -> list[int]:
        deferred = []
        with app_ctx.uow(actor) as uow:
            for message_id in ids:
                claimed = _claim(uow, message_id)
                if claimed is None:
                    continue
                _finish(uow, Outcome(claimed.id, "queued", error))
                deferred.append(claimed.id)
            if deferred:
                uow.commit()
        return deferred

    report.retried.extend(run_with_retry(work))
