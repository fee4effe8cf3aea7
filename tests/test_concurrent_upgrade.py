"""Workers starting together on a fresh PostgreSQL database upgrade its schema once.

Every systemd unit of docs/deploy.md runs `ensemble db upgrade` before its worker starts;
on a first install they all start at once. Without a lock, two of them create the same
tables and one fails with `UniqueViolation pg_type_typname_nsp_index`.
"""
import subprocess
import sys

import psycopg
import pytest

from tests.postgres_helpers import fresh_database

pytestmark = pytest.mark.services

UPGRADERS = 4
UPGRADE = "import sys; from workshops.migrate import upgrade; upgrade(sys.argv[1])"


def test_four_upgrades_at_once_on_a_fresh_database_all_succeed_and_migrate_once():
    with fresh_database() as (url, _name):
        processes = [subprocess.Popen([sys.executable, "-c", UPGRADE, url],
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                     for _ in range(UPGRADERS)]
        outputs = [process.communicate(timeout=120)[0] for process in processes]
        failures = [out for process, out in zip(processes, outputs) if process.returncode]
        assert failures == []
        with psycopg.connect(url.replace("+psycopg", "")) as conn:
            versions = conn.execute("SELECT version_num FROM alembic_version").fetchall()
            accounts = conn.execute("SELECT count(*) FROM accounts").fetchone()[0]
        assert len(versions) == 1
        assert accounts == 0
