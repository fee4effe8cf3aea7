"""Start the servers, run a scenario against Ensemble and the bare baseline, stop.

    .venv/bin/python bench/run.py --modes threading gevent --phones 60 300 1000 --json

For each async mode and phone count: `python app.py` on a fresh instance folder
(SQLite, or PostgreSQL with --postgres; --workers 2 starts two processes sharing
the Redis message queue), an organiser account, then bench/loadgen.py; then
bench/baseline_server.py in the same mode with the same generator, and every
figure as a ratio Ensemble / bare. With --pin the servers run on core 0 and the
generator on the last core (only worth it on an otherwise idle machine). Everything listens on
127.0.0.1 and is stopped at the end, even on error.
"""
import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import loadgen  # noqa: E402

PYTHON = sys.executable
PIN = False  # --pin: server on core 0, generator on the last core
TREE = ROOT  # the checkout the servers run from (--tree: a stable copy while others edit)
EMAIL, PASSWORD = "banc@example.org", "banc-de-charge-2026"


def run_in_thread(coroutine):
    """asyncio.run in a fresh thread: works even where a loop already runs (pytest plugins)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One server process on 127.0.0.1:port, pinned to core 0."""

    def __init__(self, argv: list[str], port: int, env: dict, log: Path):
        self.argv, self.port, self.env, self.log = argv, port, env, log
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0) -> "Server":
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(self.argv + ["--port", str(self.port)], cwd=TREE,
                                            env=self.env, stdout=log, stderr=subprocess.STDOUT)
        if PIN and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(self.process.pid, {0})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited, see {self.log}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"server did not listen on {self.port}, see {self.log}")

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill9(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill9()


def prepare_instance(env: dict) -> None:
    """Schema (from the models, stamped at head), and the organiser account."""
    code = (
        "import os\n"
        "from workshops.factory import create_app\n"
        "from workshops.extensions import db_session\n"
        "from workshops.migrate import create_tables\n"
        "from workshops.services.room import accounts\n"
        "app = create_app()\n"
        "create_tables(app.extensions['ensemble.db'])\n"
        "with app.app_context():\n"
        f"    accounts.create_account(db_session(), {EMAIL!r}, {PASSWORD!r})\n"
    )
    subprocess.run([PYTHON, "-c", code], cwd=TREE, env=env, check=True)


def create_database(name: str) -> str:
    import psycopg

    with psycopg.connect("postgresql://127.0.0.1:5432/test", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://127.0.0.1:5432/{name}"


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://127.0.0.1:5432/test", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def ensemble_servers(mode: str, workdir: Path, args,
                     queue_url: str | None = None) -> tuple[list[Server], callable]:
    env = dict(os.environ, ASYNC_MODE=mode, ENSEMBLE_INSTANCE=str(workdir / "instance"),
               PUBLIC_URL="http://127.0.0.1", SECRET_KEY="bench")
    cleanup = lambda: None  # noqa: E731
    if args.postgres:
        name = f"ensemble_bench_{uuid.uuid4().hex[:8]}"
        env["DATABASE_URL"] = create_database(name)
        cleanup = lambda: drop_database(name)  # noqa: E731
    if args.workers > 1:
        env["MESSAGE_QUEUE_URL"] = queue_url or args.redis
    prepare_instance(env)
    servers = [Server([PYTHON, "app.py", "--host", "127.0.0.1"], free_port(), env,
                      workdir / f"ensemble-{mode}-{i}.log").start() for i in range(args.workers)]
    return servers, cleanup


def loadgen_args(args, ports, bare: bool, phones: int):
    argv = ["--scenario", args.scenario, "--phones", str(phones), "--rooms", str(args.rooms),
            "--duration", str(args.duration), "--period", str(args.period),
            "--rates", ",".join(str(r) for r in args.rates), "--step", str(args.step),
            "--storm", str(args.storm), "--join-timeout", str(args.join_timeout),
            "--sync-timeout", str(args.sync_timeout), "--sync-retry", args.sync_retry,
            "--warmup", str(args.warmup)] + (["--ask-sync"] if args.ask_sync else [])
    for port in ports:
        argv += ["--port", str(port)]
    argv += ["--bare"] if bare else ["--email", EMAIL, "--password", PASSWORD]
    return loadgen.parser().parse_args(argv)


def kill_and_restart(servers: list[Server], at: float):
    """The `faults` hook of the kill scenario: kill -9 the first server at `at` s, restart it."""
    async def faults(gen):
        await asyncio.sleep(at)
        servers[0].kill9()
        gen.killed_at = time.monotonic()
        await asyncio.to_thread(servers[0].start)
    return faults


def private_redis(workdir: Path) -> Server:
    """A redis-server of this run's own (the machine's Redis is shared: never killed)."""
    return Server(["redis-server", "--save", "", "--appendonly", "no", "--daemonize", "no"],
                  free_port(), dict(os.environ), workdir / "redis.log").start()


def restart_redis(redis: Server, at: float, down: float):
    """The `faults` hook of the redis scenario: kill -9 the workers' Redis at `at` s, start
    it again on the same port `down` s later, then time the boards' catch-up."""
    async def faults(gen):
        await asyncio.sleep(at)
        redis.kill9()
        gen.killed_at = time.monotonic()
        await asyncio.sleep(down)
        await asyncio.to_thread(redis.start)
        await gen.queue_back()
    return faults


def ratios(ensemble: dict, bare: dict) -> dict:
    """Ensemble / bare for the figures where a ratio means something."""
    out = {}
    for key in ("post_ack_ms", "post_projection_ms", "post_last_phone_ms"):
        for q in ("p50", "p95", "p99", "max"):
            a, b = ensemble.get(key, {}).get(q), bare.get(key, {}).get(q)
            if a is not None and b:
                out[f"{key}.{q}"] = round(a / b, 2)
    for key in ("server_cpu_us_per_delivery", "rss_per_connection_kb", "join_storm_s",
                "sustained_deliveries_per_s"):
        if ensemble.get(key) is not None and bare.get(key):
            out[key] = round(ensemble[key] / bare[key], 2)
    return out


def run_one(mode: str, phones: int, args, workdir: Path) -> dict:
    result = {"mode": mode, "phones": phones, "rooms": args.rooms, "scenario": args.scenario,
              "workers": args.workers, "database": "postgresql" if args.postgres else "sqlite"}
    queue = private_redis(workdir) if args.scenario == "redis" else None
    try:
        servers, cleanup = ensemble_servers(
            mode, workdir, args, queue and f"redis://127.0.0.1:{queue.port}/0")
        try:
            faults = (kill_and_restart(servers, args.kill_at)
                      if args.scenario in ("kill", "faults") else
                      restart_redis(queue, args.kill_at, args.redis_down) if queue else None)
            result["ensemble"] = asyncio.run(loadgen.measure(
                loadgen_args(args, [s.port for s in servers], False, phones),
                pids_fn=lambda: [s.pid for s in servers], faults=faults))
        finally:
            for server in servers:
                server.stop()
            cleanup()
    finally:
        if queue:
            queue.stop()
    if args.baseline and args.workers == 1 and args.scenario in ("steady", "burst", "rates"):
        bare = Server([PYTHON, "bench/baseline_server.py"], free_port(),
                      dict(os.environ, ASYNC_MODE=mode), workdir / f"bare-{mode}.log").start()
        try:
            result["bare"] = asyncio.run(loadgen.measure(
                loadgen_args(args, [bare.port], True, phones), pids_fn=lambda: [bare.pid]))
        finally:
            bare.stop()
        result["ratio_ensemble_over_bare"] = ratios(result["ensemble"], result["bare"])
    return result


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--modes", nargs="+", default=["threading", "gevent"])
    p.add_argument("--phones", nargs="+", type=int, default=[60], help="phones per room")
    p.add_argument("--rooms", type=int, default=1)
    p.add_argument("--scenario", default="steady",
                   choices=("steady", "burst", "rates", "churn", "kill", "faults", "soak",
                            "redis"))
    p.add_argument("--duration", type=float, default=60.0)
    p.add_argument("--period", type=float, default=30.0)
    p.add_argument("--rates", type=lambda s: [float(x) for x in s.split(",")], default=[10, 20, 40])
    p.add_argument("--step", type=float, default=8.0)
    p.add_argument("--storm", type=float, default=2.0)
    p.add_argument("--join-timeout", type=float, default=180.0,
                   help="wait this long for every phone to be in before posting")
    p.add_argument("--sync-timeout", type=float, default=15.0)
    p.add_argument("--sync-retry", choices=("reconnect", "inplace"), default="inplace")
    p.add_argument("--ask-sync", action="store_true",
                   help="phones connect without `since` and ask `sync` (live.js before `synced`)")
    p.add_argument("--pin", action="store_true",
                   help="server on core 0, generator on the last one (only on an idle machine)")
    p.add_argument("--kill-at", type=float, default=20.0)
    p.add_argument("--warmup", type=float, default=300.0,
                   help="soak: seconds of posting before RSS counts as steady")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--postgres", action="store_true", help="fresh PostgreSQL database")
    p.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    p.add_argument("--redis-down", type=float, default=2.0,
                   help="redis scenario: seconds the private Redis stays down")
    p.add_argument("--no-baseline", dest="baseline", action="store_false")
    p.add_argument("--json", action="store_true")
    p.add_argument("--out", help="also write the figures to this JSON file")
    p.add_argument("--tree", type=Path, default=ROOT,
                   help="run the servers from this checkout (e.g. `git archive HEAD` unpacked)")
    args = p.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the servers on kill too
    global TREE, PIN
    TREE, PIN = args.tree.resolve(), args.pin
    if args.workers > 1 and not args.postgres:
        p.error("--workers > 1 needs --postgres (SQLite is one process)")
    if args.scenario == "redis" and args.workers < 2:
        p.error("--scenario redis needs --workers 2 or more (one process uses no Redis)")
    if PIN and hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
        os.sched_setaffinity(0, {os.cpu_count() - 1})
    results = []
    with tempfile.TemporaryDirectory(prefix="ensemble-bench-") as tmp:
        for mode in args.modes:
            for phones in args.phones:
                workdir = Path(tmp) / f"{mode}-{phones}"
                workdir.mkdir()
                try:
                    results.append(run_one(mode, phones, args, workdir))
                except Exception as error:  # noqa: BLE001  (keep the other runs' figures)
                    results.append({"mode": mode, "phones": phones, "failed": repr(error)})
                if not args.json:
                    print(json.dumps(results[-1], indent=1), flush=True)
                if args.out:
                    Path(args.out).write_text(json.dumps(results, indent=1))
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
