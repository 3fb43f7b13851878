"""issue 17: on PostgreSQL the audit chain is append-only, whoever connects

Audit events can be inserted but never updated, deleted or truncated (a
trigger, for every role: privileges alone would not bind the owner's
accidental SQL), and the head moves only forward, onto the newest event (a
``SECURITY DEFINER`` trigger function, so it reads the events with the owner's
rights whatever the desk role may read). The desk role's privileges are set by
``loan-kiosk desk-role`` (db/roles.py). SQLite has no roles: there the desk's
operating-system user owns the file, and anchors are the defence
(docs/reliability.md, threat model).

Revision ID: i17_append_only_audit
Revises: i16_asset_details (re-chained after issues 23 and 16 merged)
"""

from __future__ import annotations

from alembic import op

revision = 'i17_append_only_audit'
down_revision = 'i16_asset_details'
branch_labels = None
depends_on = None

UPGRADE = r"""
CREATE FUNCTION loan_kiosk_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION loan_kiosk_audit_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION loan_kiosk_audit_append_only();

CREATE FUNCTION loan_kiosk_audit_head_forward() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    tbl text := quote_ident(TG_TABLE_SCHEMA) || '.audit_events';
    found boolean;
    later boolean;
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'the audit head cannot be %d', lower(TG_OP)
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.id <> OLD.id OR NEW.seq < OLD.seq OR (NEW.seq = OLD.seq AND NEW.hash <> OLD.hash) THEN
        RAISE EXCEPTION 'the audit head moves only forward'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.seq = OLD.seq THEN
        RETURN NEW;
    END IF;
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM ' || tbl || ' WHERE seq = $1 AND hash = $2)'
        INTO found USING NEW.seq, NEW.hash;
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM ' || tbl || ' WHERE seq > $1)'
        INTO later USING NEW.seq;
    IF NOT found OR later THEN
        RAISE EXCEPTION 'the audit head must name the newest audit event'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER audit_head_forward BEFORE UPDATE OR DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION loan_kiosk_audit_head_forward();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION loan_kiosk_audit_append_only();
"""

DOWNGRADE = """
DROP TRIGGER audit_head_no_truncate ON audit_head;
DROP TRIGGER audit_head_forward ON audit_head;
DROP FUNCTION loan_kiosk_audit_head_forward();
DROP TRIGGER audit_events_no_truncate ON audit_events;
DROP TRIGGER audit_events_append_only ON audit_events;
DROP FUNCTION loan_kiosk_audit_append_only();
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(UPGRADE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(DOWNGRADE)
