"""article revisions: article_revision and claim_placement tables, the article's canonical
URL and revision number, each claim's revision status

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

import claims.models
from claims.urls import canonical_url

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.add_column(sa.Column('url_canonical', sqlmodel.sql.sqltypes.AutoString(length=2000),
                                      nullable=True))
        batch_op.add_column(sa.Column('revision', sa.Integer(), nullable=False,
                                      server_default='1'))
        batch_op.create_index(batch_op.f('ix_article_url_canonical'), ['url_canonical'],
                              unique=False)
    with op.batch_alter_table('claim', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision_status', sqlmodel.sql.sqltypes.AutoString(length=16),
                                      nullable=False, server_default='original'))
        batch_op.create_index(batch_op.f('ix_claim_revision_status'), ['revision_status'],
                              unique=False)
    op.create_table('article_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column('ingested_at', claims.models.UTCDateTime(), nullable=False),
    sa.Column('ingested_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_claims', sa.Integer(), nullable=False),
    sa.Column('removed_claims', sa.Integer(), nullable=False),
    sa.Column('new_claims', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'],
                            name=op.f('fk_article_revision_article_id_article')),
    sa.ForeignKeyConstraint(['ingested_by_id'], ['user.id'],
                            name=op.f('fk_article_revision_ingested_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_article_revision')),
    sa.UniqueConstraint('article_id', 'number', name=op.f('uq_article_revision_article_id'))
    )
    with op.batch_alter_table('article_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_article_revision_article_id'), ['article_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_article_revision_body_sha256'), ['body_sha256'],
                              unique=False)
    op.create_table('claim_placement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('revision_status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('how', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('mention_changes', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'],
                            name=op.f('fk_claim_placement_claim_id_claim')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_placement')),
    sa.UniqueConstraint('claim_id', 'revision', name=op.f('uq_claim_placement_claim_id'))
    )
    with op.batch_alter_table('claim_placement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_placement_claim_id'), ['claim_id'],
                              unique=False)
    _backfill()


def _backfill() -> None:
    """Existing articles: their body is revision 1, their URL gets its canonical form."""
    op.execute("INSERT INTO article_revision (article_id, number, body, body_sha256, url, "
               "ingested_at, ingested_by_id, changed_claims, removed_claims, new_claims) "
               "SELECT id, 1, body, body_sha256, url, ingested_at, ingested_by_id, 0, 0, 0 "
               "FROM article")
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, url FROM article WHERE url IS NOT NULL"))
    for article_id, url in list(rows):
        connection.execute(sa.text("UPDATE article SET url_canonical = :canonical WHERE id = :id"),
                           {"canonical": canonical_url(url), "id": article_id})


def downgrade() -> None:
    op.drop_index(op.f('ix_claim_placement_claim_id'), table_name='claim_placement')
    op.drop_table('claim_placement')
    op.drop_index(op.f('ix_article_revision_body_sha256'), table_name='article_revision')
    op.drop_index(op.f('ix_article_revision_article_id'), table_name='article_revision')
    op.drop_table('article_revision')
    op.drop_index(op.f('ix_claim_revision_status'), table_name='claim')
    op.drop_index(op.f('ix_article_url_canonical'), table_name='article')
    # plain DROP COLUMN (SQLite 3.35+, PostgreSQL): batch mode would copy `article`, which
    # the rows of `claim` refer to, and SQLite refuses that inside the migration transaction
    for table, column in (('claim', 'revision_status'), ('article', 'revision'),
                          ('article', 'url_canonical')):
        op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')
