"""``loan-kiosk import staff|assets FILE.csv``: the staff list and the asset register."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.context import CliContext, print_json
from app.cli.inputs import read_file
from app.cli.options import common_parent


def register(sub: Any) -> None:
    common = [common_parent()]

    imp = sub.add_parser("import", help="import the staff list or the asset register from CSV")
    imp_sub = imp.add_subparsers(dest="what", metavar="WHAT", required=True)
    for what in ("staff", "assets"):
        p = imp_sub.add_parser(what, parents=common, help=f"import {what} from a CSV file")
        p.add_argument("file", metavar="FILE.csv")
        p.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.imports.assets import import_assets
    from app.imports.staff import import_staff

    data = read_file(args.file)
    fn = import_staff if args.what == "staff" else import_assets
    report = ctx.transaction(
        lambda uow: fn(uow, data, source_name=Path(args.file).name, dry_run=args.dry_run))
    if args.json:
        print_json(report.to_dict())
    else:
        for line in report.format_lines():
            print(line)
    return 0
