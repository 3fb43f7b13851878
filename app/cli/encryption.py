"""``loan-kiosk encryption TAG``: record an encryption check."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.context import CliContext
from app.cli.options import common_parent
from app.uow import UnitOfWork
from db.models import ENCRYPTION_METHODS


def register(sub: Any) -> None:
    common = [common_parent()]

    p = sub.add_parser("encryption", parents=common, help="record an encryption check")
    p.add_argument("tag")
    p.add_argument("--method", choices=ENCRYPTION_METHODS)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--encrypted", dest="encrypted", action="store_true")
    g.add_argument("--not-encrypted", dest="encrypted", action="store_false")
    p.add_argument("--note")
    p.set_defaults(handler=cmd_encryption)


def cmd_encryption(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services.encryption import record_check, state_from_check

    def record(uow: UnitOfWork) -> str:
        check = record_check(uow, args.tag, encrypted=args.encrypted, method=args.method,
                             note=args.note)
        return f"{check.asset.tag}: {state_from_check(check).label}"

    print(ctx.transaction(record))
    return 0
