"""issue 19: audit events are appended unsealed and sealed in commit order

A PostgreSQL desk no longer locks the chain's head for the whole of its
transaction: it appends its events with no number and no hash when another desk
holds the head, and the next seal chains them (app/audit_seal.py). So
``seq``, ``prev_hash`` and ``hash`` may be NULL until then; the append-only
trigger lets exactly one update through per event — sealing it, from NULL to
values, every other column unchanged — and refuses any other update, delete or
truncate, for every role. The desk role may update only those three columns
(db/roles.py).

Revision ID: i19_sealed_audit
Revises: i20_stocktake (written on i17_append_only_audit; re-chained after the migrations
main gained meanwhile, issues 20 and 24)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'i19_sealed_audit'
down_revision = 'i20_stocktake'
branch_labels = None
depends_on = None

UPGRADE = r"""
CREATE FUNCTION loan_kiosk_audit_seal_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
       AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
       AND NEW.id = OLD.id
       AND (NEW.at, NEW.actor, NEW.action, NEW.entity, NEW.entity_id, NEW.details)
           IS NOT DISTINCT FROM
           (OLD.at, OLD.actor, OLD.action, OLD.entity, OLD.entity_id, OLD.details) THEN
        RETURN NEW;  -- sealing: an unsealed event gets its number and hashes, once
    END IF;
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;

DROP TRIGGER audit_events_append_only ON audit_events;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION loan_kiosk_audit_seal_only();
"""

DOWNGRADE = """
DROP TRIGGER audit_events_append_only ON audit_events;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION loan_kiosk_audit_append_only();
DROP FUNCTION loan_kiosk_audit_seal_only();
"""


def upgrade() -> None:
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.alter_column('seq', existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column('prev_hash', existing_type=sa.String(length=64), nullable=True)
        batch_op.alter_column('hash', existing_type=sa.String(length=64), nullable=True)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(UPGRADE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(DOWNGRADE)
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.alter_column('hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('prev_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('seq', existing_type=sa.Integer(), nullable=False)
