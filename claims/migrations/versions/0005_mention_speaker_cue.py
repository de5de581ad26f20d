"""mention speaker cue: where the words naming a quote's speaker stand (issue 9)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 21:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('mention', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cue_start', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('cue_end', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('mention', schema=None) as batch_op:
        batch_op.drop_column('cue_end')
        batch_op.drop_column('cue_start')
