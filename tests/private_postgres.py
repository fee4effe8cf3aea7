"""A PostgreSQL server of a test's own, in a temporary folder on its own port, which the
test may stop and start (the machine's PostgreSQL is shared by everyone's tests)."""
import glob
import os
import shutil
import subprocess
import tempfile
import time

import psycopg

from bench.run import free_port


def _binaries() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return os.path.dirname(found[-1]) if found else None


class PrivatePostgres:
    """initdb into a temporary folder; `start()`, `stop()`, `url`. As root, the server
    runs as the `postgres` user (PostgreSQL refuses to run as root)."""

    def __init__(self):
        self.bin = _binaries()
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="ensemble-pg-")
        self.data = os.path.join(self.folder, "data")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    @staticmethod
    def available() -> bool:
        return _binaries() is not None

    def _run(self, *argv: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run(prefix + list(argv), check=True, capture_output=True, timeout=60)

    def init(self) -> "PrivatePostgres":
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self._run(f"{self.bin}/initdb", "-D", self.data, "-U", "postgres", "--auth=trust",
                  "--no-sync", "-E", "UTF8")
        return self.start()

    def start(self) -> "PrivatePostgres":
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(f"{self.bin}/pg_ctl", "-D", self.data, "-o", options, "-l",
                  os.path.join(self.folder, "log"), "-w", "start")
        deadline = time.monotonic() + 20
        while True:
            try:
                psycopg.connect(self.url.replace("+psycopg", ""), connect_timeout=2).close()
                return self
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self) -> None:
        self._run(f"{self.bin}/pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.folder, ignore_errors=True)
