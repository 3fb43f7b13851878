"""``loan-kiosk technician add|pin``: desk technicians."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import CliContext, chosen_site, print_json
from app.cli.options import common_parent
from app.errors import InvalidInput
from app.uow import UnitOfWork


def register(sub: Any) -> None:
    common = [common_parent()]

    tech = sub.add_parser("technician", help="desk technicians")
    tech_sub = tech.add_subparsers(dest="tech_command", metavar="ACTION", required=True)
    p = tech_sub.add_parser("add", parents=common,
                            help="add a technician (asks for their PIN; --pin-stdin: after "
                                 "yours, or first when LOAN_KIOSK_PIN gives yours)")
    p.add_argument("username")
    role = p.add_mutually_exclusive_group()
    role.add_argument("--admin", action="store_true", help="an admin of their school")
    role.add_argument("--trust-admin", action="store_true",
                      help="an admin of every school of the trust (a trust admin may add one)")
    p.add_argument("--name", help="display name")
    p.add_argument("--badge", help="badge code for signing in by scan")
    # --site (a common option): the school they belong to (default: this desk's)
    p.add_argument("--json", action="store_true",
                   help="print who was added, their role and school as JSON")
    p.set_defaults(handler=cmd_technician_add)
    p = tech_sub.add_parser("pin", parents=common,
                            help="change your own PIN (asks for the new one; --pin-stdin: your "
                                 "PIN, then the new one, one a line — only the new one when "
                                 "LOAN_KIOSK_PIN gives yours)")
    p.set_defaults(handler=cmd_technician_pin)


def cmd_technician_add(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.cli.auth import new_pin_note, read_new_pin
    from app.services.technicians import add_technician

    actor = ctx.actor()
    pin = read_new_pin(args, "PIN for the new technician")

    def add(uow: UnitOfWork) -> dict[str, Any]:
        from db.places import Site

        tech = add_technician(uow, args.username, pin, admin=args.admin, display_name=args.name,
                              badge=args.badge, trust_admin=args.trust_admin,
                              site=chosen_site(args) or None)
        site = uow.session.get(Site, tech.site_id) if tech.site_id is not None else None
        return {"username": tech.username, "role": tech.role,
                "site": {"code": site.code, "name": site.name} if site is not None else None}

    added = ctx.transaction(add, actor)
    new_pin_note(args)  # which line of standard input was their PIN, and where yours came from
    if args.json:
        print_json(added)
        return 0
    site = added["site"]
    # which school: --site, else the desk's (LOAN_KIOSK_SITE, [desk] site), else the signer's
    where = f"{site['name']} ({site['code']})" if site else "no school yet (none is set up)"
    print(f"technician {added['username']} added ({added['role'].replace('_', ' ')}) "
          f"at {where}")
    return 0


def cmd_technician_pin(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.cli.auth import new_pin_note, read_new_pin
    from app.services.technicians import change_pin

    actor = ctx.actor()
    if ctx.signed_in_pin is None:
        raise InvalidInput("only a registered technician can change their PIN")
    old = ctx.signed_in_pin
    new = read_new_pin(args, "Your new PIN")
    ctx.transaction(lambda uow: change_pin(uow, actor.name, old, new), actor)
    new_pin_note(args)
    print(f"PIN changed for {actor.name}")
    return 0
