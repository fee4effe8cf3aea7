"""Projection of a full room: spotlight, sort, pages (issue 15)

Revision ID: 2f79508eef07
Revises: 849c985693cb
Create Date: 2026-11-30 05:03:58.473749
"""
from alembic import op
import sqlalchemy as sa


revision = '2f79508eef07'
down_revision = '849c985693cb'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('spotlight_card_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('board_sort', sa.String(length=10), nullable=False,
                                      server_default='time'))
        batch_op.add_column(sa.Column('pages_held', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('page_turns', sa.Integer(), nullable=False,
                                      server_default='0'))


def downgrade():
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_column('page_turns')
        batch_op.drop_column('pages_held')
        batch_op.drop_column('board_sort')
        batch_op.drop_column('spotlight_card_id')
