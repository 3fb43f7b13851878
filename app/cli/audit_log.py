"""``loan-kiosk audit verify`` and ``audit head``: check the tamper-evident audit log, and
print its anchor to keep outside the database."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import CliContext
from app.cli.options import common_parent


def register(sub: Any) -> None:
    common = [common_parent()]

    aud = sub.add_parser("audit", help="the tamper-evident audit log")
    aud_sub = aud.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    p = aud_sub.add_parser("verify", parents=common, help="check the chain and every audited row")
    p.set_defaults(handler=cmd_audit_verify)
    p = aud_sub.add_parser("head", parents=common,
                           help="the chain's current anchor, one token on the last line (keep a "
                                "copy outside the database)")
    p.set_defaults(handler=cmd_audit_head)


def cmd_audit_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    from app import audit

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        result = audit.verify(uow.session)
    if result.ok:
        print(f"audit log intact ({result.events} events)")
        return 0
    print(f"audit log BROKEN: {result.problem}")
    return 1


def cmd_audit_head(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.notices.daily import audit_anchor

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        token = audit_anchor(uow)
    print("audit anchor (sequence-hash):")
    print(token)
    return 0
