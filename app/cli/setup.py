"""``loan-kiosk init``: create or upgrade the database."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import CliContext
from app.cli.options import common_parent


def register(sub: Any) -> None:
    common = [common_parent()]

    p = sub.add_parser("init", parents=common, help="create or upgrade the database")
    p.set_defaults(handler=cmd_init)


def cmd_init(args: argparse.Namespace, ctx: CliContext) -> int:
    app = ctx.app
    from db.schema import current_revision

    print(f"database ready at {app.db.engine.url.render_as_string(hide_password=True)} "
          f"(schema {current_revision(app.db.engine)})")
    return 0
