"""Benchmark of form_groups on realistic rooms of 60, 300 and 1,000 people.

Rooms: about one organisation per 2.4 people (25 for 60) with Zipf-like sizes
(a few large organisations, many singletons), 8 organisation types and 9
professions with skewed frequencies, organisation names typed inconsistently
and a few left blank.  Groups of 6.  A second series gives a quarter of the
room to one host organisation, more people than there are groups.

For each category the mix reached is compared with an upper bound: the
smaller of sum over groups of min(group size, number of values) and sum over
values of min(people with that value, number of groups); for the spreads
(-sum of squared counts), each value dealt as evenly as possible over the
groups, ignoring the other values.

    python bench/bench_grouping.py [--json] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a plain script from anywhere

from workshops.services.groups.grouping import Person, form_groups, mix_score, normalise_organisation  # noqa: E402

SIZES = (60, 300, 1000)
GROUP_SIZE = 6
HOST_SHARES = (0.0, 0.25)  # typical room; room where the host organisation brings a quarter
TYPES = ["association", "établissement médico-social", "collectivité", "service de l'État",
         "hôpital", "entreprise", "bénévoles", "usagers"]
TYPE_WEIGHTS = [30, 20, 15, 10, 8, 7, 6, 4]
PROFESSIONS = ["éducateur", "assistant social", "infirmier", "cadre", "bénévole",
               "psychologue", "animateur", "élu", "personne accompagnée"]
PROFESSION_WEIGHTS = [25, 18, 14, 12, 9, 8, 6, 5, 3]


def make_room(n: int, rng: random.Random, host_share: float) -> list[Person]:
    """A shuffled room; the first organisation (the host) brings `host_share` of the people."""
    n_organisations = round(n / 2.4)
    sizes = [max(1, round(n * host_share))] + [1] * (n_organisations - 1)
    for o in rng.choices(range(n_organisations), weights=[1 / (o + 1) for o in range(n_organisations)],
                         k=n - sum(sizes)):
        sizes[o] += 1
    types = rng.choices(TYPES, weights=TYPE_WEIGHTS, k=n_organisations)
    people = []
    for o, size in enumerate(sizes):
        for _ in range(size):
            spelling = rng.choice([f"Foyer Saint-Éloi {o}", f"  foyer saint eloi {o}", f"FOYER SAINT-ELOI  {o}"])
            name = "" if rng.random() < 0.03 else spelling
            profession = rng.choices(PROFESSIONS, weights=PROFESSION_WEIGHTS)[0]
            people.append(Person(len(people), name, types[o], profession))
    rng.shuffle(people)
    return people


def organisation_key(person: Person) -> object:
    return normalise_organisation(person.organisation) or ("?", person.id)


def upper_bounds(people: list[Person], group_sizes: list[int]) -> list[int]:
    """Bounds for the six MixScore fields (distinct counts, then spreads)."""
    count = len(group_sizes)
    columns = [[organisation_key(p) for p in people], [p.organisation_type for p in people],
               [p.profession for p in people]]
    distinct, spread = [], []
    for values in columns:
        per_value = Counter(values).values()
        distinct.append(min(sum(min(size, len(per_value)) for size in group_sizes),
                            sum(min(c, count) for c in per_value)))
        # Each value spread as evenly as possible over all groups.
        spread.append(-sum((c % count) * (c // count + 1) ** 2 + (count - c % count) * (c // count) ** 2
                           for c in per_value))
    return distinct + spread


def run(n: int, host_share: float, repeat: int) -> dict:
    people = make_room(n, random.Random(n), host_share)
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        groups = form_groups(people, size=GROUP_SIZE)
        timings.append(time.perf_counter() - start)
    by_id = {p.id: p for p in people}
    score = mix_score([[by_id[i] for i in g] for g in groups])
    bounds = upper_bounds(people, [len(g) for g in groups])
    return {
        "people": n,
        "host_share": host_share,
        "organisations": len({organisation_key(p) for p in people}),
        "groups": len(groups),
        "best_s": round(min(timings), 4),
        "median_s": round(statistics.median(timings), 4),
        "mix": {name: {"reached": reached, "bound": bound} for name, reached, bound in zip(score._fields, score, bounds)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per room (default 5)")
    args = parser.parse_args()
    results = [run(n, host_share, args.repeat) for host_share in HOST_SHARES for n in SIZES]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    short = ["orgs", "types", "profs", "org spread", "type spread", "prof spread"]
    print("host  people  orgs  groups  best s  median s  | MixScore field reached/bound")
    for r in results:
        mix = "  ".join(f"{name} {m['reached']}/{m['bound']}" for name, m in zip(short, r["mix"].values()))
        print(f"{r['host_share']:>4.0%}  {r['people']:>6}  {r['organisations']:>4}  {r['groups']:>6}  "
              f"{r['best_s']:>6.3f}  {r['median_s']:>8.3f}  | {mix}")


if __name__ == "__main__":
    main()
