"""The outbox: notices queued in the database, each once (its idempotency key is unique).

:func:`queue` runs inside the caller's unit of work, so a notice is queued in the
same transaction as the event that causes it (a leaver return queues the receipt
copy) and is rolled back with it. The admin screen and ``loan-kiosk notices outbox``
list it; :func:`resend` and :func:`cancel` are the corrections, both audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from app.errors import NotFound, Refused
from app.notices.messages import Draft
from app.uow import UnitOfWork
from db.models import OutboxMark, OutboxMessage

#: what the admin screen and ``notices outbox`` show by default
SHOWN_STATES = ("queued", "sending", "failed", "sent")


def join_addresses(addresses: Iterable[str]) -> str:
    return ", ".join(a.strip() for a in addresses if a.strip())


def split_addresses(text: str | None) -> list[str]:
    return [a.strip() for a in (text or "").split(",") if a.strip()]


def _present(uow: UnitOfWork, column: Any, wanted: list[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(wanted), 500):
        found.update(uow.session.execute(select(column).where(column.in_(wanted[i:i + 500])))
                     .scalars())
    return found


def existing(uow: UnitOfWork, keys: Iterable[str]) -> set[str]:
    """Which of these idempotency keys are in the outbox already."""
    return _present(uow, OutboxMessage.key, list(keys))


def exists(uow: UnitOfWork, key: str) -> bool:
    return bool(existing(uow, [key]))


def covered(uow: UnitOfWork, marks: Iterable[str]) -> set[str]:
    """Which of these reminder slots an earlier message already covered."""
    return _present(uow, OutboxMark.key, list(marks))


def queue(uow: UnitOfWork, draft: Draft) -> int | None:
    """Put ``draft`` in the outbox in this unit of work; None when its key is there already
    (or it has nobody to go to). The caller commits."""
    return queue_many(uow, [draft])[0]


def queue_many(uow: UnitOfWork, drafts: list[Draft]) -> list[int | None]:
    """:func:`queue` for many drafts in one unit of work: one look for the keys already
    there, one row and one audit event per new message, the reminder marks in one insert."""
    have = existing(uow, [d.key for d in drafts])
    ids: list[int | None] = []
    marks: list[dict[str, Any]] = []
    for draft in drafts:
        if not draft.to or draft.key in have:
            ids.append(None)
            continue
        have.add(draft.key)
        row = uow.insert(OutboxMessage, {
            "key": draft.key, "kind": draft.kind, "created_at": uow.now,
            "created_by": uow.actor.name, "person_id": draft.person_id,
            "to_addrs": join_addresses(draft.to), "cc_addrs": join_addresses(draft.cc) or None,
            "subject": draft.subject, "body_text": draft.text, "body_html": draft.html,
            "receipt_number": draft.receipt_number, "state": "queued", "attempts": 0,
            "next_attempt_at": uow.now,
        })
        marks += [{"key": m, "message_id": row.id} for m in draft.marks]
        uow.audit("notice_queued", "outbox", row.id, key=draft.key, kind=draft.kind,
                  to=row.to_addrs, cc=row.cc_addrs, subject=draft.subject,
                  receipt=draft.receipt_number)
        ids.append(row.id)
    if marks:
        uow.insert_many(OutboxMark, marks)
    return ids


@dataclass(frozen=True)
class OutboxRow:
    id: int
    kind: str
    key: str
    to: str
    cc: str
    subject: str
    state: str
    attempts: int
    created_at: dt.datetime
    next_attempt_at: dt.datetime
    sent_at: dt.datetime | None
    last_error: str | None
    receipt_number: str | None

    def to_dict(self) -> dict[str, object]:
        return {k: (v.isoformat() if isinstance(v, dt.datetime) else v)
                for k, v in self.__dict__.items()}


def _row(m: OutboxMessage) -> OutboxRow:
    return OutboxRow(m.id, m.kind, m.key, m.to_addrs, m.cc_addrs or "", m.subject, m.state,
                     m.attempts, m.created_at, m.next_attempt_at, m.sent_at, m.last_error,
                     m.receipt_number)


def list_outbox(uow: UnitOfWork, states: Iterable[str] = SHOWN_STATES, *,
                limit: int = 500) -> list[OutboxRow]:
    """Newest first; queued and failed before sent so nothing waiting hides below."""
    order = {"failed": 0, "queued": 1, "sending": 1, "sent": 2, "cancelled": 3}
    rows = uow.session.execute(
        select(OutboxMessage).where(OutboxMessage.state.in_(list(states)))
        .order_by(OutboxMessage.id.desc()).limit(limit)).scalars()
    return sorted((_row(m) for m in rows), key=lambda r: (order.get(r.state, 9), -r.id))


def counts(uow: UnitOfWork) -> dict[str, int]:
    return {state: n for state, n in uow.session.execute(
        select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)).all()}


def get_message(uow: UnitOfWork, message_id: int) -> OutboxMessage:
    m = uow.session.get(OutboxMessage, message_id, with_for_update=not uow.readonly)
    if m is None:
        raise NotFound(f"no message {message_id} in the outbox")
    return m


def resend(uow: UnitOfWork, message_id: int) -> OutboxRow:
    """Queue a failed (or sent, on request) message again, at once. Audited; the caller
    commits. A message being handed to the server now cannot be touched."""
    m = get_message(uow, message_id)
    if m.state in ("queued", "sending"):
        raise Refused(f"message {m.id} is already waiting to be sent")
    before = m.state
    m.state, m.next_attempt_at, m.attempts = "queued", uow.now, 0
    m.claimed_by = m.claimed_at = None
    uow.audit("notice_resend", m, key=m.key, previous_state=before, error=m.last_error)
    return _row(m)


def cancel(uow: UnitOfWork, message_id: int) -> OutboxRow:
    """Withdraw a message that has not gone yet (audited; resend puts it back)."""
    m = get_message(uow, message_id)
    if m.state not in ("queued", "failed"):
        raise Refused(f"message {m.id} is {m.state}: only a queued or failed message can be "
                      "withdrawn")
    before = m.state
    m.state = "cancelled"
    uow.audit("notice_cancelled", m, key=m.key, previous_state=before)
    return _row(m)
