"""``loan-kiosk demo-data``: fill a database with a demo school."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import CliContext
from app.cli.options import common_parent


def register(sub: Any) -> None:
    common = [common_parent()]

    p = sub.add_parser("demo-data", parents=common, help="fill a database with a demo school")
    p.set_defaults(handler=cmd_demo_data)


def cmd_demo_data(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.demo import fill_demo

    summary = fill_demo(ctx.app, ctx.actor())
    print(summary)
    return 0
