"""Maintenance commands: restore, backups status/run, desk-role, privacy purge/export."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.context import CliContext, print_json
from app.errors import InvalidInput


def register(sub: Any) -> None:
    from app.cli.options import common_parent

    common = [common_parent()]

    p = sub.add_parser("restore", parents=common,
                       help="(admin) replace the database with a backup, keeping a safety copy")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=cmd_restore)

    bk = sub.add_parser("backups", help="automatic daily backups in the data folder")
    bk_sub = bk.add_subparsers(dest="backups_command", metavar="ACTION", required=True)
    p = bk_sub.add_parser("status", parents=common, help="how old the newest backup is")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_backups_status)
    p = bk_sub.add_parser("run", parents=common,
                          help="take today's backup if it is due, and rotate old ones")
    p.set_defaults(handler=cmd_backups_run)

    p = sub.add_parser("desk-role", parents=common,
                       help="(PostgreSQL, as the owner) let ROLE run desks: it may add to the "
                            "audit log but never edit or delete it")
    p.add_argument("role", metavar="ROLE", help="an existing login role")
    p.set_defaults(handler=cmd_desk_role)

    pv = sub.add_parser("privacy", help="UK GDPR: retention purge and subject access export")
    pv_sub = pv.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)
    p = pv_sub.add_parser("purge", parents=common,
                          help="(admin) remove personal data past its retention period")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--dry-run", action="store_true", help="show what would be removed")
    g.add_argument("--apply", action="store_true", help="remove it (recorded in the audit log)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_privacy_purge)
    p = pv_sub.add_parser("export", parents=common,
                          help="(admin) everything held about a person, as JSON plus their receipts")
    p.add_argument("staff_code", metavar="STAFF_CODE")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the export into")
    p.set_defaults(handler=cmd_privacy_export)


def cmd_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.backup import restore_database

    result = restore_database(ctx.app, ctx.actor(), Path(args.file))
    info = result.info
    print(f"restored {info.path.name} (schema {info.revision}: {info.people} people, "
          f"{info.loans} loans, {info.audit_events} audit events)")
    print(f"the database as it was is kept in {result.safety_backup}")
    return 0


def cmd_desk_role(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.roles import grant_desk

    try:
        tables = grant_desk(ctx.app.db.engine, args.role)
    except (ValueError, LookupError) as exc:
        raise InvalidInput(str(exc)) from exc
    print(f"{args.role} may now run desks on this database ({len(tables)} tables); "
          "it can add audit events but not edit or delete them")
    return 0


def cmd_backups_status(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.backup import backup_status

    st = backup_status(ctx.app)
    if args.json:
        print_json({"ok": st.ok, "newest": str(st.newest) if st.newest else None,
                    "taken_at": st.taken_at.isoformat() if st.taken_at else None,
                    "age_hours": round(st.age.total_seconds() / 3600, 2) if st.age else None,
                    "message": st.message})
    else:
        print(st.message)
    return 0 if st.ok else 1


def cmd_backups_run(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.backup import auto_backup

    if not ctx.app.db.is_sqlite:
        raise InvalidInput("the database is on a PostgreSQL server: back it up with pg_dump")
    path = auto_backup(ctx.app)
    print(f"backup written to {path}" if path else "today's backup was already taken")
    return 0


def cmd_privacy_purge(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services import privacy

    actor = ctx.actor()
    run = privacy.apply_purge if args.apply else privacy.purge_plan
    plan = run(ctx.app, actor)
    if args.json:
        print_json(plan.to_dict())
        return 0
    for line in plan.format_lines():
        print(line)
    return 0


def cmd_privacy_export(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.services import privacy

    result = privacy.subject_access_export(ctx.app, ctx.actor(), args.staff_code, Path(args.out))
    print(f"wrote {result.json_file} and {len(result.documents)} document(s) to {result.folder}")
    return 0
