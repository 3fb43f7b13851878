"""``loan-kiosk kit add|add-members|remove-members|show|list|edit|deactivate|reactivate|label``:
kits, a labelled group of assets lent with one scan.

Lending and taking back a kit are ``loan-kiosk checkout KIT STAFF_CODE`` and
``loan-kiosk checkin KIT`` (see :mod:`app.cli.lending`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.context import CliContext, chosen_site, print_json
from app.cli.options import common_parent
from app.uow import UnitOfWork
from db.kits import KIT_KINDS


def register(sub: Any) -> None:
    common = [common_parent()]
    kit = sub.add_parser("kit", help="kits: a trolley, a phone case, a laptop with its bag")
    kit_sub = kit.add_subparsers(dest="kit_command", metavar="ACTION", required=True)

    p = kit_sub.add_parser("add", parents=common, help="create a kit")
    p.add_argument("tag", help="the kit's own tag (printed on its label; never an asset's)")
    p.add_argument("name")
    p.add_argument("--kind", choices=KIT_KINDS, default="bundle")
    # --site (a common option, app.cli.options): the school it belongs to
    p.add_argument("--home", metavar="LOCATION", help="where it lives when not lent")
    p.add_argument("--notes")
    p.add_argument("--members", nargs="+", metavar="TAG", default=[], help="its assets")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_kit_add)

    p = kit_sub.add_parser("add-members", parents=common, help="put assets in a kit")
    p.add_argument("kit")
    p.add_argument("tags", nargs="+", metavar="TAG")
    p.set_defaults(handler=cmd_kit_members, adding=True)

    p = kit_sub.add_parser("remove-members", parents=common, help="take assets out of a kit")
    p.add_argument("kit")
    p.add_argument("tags", nargs="+", metavar="TAG")
    p.set_defaults(handler=cmd_kit_members, adding=False)

    p = kit_sub.add_parser("show", parents=common, help="a kit and the state of each member")
    p.add_argument("kit")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_kit_show)

    p = kit_sub.add_parser("list", parents=common, help="every kit")
    p.add_argument("--all", dest="all_", action="store_true", help="inactive kits too")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_kit_list)

    p = kit_sub.add_parser("edit", parents=common, help="rename a kit, its notes or home")
    p.add_argument("kit")
    p.add_argument("--name")
    p.add_argument("--notes")
    p.add_argument("--home", metavar="LOCATION", help="'' for none")
    p.set_defaults(handler=cmd_kit_edit)

    for action, active in (("deactivate", False), ("reactivate", True)):
        p = kit_sub.add_parser(action, parents=common,
                               help="(admin) retire a kit, freeing its members" if not active
                               else "(admin) bring an inactive kit back")
        p.add_argument("kit")
        p.set_defaults(handler=cmd_kit_active, active=active)

    p = kit_sub.add_parser("label", parents=common, help="QR labels for kits (PDF sheet)")
    p.add_argument("kits", nargs="+", metavar="KIT")
    p.add_argument("--out", metavar="FILE.pdf", required=True)
    p.add_argument("--template", help="label stock (default: from the settings)")
    p.add_argument("--start", type=int, default=None, metavar="N",
                   help="first free label on a partly used sheet")
    p.add_argument("--force", action="store_true", help="replace FILE.pdf if it exists")
    p.set_defaults(handler=cmd_kit_label)


def _card_json(card: Any) -> dict[str, Any]:
    return {"tag": card.tag, "name": card.name, "kind": card.kind, "active": card.active,
            "site": card.site, "home": card.home, "notes": card.notes,
            "members": [{"tag": m.tag, "kind": m.kind, "status": m.status, "holder": m.holder,
                         "with_kit": m.with_kit,
                         "due": m.due_on.isoformat() if m.due_on else None}
                        for m in card.members]}


def _print_card(card: Any) -> None:
    print(f"kit {card.tag} {card.name} ({card.kind}): {card.summary}")
    if card.home:
        print(f"  home: {card.home}")
    for m in card.members:
        print(f"  {m.tag:<14} {m.kind:<8} {m.state_text}")


def cmd_kit_add(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.kits import add_kit

    card = ctx.transaction(lambda uow: add_kit(
        uow, args.tag, args.name, kind=args.kind, site=chosen_site(args) or None, home=args.home,
        notes=args.notes, members=args.members))
    if args.json:
        print_json(_card_json(card))
    else:
        print(f"kit {card.tag} created: {card.name}, {card.summary}")
    return 0


def cmd_kit_members(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.kits import add_members, remove_members

    change = add_members if args.adding else remove_members

    def work(uow: UnitOfWork) -> tuple[Any, list[str]]:
        return change(uow, args.kit, args.tags)

    card, changed = ctx.transaction(work)
    verb = "added to" if args.adding else "taken out of"
    if changed:
        print(f"{', '.join(changed)} {verb} kit {card.tag}; it now has {card.summary}")
    else:
        print(f"nothing changed: kit {card.tag} has {card.summary}")
    return 0


def cmd_kit_show(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.kits import kit_card

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        card = kit_card(uow, args.kit)
    if args.json:
        print_json(_card_json(card))
    else:
        _print_card(card)
    return 0


def cmd_kit_list(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.kits import list_kits
    from app.services.site_scope import every_school_shown

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        rows = list_kits(uow, include_inactive=args.all_)
        every = every_school_shown(uow)
    if args.json:
        print_json([{"tag": r.tag, "name": r.name, "kind": r.kind, "members": r.members,
                     "out": r.out, "active": r.active, "site": r.site} for r in rows])
        return 0
    if not rows:
        print("no kits")
    for r in rows:
        out = f", {r.out} out" if r.out else ""
        school = f"{r.site or '-':<6} " if every else ""  # --site ALL: whose each kit is
        print(f"{school}{r.tag:<16} {r.name} ({r.kind}, {r.members} members{out}"
              f"{'' if r.active else ', inactive'})")
    return 0


def cmd_kit_edit(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.kits import edit_kit

    card = ctx.transaction(lambda uow: edit_kit(uow, args.kit, name=args.name, notes=args.notes,
                                                home=args.home))
    _print_card(card)
    return 0


def cmd_kit_active(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.kits import set_kit_active

    card = ctx.transaction(lambda uow: set_kit_active(uow, args.kit, args.active))
    print(f"kit {card.tag} is {'active' if card.active else 'inactive'}; {card.summary}")
    return 0


def cmd_kit_label(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services import documents

    pdf = documents.render_kit_labels(ctx.app, args.kits, template=args.template,
                                      start=args.start or ctx.app.settings.printing.label_start)
    out = documents.write_output(Path(args.out), pdf, overwrite=args.force)
    print(f"kit labels written to {out}")
    return 0
