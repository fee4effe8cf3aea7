"""Index writings by participant

A phone's snapshot first asks whether the participant has any row of their own
(`snapshot.has_own_rows`); without this index that question scanned every writing of
every workshop on the server at each join.

Revision ID: b2099890ec9b
Revises: 34d88b81b923
Create Date: 2026-11-30 06:53:39.285024
"""
from alembic import op
import sqlalchemy as sa


revision = 'b2099890ec9b'
down_revision = '34d88b81b923'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('writings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_writings_participant_id'), ['participant_id'], unique=False)


def downgrade():
    with op.batch_alter_table('writings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_writings_participant_id'))

