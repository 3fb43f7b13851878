"""``loan-kiosk trip create|status|sheet``: trips and visits with school phones."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import CliContext, print_json
from app.cli.documents import add_trip_sheet_command
from app.cli.inputs import date_arg
from app.cli.options import common_parent
from app.uow import UnitOfWork


def register(sub: Any) -> None:
    common = [common_parent()]

    trip = sub.add_parser("trip", help="trips and visits (school phones)")
    trip_sub = trip.add_subparsers(dest="trip_command", metavar="ACTION", required=True)
    p = trip_sub.add_parser("create", parents=common, help="create a trip")
    p.add_argument("name")
    p.add_argument("--leader", required=True, metavar="STAFF_CODE")
    p.add_argument("--start", required=True, type=date_arg, metavar="DATE")
    p.add_argument("--end", required=True, type=date_arg, metavar="DATE")
    p.add_argument("--destination")
    p.set_defaults(handler=cmd_trip_create)
    p = trip_sub.add_parser("status", parents=common, help="which phones are still out")
    p.add_argument("name")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_trip_status)
    add_trip_sheet_command(trip_sub)


def cmd_trip_create(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.trips import create_trip

    def create(uow: UnitOfWork) -> str:
        trip = create_trip(uow, args.name, leader=args.leader, start=args.start, end=args.end,
                           destination=args.destination)
        return (f"trip {trip.name!r} created ({trip.start_date} to {trip.end_date}, "
                f"leader {trip.leader.name})")

    print(ctx.transaction(create))
    return 0


def cmd_trip_status(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.trips import trip_status

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:  # read everything before it closes
        st = trip_status(uow, args.name)
        name = st.trip.name
        out = [(ln.asset.tag, ln.person.staff_code, ln.asset.phone_number) for ln in st.out]
        back = [ln.asset.tag for ln in st.back]
    if args.json:
        print_json({"trip": name, "out": [o[0] for o in out], "back": back})
        return 0
    print(f"{name}: {len(out)} out, {len(back)} back")
    for tag, sc, phone in out:
        print(f"  out  {tag}  {sc}  {phone or ''}".rstrip())
    return 0
