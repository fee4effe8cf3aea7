"""Days start at a time: the agenda editor shows each sequence's start

The organiser gives the time the day's first sequence starts; each next sequence starts
when the one before ends (its planned minutes), so the editor shows every start.

Revision ID: bb3e2b95f536
Revises: 408560fbdd16
Create Date: 2026-11-30 07:45:14.466883
"""
from alembic import op
import sqlalchemy as sa


revision = 'bb3e2b95f536'
down_revision = '408560fbdd16'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('days', schema=None) as batch_op:
        batch_op.add_column(sa.Column('starts_at', sa.Time(), nullable=True))


def downgrade():
    with op.batch_alter_table('days', schema=None) as batch_op:
        batch_op.drop_column('starts_at')
