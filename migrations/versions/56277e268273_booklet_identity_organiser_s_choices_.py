"""Booklet identity, organiser's choices and job heartbeat (issue 12)

Existing rows get the defaults: no identity, choices not made, support counts shown.

Revision ID: 56277e268273
Revises: e1c3671d591e
Create Date: 2026-11-30 04:43:57.965271
"""
from alembic import op
import sqlalchemy as sa


revision = '56277e268273'
down_revision = 'e1c3671d591e'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('booklet_settings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('accent_colour', sa.String(length=7), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('logo', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('logo_type', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('links', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('partners', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('colophon', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('axes_intro', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('recommendations_intro', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('empty_axes', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('recommendations_shown', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('show_supports', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('top_cards', sa.Integer(), nullable=True))

    with op.batch_alter_table('export_jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('heartbeat_at', sa.DateTime(), nullable=True))



def downgrade():
    with op.batch_alter_table('export_jobs', schema=None) as batch_op:
        batch_op.drop_column('heartbeat_at')

    with op.batch_alter_table('booklet_settings', schema=None) as batch_op:
        batch_op.drop_column('top_cards')
        batch_op.drop_column('show_supports')
        batch_op.drop_column('recommendations_shown')
        batch_op.drop_column('empty_axes')
        batch_op.drop_column('recommendations_intro')
        batch_op.drop_column('axes_intro')
        batch_op.drop_column('colophon')
        batch_op.drop_column('partners')
        batch_op.drop_column('links')
        batch_op.drop_column('logo_type')
        batch_op.drop_column('logo')
        batch_op.drop_column('accent_colour')

