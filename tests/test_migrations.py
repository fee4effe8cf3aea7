"""The Alembic migrations build exactly the schema the models describe."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from workshops import models  # noqa: F401
from workshops.db import Base
from workshops.migrate import alembic_config, upgrade
from workshops.models import Account


def test_upgrade_head_matches_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrated.db'}"
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == [], f"models and migrations differ; run scripts/new-migration.sh: {diff}"


def test_a_restart_upgrades_again_and_keeps_the_data(tmp_path):
    """The server upgrades at every start: a second upgrade is at head and loses nothing."""
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    upgrade(url)
    engine = create_engine(url)
    with Session(engine) as session:
        session.add(Account(email="anne@example.org", password_hash="x"))
        session.commit()
    upgrade(url)
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == head
        assert connection.execute(select(Account.email)).scalars().all() == ["anne@example.org"]
    engine.dispose()
