"""Poll results shown or hidden until the facilitator reveals them

`polls.shown`: null follows the poll's `results` setting (planned polls: live), true or
false once the facilitator revealed or hid the results.

Revision ID: 408560fbdd16
Revises: b2099890ec9b
Create Date: 2026-11-30 07:30:37.377761
"""
from alembic import op
import sqlalchemy as sa


revision = '408560fbdd16'
down_revision = 'b2099890ec9b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('polls', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shown', sa.Boolean(), nullable=True))


def downgrade():
    with op.batch_alter_table('polls', schema=None) as batch_op:
        batch_op.drop_column('shown')
