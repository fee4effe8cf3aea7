"""This machine's PostgreSQL for the tests that need a real server: a fresh database per test.

Skipped when PostgreSQL is unreachable, unless ENSEMBLE_REQUIRE_SERVICES is set (CI), where
it fails instead.
"""
import os
import uuid
from contextlib import contextmanager

import pytest

POSTGRES = os.environ.get("ENSEMBLE_TEST_POSTGRES", "postgresql://127.0.0.1:5432/test")


def require(name: str, check) -> None:
    """Skip (fail under ENSEMBLE_REQUIRE_SERVICES) when `check()` raises."""
    try:
        check()
    except Exception as error:  # noqa: BLE001  (any failure means: not reachable)
        reason = f"{name} unreachable: {error}"
        if os.environ.get("ENSEMBLE_REQUIRE_SERVICES"):
            pytest.fail(reason + " (ENSEMBLE_REQUIRE_SERVICES is set)")
        pytest.skip(reason + "; set ENSEMBLE_REQUIRE_SERVICES=1 to make this a failure")


def _connect():
    import psycopg

    return psycopg.connect(POSTGRES, connect_timeout=3, autocommit=True)


@contextmanager
def fresh_database(prefix: str = "ensemble_test"):
    """Yields (SQLAlchemy URL, database name) of a new empty database, dropped afterwards."""
    require(f"PostgreSQL ({POSTGRES})", lambda: _connect().close())
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with _connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        yield f"{base}/{name}", name
    finally:
        with _connect() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
