"""``loan-kiosk report NAME``: on-loan, overdue, leavers, unencrypted, history."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.context import CliContext
from app.cli.options import common_parent


def register(sub: Any) -> None:
    common = [common_parent()]

    p = sub.add_parser("report", parents=common, help="on-loan, overdue, leavers, unencrypted, history")
    p.add_argument("name", choices=("on-loan", "overdue", "leavers", "unencrypted", "history"))
    p.add_argument("arg", nargs="?", metavar="TAG|STAFF_CODE", help="for history")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--out", metavar="FILE")
    p.add_argument("--force", action="store_true", help="replace the --out file if it exists")
    p.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services import reports
    from app.services.site_scope import every_school_shown

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        rows = reports.run_report(uow, args.name, args.arg)
        every = args.name != "history" and every_school_shown(uow)
    fields = reports.fields_of(args.name, every)  # every school's: whose each row is
    if args.format == "csv":
        text = reports.to_csv(rows, fields)
    elif args.format == "json":  # the report's fields, and each row's school (site) always
        named = reports.fields_of(args.name, True)
        text = reports.to_json([{f: r.get(f) for f in named} for r in rows]) + "\n"
    else:
        text = reports.to_table(rows, fields)
    if args.out:
        from pathlib import Path

        from app.services.documents import write_output

        data = text.encode("utf-8-sig" if args.format == "csv" else "utf-8")
        write_output(Path(args.out), data, overwrite=args.force)
        print(f"{len(rows)} rows written to {args.out}")
    else:
        sys.stdout.write(text)
    return 0
