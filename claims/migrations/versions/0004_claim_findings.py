"""claim findings: consistency-check findings stored on their claims

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

import claims.models

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('claim_finding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('rule', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('severity', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('mentions', sa.JSON(), nullable=True),
    sa.Column('stated', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('expected', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('tolerance', sa.Float(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('dismissed_reason', sa.Text(), nullable=True),
    sa.Column('dismissed_by_id', sa.Integer(), nullable=True),
    sa.Column('dismissed_at', claims.models.UTCDateTime(), nullable=True),
    sa.Column('created_at', claims.models.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], name=op.f('fk_claim_finding_article_id_article')),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_claim_finding_claim_id_claim')),
    sa.ForeignKeyConstraint(['dismissed_by_id'], ['user.id'], name=op.f('fk_claim_finding_dismissed_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_finding'))
    )
    with op.batch_alter_table('claim_finding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_finding_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_finding_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_finding_status'), ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('claim_finding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_claim_finding_status'))
        batch_op.drop_index(batch_op.f('ix_claim_finding_claim_id'))
        batch_op.drop_index(batch_op.f('ix_claim_finding_article_id'))
    op.drop_table('claim_finding')
