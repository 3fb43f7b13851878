"""``loan-kiosk technician add``: desk technicians."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.context import CliContext
from app.cli.options import common_parent
from app.errors import InvalidInput


def register(sub: Any) -> None:
    common = [common_parent()]

    tech = sub.add_parser("technician", help="desk technicians")
    tech_sub = tech.add_subparsers(dest="tech_command", metavar="ACTION", required=True)
    p = tech_sub.add_parser("add", parents=common, help="add a technician (asks for a PIN)")
    p.add_argument("username")
    p.add_argument("--admin", action="store_true")
    p.add_argument("--name", help="display name")
    p.add_argument("--badge", help="badge code for signing in by scan")
    p.add_argument("--pin-stdin", action="store_true", help="read the PIN from standard input")
    p.set_defaults(handler=cmd_technician_add)


def cmd_technician_add(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.technicians import add_technician

    if args.pin_stdin:
        pin = sys.stdin.readline().strip()
    else:
        if not sys.stdin.isatty():
            raise InvalidInput("no terminal to ask for a PIN: use --pin-stdin")
        import getpass

        pin = getpass.getpass("PIN for the new technician: ")
        if getpass.getpass("Same PIN again: ") != pin:
            raise InvalidInput("the two PINs differ")
    tech = ctx.transaction(
        lambda uow: add_technician(uow, args.username, pin, admin=args.admin,
                                   display_name=args.name, badge=args.badge))
    print(f"technician {tech.username} added ({tech.role})")
    return 0
