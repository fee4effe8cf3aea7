"""Time every export renderer on the seed 000 booklet and on a synthetic 2,000-card workshop.

    python bench/bench_exports.py            # table
    python bench/bench_exports.py --json     # machine-readable

Each figure is the best of --repeat runs (3 by default), wall clock and CPU time.
Goals (wall clock): every format under 2 s on the seed, the PDF under 10 s with
2,000 cards. ``--from-db`` times the server's whole path instead: the synthesis built from
a workshop stored in a database, then each format (bench/bench_booklet_db.py).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exports import RENDERERS  # noqa: E402
from exports.synthesis import (  # noqa: E402
    AnnexCard, AnnexRecommendation, AxisSection, Lever, Limit, PollResult, Recommendation,
    Synthesis, TargetSection, ThemeSection)
from tests.fixtures import load_seed_synthesis  # noqa: E402

SEED_GOAL = 2.0
PDF_LARGE_GOAL = 10.0


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
    """Best wall-clock and best CPU seconds over ``repeat`` runs, and the output size.

    CPU time is shown too because wall time is meaningless on a loaded machine.
    """
    wall = cpu = float("inf")
    size = 0
    for _ in range(repeat):
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        size = len(render(synthesis))
        wall = min(wall, time.perf_counter() - start_wall)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--from-db", action="store_true",
                        help="build each synthesis from a workshop in a database first "
                             "(bench/bench_booklet_db.py)")
    parser.add_argument("--formats", nargs="+", choices=list(RENDERERS), default=list(RENDERERS))
    args = parser.parse_args()
    if args.from_db:
        from bench import bench_booklet_db

        rows = bench_booklet_db.run(args.repeat, args.cards)
        print(json.dumps(rows, indent=2)) if args.json else bench_booklet_db.print_table(rows)
        return

    # Wall time is only meaningful on an idle machine: say how busy this one was.
    machine = f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start"
    workloads = {"seed": load_seed_synthesis(), f"{args.cards}_cards": synthetic_synthesis(args.cards)}
    results = []
    for fmt in args.formats:
        module = RENDERERS[fmt]
        for workload, synthesis in workloads.items():
            wall, cpu, size = best_time(module.render, synthesis, args.repeat)
            goal = SEED_GOAL if workload == "seed" else PDF_LARGE_GOAL if fmt == "pdf" else None
            results.append({"format": fmt, "workload": workload, "seconds": round(wall, 3),
                            "cpu_seconds": round(cpu, 3), "bytes": size, "goal_seconds": goal,
                            "ok": None if goal is None else wall < goal})

    if args.json:
        print(machine, file=sys.stderr)
        print(json.dumps(results, indent=2))
        return
    print(machine)
    print(f"{'format':<6} {'workload':<12} {'wall s':>8} {'cpu s':>8} {'size':>10}  goal")
    for row in results:
        goal = "" if row["goal_seconds"] is None else (
            f"< {row['goal_seconds']:g} s {'ok' if row['ok'] else 'MISSED'}")
        print(f"{row['format']:<6} {row['workload']:<12} {row['seconds']:>8.3f} "
              f"{row['cpu_seconds']:>8.3f} {row['bytes']:>10,}  {goal}")


if __name__ == "__main__":
    main()
