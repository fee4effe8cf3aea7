"""Alembic, driven from code: the app upgrades its database to head at start."""
from alembic import command
from alembic.config import Config

from workshops import models  # noqa: F401  (every table in Base.metadata)
from workshops.db import Base, Database
from workshops.paths import ROOT


def alembic_config(database_url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str) -> None:
    command.upgrade(alembic_config(database_url), "head")


def stamp_head(database_url: str) -> None:
    command.stamp(alembic_config(database_url), "head")


def create_tables(database: Database) -> None:
    """Tables straight from the models (tests), stamped as migrated to head."""
    Base.metadata.create_all(database.engine)
    stamp_head(database.url)
