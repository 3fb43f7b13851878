"""issue 16: where an asset lives, when and for how much it was bought, how it is encrypted

Revision ID: i16_asset_details
Revises: i23_notices (re-chained after issue 23's migration when main was merged)
Create Date: 2026-12-06 17:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'i16_asset_details'
down_revision = 'i23_notices'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('assets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('encryption_method', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('location', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('purchase_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('purchase_cost_pence', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('assets', schema=None) as batch_op:
        batch_op.drop_column('purchase_cost_pence')
        batch_op.drop_column('purchase_date')
        batch_op.drop_column('location')
        batch_op.drop_column('encryption_method')
