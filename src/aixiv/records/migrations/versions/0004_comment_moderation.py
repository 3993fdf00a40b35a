"""comment moderation: who hid a comment and when; reports resolved by an administrator

``comments.hidden_at`` and ``comments.hidden_by`` record when a comment was hidden and by which
administrator (null: hidden automatically after reports). ``comment_reports.resolved_at``,
``resolved_by`` and ``resolution`` (dismissed | upheld) close a report without deleting it, so
the moderation queue lists open reports only and a reporter still reports a comment once.
The account columns hold ids without a foreign key, like ``audit_events.actor_id``: a
constraint would make SQLite rebuild tables that other tables reference, which fails with
foreign keys on. Plain ``ALTER TABLE … ADD/DROP COLUMN`` serves both databases (SQLite 3.35+).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 02:00:00
"""
import sqlalchemy as sa
from alembic import op

import aixiv.records.base

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('comments', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('hidden_at', aixiv.records.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('hidden_by', sa.String(length=32), nullable=True))

    with op.batch_alter_table('comment_reports', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('resolved_at', aixiv.records.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('resolved_by', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('resolution', sa.String(length=16), nullable=True))
        batch_op.create_index(batch_op.f('ix_comment_reports_resolved_at'), ['resolved_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('comment_reports', schema=None, recreate='never') as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_reports_resolved_at'))
        batch_op.drop_column('resolution')
        batch_op.drop_column('resolved_by')
        batch_op.drop_column('resolved_at')

    with op.batch_alter_table('comments', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('hidden_by')
        batch_op.drop_column('hidden_at')
