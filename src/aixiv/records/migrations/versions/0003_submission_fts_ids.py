"""submission_fts_ids: integer keys of the full-text index (SQLite)

The FTS5 table answers MATCH with its rowids cheaply, but reading its ``submission_id`` column
reads each matching document's stored text. This narrow table maps the rowid of a submission's
index entry to the submission, so a search that matches thousands of documents stays cheap.
PostgreSQL keys its search table by submission already: nothing to do there.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 21:00:00
"""
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE TABLE submission_fts_ids ("
        "id INTEGER PRIMARY KEY, submission_id VARCHAR(24) NOT NULL UNIQUE)"
    )
    # one index entry per submission (the newest, should an older one have been left behind)
    op.execute(
        "INSERT INTO submission_fts_ids (id, submission_id) "
        "SELECT max(rowid), submission_id FROM submission_fts GROUP BY submission_id"
    )
    op.execute("DELETE FROM submission_fts WHERE rowid NOT IN (SELECT id FROM submission_fts_ids)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE IF EXISTS submission_fts_ids")
