"""Bring a database to the schema this build knows (Alembic, shipped in ``db/migrations``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

#: the newest migration this build ships. Opening a database that is already
#: there needs no Alembic import at all (a test keeps this equal to the real head).
HEAD = "i18_pin_check"


class SchemaError(Exception):
    """The database cannot be used by this build (newer schema, several heads...)."""


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    heads = script.get_heads()
    if len(heads) != 1:
        raise SchemaError(f"migrations have {len(heads)} heads; expected one")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _quick_revision(engine: Engine) -> str | None:
    """The stamped revision, read with one query (None when not stamped / no table).

    In autocommit on a server: one round trip, with no ``BEGIN`` or ``ROLLBACK`` around it.
    """
    if engine.dialect.name != "sqlite":
        engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
            conn.rollback()
    except DBAPIError:
        return None
    return row[0] if row else None


def _known(script: ScriptDirectory, rev: str) -> bool:
    try:
        return script.get_revision(rev) is not None
    except Exception:  # alembic raises CommandError/ResolutionError for unknown ids
        return False


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema; refuse a database written by a newer Loan Kiosk."""
    if _quick_revision(engine) == HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

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
