"""Groups on the projection: place, members named per the organiser's choice (issue 15)

Revision ID: b01858ecd616
Revises: 48ae6f30952b
Create Date: 2026-11-30 05:50:22.157673
"""
from alembic import op
import sqlalchemy as sa


revision = 'b01858ecd616'
down_revision = '48ae6f30952b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('place', sa.String(length=60), nullable=False,
                                      server_default=''))

    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('member_names', sa.String(length=12), nullable=False,
                                      server_default='initials'))


def downgrade():
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_column('member_names')

    with op.batch_alter_table('groups', schema=None) as batch_op:
        batch_op.drop_column('place')
