"""issue 12: incidents close with an outcome, reversals, personal data at return, retiring

Revision ID: i12_corrections
Revises: 0002
Create Date: 2026-12-06 13:00:06.812119
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'i12_corrections'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reversals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('by', sa.String(length=128), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('event_seq', sa.Integer(), nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=True),
    sa.Column('loan_id', sa.Integer(), nullable=True),
    sa.Column('receipt_id', sa.Integer(), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('undone', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], name=op.f('fk_reversals_asset_id_assets')),
    sa.ForeignKeyConstraint(['loan_id'], ['loans.id'], name=op.f('fk_reversals_loan_id_loans')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_reversals_person_id_people')),
    sa.ForeignKeyConstraint(['receipt_id'], ['receipts.id'], name=op.f('fk_reversals_receipt_id_receipts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reversals'))
    )
    with op.batch_alter_table('reversals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reversals_asset_id'), ['asset_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reversals_loan_id'), ['loan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_reversals_receipt_id'), ['receipt_id'], unique=False)

    with op.batch_alter_table('assets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retired_reason', sa.Text(), nullable=True))

    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('outcome', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('cost_pence', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('closed_by', sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column('resolution', sa.Text(), nullable=True))

    with op.batch_alter_table('loans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('data_in', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('data_note', sa.Text(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('loans', schema=None) as batch_op:
        batch_op.drop_column('data_note')
        batch_op.drop_column('data_in')

    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_column('resolution')
        batch_op.drop_column('closed_by')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('cost_pence')
        batch_op.drop_column('outcome')

    with op.batch_alter_table('assets', schema=None) as batch_op:
        batch_op.drop_column('retired_reason')

    with op.batch_alter_table('reversals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reversals_receipt_id'))
        batch_op.drop_index(batch_op.f('ix_reversals_loan_id'))
        batch_op.drop_index(batch_op.f('ix_reversals_asset_id'))

    op.drop_table('reversals')
