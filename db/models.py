"""SQLAlchemy 2 typed models: the whole schema of Loan Kiosk.

Every table that holds evidence (people, assets, loans, signatures, receipts,
incidents, technicians, trips, encryption checks, print jobs) is *audited*: the
unit of work records a digest of each row it writes in the tamper-evident
audit log, so an edit made behind the app's back is detected by
``loan-kiosk audit verify``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, UTCDateTime

# Enumerations are stored as short strings (portable, readable in a dump) and
# validated by the services; these tuples are the single source of truth.
PERSON_STATUSES = ("active", "leaving", "left")
ASSET_KINDS = ("laptop", "phone", "tablet", "other")
ASSET_STATUSES = ("available", "on_loan", "in_repair", "lost", "retired")
ENCRYPTION_METHODS = ("bitlocker", "filevault", "android", "ios", "other")
CONDITIONS = ("ok", "damaged", "incomplete")
#: "reversed": a check-out an admin undid (a mistake, never a loan)
LOAN_OUTCOMES = ("returned", "not_returned", "lost", "reversed")
#: how personal data on a device lent "with personal data" was dealt with when it came back
DATA_HANDLING = ("removed", "wiped", "kept")
INCIDENT_KINDS = ("lost", "stolen", "damaged", "esafety")
#: "withdrawn": opened by an action an admin reversed (it never happened)
INCIDENT_STATUSES = ("open", "closed", "withdrawn")
INCIDENT_OUTCOMES = ("recovered", "repaired", "replaced", "written_off", "charged")
RECEIPT_KINDS = ("leaver_return", "loan_ack", "trip_sheet", "loan_return")
REVERSIBLE_ACTIONS = ("checkout", "checkin", "leaver_return")
#: "trust_admin": sees and manages every school of the trust (above "admin")
TECHNICIAN_ROLES = ("technician", "admin", "trust_admin")
PRINT_JOB_STATES = ("queued", "printing", "done", "failed")


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_code: Mapped[str] = mapped_column(String(64))
    staff_key: Mapped[str] = mapped_column(String(64), unique=True)  # casefolded for lookup
    first_name: Mapped[str] = mapped_column(String(200))
    last_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    department: Mapped[str | None] = mapped_column(String(200))
    badge_code: Mapped[str | None] = mapped_column(String(128))
    badge_key: Mapped[str | None] = mapped_column(String(128), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    leaving_date: Mapped[dt.date | None] = mapped_column(Date)
    # lower-cased "first last" for type-ahead search
    search_name: Mapped[str] = mapped_column(String(401), index=True)
    #: the school (site) the person works at; they may move
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), index=True)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Asset(Base):
    __tablename__ = "assets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tag: Mapped[str] = mapped_column(String(64))
    tag_key: Mapped[str] = mapped_column(String(64), unique=True)  # casefolded for lookup
    kind: Mapped[str] = mapped_column(String(16))
    make: Mapped[str | None] = mapped_column(String(200))
    model: Mapped[str | None] = mapped_column(String(200))
    serial: Mapped[str | None] = mapped_column(String(200), unique=True)
    imei: Mapped[str | None] = mapped_column(String(32))
    phone_number: Mapped[str | None] = mapped_column(String(32))
    accessories: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), default="available")
    notes: Mapped[str | None] = mapped_column(Text)
    #: why an admin retired it (cleared if it is returned to service)
    retired_reason: Mapped[str | None] = mapped_column(Text)
    snipeit_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    #: how the device is (to be) encrypted (ENCRYPTION_METHODS): what a check defaults to
    encryption_method: Mapped[str | None] = mapped_column(String(16))
    #: where it lives when not on loan (a room, a trolley)
    location: Mapped[str | None] = mapped_column(String(200))
    purchase_date: Mapped[dt.date | None] = mapped_column(Date)
    purchase_cost_pence: Mapped[int | None] = mapped_column(Integer)
    #: the school that owns it, where it lives when not lent, and where it was last put or seen
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), index=True)
    home_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"), index=True)
    current_location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"),
                                                            index=True)

    checks: Mapped[list[EncryptionCheck]] = relationship(
        back_populates="asset", order_by="EncryptionCheck.id"
    )


class EncryptionCheck(Base):
    __tablename__ = "encryption_checks"
    __table_args__ = (Index("ix_encryption_checks_asset_latest", "asset_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"))
    encrypted: Mapped[bool] = mapped_column(Boolean)
    method: Mapped[str | None] = mapped_column(String(16))
    verified_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    verified_by: Mapped[str] = mapped_column(String(128))
    note: Mapped[str | None] = mapped_column(Text)

    asset: Mapped[Asset] = relationship(back_populates="checks")


class Trip(Base):
    __tablename__ = "trips"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    destination: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    leader_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    signature_id: Mapped[int | None] = mapped_column(ForeignKey("signatures.id"))

    leader: Mapped[Person] = relationship()


class Signature(Base):
    __tablename__ = "signatures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    captured_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    #: list of strokes, each a list of [t_ms, x, y, pressure] in pad coordinates
    strokes: Mapped[list[Any] | None] = mapped_column(JSON)
    #: the pad's coordinate window [xmin, ymin, xmax, ymax]
    window: Mapped[list[Any] | None] = mapped_column(JSON)
    device: Mapped[str | None] = mapped_column(String(300))
    incomplete: Mapped[bool] = mapped_column(Boolean, default=False)
    #: set when retention removed the strokes (the record stays for the audit trail)
    purged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class Loan(Base):
    __tablename__ = "loans"
    __table_args__ = (
        # At most one open loan per asset, enforced by the database itself.
        Index(
            "uq_loans_open_asset",
            "asset_id",
            unique=True,
            sqlite_where=text("outcome IS NULL"),
            postgresql_where=text("outcome IS NULL"),
        ),
        Index("ix_loans_person_open", "person_id", "outcome"),
        Index("ix_loans_asset_out", "asset_id", "out_at"),
        # the condition an asset last came back in (scan, asset card): one index seek,
        # not a sort of the asset's whole loan history
        Index(
            "ix_loans_asset_returned",
            "asset_id",
            "in_at",
            "condition_in",
            sqlite_where=text("condition_in IS NOT NULL"),
            postgresql_where=text("condition_in IS NOT NULL"),
        ),
        Index(
            "ix_loans_open_due",
            "due_on",
            sqlite_where=text("outcome IS NULL"),
            postgresql_where=text("outcome IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    out_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    out_by: Mapped[str] = mapped_column(String(128))
    due_on: Mapped[dt.date] = mapped_column(Date)
    purpose: Mapped[str | None] = mapped_column(String(500))
    trip_id: Mapped[int | None] = mapped_column(ForeignKey("trips.id"), index=True)
    condition_out: Mapped[str] = mapped_column(String(16), default="ok")
    personal_data: Mapped[bool] = mapped_column(Boolean, default=False)
    override_reason: Mapped[str | None] = mapped_column(Text)
    override_by: Mapped[str | None] = mapped_column(String(128))
    in_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    in_by: Mapped[str | None] = mapped_column(String(128))
    condition_in: Mapped[str | None] = mapped_column(String(16))
    outcome: Mapped[str | None] = mapped_column(String(16))
    note_in: Mapped[str | None] = mapped_column(Text)
    #: a personal-data loan's return: how the data was dealt with (DATA_HANDLING) and a note
    data_in: Mapped[str | None] = mapped_column(String(16))
    data_note: Mapped[str | None] = mapped_column(Text)
    signature_out_id: Mapped[int | None] = mapped_column(ForeignKey("signatures.id"))
    signature_in_id: Mapped[int | None] = mapped_column(ForeignKey("signatures.id"))
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("receipts.id"), index=True)
    #: lent to a location (a trolley to a classroom); ``person_id`` is then the responsible member of staff
    location_id: Mapped[int | None] = mapped_column(ForeignKey("locations.id"))
    #: lent as a member of this kit (one scan of the kit's label lent them all)
    kit_id: Mapped[int | None] = mapped_column(ForeignKey("kits.id"), index=True)

    asset: Mapped[Asset] = relationship()
    person: Mapped[Person] = relationship()
    trip: Mapped[Trip | None] = relationship()

    @property
    def is_open(self) -> bool:
        return self.outcome is None


class Receipt(Base):
    __tablename__ = "receipts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    trip_id: Mapped[int | None] = mapped_column(ForeignKey("trips.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(128))
    signature_id: Mapped[int | None] = mapped_column(ForeignKey("signatures.id"))
    #: the canonical content of the document (what its verification code covers)
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: SHA-256 (hex) of the canonical JSON of ``content``
    content_sha256: Mapped[str] = mapped_column(String(64))
    #: path of the archived PDF, relative to the data directory, once rendered
    file: Mapped[str | None] = mapped_column(String(500))
    #: SHA-256 (hex) of the archived PDF file
    file_sha256: Mapped[str | None] = mapped_column(String(64))

    person: Mapped[Person | None] = relationship()


class Incident(Base):
    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("assets.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("loans.id"))
    kind: Mapped[str] = mapped_column(String(16))
    reported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    reported_by: Mapped[str] = mapped_column(String(128))
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    #: how it ended (INCIDENT_OUTCOMES), what it cost in pence, and a note
    outcome: Mapped[str | None] = mapped_column(String(16))
    cost_pence: Mapped[int | None] = mapped_column(Integer)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    closed_by: Mapped[str | None] = mapped_column(String(128))
    resolution: Mapped[str | None] = mapped_column(Text)

    asset: Mapped[Asset | None] = relationship()
    person: Mapped[Person | None] = relationship()


class Reversal(Base):
    """An admin's reversal of a mistaken check-out, check-in or leaver return.

    History is never edited: the reversed action's audit event stays, this row
    (and its own audit event) names it by sequence number and keeps what was undone.
    """

    __tablename__ = "reversals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    by: Mapped[str] = mapped_column(String(128))
    #: what was reversed (REVERSIBLE_ACTIONS)
    action: Mapped[str] = mapped_column(String(16))
    #: the audit event of the action reversed
    event_seq: Mapped[int] = mapped_column(Integer)
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("assets.id"), index=True)
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("loans.id"), index=True)
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("receipts.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    reason: Mapped[str | None] = mapped_column(Text)
    #: the state the reversal undid (loan columns, person status...), as it was
    undone: Mapped[dict[str, Any]] = mapped_column(JSON)


class Technician(Base):
    """A technician. The PIN's hash and its lock-out state are guarded: on PostgreSQL the
    desk role may neither read the hash nor write the three, and works through the
    ``pin_*`` functions (migration ``i18_pin_check``). So they are left out of the row's
    audit digest (:data:`~db.base.Base.__digest_exclude__`; the events ``sign_in_failed``
    and ``pin_changed`` record their changes), and the hash is loaded only when asked for."""

    __tablename__ = "technicians"
    __digest_exclude__ = frozenset({"pin_hash", "failed_attempts", "locked_until"})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    pin_hash: Mapped[str] = mapped_column(String(300), deferred=True)
    role: Mapped[str] = mapped_column(String(16), default="technician")
    badge_code: Mapped[str | None] = mapped_column(String(128), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    #: the school whose desk they work at (a trust admin's is where they sit, not a limit)
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"))


class PrintJob(Base):
    """A document waiting for, or sent to, a printer (retried while the printer is away)."""

    __tablename__ = "print_jobs"
    __table_args__ = (Index("ix_print_jobs_state", "state", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document: Mapped[str] = mapped_column(String(500))  # path relative to the data dir
    title: Mapped[str] = mapped_column(String(200))
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("receipts.id"))
    printer: Mapped[str | None] = mapped_column(String(200))
    copies: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    system_job_id: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class AuditEvent(Base):
    """One link of the hash chain. Written only by :mod:`app.audit_chain`.

    ``seq``, ``prev_hash`` and ``hash`` are None until the event is sealed: a
    PostgreSQL desk that did not hold the head appends it unsealed, and the next
    seal chains it in commit order (:mod:`app.audit_seal`). ``id`` is the order of
    appending.
    """

    __tablename__ = "audit_events"
    __audited__ = False

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int | None] = mapped_column(Integer, unique=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64), index=True)
    entity: Mapped[str | None] = mapped_column(String(64))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    #: canonical JSON text (kept as text so the hashed bytes never change)
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_audit_events_entity", "entity", "entity_id"),)


class AuditHead(Base):
    """Single row holding the chain's tip: the newest sealed event. Whoever holds its
    lock may seal; nobody waits for it to append (:mod:`app.audit_chain`)."""

    __tablename__ = "audit_head"
    __audited__ = False

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64))



# the places', kits', bookings' and notices' tables register on the same Base and are audited:
# imported after the core tables they refer to, so that importing db.models knows the whole schema
from db.bookings import Booking as Booking  # noqa: E402
from db.bookings import BookingItem as BookingItem  # noqa: E402
from db.kits import Kit as Kit  # noqa: E402
from db.kits import KitMember as KitMember  # noqa: E402
from db.notices import NoticeLease as NoticeLease  # noqa: E402
from db.notices import OutboxMark as OutboxMark  # noqa: E402
from db.notices import OutboxMessage as OutboxMessage  # noqa: E402
from db.places import Location as Location  # noqa: E402
from db.places import Site as Site  # noqa: E402
from db.stocktakes import Stocktake as Stocktake  # noqa: E402
from db.stocktakes import StocktakeScan as StocktakeScan  # noqa: E402

AUDITED_MODELS: tuple[type[Base], ...] = tuple(
    m.class_ for m in Base.registry.mappers if getattr(m.class_, "__audited__", True)
)
