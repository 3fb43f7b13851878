"""``loan-kiosk technician add|pin``: desk technicians."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import CliContext, chosen_site
from app.cli.options import common_parent
from app.errors import InvalidInput


def register(sub: Any) -> None:
    common = [common_parent()]

    tech = sub.add_parser("technician", help="desk technicians")
    tech_sub = tech.add_subparsers(dest="tech_command", metavar="ACTION", required=True)
    p = tech_sub.add_parser("add", parents=common, help="add a technician (asks for a PIN)")
    p.add_argument("username")
    role = p.add_mutually_exclusive_group()
    role.add_argument("--admin", action="store_true", help="an admin of their school")
    role.add_argument("--trust-admin", action="store_true",
                      help="an admin of every school of the trust (a trust admin may add one)")
    p.add_argument("--name", help="display name")
    p.add_argument("--badge", help="badge code for signing in by scan")
    # --site (a common option): the school they belong to (default: this desk's)
    p.set_defaults(handler=cmd_technician_add)
    p = tech_sub.add_parser("pin", parents=common,
                            help="change your own PIN (asks for the new one; --pin-stdin: your "
                                 "PIN, then the new one, one a line)")
    p.set_defaults(handler=cmd_technician_pin)


def cmd_technician_add(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.cli.auth import read_new_pin
    from app.services.technicians import add_technician

    actor = ctx.actor()
    pin = read_new_pin(args, "PIN for the new technician")
    tech = ctx.transaction(
        lambda uow: add_technician(uow, args.username, pin, admin=args.admin,
                                   display_name=args.name, badge=args.badge,
                                   trust_admin=args.trust_admin,
                                   site=chosen_site(args) or None), actor)
    print(f"technician {tech.username} added ({tech.role.replace('_', ' ')})")
    return 0


def cmd_technician_pin(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.cli.auth import read_new_pin
    from app.services.technicians import change_pin

    actor = ctx.actor()
    if ctx.signed_in_pin is None:
        raise InvalidInput("only a registered technician can change their PIN")
    old = ctx.signed_in_pin
    new = read_new_pin(args, "Your new PIN")
    ctx.transaction(lambda uow: change_pin(uow, actor.name, old, new), actor)
    print(f"PIN changed for {actor.name}")
    return 0
