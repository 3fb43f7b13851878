"""``loan-kiosk site …`` and ``loan-kiosk location …``: a trust's schools and their rooms,
cupboards and trolleys (list, add, rename, nest, close, reopen, print QR labels)."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import CliContext, print_json
from app.uow import UnitOfWork
from db.places import LOCATION_KINDS


def register(sub: Any) -> None:
    from app.cli.inputs import bounded_int
    from app.cli.options import common_parent

    common = [common_parent()]
    site = sub.add_parser("site", help="the trust's schools (sites)")
    site_sub = site.add_subparsers(dest="site_command", metavar="ACTION", required=True)
    p = site_sub.add_parser("add", parents=common,
                            help="(admin) add a school; the first one added takes in every "
                                 "person and asset that has none")
    p.add_argument("code", help="a short code, printed and typed (e.g. NHS)")
    p.add_argument("name")
    p.set_defaults(handler=cmd_site_add)
    p = site_sub.add_parser("list", parents=common, help="every school, with counts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_site_list)
    p = site_sub.add_parser("edit", parents=common, help="(admin) rename a school or change its code")
    p.add_argument("code")
    p.add_argument("--name")
    p.add_argument("--code", dest="new_code", metavar="NEW_CODE")
    p.set_defaults(handler=cmd_site_edit)
    for action, text in (("close", "(admin) close a school: it stays in history"),
                         ("reopen", "(admin) reopen a closed school")):
        p = site_sub.add_parser(action, parents=common, help=text)
        p.add_argument("code")
        p.set_defaults(handler=cmd_site_active, active=action == "reopen")

    loc = sub.add_parser("location", help="rooms, cupboards, trolleys and shelves of a school")
    loc_sub = loc.add_subparsers(dest="location_command", metavar="ACTION", required=True)
    p = loc_sub.add_parser("add", parents=common,
                           help="(admin) add a location to the school --site names (default: "
                                "this desk's)")
    p.add_argument("code", help="a code unique across the trust, printed on its label")
    p.add_argument("name")
    p.add_argument("--in", dest="parent", metavar="PARENT",
                   help="inside this location (at its school, unless --site says otherwise)")
    p.add_argument("--kind", choices=LOCATION_KINDS, default="room")
    p.set_defaults(handler=cmd_location_add)
    p = loc_sub.add_parser("list", parents=common,
                           help="the location tree of the school --site names (ALL: every "
                                "school's)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_location_list)
    p = loc_sub.add_parser("edit", parents=common, help="(admin) rename a location or change "
                                                        "its kind")
    p.add_argument("code")
    p.add_argument("--name")
    p.add_argument("--kind", choices=LOCATION_KINDS)
    p.set_defaults(handler=cmd_location_edit)
    p = loc_sub.add_parser("move", parents=common,
                           help="(admin) put a location inside another (--top: at the top)")
    p.add_argument("code")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--in", dest="parent", metavar="PARENT")
    where.add_argument("--top", action="store_true")
    p.set_defaults(handler=cmd_location_move)
    for action, text in (("close", "(admin) take a location out of use"),
                         ("reopen", "(admin) bring a location back into use")):
        p = loc_sub.add_parser(action, parents=common, help=text)
        p.add_argument("code")
        p.set_defaults(handler=cmd_location_active, active=action == "reopen")
    p = loc_sub.add_parser("label", parents=common,
                           help="print QR labels for locations (a stocktake starts by "
                                "scanning one)")
    p.add_argument("codes", nargs="+", metavar="CODE")
    p.add_argument("--pdf", metavar="FILE", help="write the label sheet here instead of printing")
    p.add_argument("--force", action="store_true", help="replace the --pdf file if it exists")
    p.add_argument("--start", type=bounded_int(1, 200), metavar="N",
                   help="first free label on a partly used sheet (default: the "
                        "printing.label_start setting)")
    p.set_defaults(handler=cmd_location_label)


def _desk_site(uow: UnitOfWork) -> str:
    from app.errors import InvalidInput
    from app.services.site_scope import resolve_scope

    scope = resolve_scope(uow)
    if scope.code is None:
        raise InvalidInput("say which school with --site CODE ('loan-kiosk site list' shows "
                           "them)")
    return scope.code


def _parent_site(uow: UnitOfWork, parent: str | None) -> str | None:
    """The school of ``--in PARENT`` when neither ``--site`` nor the desk names one: a
    location inside another is at the same school (a trust admin works at every school)."""
    from app.services.places import find_location
    from app.services.site_scope import desk_site_choice
    from db.places import Site

    if not parent or desk_site_choice(uow):
        return None
    found = find_location(uow, parent)
    site = uow.session.get(Site, found.site_id) if found is not None else None
    return site.code if site is not None else None


def cmd_site_add(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.places import add_site

    code, name = ctx.transaction(lambda uow: (lambda s: (s.code, s.name))(
        add_site(uow, args.code, args.name)))
    print(f"site {code} added: {name}")
    return 0


def cmd_site_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.site_admin import list_sites

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        rows = list_sites(uow)
    if args.json:
        print_json([row.__dict__ for row in rows])
        return 0
    if not rows:
        print("(no schools yet: 'loan-kiosk site add CODE NAME')")
        return 0
    width = max(len(r.code) for r in rows)
    for r in rows:
        closed = "" if r.active else "  (closed)"
        print(f"{r.code.ljust(width)}  {r.name}  — {r.locations} locations, {r.assets} assets, "
              f"{r.people} people{closed}")
    return 0


def cmd_site_edit(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.site_admin import edit_site

    code, name = ctx.transaction(lambda uow: (lambda s: (s.code, s.name))(
        edit_site(uow, args.code, name=args.name, new_code=args.new_code)))
    print(f"site {code}: {name}")
    return 0


def cmd_site_active(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.site_admin import set_site_active

    code = ctx.transaction(lambda uow: set_site_active(uow, args.code, args.active).code)
    print(f"site {code} {'reopened' if args.active else 'closed'}")
    return 0


def cmd_location_add(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.places import add_location

    def work(uow: UnitOfWork) -> tuple[str, str, str]:
        site = _parent_site(uow, args.parent) or _desk_site(uow)
        loc = add_location(uow, site, args.code, args.name, kind=args.kind,
                           parent_code=args.parent)
        return loc.code, loc.name, site

    code, name, site = ctx.transaction(work)
    inside = f" in {args.parent}" if args.parent else ""
    print(f"location {code} added at {site}{inside}: {name} ({args.kind})")
    return 0


def cmd_location_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.site_admin import location_tree
    from app.services.site_scope import resolve_scope

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        scope = resolve_scope(uow)
        nodes = location_tree(uow, scope.code)
    if args.json:
        print_json([node.__dict__ for node in nodes])
        return 0
    print(f"{scope.label()}:")
    if not nodes:
        print("  (no locations yet: 'loan-kiosk location add CODE NAME')")
    site = None
    for n in nodes:
        if scope.all_schools and n.site != site:
            site = n.site
            print(f"{site}")
        closed = "  (out of use)" if not n.active else ""
        assets = f", {n.assets} asset{'s' if n.assets != 1 else ''}" if n.assets else ""
        print(f"{'  ' * (n.depth + 1)}{n.code}  {n.name}  ({n.kind}{assets}){closed}")
    return 0


def cmd_location_edit(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.site_admin import edit_location

    code, name, kind = ctx.transaction(lambda uow: (lambda x: (x.code, x.name, x.kind))(
        edit_location(uow, args.code, name=args.name, kind=args.kind)))
    print(f"location {code}: {name} ({kind})")
    return 0


def cmd_location_move(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.site_admin import move_location

    parent = None if args.top else args.parent
    code = ctx.transaction(lambda uow: move_location(uow, args.code, parent).code)
    print(f"location {code} is now {'inside ' + parent if parent else 'at the top'}")
    return 0


def cmd_location_active(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.site_admin import set_location_active

    code = ctx.transaction(lambda uow: set_location_active(uow, args.code, args.active).code)
    print(f"location {code} {'back in use' if args.active else 'out of use'}")
    return 0


def cmd_location_label(args: argparse.Namespace, ctx: CliContext) -> int:
    import sys
    from pathlib import Path

    from app.services.documents import write_output
    from app.services.documents.labels import render_location_labels

    pdf = render_location_labels(ctx.app, args.codes,
                                 start=args.start or ctx.app.settings.printing.label_start)
    if args.pdf:
        out = write_output(Path(args.pdf), pdf, overwrite=args.force)
        print(f"location labels written to {out}")
        return 0
    from app.services.label_printing import print_labels

    outcome = print_labels(ctx.app, ctx.actor(), pdf, len(args.codes),
                           printer_factory=ctx.printer_factory())
    print(outcome.message, file=sys.stdout if outcome.printed else sys.stderr)
    return 0 if outcome.printed else 1
