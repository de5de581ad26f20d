"""claim matching: signatures with their text index, claim links, external reviews

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 21:30:00

Claims are found through claim_term, an inverted index in plain tables (one row per word of
a claim, with term_count, how many claims hold each word): one set-based query finds the
candidates of many claims at once, the same way on both databases. External reviews (few)
keep a text index outside the models: an external-content FTS5 table kept in step by
triggers on SQLite, a generated tsvector column with a GIN index on PostgreSQL.
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

import claims.models

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

#: (table, its key column, the FTS5 table on SQLite)
TEXT_INDEXES = (("external_review", "id", "external_words"),)


def upgrade() -> None:
    op.create_table('claim_signature',
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.Column('figures', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('signature', sa.Text(), nullable=False),
    sa.Column('words', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['article.id'], name=op.f('fk_claim_signature_article_id_article')),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_claim_signature_claim_id_claim')),
    sa.PrimaryKeyConstraint('claim_id', name=op.f('pk_claim_signature'))
    )
    with op.batch_alter_table('claim_signature', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_signature_article_id'), ['article_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_signature_figures'), ['figures'], unique=False)

    op.create_table('claim_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('other_claim_id', sa.Integer(), nullable=False),
    sa.Column('relation', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('created_at', claims.models.UTCDateTime(), nullable=False),
    sa.Column('dismissed_by_id', sa.Integer(), nullable=True),
    sa.Column('dismissed_at', claims.models.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_claim_link_claim_id_claim')),
    sa.ForeignKeyConstraint(['other_claim_id'], ['claim.id'], name=op.f('fk_claim_link_other_claim_id_claim')),
    sa.ForeignKeyConstraint(['dismissed_by_id'], ['user.id'], name=op.f('fk_claim_link_dismissed_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claim_link')),
    sa.UniqueConstraint('claim_id', 'other_claim_id', name=op.f('uq_claim_link_claim_id'))
    )
    with op.batch_alter_table('claim_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_link_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_link_other_claim_id'), ['other_claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_claim_link_relation'), ['relation'], unique=False)

    op.create_table('external_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('digest', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('claim_reviewed', sa.Text(), nullable=False),
    sa.Column('publisher', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('rating', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('rating_value', sa.Float(), nullable=True),
    sa.Column('reviewed_on', sa.Date(), nullable=True),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('claimant', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('signature', sa.Text(), nullable=False),
    sa.Column('words', sa.Text(), nullable=False),
    sa.Column('imported_at', claims.models.UTCDateTime(), nullable=False),
    sa.Column('imported_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['imported_by_id'], ['user.id'], name=op.f('fk_external_review_imported_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_external_review')),
    sa.UniqueConstraint('digest', name=op.f('uq_external_review_digest'))
    )

    op.create_table('external_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.Integer(), nullable=False),
    sa.Column('relation', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('created_at', claims.models.UTCDateTime(), nullable=False),
    sa.Column('dismissed_by_id', sa.Integer(), nullable=True),
    sa.Column('dismissed_at', claims.models.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['claim_id'], ['claim.id'], name=op.f('fk_external_link_claim_id_claim')),
    sa.ForeignKeyConstraint(['dismissed_by_id'], ['user.id'], name=op.f('fk_external_link_dismissed_by_id_user')),
    sa.ForeignKeyConstraint(['external_id'], ['external_review.id'], name=op.f('fk_external_link_external_id_external_review')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_external_link')),
    sa.UniqueConstraint('claim_id', 'external_id', name=op.f('uq_external_link_claim_id'))
    )
    with op.batch_alter_table('external_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_external_link_claim_id'), ['claim_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_external_link_external_id'), ['external_id'], unique=False)

    op.create_table('claim_term',
    sa.Column('term', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('claim_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('term', 'claim_id', name=op.f('pk_claim_term'))
    )
    with op.batch_alter_table('claim_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_claim_term_claim_id'), ['claim_id'], unique=False)

    op.create_table('term_count',
    sa.Column('term', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('claims', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('term', name=op.f('pk_term_count'))
    )

    if op.get_bind().dialect.name == "sqlite":
        for table, key, fts in TEXT_INDEXES:
            _sqlite_text_index(table, key, fts)
    else:
        for table, _key, _fts in TEXT_INDEXES:
            op.execute(f"ALTER TABLE {table} ADD COLUMN words_tsv tsvector "
                       f"GENERATED ALWAYS AS (to_tsvector('simple', words)) STORED")
            op.execute(f"CREATE INDEX ix_{table}_words_tsv ON {table} USING gin (words_tsv)")


def _sqlite_text_index(table: str, key: str, fts: str) -> None:
    """An external-content FTS5 table over `table.words`, kept in step by triggers."""
    op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5(words, content='{table}', "
               f"content_rowid='{key}')")
    op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
               f"INSERT INTO {fts}(rowid, words) VALUES (new.{key}, new.words); END")
    op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
               f"INSERT INTO {fts}({fts}, rowid, words) VALUES ('delete', old.{key}, "
               f"old.words); END")
    op.execute(f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN "
               f"INSERT INTO {fts}({fts}, rowid, words) VALUES ('delete', old.{key}, "
               f"old.words); INSERT INTO {fts}(rowid, words) VALUES (new.{key}, new.words); "
               f"END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for _table, _key, fts in TEXT_INDEXES:
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    op.drop_table('term_count')
    op.drop_table('claim_term')
    op.drop_table('external_link')
    op.drop_table('external_review')
    op.drop_table('claim_link')
    op.drop_table('claim_signature')
