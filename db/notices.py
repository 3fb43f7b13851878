"""The notices' tables: the outbox, the reminder slots it covered, the daily run's lease."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, UTCDateTime

#: an outbox message: waiting, being handed to the mail server, sent, given up, withdrawn
OUTBOX_STATES = ("queued", "sending", "sent", "failed", "cancelled")
NOTICE_KINDS = ("due_soon", "overdue", "leaver", "receipt_copy", "loan_ack", "trip_phones",
                "digest")


class OutboxMessage(Base):
    """An e-mail notice, queued in the transaction that caused it and sent by a worker.

    ``key`` (unique) is the idempotency key: the same notice is never queued twice.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_next", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(128))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    #: addresses, comma-separated
    to_addrs: Mapped[str] = mapped_column(Text)
    cc_addrs: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(String(500))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    #: the receipt whose archived PDF goes with it (receipt copies)
    receipt_number: Mapped[str | None] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    #: who is handing it to the server ("host:pid"), since when
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    #: the server's reply to the last failed attempt
    last_error: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(300))


class OutboxMark(Base):
    """One reminder slot already covered (a loan's due-soon, its n-th overdue week...).

    A reminder lists several loans; each loan's slot is marked once, so a later run
    never reminds of it again, whatever else that borrower's next reminder lists.
    """

    __tablename__ = "outbox_marks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("outbox.id"), index=True)


class NoticeLease(Base):
    """Which desk does the daily notices run, until when, and the last day it was done.

    Coordination, not evidence: not digested (the run itself is audited).
    """

    __tablename__ = "notice_leases"
    __audited__ = False

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    holder: Mapped[str | None] = mapped_column(String(200))
    until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    done_on: Mapped[dt.date | None] = mapped_column(Date)
