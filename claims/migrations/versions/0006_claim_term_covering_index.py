"""claim_term covering index: candidate searches read term, claim and article from the index
alone (issue 12: `claims match --all` at 100,000 claims)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 00:45:00
"""
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_claim_term_term_claim_article', 'claim_term',
                    ['term', 'claim_id', 'article_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_claim_term_term_claim_article', table_name='claim_term')
