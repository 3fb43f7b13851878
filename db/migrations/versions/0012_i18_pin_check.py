"""issue 18: on PostgreSQL a desk checks a PIN without reading any PIN hash

Three functions run with the owner's rights (``SECURITY DEFINER``):

- ``pin_params(technician_id)``: the hash's scheme, scrypt parameters and salt
  (``scrypt$N$r$p$salt``: not secret), so the desk can derive the digest of the
  PIN typed;
- ``pin_check(technician_id, digest)``: compares the digest with the stored one
  in the database, with the technician's row locked, counts a wrong one and locks
  the account out (5 wrong in a row: 60 s, doubling, at most an hour, on the
  server's clock), and answers ``ok`` / ``wrong`` / ``locked`` / ``unknown`` with the
  failure count and the seconds to wait; a locked account's digest is not compared;
- ``pin_set(technician_id, old_digest, new_hash)``: the same check of the old PIN,
  then the new hash is stored.

The desk role (``loan-kiosk desk-role``, db/roles.py) may not SELECT or UPDATE
``technicians.pin_hash``, nor UPDATE ``failed_attempts`` / ``locked_until``:
it works through these functions. Roles that already had privileges on
``technicians`` lose them on these columns here, so an upgrade closes the gap
without re-running ``desk-role``. SQLite has no roles: there the app checks PINs
in Python as before (app/services/technicians.py).

Revision ID: i18_pin_check
Revises: i20_stocktake (re-chained after issues 20 and 24 when main was merged)
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = 'i18_pin_check'
down_revision = 'i19_sealed_audit'
branch_labels = None
depends_on = None

#: the lock-out rule, as app/services/technicians.py states it for SQLite
MAX_FAILURES, LOCK_SECONDS, MAX_LOCK_SECONDS = 5, 60, 3600
#: columns only the PIN functions may write (and, for pin_hash, read)
GUARDED = ("pin_hash", "failed_attempts", "locked_until")

FUNCTIONS = r"""
CREATE FUNCTION pin_params(technician integer) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $$
    SELECT array_to_string((string_to_array(pin_hash, '$'))[1:5], '$')
      FROM {schema}.technicians
     WHERE id = technician AND active AND array_length(string_to_array(pin_hash, '$'), 1) = 6
$$;

CREATE FUNCTION pin_check(technician integer, digest text,
                          OUT outcome text, OUT failures integer, OUT wait_seconds integer)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $$
DECLARE
    stored text;
    is_active boolean;
    until timestamptz;
BEGIN
    -- the row lock queues parallel attempts: each sees the count the one before left
    SELECT pin_hash, active, failed_attempts, locked_until
      INTO stored, is_active, failures, until
      FROM {schema}.technicians WHERE id = technician FOR UPDATE;
    wait_seconds := 0;
    IF NOT FOUND OR NOT is_active THEN
        outcome := 'unknown';
        failures := 0;
        RETURN;
    END IF;
    IF until IS NOT NULL AND until > now() THEN
        outcome := 'locked';
        wait_seconds := greatest(1, ceil(extract(epoch FROM until - now())))::integer;
        RETURN;
    END IF;
    IF digest IS NOT NULL AND split_part(stored, '$', 6) <> ''
            AND split_part(stored, '$', 6) = digest THEN
        outcome := 'ok';  -- failures: the count this right PIN clears
        IF failures <> 0 OR until IS NOT NULL THEN
            UPDATE {schema}.technicians SET failed_attempts = 0, locked_until = NULL
             WHERE id = technician;
        END IF;
        RETURN;
    END IF;
    outcome := 'wrong';
    failures := failures + 1;
    IF failures >= {max_failures} THEN
        wait_seconds := least({max_lock}, {lock} * 2 ^ least(failures - {max_failures}, 16))::integer;
        until := now() + make_interval(secs => wait_seconds);
    END IF;
    UPDATE {schema}.technicians SET failed_attempts = failures, locked_until = until
     WHERE id = technician;
END $$;

CREATE FUNCTION pin_set(technician integer, old_digest text, new_hash text,
                        OUT outcome text, OUT failures integer, OUT wait_seconds integer)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $$
BEGIN
    IF new_hash IS NULL
            OR new_hash !~ '^scrypt\$[0-9]+\$[0-9]+\$[0-9]+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$' THEN
        RAISE EXCEPTION 'not a PIN hash' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT c.outcome, c.failures, c.wait_seconds INTO outcome, failures, wait_seconds
      FROM {schema}.pin_check(technician, old_digest) AS c;
    IF outcome = 'ok' THEN
        UPDATE {schema}.technicians SET pin_hash = new_hash WHERE id = technician;
    END IF;
END $$;

REVOKE ALL ON FUNCTION pin_params(integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION pin_check(integer, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION pin_set(integer, text, text) FROM PUBLIC;
"""

#: roles (besides the owner) that could read or write the guarded columns lose that,
#: keep every other column, and may call the functions instead
CLOSE_EXISTING = r"""
DO $$
DECLARE
    who text;
    keep text;
    rights text;
BEGIN
    SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) INTO keep
      FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'technicians'
       AND column_name NOT IN ('pin_hash', 'failed_attempts', 'locked_until');
    FOR who IN
        SELECT DISTINCT g.grantee FROM information_schema.role_table_grants g
         WHERE g.table_schema = current_schema() AND g.table_name = 'technicians'
           AND g.grantee NOT IN (current_user, 'PUBLIC')
           AND g.privilege_type IN ('SELECT', 'UPDATE')
    LOOP
        SELECT string_agg(privilege_type, ', ') INTO rights
          FROM information_schema.role_table_grants g
         WHERE g.table_schema = current_schema() AND g.table_name = 'technicians'
           AND g.grantee = who AND g.privilege_type IN ('SELECT', 'UPDATE');
        EXECUTE format('REVOKE SELECT, UPDATE ON technicians FROM %I', who);
        EXECUTE format('GRANT SELECT (%s, failed_attempts, locked_until) ON technicians TO %I',
                       keep, who);
        IF rights LIKE '%UPDATE%' THEN
            EXECUTE format('GRANT UPDATE (%s) ON technicians TO %I', keep, who);
        END IF;
        EXECUTE format('GRANT EXECUTE ON FUNCTION pin_params(integer), pin_check(integer, text), '
                       'pin_set(integer, text, text) TO %I', who);
    END LOOP;
END $$;
"""

DOWNGRADE = """
DROP FUNCTION pin_set(integer, text, text);
DROP FUNCTION pin_check(integer, text);
DROP FUNCTION pin_params(integer);
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    schema = bind.execute(text("SELECT quote_ident(current_schema())")).scalar_one()
    op.execute(FUNCTIONS.format(schema=schema, max_failures=MAX_FAILURES, lock=LOCK_SECONDS,
                                max_lock=MAX_LOCK_SECONDS))
    op.execute(CLOSE_EXISTING)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(DOWNGRADE)
