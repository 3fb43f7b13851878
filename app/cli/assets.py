"""``loan-kiosk asset return-to-service|found|retire|move``: the ways out of an asset's
status, and moving it between locations."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import CliContext, print_json
from app.uow import UnitOfWork
from db.models import CONDITIONS


def register(sub: Any) -> None:
    from app.cli.options import common_parent

    common = [common_parent()]
    asset = sub.add_parser("asset", help="an asset back from repair, found, or retired")
    asset_sub = asset.add_subparsers(dest="asset_command", metavar="ACTION", required=True)
    p = asset_sub.add_parser("return-to-service", parents=common,
                             help="back from repair (or, an admin, un-retire) and available")
    p.add_argument("tag")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_return_to_service)
    p = asset_sub.add_parser("found", parents=common,
                             help="a lost or stolen asset turned up: book it back in")
    p.add_argument("tag")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--condition", choices=CONDITIONS, default="ok")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_found)
    p = asset_sub.add_parser("retire", parents=common, help="(admin) take an asset out of use")
    p.add_argument("tag")
    p.add_argument("--reason", required=True, metavar="TEXT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_retire)
    p = asset_sub.add_parser("move", parents=common,
                             help="put an asset at another location (another school's: a trust "
                                  "admin)")
    p.add_argument("tag")
    p.add_argument("location", help="the location's code")
    p.add_argument("--home", action="store_true",
                   help="and make it the asset's home location (where check-in puts it back)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_move)


def _report(args: argparse.Namespace, change: Any) -> int:
    if args.json:
        print_json({"tag": change.tag, "status": change.status, "message": change.message})
    else:
        print(change.message)
    return 0


def cmd_return_to_service(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.asset_status import return_to_service

    def work(uow: UnitOfWork) -> Any:
        return return_to_service(uow, args.tag, note=args.note)

    return _report(args, ctx.transaction(work))


def cmd_found(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.asset_status import asset_found

    def work(uow: UnitOfWork) -> Any:
        return asset_found(uow, args.tag, note=args.note, condition=args.condition)

    return _report(args, ctx.transaction(work))


def cmd_retire(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.asset_status import retire_asset

    def work(uow: UnitOfWork) -> Any:
        return retire_asset(uow, args.tag, reason=args.reason)

    return _report(args, ctx.transaction(work))


def cmd_move(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.moves import move_asset

    moved = ctx.transaction(lambda uow: move_asset(uow, args.tag, args.location, home=args.home))
    if args.json:
        print_json(moved.__dict__)
    else:
        home = " (its home now)" if moved.home else ""
        print(f"{moved.tag} moved from {moved.was} to {moved.now}{home}")
    return 0
