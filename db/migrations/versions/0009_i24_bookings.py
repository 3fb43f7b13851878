"""issue 24: bookings (reservations) and the rule that no two bookings of an asset overlap

``bookings`` holds what was booked, for whom and when; ``booking_items`` the assets each
booking holds, with its time range. The clash rule is the database's own:

- PostgreSQL: ``EXCLUDE USING gist (asset_id WITH =, tstzrange(starts_at, ends_at) WITH &&)
  WHERE (active)``. It needs the ``btree_gist`` extension: ``CREATE EXTENSION`` needs the
  database's owner (or a superuser), so run the upgrade as the owner role (docs/bookings.md).
- SQLite: triggers that abort an insert or update making two active items of one asset
  overlap (writes are serialised by ``BEGIN IMMEDIATE``, so the check cannot race).

Revision ID: i24_bookings
Revises: i20_places
Create Date: 2026-12-06 20:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'i24_bookings'
down_revision = 'i20_places'
branch_labels = None
depends_on = None

#: the message both backends' clash check carries (the service turns it into who holds it)
CLASH = "booking_clash"

_SQLITE_OVERLAP = """
    SELECT RAISE(ABORT, '{clash}') WHERE NEW.active AND EXISTS (
        SELECT 1 FROM booking_items o
        WHERE o.asset_id = NEW.asset_id AND o.active AND o.id IS NOT NEW.id
          AND o.starts_at < NEW.ends_at AND NEW.starts_at < o.ends_at);
""".format(clash=CLASH)


def upgrade() -> None:
    op.create_table('bookings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('made_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('made_by', sa.String(length=128), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=True),
    sa.Column('kit_id', sa.Integer(), nullable=True),
    sa.Column('pool_kind', sa.String(length=16), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=True),
    sa.Column('site_id', sa.Integer(), nullable=True),
    sa.Column('purpose', sa.String(length=500), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('multi_day', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('changed_by', sa.String(length=128), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], name=op.f('fk_bookings_asset_id_assets')),
    sa.ForeignKeyConstraint(['kit_id'], ['kits.id'], name=op.f('fk_bookings_kit_id_kits')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_bookings_person_id_people')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_bookings_site_id_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bookings'))
    )
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.create_index('ix_bookings_multi_day', ['ends_at'], unique=False,
                              sqlite_where=sa.text('multi_day'),
                              postgresql_where=sa.text('multi_day'))
        batch_op.create_index('ix_bookings_person_id', ['person_id', 'starts_at'], unique=False)
        batch_op.create_index('ix_bookings_pool', ['pool_kind', 'starts_at'], unique=False,
                              sqlite_where=sa.text('pool_kind IS NOT NULL'),
                              postgresql_where=sa.text('pool_kind IS NOT NULL'))
        batch_op.create_index(batch_op.f('ix_bookings_series_id'), ['series_id'], unique=False)
        batch_op.create_index('ix_bookings_starts_at', ['starts_at'], unique=False)

    op.create_table('booking_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], name=op.f('fk_booking_items_asset_id_assets')),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], name=op.f('fk_booking_items_booking_id_bookings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_booking_items'))
    )
    with op.batch_alter_table('booking_items', schema=None) as batch_op:
        batch_op.create_index('ix_booking_items_asset_active', ['asset_id', 'ends_at'], unique=False,
                              sqlite_where=sa.text('active'), postgresql_where=sa.text('active'))
        batch_op.create_index(batch_op.f('ix_booking_items_booking_id'), ['booking_id'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        op.execute("ALTER TABLE booking_items ADD CONSTRAINT ex_booking_items_no_overlap "
                   "EXCLUDE USING gist (asset_id WITH =, tstzrange(starts_at, ends_at) WITH &&) "
                   "WHERE (active)")
    elif op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE TRIGGER tr_booking_items_no_overlap_insert "
                   "BEFORE INSERT ON booking_items BEGIN" + _SQLITE_OVERLAP + "END")
        op.execute("CREATE TRIGGER tr_booking_items_no_overlap_update "
                   "BEFORE UPDATE OF asset_id, starts_at, ends_at, active ON booking_items "
                   "BEGIN" + _SQLITE_OVERLAP + "END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS tr_booking_items_no_overlap_insert")
        op.execute("DROP TRIGGER IF EXISTS tr_booking_items_no_overlap_update")
    op.drop_index(op.f('ix_booking_items_booking_id'), table_name='booking_items')
    op.drop_index('ix_booking_items_asset_active', table_name='booking_items')
    op.drop_table('booking_items')
    op.drop_index('ix_bookings_starts_at', table_name='bookings')
    op.drop_index(op.f('ix_bookings_series_id'), table_name='bookings')
    op.drop_index('ix_bookings_pool', table_name='bookings')
    op.drop_index('ix_bookings_person_id', table_name='bookings')
    op.drop_index('ix_bookings_multi_day', table_name='bookings')
    op.drop_table('bookings')
