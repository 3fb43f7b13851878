"""issue 20: a trust's schools (sites), their nested locations, and kits

Adds the tables and nullable columns only: rows that exist keep NULL until the app
places them (an audited step, so ``audit verify`` holds across the upgrade; the new
columns are listed in ``app.audit.ADDED_COLUMNS``).

Revision ID: i20_places
Revises: i17_append_only_audit
Create Date: 2026-12-06 20:39:24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'i20_places'
down_revision = 'i17_append_only_audit'
branch_labels = None
depends_on = None

#: (table, column, referred table, indexed): nullable integer references added to old tables
_COLUMNS = (
    ("assets", "site_id", "sites", True),
    ("assets", "home_location_id", "locations", True),
    ("assets", "current_location_id", "locations", True),
    ("people", "site_id", "sites", True),
    ("technicians", "site_id", "sites", False),
    ("loans", "location_id", "locations", False),
    ("loans", "kit_id", "kits", True),
)


def _add_reference(table: str, column: str, target: str, indexed: bool) -> None:
    """Add a nullable reference column in place.

    SQLite takes ``ADD COLUMN … REFERENCES`` directly; Alembic's batch mode would
    instead copy the whole table (a million loans) and reflect its partial indexes.
    """
    fk = f"fk_{table}_{column}_{target}"
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f'ALTER TABLE {table} ADD COLUMN {column} INTEGER '
                   f'CONSTRAINT {fk} REFERENCES {target} (id)')
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(fk, table, target, [column], ["id"])
    if indexed:
        op.create_index(f"ix_{table}_{column}", table, [column], unique=False)


def upgrade() -> None:
    op.create_table('sites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('code_key', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sites')),
    sa.UniqueConstraint('code_key', name=op.f('uq_sites_code_key'))
    )
    op.create_table('locations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('code_key', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['locations.id'], name=op.f('fk_locations_parent_id_locations')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_locations_site_id_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_locations')),
    sa.UniqueConstraint('code_key', name=op.f('uq_locations_code_key'))
    )
    with op.batch_alter_table('locations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_locations_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_locations_site_id'), ['site_id'], unique=False)

    op.create_table('kits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tag', sa.String(length=64), nullable=False),
    sa.Column('tag_key', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=True),
    sa.Column('home_location_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['home_location_id'], ['locations.id'], name=op.f('fk_kits_home_location_id_locations')),
    sa.ForeignKeyConstraint(['site_id'], ['sites.id'], name=op.f('fk_kits_site_id_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kits')),
    sa.UniqueConstraint('tag_key', name=op.f('uq_kits_tag_key'))
    )
    with op.batch_alter_table('kits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kits_site_id'), ['site_id'], unique=False)

    op.create_table('kit_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kit_id', sa.Integer(), nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], name=op.f('fk_kit_members_asset_id_assets')),
    sa.ForeignKeyConstraint(['kit_id'], ['kits.id'], name=op.f('fk_kit_members_kit_id_kits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kit_members')),
    sa.UniqueConstraint('asset_id', name=op.f('uq_kit_members_asset_id'))
    )
    with op.batch_alter_table('kit_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kit_members_kit_id'), ['kit_id'], unique=False)
    for spec in _COLUMNS:
        _add_reference(*spec)


def downgrade() -> None:
    for table, column, target, indexed in reversed(_COLUMNS):
        if indexed:
            op.drop_index(f"ix_{table}_{column}", table_name=table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            if op.get_bind().dialect.name != "sqlite":
                batch_op.drop_constraint(f"fk_{table}_{column}_{target}", type_="foreignkey")
            batch_op.drop_column(column)
    op.drop_index(op.f('ix_kit_members_kit_id'), table_name='kit_members')
    op.drop_table('kit_members')
    op.drop_index(op.f('ix_kits_site_id'), table_name='kits')
    op.drop_table('kits')
    op.drop_index(op.f('ix_locations_site_id'), table_name='locations')
    op.drop_index(op.f('ix_locations_parent_id'), table_name='locations')
    op.drop_table('locations')
    op.drop_table('sites')
