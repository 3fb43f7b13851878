"""``loan-kiosk backup FILE``: a consistent online copy of the database."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.context import CliContext
from app.cli.options import common_parent


def register(sub: Any) -> None:
    common = [common_parent()]

    p = sub.add_parser("backup", parents=common, help="consistent online copy of the database")
    p.add_argument("file")
    p.set_defaults(handler=cmd_backup)


def cmd_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.backup import backup_anchor, backup_database

    path = backup_database(ctx.app.db, Path(args.file))
    print(f"backup written to {path}")
    anchor = backup_anchor(path)
    if anchor is not None:
        print(f"its audit anchor (also in {path.name}.anchor): {anchor.token}")
    return 0
