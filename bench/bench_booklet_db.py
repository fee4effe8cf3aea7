"""Time the booklet exports as the server makes them: synthesis built from the database, then
each format, on the seed 000 workshop and on a 2,000-card workshop.

    python bench/bench_booklet_db.py [--repeat 3] [--cards 2000] [--json]

(also `python bench/bench_exports.py --from-db`). A fresh SQLite database in a temporary
folder; the renderers run in this process (the server runs PDF and DOCX in a child
process, which adds about one second of start-up). Goals: each format under 2 s on the
seed, the PDF under 10 s with 2,000 cards — build included.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.seed_workshop import seed_workshop  # noqa: E402

SEED_GOAL, PDF_LARGE_GOAL = 2.0, 10.0
FORMATS = ("docx", "pdf", "html", "md", "xlsx", "json")


def _best(fn, repeat):
    wall = cpu = float("inf")
    result = None
    for _ in range(repeat):
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        wall = min(wall, time.perf_counter() - start_wall)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu, result


def run(repeat: int = 3, cards: int = 2000) -> list[dict]:
    folder = tempfile.mkdtemp(prefix="ensemble-bench-")
    os.environ["ENSEMBLE_INSTANCE"] = folder
    from workshops.factory import create_app
    from workshops.extensions import db_session
    from workshops.services.room import accounts
    from workshops.services.booklet import build_synthesis
    from workshops.services.exports import produce

    app = create_app({"TESTING": True, "CREATE_TABLES": True, "SECRET_KEY": "bench",
                      "DATABASE_URL": f"sqlite:///{folder}/bench.db"})
    now = dt.datetime(2026, 11, 22, 12, 0)
    rows = []
    with app.app_context():
        session = db_session()
        account = accounts.create_account(session, "bench@example.org", "bench password")
        workloads = {"seed": seed_workshop(session, account),
                     f"{cards}_cards": seed_workshop(session, account, cards=cards)}
        import exports

        for name, workshop in workloads.items():
            wall, cpu, _s = _best(lambda: build_synthesis(session, workshop, now), repeat)
            rows.append({"format": "build", "workload": name, "seconds": round(wall, 3),
                         "cpu_seconds": round(cpu, 3), "bytes": None, "goal_seconds": None,
                         "ok": None})
            for fmt in FORMATS:
                if fmt == "json":
                    job = lambda: produce(session, workshop, "json", now)  # noqa: E731
                else:
                    job = lambda: exports.render(  # noqa: E731
                        fmt, build_synthesis(session, workshop, now))[0]
                wall, cpu, data = _best(job, repeat)
                goal = SEED_GOAL if name == "seed" else PDF_LARGE_GOAL if fmt == "pdf" else None
                rows.append({"format": fmt, "workload": name, "seconds": round(wall, 3),
                             "cpu_seconds": round(cpu, 3), "bytes": len(data),
                             "goal_seconds": goal, "ok": None if goal is None else wall < goal})
    return rows


def print_table(rows: list[dict]) -> None:
    print(f"{'format':<6} {'workload':<12} {'wall s':>8} {'cpu s':>8} {'size':>10}  goal (build included)")
    for row in rows:
        goal = "" if row["goal_seconds"] is None else (
            f"< {row['goal_seconds']:g} s {'ok' if row['ok'] else 'MISSED'}")
        size = "" if row["bytes"] is None else f"{row['bytes']:,}"
        print(f"{row['format']:<6} {row['workload']:<12} {row['seconds']:>8.3f} "
              f"{row['cpu_seconds']:>8.3f} {size:>10}  {goal}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cards", type=int, default=2000)
    args = parser.parse_args()
    rows = run(args.repeat, args.cards)
    print(json.dumps(rows, indent=2)) if args.json else print_table(rows)


if __name__ == "__main__":
    main()
