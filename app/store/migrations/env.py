"""Alembic environment: run by `app.store.migrate` (start-up and `rapport db upgrade`), never by hand."""

from alembic import context
from sqlalchemy import create_engine, pool, text

from app.store.migrate import MIGRATION_LOCK
from app.store.schema import metadata

config = context.config
url = config.get_main_option("sqlalchemy.url")
if not url:
    raise RuntimeError("app.store.migrate sets sqlalchemy.url")

# SQLite cannot ALTER most things in place: batch mode copies the table instead.
engine = create_engine(url, poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Several servers starting at once: one migrates, the others wait here, then find the schema at
            # head (the revision is read after the lock) and do nothing. Released at commit.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        context.run_migrations()
engine.dispose()
