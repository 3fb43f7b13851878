"""PostgreSQL: the desk role, which may add to the audit chain but never rewrite it.

The owner role (the one that ran ``loan-kiosk init`` and runs every migration)
owns the tables. A desk connects as a second, login role granted here: it reads
and writes the school's data as the app does, may INSERT audit events and move
the head forward (checked by the ``audit_head_forward`` trigger, which runs
with the owner's rights), may seal an unsealed event (UPDATE of its ``seq``,
``prev_hash`` and ``hash`` columns only, and the trigger lets only that first
sealing through), and has no other UPDATE, nor DELETE or TRUNCATE, on
``audit_events`` (the ``audit_events_append_only`` trigger refuses those for
everyone besides). Not being the owner, it cannot drop or disable the
triggers. Nor can it read a PIN hash or reset a lock-out: on ``technicians`` it
has every column but ``pin_hash`` to read, and no UPDATE of the hash or of the
failure count, and it checks and sets PINs through ``SECURITY DEFINER``
functions (``pin_params``, ``pin_check``, ``pin_set``). README "Two PostgreSQL
roles" shows the set-up.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, Engine, text

#: tables whose rows a desk only adds to (and the head it moves forward)
APPEND_ONLY = {"audit_events": "SELECT, INSERT, UPDATE (seq, prev_hash, hash)",
               "audit_head": "SELECT, UPDATE",
               "alembic_version": "SELECT"}
#: technicians' columns a desk may neither read (the hash) nor write (the lock-out state):
#: it checks and sets PINs through the owner's functions (migration ``i18_pin_check``)
PIN_GUARDED = ("pin_hash", "failed_attempts", "locked_until")
PIN_FUNCTIONS = ("pin_params(integer)", "pin_check(integer, text)", "pin_set(integer, text, text)")
_ROLE = re.compile(r"^[a-z_][a-z0-9_$]{0,62}$")


def grant_desk(engine: Engine, role: str) -> list[str]:
    """Grant ``role`` (an existing login role) what a desk needs; return the tables granted.

    Run as the owner. Idempotent; run it again after an upgrade that adds tables
    (default privileges cover tables the owner creates later, too).
    """
    if engine.dialect.name != "postgresql":
        raise ValueError("desk roles are a PostgreSQL feature; SQLite has no roles")
    if not _ROLE.match(role):
        raise ValueError(f"{role!r} is not a plain role name (lower-case letters, digits, _)")
    with engine.begin() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
        if exists is None:
            raise LookupError(f"there is no PostgreSQL role {role!r}: create it first "
                              f"(CREATE ROLE {role} LOGIN PASSWORD '…')")
        owner = conn.execute(text("SELECT current_user")).scalar_one()
        if owner == role:
            raise ValueError("connect as the owner role, not as the desk role, to grant it")
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
        db = conn.execute(text("SELECT current_database()")).scalar_one()
        tables = list(conn.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")).scalars())
        q = f'"{role}"'
        conn.execute(text(f'GRANT CONNECT ON DATABASE "{db}" TO {q}'))
        conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO {q}'))
        conn.execute(text(f'REVOKE CREATE ON SCHEMA "{schema}" FROM {q}'))
        for t in tables:
            conn.execute(text(f'REVOKE ALL ON TABLE "{schema}"."{t}" FROM {q}'))
            if t == "technicians":
                _grant_technicians(conn, schema, q)
                continue
            rights = APPEND_ONLY.get(t, "SELECT, INSERT, UPDATE, DELETE")
            conn.execute(text(f'GRANT {rights} ON TABLE "{schema}"."{t}" TO {q}'))
        conn.execute(text(f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO {q}'))
        conn.execute(text(f'ALTER DEFAULT PRIVILEGES IN SCHEMA "{schema}" '
                          f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {q}"))
        conn.execute(text(f'ALTER DEFAULT PRIVILEGES IN SCHEMA "{schema}" '
                          f"GRANT USAGE, SELECT ON SEQUENCES TO {q}"))
    return tables


def _grant_technicians(conn: Connection, schema: str, q: str) -> None:
    """Column rights on ``technicians``: no reading the PIN hash, no writing the lock-out."""
    columns = list(conn.execute(text(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = :s "
        "AND table_name = 'technicians' ORDER BY ordinal_position"), {"s": schema}).scalars())
    readable = ", ".join(f'"{c}"' for c in columns if c != "pin_hash")
    writable = ", ".join(f'"{c}"' for c in columns if c not in PIN_GUARDED)
    table = f'"{schema}"."technicians"'
    conn.execute(text(f"GRANT SELECT ({readable}), UPDATE ({writable}), INSERT, DELETE "
                      f"ON TABLE {table} TO {q}"))
    for fn in PIN_FUNCTIONS:
        conn.execute(text(f'GRANT EXECUTE ON FUNCTION "{schema}".{fn} TO {q}'))
