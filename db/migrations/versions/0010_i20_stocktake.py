"""issue 20: stocktakes by scanning

A stocktake of a location (with its sub-locations) or of a whole site, and the codes
scanned into it: one row per asset and stocktake (two desks scanning the same item
record it once), one per unknown code as scanned.

Revision ID: i20_stocktake
Revises: i24_bookings
Create Date: 2026-12-06 20:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'i20_stocktake'
down_revision = 'i24_bookings'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stocktakes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('location_id', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_by', sa.String(length=128), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_by', sa.String(length=128), nullable=True),
    sa.Column('file', sa.String(length=500), nullable=True),
    sa.Column('file_sha256', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['location_id'], ['locations.id'], name=op.f('fk_stocktakes_location_id_locations')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_stocktakes_site_id_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stocktakes'))
    )
    with op.batch_alter_table('stocktakes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stocktakes_location_id'), ['location_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stocktakes_site_id'), ['site_id'], unique=False)

    op.create_table('stocktake_scans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stocktake_id', sa.Integer(), nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=True),
    sa.Column('code', sa.String(length=128), nullable=False),
    sa.Column('code_key', sa.String(length=128), nullable=False),
    sa.Column('scanned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('scanned_by', sa.String(length=128), nullable=False),
    sa.Column('desk', sa.String(length=128), nullable=True),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], name=op.f('fk_stocktake_scans_asset_id_assets')),
    sa.ForeignKeyConstraint(['stocktake_id'], ['stocktakes.id'], name=op.f('fk_stocktake_scans_stocktake_id_stocktakes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stocktake_scans')),
    sa.UniqueConstraint('stocktake_id', 'asset_id', name='uq_stocktake_scans_asset')
    )
    with op.batch_alter_table('stocktake_scans', schema=None) as batch_op:
        batch_op.create_index('uq_stocktake_scans_unknown', ['stocktake_id', 'code_key'], unique=True,
                              sqlite_where=sa.text('asset_id IS NULL'),
                              postgresql_where=sa.text('asset_id IS NULL'))


def downgrade() -> None:
    with op.batch_alter_table('stocktake_scans', schema=None) as batch_op:
        batch_op.drop_index('uq_stocktake_scans_unknown',
                            sqlite_where=sa.text('asset_id IS NULL'),
                            postgresql_where=sa.text('asset_id IS NULL'))
    op.drop_table('stocktake_scans')
    with op.batch_alter_table('stocktakes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stocktakes_site_id'))
        batch_op.drop_index(batch_op.f('ix_stocktakes_location_id'))
    op.drop_table('stocktakes')
