"""Index supports and poll votes by participant

A phone's snapshot reads its own supports and answers by participant; without these
indexes each (re)connect scanned every support and vote of every workshop on the server.

Revision ID: 849c985693cb
Revises: 56277e268273
Create Date: 2026-11-30 05:30:11.520176
"""
from alembic import op
import sqlalchemy as sa


revision = '849c985693cb'
down_revision = '56277e268273'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('poll_votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_poll_votes_participant_id'), ['participant_id'], unique=False)

    with op.batch_alter_table('supports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supports_participant_id'), ['participant_id'], unique=False)



def downgrade():
    with op.batch_alter_table('supports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_supports_participant_id'))

    with op.batch_alter_table('poll_votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_poll_votes_participant_id'))

