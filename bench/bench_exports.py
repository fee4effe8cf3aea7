"""Time the booklet exports through the server, as an organiser gets them.

    .venv/bin/python bench/bench_exports.py                      # table
    .venv/bin/python bench/bench_exports.py --json               # machine-readable
    .venv/bin/python bench/bench_exports.py --tree /tmp/before --tree .   # two, interleaved
    .venv/bin/python bench/bench_exports.py --workloads seed --port 5400  # the seed only
    .venv/bin/python bench/bench_exports.py --in-process         # the renderers alone
    .venv/bin/python bench/bench_exports.py --from-db            # DB → synthesis → file, in process

Through the server (the default): a fresh instance folder (SQLite) holding seed 000's
workshop (bench/seed_workshop.py), one with 2,000 cards and 300 recommendations whose body
keeps the top 10 cards per axis, and the same with every card in the body; then
`python app.py` on 127.0.0.1 and, for each export, the organiser's path through the API:
job started (POST …/exports) → polled every 50 ms → file downloaded. Timed: the first
export after the server starts (as soon as it answers, and once it has been up for
--settle seconds), then --repeat warm exports of each format and workload (median and
best). Beside the wall clock: the server's own CPU time (synthesis, requests, the polls)
and its export children's (the layout), with the machine's load average, since wall time
means little on a loaded machine.

Goals (issue 12): seed PDF ≤ 1.0 s, DOCX ≤ 0.3 s once warm; first export after start ≤ 2 s;
2,000 cards and 300 recommendations: PDF ≤ 5 s with the top-N body (≤ 10 s with every card),
DOCX ≤ 2 s.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exports import RENDERERS  # noqa: E402
from exports.synthesis import (  # noqa: E402
    AnnexCard, AnnexRecommendation, AxisSection, Lever, Limit, PollResult, Recommendation,
    Synthesis, TargetSection, ThemeSection)
from tests.fixtures import load_seed_synthesis  # noqa: E402

EMAIL, PASSWORD = "banc@example.org", "banc-des-exports-2026"
CARDS, RECOMMENDATIONS, TOP = 2000, 300, 10
# (workload, format) → goal in seconds, wall clock, once warm.
GOALS = {("seed", "pdf"): 1.0, ("seed", "docx"): 0.3, ("large_top", "pdf"): 5.0,
         ("large_all", "pdf"): 10.0, ("large_top", "docx"): 2.0, ("large_all", "docx"): 2.0}
FIRST_GOAL = 2.0
WORKLOADS = ("seed", "large_top", "large_all")
POLL_EVERY = 0.05


# Through the server -----------------------------------------------------------------

PREPARE = """
import importlib.util, json, sys
from workshops.factory import create_app
from workshops.extensions import db_session
from workshops.migrate import create_tables
from workshops.services.room import accounts
spec = importlib.util.spec_from_file_location("seed_workshop", sys.argv[1])
seed = importlib.util.module_from_spec(spec)
spec.loader.exec_module(seed)
app = create_app()
create_tables(app.extensions["ensemble.db"])
with app.app_context():
    session = db_session()
    account = accounts.create_account(session, sys.argv[2], sys.argv[3])
    codes = {"seed": seed.seed_workshop(session, account).code}
    for name in ("large_top", "large_all"):
        codes[name] = seed.seed_workshop(session, account, cards=int(sys.argv[4]),
                                         recommendations=int(sys.argv[5])).code
print(json.dumps(codes))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(method: str, url: str, token: str | None = None, body=None) -> tuple[int, bytes]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=600) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _ticks(stat: str, first: int, last: int) -> float:
    fields = stat.rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[first:last]) / os.sysconf("SC_CLK_TCK")


def cpu_split(pid: int) -> tuple[float, float]:
    """(the server's own CPU seconds, its export children's): those it waited for, and the
    live ones (a warm renderer is never waited for)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    own, children = _ticks(stat, 11, 13), _ticks(stat, 13, 15)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            child = (entry / "stat").read_text()
        except OSError:
            continue
        if int(child.rsplit(")", 1)[1].split()[1]) == pid:
            children += _ticks(child, 11, 13)
    return own, children


class Server:
    """`python app.py` on 127.0.0.1:port over an instance folder, from the checkout `tree`."""

    def __init__(self, tree: Path, python: str, instance: Path, log: Path, port: int | None):
        self.tree, self.python, self.log = tree, python, log
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ, ENSEMBLE_INSTANCE=str(instance), SECRET_KEY="bench",
                        PUBLIC_URL=self.base, PYTHONPATH=str(tree))
        self.process: subprocess.Popen | None = None

    def prepare(self, cards: int, recommendations: int) -> dict:
        out = subprocess.run([self.python, "-c", PREPARE, str(ROOT / "bench" / "seed_workshop.py"),
                              EMAIL, PASSWORD, str(cards), str(recommendations)],
                             cwd=self.tree, env=self.env, check=True, capture_output=True,
                             text=True)
        return json.loads(out.stdout.strip().splitlines()[-1])

    def start(self) -> "Server":
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                [self.python, "app.py", "--host", "127.0.0.1", "--port", str(self.port)],
                cwd=self.tree, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped, see {self.log}")
            try:
                if request("GET", self.base + "/healthz")[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"the server did not answer, see {self.log}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


    def token(self) -> str:
        status, body = request("POST", self.base + "/api/v1/tokens",
                               body={"email": EMAIL, "password": PASSWORD})
        assert status == 201, body
        return json.loads(body)["token"]

    def export(self, token: str, code: str, fmt: str) -> tuple[float, float, float, int]:
        """Wall seconds from « job started » to « file downloaded », the server's own CPU
        seconds (synthesis, requests: the 50-ms polls too) and its renderers', and size."""
        api = f"{self.base}/api/v1/workshops/{code}"
        own, renderers = cpu_split(self.process.pid)
        start = time.perf_counter()
        status, body = request("POST", api + "/exports", token, {"format": fmt, "override": True})
        assert status == 202, body
        job = json.loads(body)
        while job["status"] not in ("done", "failed"):
            time.sleep(POLL_EVERY)
            job = json.loads(request("GET", f"{api}/exports/{job['id']}", token)[1])
        assert job["status"] == "done", job
        status, data = request("GET", f"{api}/exports/{job['id']}/file", token)
        assert status == 200
        wall = time.perf_counter() - start
        own_after, renderers_after = cpu_split(self.process.pid)
        return wall, own_after - own, renderers_after - renderers, len(data)


def _row(runs, **fields) -> dict:
    walls = [run[0] for run in runs]
    return {**fields, "median_s": round(statistics.median(walls), 3),
            "best_s": round(min(walls), 3),
            "server_cpu_s": round(statistics.median(run[1] for run in runs), 3),
            "render_cpu_s": round(statistics.median(run[2] for run in runs), 3),
            "bytes": runs[-1][3]}


def through_server(args) -> list[dict]:
    """Each --tree's server, the exports interleaved (tree A, tree B, A, B…) so that every
    tree is timed under the same load."""
    servers, codes, tokens = [], [], []
    for index, tree in enumerate(Path(t).resolve() for t in args.tree):
        python = os.path.abspath(args.python or tree / ".venv" / "bin" / "python")
        folder = Path(tempfile.mkdtemp(prefix="ensemble-bench-exports-"))
        server = Server(tree, python if Path(python).exists() else sys.executable,
                        folder / "instance", folder / "server.log",
                        args.port + index if args.port else None)
        servers.append(server)
        codes.append(server.prepare(args.cards, args.recommendations))
    results = [{"tree": str(server.tree), "machine": f"{os.cpu_count()} CPUs", "loads": [],
                "first": [], "warm": []} for server in servers]
    try:
        # The first export after a start: as soon as the server answers, then once it has
        # been up for a few seconds (time for a warm renderer to be ready, where there is one).
        for settle in (0, args.settle):
            for server, code, result in zip(servers, codes, results):
                server.start()
                token = server.token()
                if settle == args.settle:
                    tokens.append(token)
                    status, _ = request("PATCH", f"{server.base}/api/v1/workshops/"
                                        f"{code['large_top']}/booklet", token, {"top_cards": TOP})
                    assert status == 200, status
                time.sleep(settle)
                result["loads"].append(os.getloadavg()[0])
                result["first"].append(_row([server.export(token, code["seed"], "pdf")],
                                            format="pdf", workload="seed", after_start_s=settle,
                                            goal_seconds=FIRST_GOAL))
                if settle != args.settle:
                    server.stop()
        for workload in args.workloads:
            for fmt in args.formats:
                if workload == "large_all" and fmt != "pdf":
                    continue  # the DOCX body is the same size either way: one large figure
                runs = [[] for _ in servers]
                for _ in range(args.repeat):
                    for i, server in enumerate(servers):
                        runs[i].append(server.export(tokens[i], codes[i][workload], fmt))
                for result, tree_runs in zip(results, runs):
                    result["loads"].append(os.getloadavg()[0])
                    result["warm"].append(_row(tree_runs, format=fmt, workload=workload,
                                               goal_seconds=GOALS.get((workload, fmt))))
    finally:
        for server in servers:
            server.stop()
    for result in results:
        loads = result.pop("loads")
        result["load_average"] = [round(min(loads), 1), round(max(loads), 1)]
    return results


def print_server(result: dict) -> None:
    print(f"{result['tree']} — {result['machine']}, load average "
          f"{result['load_average'][0]}–{result['load_average'][1]}")
    print(f"{'':<16} {'median s':>9} {'best s':>8} {'server cpu':>11} {'render cpu':>11} "
          f"{'size':>10}  goal")
    for row in result["first"] + result["warm"]:
        name = f"{row['format']} {row['workload']}"
        if "after_start_s" in row:
            name = f"1st {name} +{row['after_start_s']:g}s"
        goal = row["goal_seconds"]
        goal = "" if goal is None else f"≤ {goal:g} s {'ok' if row['median_s'] <= goal else 'MISSED'}"
        print(f"{name:<16} {row['median_s']:>9.3f} {row['best_s']:>8.3f} "
              f"{row['server_cpu_s']:>11.3f} {row['render_cpu_s']:>11.3f} {row['bytes']:>10,}  "
              f"{goal}")


# In process: the renderers alone, on a ready-made synthesis ----------------------------

def synthetic_synthesis(cards: int = 2000, seed: int = 0) -> Synthesis:
    """The seed booklet scaled up: ``cards`` cards over its 10 axes, 200 recommendations."""
    rng = random.Random(seed)
    base = load_seed_synthesis()
    texts = [card.text for card in base.annex_cards]
    types = [label for label, _ in base.attendance.by_type]

    def text(index: int) -> str:
        return f"{rng.choice(texts)} (carte {index})"

    axes, annex = [], []
    per_axis = cards // len(base.axes)
    count = 0
    for axis in base.axes:
        levers, limits = [], []
        for _ in range(per_axis):
            count += 1
            supports = rng.randint(0, 30)
            verbatim = rng.random() < 0.05
            roll = rng.random()
            if roll < 0.4 or not levers:
                levers.append(Lever(text=text(count), supports=supports, verbatim=verbatim))
                kind = "Levier"
            elif roll < 0.6:
                levers[-1].answers.append(Limit(text=text(count), supports=supports))
                kind = "Oui, mais…"
            else:
                limits.append(Limit(text=text(count), supports=supports, verbatim=verbatim))
                kind = "Oui, mais…"
            annex.append(AnnexCard(axis_or_question=f"Axe {axis.number} : {axis.title}",
                                   kind_label=kind, text=text(count), supports=supports,
                                   author_type=rng.choice(types)))
        levers.sort(key=lambda lever: -lever.supports)
        axes.append(AxisSection(number=axis.number, title=axis.title, levers=levers,
                                other_limits=limits))

    targets, annex_recommendations = [], []
    recommendation_texts = [r.text for r in base.annex_recommendations]
    for target in base.recommendations:
        themes = []
        for theme_number in range(5):
            items = [Recommendation(text=f"{rng.choice(recommendation_texts)} ({index})",
                                    group=f"Groupe {rng.randint(1, 12)}",
                                    status=rng.choice(["kept", "kept", "draft", "merged"]),
                                    votes=rng.randint(0, 20)) for index in range(10)]
            theme = ThemeSection(title=f"Thème {theme_number + 1}", items=items)
            themes.append(theme)
            annex_recommendations += [
                AnnexRecommendation(target=target.title, theme=theme.title, group=item.group,
                                    text=item.text, status=item.status) for item in items]
        targets.append(TargetSection(key=target.key, title=target.title, themes=themes))

    polls = [PollResult(question="Où en est notre territoire ?", kind="single",
                        options=[("Coordination", 21), ("Mutualisation", 30), ("Intégration", 9)],
                        total=60)]
    return dataclasses.replace(base, axes=axes, recommendations=targets, polls=polls,
                               annex_cards=annex, annex_recommendations=annex_recommendations)


def best_time(render, synthesis: Synthesis, repeat: int) -> tuple[float, float, int]:
    """Best wall-clock and best CPU seconds over ``repeat`` runs, and the output size."""
    wall = cpu = float("inf")
    size = 0
    for _ in range(repeat):
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        size = len(render(synthesis))
        wall = min(wall, time.perf_counter() - start_wall)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu, size


def in_process(args) -> list[dict]:
    workloads = {"seed": load_seed_synthesis(),
                 f"{args.cards}_cards": synthetic_synthesis(args.cards)}
    results = []
    for fmt in args.formats:
        for workload, synthesis in workloads.items():
            wall, cpu, size = best_time(RENDERERS[fmt].render, synthesis, args.repeat)
            results.append({"format": fmt, "workload": workload, "seconds": round(wall, 3),
                            "cpu_seconds": round(cpu, 3), "bytes": size})
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cards", type=int, default=CARDS)
    parser.add_argument("--recommendations", type=int, default=RECOMMENDATIONS)
    parser.add_argument("--settle", type=float, default=8.0,
                        help="seconds the server is up before the second « first export »")
    parser.add_argument("--tree", action="append",
                        help="a checkout whose server is timed (this one by default); give "
                             "two (e.g. the previous commit's and this one) to compare them "
                             "in the same run, their exports interleaved")
    parser.add_argument("--python", help="its interpreter (default: its .venv's)")
    parser.add_argument("--port", type=int,
                        help="the first --tree's server listens on this port, the next on "
                             "the following one (default: any free port)")
    parser.add_argument("--workloads", nargs="+", choices=WORKLOADS, default=list(WORKLOADS),
                        help="the warm exports timed (the first exports are always the seed's)")
    parser.add_argument("--formats", nargs="+", choices=list(RENDERERS), default=None)
    parser.add_argument("--in-process", action="store_true",
                        help="time the renderers alone on a ready-made synthesis")
    parser.add_argument("--from-db", action="store_true",
                        help="in process too: synthesis built from a database, then each "
                             "format (bench/bench_booklet_db.py)")
    args = parser.parse_args()
    if args.from_db:
        from bench import bench_booklet_db

        rows = bench_booklet_db.run(args.repeat, args.cards)
        print(json.dumps(rows, indent=2)) if args.json else bench_booklet_db.print_table(rows)
        return
    if args.in_process:
        args.formats = args.formats or list(RENDERERS)
        load = os.getloadavg()[0]
        results = in_process(args)
        if args.json:
            print(json.dumps({"load_average": load, "rows": results}, indent=2))
            return
        print(f"{os.cpu_count()} CPUs, load average {load:.1f} at start")
        print(f"{'format':<6} {'workload':<12} {'wall s':>8} {'cpu s':>8} {'size':>10}")
        for row in results:
            print(f"{row['format']:<6} {row['workload']:<12} {row['seconds']:>8.3f} "
                  f"{row['cpu_seconds']:>8.3f} {row['bytes']:>10,}")
        return
    args.formats = args.formats or ["pdf", "docx"]
    args.tree = args.tree or [str(ROOT)]
    results = through_server(args)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for result in results:
        print_server(result)
        print()


if __name__ == "__main__":
    main()
