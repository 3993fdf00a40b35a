"""Alembic environment: runs on the connection handed over by aixiv.records.db.migrate."""

from alembic import context
from sqlalchemy import create_engine

from aixiv.records import all_tables  # noqa: F401  (imports every table module)
from aixiv.records.base import Base

config = context.config
target_metadata = Base.metadata


def _include_name(name, type_, parent_names):
    # Full-text index objects (FTS5 shadow tables, tsvector tables) are managed by hand.
    if type_ == "table":
        return name in target_metadata.tables
    return True


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True, include_name=_include_name)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True, include_name=_include_name)
        with context.begin_transaction():
            context.run_migrations()


run()
