"""Alembic environment: the app's metadata, the URL given by workshops.migrate."""
from alembic import context
from sqlalchemy import create_engine, func, select

from workshops import models  # noqa: F401  (registers every table)
from workshops.db import Base

config = context.config
target_metadata = Base.metadata
# Any fixed number: every Ensemble process upgrading this database waits on the same lock.
UPGRADE_LOCK = 0x456E73656D626C65  # "Ensemble"


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"),
                      target_metadata=target_metadata, literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        # Batch mode lets SQLite alter tables too.
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True, compare_type=True)
        with context.begin_transaction():
            _one_upgrade_at_a_time(connection)
            context.run_migrations()
    engine.dispose()


def _one_upgrade_at_a_time(connection):
    """On PostgreSQL, workers starting together upgrade a fresh database one after the other.

    The lock is held until the upgrade's transaction commits (PostgreSQL runs the DDL in it);
    the next process then reads the version the first one wrote and has nothing left to do.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(UPGRADE_LOCK)))


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
