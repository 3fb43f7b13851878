"""``loan-kiosk whois CODE``: what a scanned code is."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import CliContext, print_json
from app.cli.options import common_parent


def register(sub: Any) -> None:
    common = [common_parent()]

    p = sub.add_parser("whois", parents=common, help="what a scanned code is")
    p.add_argument("code")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_whois)


def cmd_whois(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.clock import local_date
    from app.services.lookup import get_asset
    from app.services.places_text import asset_places, school_of
    from app.services.scan import resolve_scan

    with ctx.app.uow(ctx.actor(), readonly=True) as uow:
        result = resolve_scan(uow, args.code)
        data = result.to_dict(local_date(uow.now))
        if result.type == "asset" and result.asset is not None:
            # its school, home and current location (the scan itself does without: hot path)
            data.update(asset_places(uow, get_asset(uow, result.asset.asset.tag)))
        elif result.type == "person" and result.person is not None:
            data["site"] = school_of(uow, result.person.site_id)
    if args.json:
        print_json(data)
    elif data["type"] == "asset":
        enc = {True: "encrypted", False: "not encrypted", None: "encryption unknown"}[data["encrypted"]]
        holder = f", on loan to {data['holder']} until {data['due']}" if data["holder"] else ""
        print(f"asset {data['tag']} ({data['kind']}, {data['status']}, {enc}){holder}")
        print("  " + _school_line(data["site"]))
        for key, word in (("home", "home"), ("location", "now at")):
            place = data[key]
            print(f"  {word}: " + (f"{place['path']} ({place['code']})" if place else "—"))
    elif data["type"] == "kit":
        print(f"kit {data['tag']} {data['name']} ({data['kind']}, "
              f"{len(data['members'])} members{'' if data['active'] else ', inactive'})")
        for m in data["members"]:
            holder = f", {m['holder']}" if m["holder"] else ""
            print(f"  {m['tag']} ({m['kind']}, {m['status']}{holder})")
    elif data["type"] == "person":
        items = ", ".join(data["items"]) or "nothing"
        print(f"person {data['staff_code']} {data['name']} ({data['status']}), holds: {items}")
        print("  " + _school_line(data["site"]))
    elif data["type"] == "receipt":
        verdict = "matches the record" if data["matches"] else "does NOT match the record"
        print(f"receipt {data['number']}: {verdict}" if data["found"]
              else f"receipt {data['number']}: not in this database")
    else:
        print("unknown code" + (f": {data['advice']}" if data.get("advice") else ""))
    return 0


def _school_line(site: dict[str, str] | None) -> str:
    return f"school: {site['name']} ({site['code']})" if site else "school: none"
