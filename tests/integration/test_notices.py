"""Notices against a real SMTP server (aiosmtpd on 127.0.0.1), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import audit
from app.bootstrap import AppContext
from app.notices import outbox
from app.notices.daily import audit_anchor, run_daily
from app.notices.lease import finish_lease, take_lease
from app.notices.password import store_password
from app.notices.sender import send_due
from app.services.documents import verify_receipt_pdf
from app.services.leavers import leaver_return
from app.services.loans import check_out
from app.services.trips import create_trip
from app.uow import Actor
from db.models import OutboxMark, OutboxMessage
from tests.conftest import MutableClock
from tests.factories import add_asset, add_person
from tests.integration.test_leavers import SIG
from tests.smtp_server import PASSWORD, USER, MailServer, self_signed

TECH = Actor("notices-job", "technician")
TODAY = dt.date(2026, 11, 24)  # the test clock's day (MutableClock)


@pytest.fixture
def server() -> Iterator[MailServer]:
    srv = MailServer().start()
    yield srv
    srv.stop()


def use_server(ctx: AppContext, srv: MailServer, *, security: str = "none",
               username: str = "", ca_file: str = "") -> None:
    mail = ctx.settings.mail
    mail.host, mail.port, mail.security = "127.0.0.1", srv.port, security
    mail.username, mail.ca_file = username, ca_file
    mail.from_address = "IT Desk <it@school.example>"
    mail.reply_to = "helpdesk@school.example"
    mail.desk_address = "it@school.example"
    mail.hr_address = "hr@school.example"
    mail.timeout_seconds = 5


@pytest.fixture
def school(app_ctx: AppContext, server: MailServer, clock: MutableClock) -> AppContext:
    """Borrowers with and without e-mail; loans due tomorrow, overdue, and a leaver's (all
    lent ten days ago)."""
    ctx = app_ctx
    clock.advance(days=-10)
    use_server(ctx, server)
    add_person(ctx, "AB1", "Siân", "Ó Briain", email="sian@school.example")
    add_person(ctx, "CD2", "Łukasz", "Żółć", email="lukasz@school.example")
    add_person(ctx, "NM3", "Sam", "Nomail")
    add_person(ctx, "LV4", "Zoë", "Ødegård", email="zoe@school.example", status="leaving",
               leaving_date=TODAY + dt.timedelta(days=10))
    for tag, enc in (("LT-0001", True), ("LT-0002", False), ("TB-0001", True), ("LT-0003", True),
                     ("PH-0001", True), ("LT-0004", True)):
        add_asset(ctx, tag, "phone" if tag.startswith("PH") else "laptop", encrypted=enc)
    with ctx.uow(TECH) as uow:
        check_out(uow, "LT-0001", "AB1", due=TODAY + dt.timedelta(days=1))
    with ctx.uow(Actor("admin", "admin")) as uow:
        check_out(uow, ["LT-0002"], "CD2", due=TODAY - dt.timedelta(days=3), personal_data=True,
                  override_reason="head's approval")
    with ctx.uow(TECH) as uow:
        check_out(uow, "LT-0003", "NM3", due=TODAY - dt.timedelta(days=1))
    with ctx.uow(TECH) as uow:
        check_out(uow, ["TB-0001", "LT-0004"], "LV4", due=TODAY + dt.timedelta(days=30))
    clock.advance(days=10)
    return ctx


def mailer(ctx: AppContext):  # type: ignore[no-untyped-def]
    m = ctx.mailer()
    assert m is not None
    return m


def by_key(srv: MailServer) -> dict[str, list]:  # type: ignore[type-arg]
    out: dict[str, list] = {}  # type: ignore[type-arg]
    for r in srv.inbox.received:
        out.setdefault(str(r.message["X-Loan-Kiosk-Notice"]), []).append(r)
    return out


def states(ctx: AppContext) -> Counter[str]:
    with ctx.uow(TECH, readonly=True) as uow:
        return Counter(uow.session.execute(select(OutboxMessage.state)).scalars())


def test_daily_run_sends_each_notice_with_headers_and_both_bodies(school: AppContext,
                                                                 server: MailServer) -> None:
    report = run_daily(school, TECH, mailer(school))
    assert report.queued == {"due_soon": 1, "overdue": 1, "leaver": 1, "digest": 1}
    assert len(report.send.sent) == 4 and not report.send.failed
    got = by_key(server)
    soon = got[f"due_soon:1:{TODAY}"][0].message
    assert soon["From"] == "IT Desk <it@school.example>"
    assert soon["To"] == "sian@school.example"
    assert soon["Reply-To"] == "helpdesk@school.example"
    assert soon["Subject"] == "Reminder: school equipment due back on Wednesday 25 November 2026"
    assert soon["Message-ID"].endswith("@school.example>")
    text = soon.get_body(("plain",)).get_content()
    html = soon.get_body(("html",)).get_content()
    assert "Dear Siân," in text and "LT-0001" in text and "Wednesday 25 November 2026" in text
    assert "<p>Dear Siân,</p>" in html and "<td" in html and "LT-0001" in html
    assert "Example Academy" in text and "Example Academy" in html
    over = got[f"overdue:2:{TODAY}"][0].message
    assert "3 days overdue" in over.get_body(("plain",)).get_content()
    leaver = got[f"leaver:4:{TODAY + dt.timedelta(days=10)}:14"][0]
    assert sorted(leaver.rcpt_tos) == ["hr@school.example", "zoe@school.example"]
    assert leaver.message["Cc"] == "hr@school.example"
    body = leaver.message.get_body(("plain",)).get_content()
    assert "TB-0001" in body and "LT-0004" in body and "signed receipt" in body
    assert "Return of school property" in body  # the receipt's own title
    # the digest: overdue, unencrypted personal-data loan, people without e-mail, the anchor
    digest = got[f"digest:{TODAY}"][0].message.get_body(("plain",)).get_content()
    assert "LT-0003" in digest and "LT-0002" in digest
    assert "Personal-data loans of unencrypted devices (1)" in digest
    assert "Sam Nomail (NM3): overdue reminder for LT-0003" in digest
    anchor_line = [ln for ln in digest.splitlines() if ln.startswith("Audit anchor")][0]
    seq = int(anchor_line.rsplit(": ", 1)[1].split("-")[0])
    with school.uow(TECH, readonly=True) as uow:
        assert audit.verify(uow.session).ok
        events = Counter(uow.session.execute(
            select(func.substr(audit_event_action(), 1, 64))).scalars())
    assert seq > 0 and events["notice_sent"] == 4 and events["notice_queued"] == 4


def audit_event_action():  # type: ignore[no-untyped-def]
    from db.models import AuditEvent

    return AuditEvent.action


def test_nothing_is_queued_or_sent_twice_and_overdue_repeats_weekly(
        school: AppContext, server: MailServer, clock: MutableClock) -> None:
    run_daily(school, TECH, mailer(school))
    again = run_daily(school, TECH, mailer(school))
    assert again.skipped.startswith("today's notices run was done already")
    assert len(server.inbox.received) == 4
    # another day in the same overdue week: the overdue loans are not reminded again
    clock.advance(days=1)
    run_daily(school, TECH, mailer(school))
    kinds = Counter(k.split(":")[0] for k in server.inbox.notice_keys())
    assert kinds["overdue"] == 1 and kinds["due_soon"] == 1 and kinds["digest"] == 2
    # a week after the first reminder: the overdue reminder repeats once
    clock.advance(days=6)
    run_daily(school, TECH, mailer(school))
    over = [k for k in server.inbox.notice_keys() if k.startswith("overdue:2:")]
    assert len(over) == 2
    with school.uow(TECH, readonly=True) as uow:
        marks = uow.session.execute(select(OutboxMark.key)).scalars().all()
    assert "overdue:2:2026-11-21:0" in marks and "overdue:2:2026-11-21:1" in marks
    assert max(Counter(server.inbox.notice_keys()).values()) == 1


def test_dry_run_changes_and_sends_nothing(school: AppContext, server: MailServer) -> None:
    report = run_daily(school, TECH, None, dry_run=True)
    assert sum(report.queued.values()) == 4 and report.dry_run
    assert "Sam Nomail (NM3): overdue reminder for LT-0003" in report.no_email
    assert not states(school) and not server.inbox.received
    assert take_lease(school, TECH, "desk-1", TODAY) is None  # the dry run took no lease


def test_one_desk_does_the_daily_run(school: AppContext) -> None:
    assert take_lease(school, TECH, "desk-1:10", TODAY) is None
    assert take_lease(school, TECH, "desk-2:20", TODAY) == "desk-1:10 is doing today's notices run"
    finish_lease(school, TECH, "desk-1:10", TODAY)
    assert take_lease(school, TECH, "desk-2:20", TODAY).startswith(  # type: ignore[union-attr]
        "today's notices run was done already")


def test_leaver_return_queues_receipt_copy_whose_pdf_verifies(
        school: AppContext, server: MailServer, tmp_path: Path) -> None:
    with school.uow(TECH) as uow:
        receipt = leaver_return(uow, "LV4", returned_tags=["TB-0001"], signature=SIG)
        number = receipt.number
    with school.uow(TECH, readonly=True) as uow:
        row = uow.session.execute(select(OutboxMessage)).scalar_one()
        assert row.key == f"receipt_copy:{number}" and row.state == "queued"
    report = send_due(school, TECH, mailer(school))
    assert len(report.sent) == 1
    got = server.inbox.received[0]
    assert sorted(got.rcpt_tos) == ["hr@school.example", "zoe@school.example"]
    msg = got.message
    assert msg["Subject"] == f"Your receipt {number}: Return of school property"
    assert "Not returned: LT-0004" in msg.get_body(("plain",)).get_content()
    (attachment,) = list(msg.iter_attachments())
    assert attachment.get_filename() == f"{number}.pdf"
    pdf = tmp_path / "copy.pdf"
    pdf.write_bytes(attachment.get_content())
    outcome = verify_receipt_pdf(school, pdf)
    assert outcome.status == "match", outcome


def test_a_failed_leaver_return_queues_nothing(school: AppContext) -> None:
    from app.errors import Refused

    with pytest.raises(Refused), school.uow(TECH) as uow:
        leaver_return(uow, "LV4", returned_tags=["LT-0001"], signature=SIG)  # not theirs
    assert not states(school)


def test_server_down_keeps_messages_then_sends_each_once(
        school: AppContext, server: MailServer, clock: MutableClock) -> None:
    server.stop()
    report = run_daily(school, TECH, mailer(school))
    assert len(report.send.retried) == 4 and not report.send.sent
    assert "cannot reach the mail server" in report.send.problem
    with school.uow(TECH, readonly=True) as uow:
        rows = outbox.list_outbox(uow)
    assert {r.state for r in rows} == {"queued"} and all(r.attempts == 1 for r in rows)
    assert all("cannot reach" in (r.last_error or "") for r in rows)
    # not due yet: a retry waits for the backoff
    assert not send_due(school, TECH, mailer(school)).retried
    server.start()
    assert not send_due(school, TECH, mailer(school)).sent  # still waiting for its time
    clock.advance(minutes=6)
    report = send_due(school, TECH, mailer(school))
    assert len(report.sent) == 4
    assert sorted(Counter(server.inbox.notice_keys()).values()) == [1, 1, 1, 1]
    clock.advance(days=1, minutes=1)
    send_due(school, TECH, mailer(school))
    assert len(server.inbox.received) == 4
    assert states(school) == Counter({"sent": 4})


def test_rejected_recipient_is_failed_with_the_servers_reply(
        school: AppContext, server: MailServer, clock: MutableClock) -> None:
    add_person(school, "RJ5", "Rita", "Reject", email="reject.me@school.example")
    add_asset(school, "LT-0009", "laptop")
    clock.advance(days=-5)
    with school.uow(TECH) as uow:
        check_out(uow, "LT-0009", "RJ5", due=TODAY - dt.timedelta(days=2))
    clock.advance(days=5)
    report = run_daily(school, TECH, mailer(school))
    assert len(report.send.failed) == 1 and len(report.send.sent) == 4
    with school.uow(TECH, readonly=True) as uow:
        (failed,) = outbox.list_outbox(uow, ["failed"])
    assert failed.to == "reject.me@school.example"
    assert "550 5.1.1" in (failed.last_error or "") and "User unknown" in (failed.last_error or "")
    # the next digest lists it; resend puts it back (and it fails again, recorded)
    clock.advance(days=1)
    run_daily(school, TECH, mailer(school))
    digest = by_key(server)[f"digest:{TODAY + dt.timedelta(days=1)}"][0].message
    assert "550 5.1.1" in digest.get_body(("plain",)).get_content()
    with school.uow(Actor("admin", "admin")) as uow:
        outbox.resend(uow, failed.id)
        uow.commit()
    assert send_due(school, TECH, mailer(school)).failed == [failed.id]


def test_a_temporary_refusal_is_retried(school: AppContext, server: MailServer,
                                        clock: MutableClock) -> None:
    add_person(school, "BZ6", "Bea", "Busy", email="busy@school.example")
    add_asset(school, "LT-0010", "laptop")
    clock.advance(days=-5)
    with school.uow(TECH) as uow:
        check_out(uow, "LT-0010", "BZ6", due=TODAY - dt.timedelta(days=2))
    clock.advance(days=5)
    report = run_daily(school, TECH, mailer(school))
    assert len(report.send.retried) == 1
    with school.uow(TECH, readonly=True) as uow:
        (waiting,) = outbox.list_outbox(uow, ["queued"])
    assert "450 4.2.1" in (waiting.last_error or "")


def test_starttls_with_self_signed_certificate_and_auth(app_ctx: AppContext, tmp_path: Path,
                                                       clock: MutableClock) -> None:
    cert = self_signed(tmp_path)
    srv = MailServer(security="starttls", auth=True, cert=cert).start()
    try:
        use_server(app_ctx, srv, security="starttls", username=USER, ca_file=str(cert[0]))
        import keyring
        from keyring.backends import fail

        previous = keyring.get_keyring()
        keyring.set_keyring(fail.Keyring())  # a machine without a credential store
        stored = store_password(app_ctx.paths.data_dir, "127.0.0.1", USER, PASSWORD)
        assert not stored.in_store and "no system credential store" in stored.where
        assert (app_ctx.paths.data_dir / "mail-password").stat().st_mode & 0o777 == 0o600
        add_person(app_ctx, "AB1", "Siân", "Ó Briain", email="sian@school.example")
        add_asset(app_ctx, "LT-0001")
        clock.advance(days=-5)
        with app_ctx.uow(TECH) as uow:
            check_out(uow, "LT-0001", "AB1", due=TODAY - dt.timedelta(days=1))
        clock.advance(days=5)
        report = run_daily(app_ctx, TECH, mailer(app_ctx))
        assert len(report.send.sent) == 2, report.send
        assert all(r.tls and r.authenticated for r in srv.inbox.received)
        # without the school's CA the certificate is not trusted: said plainly, kept queued
        app_ctx.settings.mail.ca_file = ""
        with app_ctx.uow(TECH) as uow:
            outbox.resend(uow, report.send.sent[0])
            uow.commit()
        again = send_due(app_ctx, TECH, mailer(app_ctx))
        assert "certificate this desk does not trust" in again.problem
        # a wrong password: said plainly, kept queued
        app_ctx.settings.mail.ca_file = str(cert[0])
        store_password(app_ctx.paths.data_dir, "127.0.0.1", USER, "wrong")
        clock.advance(hours=1)
        refused = send_due(app_ctx, TECH, mailer(app_ctx))
        assert "refused the user name or password" in refused.problem
        assert states(app_ctx)["queued"] == 1
    finally:
        keyring.set_keyring(previous)
        srv.stop()


def test_implicit_tls(app_ctx: AppContext, tmp_path: Path) -> None:
    cert = self_signed(tmp_path)
    srv = MailServer(security="tls", cert=cert).start()
    try:
        use_server(app_ctx, srv, security="tls", ca_file=str(cert[0]))
        report = run_daily(app_ctx, TECH, mailer(app_ctx))
        assert report.queued == {"digest": 1} and len(report.send.sent) == 1
        assert srv.inbox.received[0].tls
    finally:
        srv.stop()


def test_trip_leader_hears_of_phones_still_out(school: AppContext, server: MailServer,
                                                clock: MutableClock) -> None:
    with school.uow(TECH) as uow:
        create_trip(uow, "Year 9 Paris", leader="AB1", start=TODAY,
                    end=TODAY + dt.timedelta(days=2))
        uow.commit()
    with school.uow(TECH) as uow:
        check_out(uow, "PH-0001", "AB1", trip="Year 9 Paris")
    clock.advance(days=3)
    run_daily(school, TECH, mailer(school))
    (trip,) = [r for r in server.inbox.received
               if str(r.message["X-Loan-Kiosk-Notice"]).startswith("trip_phones:")]
    assert trip.rcpt_tos == ["sian@school.example"]
    assert "PH-0001" in trip.message.get_body(("plain",)).get_content()


def test_audit_anchor_matches_the_chain_head(school: AppContext) -> None:
    with school.uow(TECH, readonly=True) as uow:
        token = audit_anchor(uow)
        from db.models import AuditHead

        head = uow.session.get(AuditHead, 1)
        from app import anchors

        assert head is not None and token == anchors.for_event(head.seq, head.hash).token


def test_loan_acknowledgement_copy_when_asked(school: AppContext, server: MailServer,
                                              tmp_path: Path) -> None:
    from app.services.receipts import loan_ack

    add_asset(school, "LT-0020", "laptop", encrypted=True)
    with school.uow(TECH) as uow:
        result = check_out(uow, "LT-0020", "AB1", signature=SIG)
        loan_ack(uow, result.loans)  # off by default: nothing queued
        uow.commit()
    assert not states(school)
    school.settings.notices.loan_ack_copy = True
    with school.uow(TECH) as uow:
        number = loan_ack(uow, result_loans(uow, "LT-0020")).number
        uow.commit()
    assert len(send_due(school, TECH, mailer(school)).sent) == 1
    msg = server.inbox.received[0].message
    assert msg["Subject"] == f"Your loan acknowledgement {number}" and msg["To"] == "sian@school.example"
    (attachment,) = list(msg.iter_attachments())
    pdf = tmp_path / "ack.pdf"
    pdf.write_bytes(attachment.get_content())
    assert verify_receipt_pdf(school, pdf).status == "match"


def result_loans(uow, tag: str):  # type: ignore[no-untyped-def]
    from db.models import Asset, Loan

    return list(uow.session.execute(select(Loan).join(Asset, Asset.id == Loan.asset_id)
                                    .where(Asset.tag == tag, Loan.outcome.is_(None))).scalars())


def test_mail_off_queues_nothing(school: AppContext) -> None:
    school.settings.mail.host = ""
    report = run_daily(school, TECH, None)
    assert report.skipped.startswith("mail is not set up")
    with school.uow(TECH) as uow:
        leaver_return(uow, "LV4", signature=SIG)
    assert not states(school)


def test_leaver_hears_at_fourteen_and_again_at_three_days(school: AppContext, server: MailServer,
                                                          clock: MutableClock) -> None:
    leaving = TODAY + dt.timedelta(days=10)
    run_daily(school, TECH, mailer(school))  # 10 days before: the 14-day notice (late, once)
    for _ in range(6):  # 9 … 4 days before: nothing new for the leaver
        clock.advance(days=1)
        run_daily(school, TECH, mailer(school))
    clock.advance(days=1)  # 3 days before
    run_daily(school, TECH, mailer(school))
    leaver_keys = [k for k in server.inbox.notice_keys() if k.startswith("leaver:")]
    assert leaver_keys == [f"leaver:4:{leaving}:14", f"leaver:4:{leaving}:3"]


def test_the_schools_logo_is_in_the_html_body(school: AppContext, server: MailServer) -> None:
    from PIL import Image

    logo = school.paths.data_dir / "logo.png"
    Image.new("RGB", (40, 20), (0, 70, 140)).save(logo)
    school.settings.school.logo = "logo.png"  # relative: in the data folder
    run_daily(school, TECH, mailer(school))
    msg = by_key(server)[f"overdue:2:{TODAY}"][0].message
    html = msg.get_body(("html",))
    assert 'src="cid:school-logo"' in html.get_content()
    (image,) = [p for p in msg.walk() if p.get_content_type() == "image/png"]
    assert image["Content-ID"] == "<school-logo>"
    assert image.get_content() == logo.read_bytes()
