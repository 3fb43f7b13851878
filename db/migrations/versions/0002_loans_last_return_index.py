"""index for an asset's last return condition

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 05:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('loans', schema=None) as batch_op:
        batch_op.create_index('ix_loans_asset_returned', ['asset_id', 'in_at', 'condition_in'],
                              unique=False, sqlite_where=sa.text('condition_in IS NOT NULL'),
                              postgresql_where=sa.text('condition_in IS NOT NULL'))


def downgrade() -> None:
    with op.batch_alter_table('loans', schema=None) as batch_op:
        batch_op.drop_index('ix_loans_asset_returned', sqlite_where=sa.text('condition_in IS NOT NULL'),
                            postgresql_where=sa.text('condition_in IS NOT NULL'))
