"""``loan-kiosk incident list|close``: incidents (loss, theft, damage) and how they ended."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import CliContext, print_json
from app.uow import UnitOfWork


def register(sub: Any) -> None:
    from app.cli.options import common_parent

    common = [common_parent()]
    inc = sub.add_parser("incident", help="incidents: list them, close one with its outcome")
    inc_sub = inc.add_subparsers(dest="incident_command", metavar="ACTION", required=True)
    p = inc_sub.add_parser("list", parents=common, help="incidents, newest first")
    p.add_argument("--open", dest="open_only", action="store_true", help="only those still open")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_incident_list)
    p = inc_sub.add_parser("close", parents=common, help="close an incident with its outcome")
    p.add_argument("id", metavar="ID", help="the incident's number (incident list shows them)")
    p.add_argument("--outcome", required=True,
                   help="recovered, repaired, replaced, written-off or charged")
    p.add_argument("--cost", metavar="AMOUNT", help="what it cost, in pounds (e.g. 45.50)")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_incident_close)


def cmd_incident_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.incidents import list_incidents, money
    from app.services.site_scope import every_school_shown

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        rows = list_incidents(uow, open_only=args.open_only)
        every = every_school_shown(uow)  # --site ALL: each line starts with its school
    if args.json:
        print_json([r.to_dict() for r in rows])
        return 0
    if not rows:
        print("no open incidents" if args.open_only else "no incidents")
        return 0
    for r in rows:
        school = f"{r.site or '-':<6} " if every else ""
        line = (f"{school}#{r.id:<4} {r.reported_at:%Y-%m-%d}  {r.kind:<8} {r.tag or '-':<10} "
                f"{r.staff_code or '-':<8} {r.status}")
        if r.outcome:
            cost = f", {money(r.cost_pence)}" if r.cost_pence is not None else ""
            line += f" ({r.outcome_word}{cost})"
        if r.description:
            line += f"  {r.description}"
        print(line)
    return 0


def cmd_incident_close(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.incidents import close_incident, money

    def close(uow: UnitOfWork) -> Any:
        return close_incident(uow, args.id, args.outcome, cost=args.cost, note=args.note)

    done = ctx.transaction(close)
    if args.json:
        print_json(done.to_dict())
        return 0
    cost = f", cost {money(done.cost_pence)}" if done.cost_pence is not None else ""
    print(f"incident #{done.id} ({done.kind}{', ' + done.tag if done.tag else ''}) closed: "
          f"{done.outcome_word}{cost}")
    if done.tag and done.asset_status == "in_repair":
        print(f"{done.tag} is still in repair: 'loan-kiosk asset return-to-service {done.tag}' "
              "when it is fixed, or an admin retires it")
    elif done.tag and done.asset_status == "lost":
        print(f"{done.tag} is still recorded as lost: 'loan-kiosk asset found {done.tag}' if it "
              "turns up, or an admin retires it")
    elif done.tag and done.asset_status == "available" and done.kind in ("lost", "stolen"):
        print(f"{done.tag} was booked back in as found; it is available")
    elif done.tag and done.asset_status == "available" and done.outcome == "repaired":
        print(f"{done.tag} is back in service")
    return 0
