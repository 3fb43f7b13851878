"""``loan-kiosk notices``: the daily run, the outbox, resending, the SMTP password."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.actor import Actor
from app.cli.context import CliContext, print_json
from app.errors import InvalidInput


def register(sub: Any) -> None:
    from app.cli.options import common_parent
    from app.notices.preview import KINDS

    common = [common_parent()]
    nt = sub.add_parser("notices", help="e-mail notices: reminders, leaver notices, the digest")
    nt_sub = nt.add_subparsers(dest="notices_command", metavar="ACTION", required=True)

    p = nt_sub.add_parser("run", parents=common,
                          help="the daily run: queue today's notices (once a day across desks) "
                               "and send what is waiting; for Task Scheduler or cron")
    p.add_argument("--dry-run", action="store_true",
                   help="show what would be queued and sent; change and send nothing")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_run)

    p = nt_sub.add_parser("send", parents=common,
                          help="send what is waiting in the outbox now (no new notices)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_send)

    p = nt_sub.add_parser("outbox", parents=common, help="messages queued, sent and failed")
    p.add_argument("--state", action="append", metavar="STATE",
                   choices=("queued", "sending", "sent", "failed", "cancelled"),
                   help="only these (repeatable); default: all but cancelled")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_outbox)

    for name, helptext in (("resend", "queue a failed or sent message again"),
                           ("cancel", "withdraw a queued or failed message")):
        p = nt_sub.add_parser(name, parents=common, help=helptext)
        p.add_argument("id", type=int, metavar="ID", help="the message's number in the outbox")
        p.set_defaults(handler=cmd_resend if name == "resend" else cmd_cancel)

    p = nt_sub.add_parser("password", parents=common,
                          help="store the SMTP password in the system's credential store")
    p.add_argument("--stdin", action="store_true", help="read it from standard input")
    p.set_defaults(handler=cmd_password)

    p = nt_sub.add_parser("preview", parents=common,
                          help="a notice for a sample borrower, worded by this school's templates")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("--html", action="store_true", help="the HTML body instead of the text")
    p.set_defaults(handler=cmd_preview)


def scheduled_actor(ctx: CliContext) -> Actor:
    """The technician the run acts as: the one who proved it (``--technician`` or
    ``LOAN_KIOSK_TECHNICIAN``, else ``[notices] scheduled_technician``; with its PIN, as
    every write: :mod:`app.cli.auth`)."""
    return ctx.actor()


def cmd_run(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.notices.daily import run_daily

    actor = scheduled_actor(ctx)
    mailer = None if args.dry_run else ctx.app.mailer()
    report = run_daily(ctx.app, actor, mailer, dry_run=args.dry_run)
    if args.json:
        print_json(report.to_dict())
        return 0
    verb = "would queue" if args.dry_run else "queued"
    kinds = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in sorted(report.queued.items()))
    if report.skipped:
        print(f"notices: {report.skipped}")
    if report.queued or not report.skipped:
        print(f"{verb} {sum(report.queued.values())} notices" + (f" ({kinds})" if kinds else ""))
    for d in report.drafts if args.dry_run else []:
        print(f"  {d['kind']:<12} to {', '.join(d['to'])}: {d['subject']}")
    for line in report.no_email:
        print(f"  no e-mail address: {line}")
    if args.dry_run:
        print(f"{report.waiting} messages waiting would be tried")
    else:
        s = report.send
        print(f"sent {len(s.sent)}, retried later {len(s.retried)}, failed {len(s.failed)}")
        if s.problem:
            print(f"mail server: {s.problem}")
    return 0


def cmd_send(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.notices.sender import send_due

    mailer = ctx.app.mailer()
    if mailer is None:
        raise InvalidInput("mail is not set up: set [mail] host in settings.toml")
    report = send_due(ctx.app, scheduled_actor(ctx), mailer)
    if args.json:
        print_json(report.to_dict())
    else:
        print(f"sent {len(report.sent)}, retried later {len(report.retried)}, "
              f"failed {len(report.failed)}" + (f"; mail server: {report.problem}"
                                                if report.problem else ""))
    return 0


def cmd_outbox(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.notices.outbox import SHOWN_STATES, list_outbox

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        rows = list_outbox(uow, args.state or SHOWN_STATES)
    if args.json:
        print_json([r.to_dict() for r in rows])
        return 0
    if not rows:
        print("the outbox is empty")
    for r in rows:
        when = r.sent_at or r.next_attempt_at
        extra = f"  ({r.last_error})" if r.last_error and r.state != "sent" else ""
        print(f"{r.id:>6}  {r.state:<9} {when:%Y-%m-%d %H:%M}  {r.kind:<12} {r.to}: "
              f"{r.subject}{extra}")
    return 0


def _correct(args: argparse.Namespace, ctx: CliContext, resend: bool) -> int:
    from app.notices import outbox

    def work(uow: Any) -> outbox.OutboxRow:
        row = outbox.resend(uow, args.id) if resend else outbox.cancel(uow, args.id)
        uow.commit()
        return row

    row = ctx.transaction(work)
    print(f"message {row.id} to {row.to} " + ("queued again" if resend else "withdrawn"))
    return 0


def cmd_resend(args: argparse.Namespace, ctx: CliContext) -> int:
    return _correct(args, ctx, True)


def cmd_cancel(args: argparse.Namespace, ctx: CliContext) -> int:
    return _correct(args, ctx, False)


def cmd_password(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.cli.context import chosen_data_dir
    from app.config import load_settings
    from app.notices.password import store_password

    data_dir = chosen_data_dir(args)
    mail = load_settings(data_dir / "settings.toml").mail
    if not mail.host.strip() or not mail.username.strip():
        raise InvalidInput("set [mail] host and username in settings.toml first")
    if args.stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        import getpass

        password = getpass.getpass(f"password for {mail.username} at {mail.host}: ")
    if not password:
        raise InvalidInput("the password is empty: nothing was stored")
    data_dir.mkdir(parents=True, exist_ok=True)
    stored = store_password(data_dir, mail.host.strip(), mail.username.strip(), password)
    print(f"password for {mail.username} at {mail.host} stored in {stored.where}")
    return 0


def cmd_preview(args: argparse.Namespace, ctx: CliContext) -> int:
    import datetime as dt

    from app.cli.context import chosen_data_dir
    from app.config import load_settings
    from app.notices.preview import sample
    from app.notices.school import builder_for

    data_dir = chosen_data_dir(args)
    settings = load_settings(data_dir / "settings.toml")
    draft = sample(builder_for(settings, data_dir), args.kind, dt.date.today())
    print(f"Subject: {draft.subject}\n")
    print(draft.html if args.html else draft.text)
    return 0
