"""Bring a database to the schema this build knows (Alembic, shipped in ``db/migrations``)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class SchemaError(Exception):
    """The database cannot be used by this build (newer schema, several heads...)."""


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    heads = script.get_heads()
    if len(heads) != 1:
        raise SchemaError(f"migrations have {len(heads)} heads; expected one")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _known(script: ScriptDirectory, rev: str) -> bool:
    try:
        return script.get_revision(rev) is not None
    except Exception:  # alembic raises CommandError/ResolutionError for unknown ids
        return False


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema; refuse a database written by a newer Loan Kiosk."""
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        return
    if current is not None and not _known(script, current):
        raise SchemaError(
            f"this database uses schema {current}, which is newer than this version of "
            "Loan Kiosk knows; upgrade Loan Kiosk before opening it"
        )
    command.upgrade(alembic_config(engine), "head")
