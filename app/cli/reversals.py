"""``loan-kiosk reverse``: an admin undoes a mistaken check-out, check-in or leaver return."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import CliContext, print_json
from app.uow import UnitOfWork


def register(sub: Any) -> None:
    from app.cli.options import common_parent

    p = sub.add_parser(
        "reverse", parents=[common_parent()],
        help="(admin) reverse the last check-out, check-in or leaver return of an asset",
        description="Reverse the last reversible action on an asset (its check-out, its "
                    "check-in, or a leaver return that included it), within the reversal "
                    "window (setting reversal.window_hours, default 24). TAG may also be a "
                    "leaver receipt number or the leaver's staff code. The reversal is a new "
                    "audited event; nothing is deleted.")
    p.add_argument("tag", metavar="TAG")
    p.add_argument("--reason", metavar="TEXT", help="why (kept with the reversal)")
    p.add_argument("--dry-run", action="store_true", help="say what would be reversed, change nothing")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_reverse)


def cmd_reverse(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.errors import Refused
    from app.services.reversals import last_reversible, reverse

    if args.dry_run:
        with ctx.app.uow(ctx.actor(), readonly=True) as uow:
            found = last_reversible(uow, args.tag)
        if found.blocked:
            raise Refused(f"cannot reverse {found.description}: {found.blocked}")
        text = f"would reverse {found.description} (done by {found.by}): {found.effect}"
        if args.json:
            print_json({"action": found.action, "tag": found.tag,
                        "receipt": found.receipt_number, "would": found.effect})
        else:
            print(text)
        return 0

    def work(uow: UnitOfWork) -> Any:
        return reverse(uow, args.tag, reason=args.reason)

    done = ctx.transaction(work)
    if args.json:
        print_json({"reversed": done.action, "reverses_seq": done.reversed_seq, "tag": done.tag,
                    "receipt": done.receipt_number, "message": done.message})
    else:
        print(done.message)
    return 0
