"""The daily run: work out who is owed which notice today, queue each once, send.

Who gets what (``[notices]``):

- *due soon*: a loan due in ``due_soon_days`` days or fewer (once per loan and due date);
- *overdue*: the day after the due date, then every ``overdue_repeat_days`` (once per
  loan per period, so a desk closed over a weekend catches up, never doubles up);
- *leaver*: ``leaver_days`` (e.g. 14 and 3) days before a leaving date, to someone who
  still holds equipment, copied to ``[mail] hr_address``;
- *trip phones*: to the trip leader the day after a trip ends, phones still out;
- *digest*: each morning to ``[mail] desk_address``.

One borrower's reminders of a day are one message listing each item; the slots it
covers are marked (:class:`db.models.OutboxMark`), so nothing is reminded twice.

With several desks on one database the run happens once a day: a lease row
(``notice_leases``) names the desk doing it, for :data:`LEASE` at most, and the day it
was last done. Queuing goes in chunks of transactions (keys make a rerun after a crash
pick up where it stopped); sending is :func:`app.notices.sender.send_due`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, select

from app.actor import Actor
from app.clock import local_date
from app.config import Settings
from app.notices import outbox
from app.notices.lease import finish_lease, take_lease
from app.notices.messages import Builder, Draft, Item, Recipient, Section
from app.notices.school import builder_for, what
from app.notices.sender import SendReport, send_due, this_process
from app.uow import UnitOfWork
from db.models import (
    Asset,
    AuditHead,
    EncryptionCheck,
    Loan,
    OutboxMessage,
    Person,
    Trip,
)

if TYPE_CHECKING:
    from app.bootstrap import AppContext
    from app.notices.mailer import Mailer

#: drafts queued per transaction (a desk scanning meanwhile waits at most one chunk)
CHUNK = 250
#: lines per digest section; the rest are counted ("… and 12 more")
DIGEST_LINES = 200
#: trips that ended longer ago than this are not chased by mail any more
TRIP_WINDOW_DAYS = 30


# -- who is owed what ----------------------------------------------------------------------


@dataclass
class _Loan:
    loan_id: int
    due_on: dt.date
    trip_id: int | None
    personal_data: bool
    person: Recipient
    status: str
    leaving_date: dt.date | None
    asset_id: int
    item: Item


def _open_loans(uow: UnitOfWork) -> list[_Loan]:
    rows = uow.session.execute(
        select(Loan.id, Loan.due_on, Loan.trip_id, Loan.personal_data, Person.id,
               Person.staff_code, Person.first_name, Person.last_name, Person.email,
               Person.status, Person.leaving_date, Asset.id, Asset.tag, Asset.kind,
               Asset.make, Asset.model)
        .join(Person, Person.id == Loan.person_id).join(Asset, Asset.id == Loan.asset_id)
        .where(Loan.outcome.is_(None)).order_by(Loan.due_on, Loan.id)).all()
    out = []
    for (loan_id, due_on, trip_id, pdata, pid, code, first, last, email, status, leaving,
         asset_id, tag, kind, make, model) in rows:
        name = f"{first} {last}".strip()
        out.append(_Loan(loan_id, due_on, trip_id, bool(pdata),
                         Recipient(name, first or name, (email or "").strip() or None, pid, code),
                         status, leaving, asset_id, Item(tag, what(kind, make, model), due_on)))
    return out


@dataclass
class Plan:
    """What today's run would queue, and who could not be told."""

    drafts: list[Draft] = field(default_factory=list)
    #: "Name (code): why they needed a notice"
    no_email: list[str] = field(default_factory=list)


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def plan_day(uow: UnitOfWork, builder: Builder, settings: Settings, today: dt.date) -> Plan:
    """Every notice owed today that has not been queued yet (reads only)."""
    plan = Plan()
    loans = _open_loans(uow)
    cfg, mail = settings.notices, settings.mail
    repeat = max(1, cfg.overdue_repeat_days)
    due_soon: dict[int, list[tuple[_Loan, str]]] = defaultdict(list)
    overdue: dict[int, list[tuple[_Loan, str]]] = defaultdict(list)
    people: dict[int, Recipient] = {}
    for ln in loans:
        if ln.trip_id is not None:
            continue  # trip phones: the leader hears once the trip has ended
        late = (today - ln.due_on).days
        people[ln.person.person_id or 0] = ln.person
        if late >= 1:
            period = (late - 1) // repeat
            overdue[ln.person.person_id or 0].append(
                (ln, f"overdue:{ln.loan_id}:{ln.due_on}:{period}"))
        elif cfg.due_soon_days > 0 and -late <= cfg.due_soon_days:
            due_soon[ln.person.person_id or 0].append((ln, f"due_soon:{ln.loan_id}:{ln.due_on}"))
    marks = [m for group in (due_soon, overdue) for lst in group.values() for _, m in lst]
    done = outbox.covered(uow, marks)
    for kind, groups in (("due_soon", due_soon), ("overdue", overdue)):
        for pid, entries in groups.items():
            fresh = [(ln, m) for ln, m in entries if m not in done]
            if not fresh:
                continue
            person = people[pid]
            if not person.email:
                plan.no_email.append(f"{person.name} ({person.staff_code}): "
                                     f"{kind.replace('_', ' ')} reminder for "
                                     + ", ".join(ln.item.tag for ln, _ in fresh))
                continue
            items = [_with_note(ln.item, today) for ln, _ in fresh]
            key = f"{kind}:{pid}:{today}"
            build = builder.due_soon if kind == "due_soon" else builder.overdue
            plan.drafts.append(build(person, items, key, [m for _, m in fresh]))
    _plan_leavers(uow, builder, settings, today, loans, plan)
    _plan_trips(uow, builder, today, loans, plan)
    if mail.desk_address.strip():
        plan.drafts.append(_digest(uow, builder, settings, today, loans, plan))
    queued = outbox.existing(uow, [d.key for d in plan.drafts])
    plan.drafts = [d for d in plan.drafts if d.key not in queued]
    return plan


def _with_note(item: Item, today: dt.date) -> Item:
    if item.due_on is None:
        return item
    late = (today - item.due_on).days
    note = f"{_days(late)} overdue" if late > 0 else "due today" if late == 0 else \
        f"due in {_days(-late)}"
    return Item(item.tag, item.what, item.due_on, note)


def _plan_leavers(uow: UnitOfWork, builder: Builder, settings: Settings, today: dt.date,
                  loans: list[_Loan], plan: Plan) -> None:
    days = sorted({d for d in settings.notices.leaver_days if d > 0})
    if not days:
        return
    by_person: dict[int, list[_Loan]] = defaultdict(list)
    for ln in loans:
        if ln.leaving_date is not None and ln.status != "left":
            by_person[ln.person.person_id or 0].append(ln)
    for pid, held in by_person.items():
        leaving = held[0].leaving_date
        assert leaving is not None
        left = (leaving - today).days
        if left < 0 or left > days[-1]:
            continue
        slot = min(d for d in days if left <= d)
        person = held[0].person
        key = f"leaver:{pid}:{leaving}:{slot}"
        if not person.email:
            plan.no_email.append(f"{person.name} ({person.staff_code}): leaver notice, leaves "
                                 f"{leaving}, holds " + ", ".join(ln.item.tag for ln in held))
            if not settings.mail.hr_address.strip():
                continue
        draft = builder.leaver(person, [ln.item for ln in held], leaving, key,
                               settings.mail.hr_address.strip())
        if not person.email:  # HR still hears of it
            draft.to, draft.cc = draft.cc, []
        plan.drafts.append(draft)


def _plan_trips(uow: UnitOfWork, builder: Builder, today: dt.date, loans: list[_Loan],
                plan: Plan) -> None:
    out: dict[int, list[_Loan]] = defaultdict(list)
    for ln in loans:
        if ln.trip_id is not None:
            out[ln.trip_id].append(ln)
    if not out:
        return
    trips = uow.session.execute(
        select(Trip.id, Trip.name, Trip.end_date, Person.id, Person.staff_code, Person.first_name,
               Person.last_name, Person.email)
        .join(Person, Person.id == Trip.leader_id).where(Trip.id.in_(list(out)))).all()
    for trip_id, name, end, pid, code, first, last, email in trips:
        if not end < today or (today - end).days > TRIP_WINDOW_DAYS:
            continue
        leader = Recipient(f"{first} {last}".strip(), first, (email or "").strip() or None,
                           pid, code)
        if not leader.email:
            plan.no_email.append(f"{leader.name} ({code}): trip {name} phones still out")
            continue
        plan.drafts.append(builder.trip_phones(leader, name, end, [ln.item for ln in out[trip_id]],
                                               f"trip_phones:{trip_id}:{end}"))


def audit_anchor(uow: UnitOfWork) -> str:
    """The chain's anchor as ``loan-kiosk audit head`` prints it (:mod:`app.anchors`)."""
    head = uow.session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).first()
    if head is None:
        return "(no audit log)"
    return anchor_token(int(head[0]), str(head[1]))


def anchor_token(seq: int, digest: str) -> str:
    """``1234-ABCD-EFGH-JKLM-NPQR``: the one token format (``app.anchors``)."""
    from app import anchors

    return anchors.for_event(seq, digest).token


def _capped(lines: list[str]) -> list[str]:
    if len(lines) <= DIGEST_LINES:
        return lines
    return [*lines[:DIGEST_LINES], f"… and {len(lines) - DIGEST_LINES} more"]


def _digest(uow: UnitOfWork, builder: Builder, settings: Settings, today: dt.date,
            loans: list[_Loan], plan: Plan) -> Draft:
    overdue = [f"{ln.item.tag} ({ln.item.what}): {ln.person.name} ({ln.person.staff_code}), due "
               f"{ln.due_on}, {_days((today - ln.due_on).days)} overdue"
               for ln in loans if ln.due_on < today]
    week = today + dt.timedelta(days=7)
    leaving: dict[int, list[_Loan]] = defaultdict(list)
    for ln in loans:
        if ln.leaving_date is not None and ln.status != "left" and ln.leaving_date <= week:
            leaving[ln.person.person_id or 0].append(ln)
    leavers = [f"{held[0].person.name} ({held[0].person.staff_code}) leaves "
               f"{held[0].leaving_date}: " + ", ".join(ln.item.tag for ln in held)
               for held in sorted(leaving.values(), key=lambda h: (h[0].leaving_date, h[0].person.name))]
    unencrypted = _unencrypted_personal(uow, [ln for ln in loans if ln.personal_data])
    failed = [f"#{m.id} {m.kind} to {m.to_addrs}: {m.last_error or 'no reason given'}"
              for m in uow.session.execute(
                  select(OutboxMessage).where(OutboxMessage.state == "failed")
                  .order_by(OutboxMessage.id)).scalars()]
    sections = [
        Section("Overdue", _capped(overdue)),
        Section("Leaving this week with items", _capped(leavers)),
        Section("Personal-data loans of unencrypted devices", _capped(unencrypted)),
        Section("Messages that failed", _capped(failed)),
        Section("People without an email address", _capped(sorted(plan.no_email))),
    ]
    return builder.digest(settings.mail.desk_address.strip(), today, sections, audit_anchor(uow),
                          f"digest:{today}")


def _unencrypted_personal(uow: UnitOfWork, loans: list[_Loan]) -> list[str]:
    if not loans:
        return []
    ids = list({ln.asset_id for ln in loans})
    latest = (select(EncryptionCheck.asset_id, func.max(EncryptionCheck.id).label("last"))
              .where(EncryptionCheck.asset_id.in_(ids)).group_by(EncryptionCheck.asset_id)
              .subquery())
    encrypted = {aid for aid, enc in uow.session.execute(
        select(EncryptionCheck.asset_id, EncryptionCheck.encrypted)
        .join(latest, and_(latest.c.asset_id == EncryptionCheck.asset_id,
                           latest.c.last == EncryptionCheck.id))).all() if enc}
    return [f"{ln.item.tag} ({ln.item.what}): {ln.person.name} ({ln.person.staff_code})"
            for ln in loans if ln.asset_id not in encrypted]


# -- the run -------------------------------------------------------------------------------


@dataclass
class RunReport:
    day: dt.date
    dry_run: bool = False
    #: kind -> how many were queued (or, dry run, would be)
    queued: dict[str, int] = field(default_factory=dict)
    drafts: list[dict[str, Any]] = field(default_factory=list)
    no_email: list[str] = field(default_factory=list)
    #: why this desk did not queue today's notices (done already, another desk on it)
    skipped: str = ""
    send: SendReport = field(default_factory=SendReport)
    #: messages waiting to be sent (dry run: what a run would try)
    waiting: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "dry_run": self.dry_run, "queued": self.queued,
                "queued_total": sum(self.queued.values()), "no_email": self.no_email,
                "skipped": self.skipped or None, "waiting": self.waiting,
                "sent": len(self.send.sent), "retried": len(self.send.retried),
                "failed": len(self.send.failed), "problem": self.send.problem or None,
                "messages": self.drafts}


def run_daily(app_ctx: AppContext, actor: Actor, mailer: Mailer | None, *, dry_run: bool = False,
              on_progress: Callable[[str], None] | None = None) -> RunReport:
    """Queue today's notices (once a day, across desks) and send what is waiting."""
    settings = app_ctx.settings
    builder = builder_for(settings, app_ctx.paths.data_dir)
    with app_ctx.uow(actor, readonly=True) as uow:
        today = local_date(uow.now)
    report = RunReport(today, dry_run)
    if not settings.mail.host.strip():
        report.skipped = "mail is not set up ([mail] host is empty): nothing is queued or sent"
        return report
    holder = this_process()
    if dry_run:
        with app_ctx.uow(actor, readonly=True) as uow:
            plan = plan_day(uow, builder, settings, today)
            from app.notices.sender import due_ids

            report.waiting = len(due_ids(uow))
        _describe(report, plan)
        return report
    why_not = take_lease(app_ctx, actor, holder, today)
    if why_not:
        report.skipped = why_not
    else:
        with app_ctx.uow(actor, readonly=True) as uow:
            plan = plan_day(uow, builder, settings, today)
        _describe(report, plan)
        _queue_chunks(app_ctx, actor, plan, report, today)
        finish_lease(app_ctx, actor, holder, today)
    if on_progress is not None:
        on_progress(f"queued {sum(report.queued.values())} notices")
    if mailer is not None:
        report.send = send_due(app_ctx, actor, mailer)
    return report


def _describe(report: RunReport, plan: Plan) -> None:
    report.no_email = list(plan.no_email)
    for d in plan.drafts:
        report.queued[d.kind] = report.queued.get(d.kind, 0) + 1
        report.drafts.append({"kind": d.kind, "key": d.key, "to": d.to, "cc": d.cc,
                              "subject": d.subject})


def _queue_chunks(app_ctx: AppContext, actor: Actor, plan: Plan, report: RunReport,
                  today: dt.date) -> None:
    from app.retry import run_with_retry

    drafts = plan.drafts
    for start in range(0, max(len(drafts), 1), CHUNK):
        chunk = drafts[start:start + CHUNK]
        last = start + CHUNK >= len(drafts)

        def work(chunk: list[Draft] = chunk, last: bool = last) -> None:
            with app_ctx.uow(actor) as uow:
                outbox.queue_many(uow, chunk)
                if last:
                    uow.audit("notices_run", "outbox", None, day=today.isoformat(),
                              queued=report.queued, no_email=len(plan.no_email))
                uow.commit()

        run_with_retry(work)
