"""Mixed group formation for day 2 of a study day.

Participants are split into groups whose sizes differ by at most one, mixing
organisations first, then organisation types, then professions.  The
objective is :func:`mix_score`; ``docs/grouping.md`` states it precisely and
explains what :func:`form_groups` guarantees.

Pure service: no Flask, no database.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple, Sequence

__all__ = [
    "MixScore",
    "Person",
    "best_group_for",
    "form_groups",
    "mix_score",
    "normalise_organisation",
]


@dataclass(frozen=True)
class Person:
    id: int
    organisation: str
    organisation_type: str
    profession: str


class MixScore(NamedTuple):
    """Lexicographic objective; compare with ``<``/``>``, larger is better.

    The first three fields count distinct values per group, summed over groups.
    The ``*_spread`` fields are ``-sum(count**2)`` of each value per group,
    summed over groups: once the distinct counts can no longer improve, they
    prefer 2 + 2 people of two organisations over 3 + 1.
    """

    organisations: int
    organisation_types: int
    professions: int
    organisation_spread: int
    type_spread: int
    profession_spread: int


_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})


def normalise_organisation(name: str) -> str:
    """Case-, accent-, punctuation- and space-insensitive organisation key.

    ``"  Foyer  Notre-Dame"`` and ``"foyer notre dame"`` give the same key;
    a blank name gives ``""``.
    """
    folded = unicodedata.normalize("NFKD", name.casefold().translate(_LIGATURES))
    letters = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(re.findall(r"[^\W_]+", letters))


def _keys(person: Person) -> tuple[object, str, str]:
    """The three mixed categories; an unknown organisation is unique to its person."""
    organisation = normalise_organisation(person.organisation)
    return (organisation or ("?", person.id), person.organisation_type, person.profession)


def mix_score(groups: Sequence[Sequence[Person]]) -> MixScore:
    totals = [0] * 6
    for group in groups:
        for category, values in enumerate(zip(*map(_keys, group))):
            counts = Counter(values).values()
            totals[category] += len(counts)
            totals[3 + category] -= sum(c * c for c in counts)
    return MixScore(*totals)


def best_group_for(groups: Sequence[Sequence[Person]], newcomer: Person) -> int:
    """Index of the group a latecomer should join.

    Only groups at most one person larger than the smallest group are
    eligible, so latecomers never push the size spread beyond two.  Among
    them: largest increase of :func:`mix_score`, then smallest group, then
    lowest index.
    """
    if not groups:
        raise ValueError("Aucun groupe : impossible de placer la personne arrivée en retard.")
    smallest = min(map(len, groups))

    def preference(index: int) -> tuple:
        group = groups[index]
        before, after = mix_score([group]), mix_score([[*group, newcomer]])
        gain = tuple(a - b for a, b in zip(after, before))
        return (gain, -len(group), -index)

    eligible = [i for i, group in enumerate(groups) if len(group) <= smallest + 1]
    return max(eligible, key=preference)


def form_groups(
    people: Sequence[Person],
    *,
    size: int | None = None,
    count: int | None = None,
    seed: int = 0,
) -> list[list[int]]:
    """Split ``people`` into balanced, well-mixed groups; returns lists of ids.

    Give exactly one of ``size`` (target group size, ``count = ceil(n / size)``)
    or ``count`` (number of groups, capped to the number of people).  Group
    sizes differ by at most one.  The result depends only on ``people`` (and
    their order) and ``seed``; another seed usually gives other groups of
    similar quality.
    """
    if (size is None) == (count is None):
        raise ValueError("Indiquez soit la taille des groupes, soit le nombre de groupes (l'un ou l'autre).")
    if size is not None and size < 2:
        raise ValueError("La taille des groupes doit être d'au moins 2 personnes.")
    if count is not None and count < 1:
        raise ValueError("Le nombre de groupes doit être d'au moins 1.")
    if len({p.id for p in people}) != len(people):
        raise ValueError("Chaque participant doit avoir un identifiant unique.")
    if not people:
        return []
    n = len(people)
    count = math.ceil(n / size) if size is not None else min(count, n)

    attributes = _intern([_keys(p) for p in people])
    rng = random.Random(seed)
    runs = []
    for restart in range(_restarts(n)):
        search = _Search(attributes, count)
        search.construct(rng, scarcest_first=restart == 0)
        search.improve()
        runs.append((search.total(), search.members))
    _, best = max(runs, key=lambda run: run[0])
    return [[people[i].id for i in members] for members in sorted(map(sorted, best))]


def _restarts(n: int) -> int:
    """Number of independent greedy + local-search runs.

    Tiny rooms have the odd local optimum that is not global, and runs are
    nearly free there; on realistic rooms extra runs were not seen to help.
    """
    return min(16, max(1, 1200 // n))


def _intern(keys: list[tuple]) -> list[tuple[int, int, int]]:
    """Replace each category value by a small integer, in order of first appearance."""
    tables: list[dict] = [{}, {}, {}]
    return [tuple(table.setdefault(v, len(table)) for table, v in zip(tables, k)) for k in keys]


class _Search:
    """A balanced partition with value counters, improved by swaps and moves.

    ``counts[k][v][g]`` is how many members of group ``g`` have value ``v`` in
    category ``k`` (organisation, type, profession).

    The lexicographic :class:`MixScore` is folded into one integer with base
    ``B``: distinct organisations weigh ``B**5``, ..., profession spread
    weighs ``1``.  One move or swap changes each distinct total by at most 2
    and each spread total by at most ``4 * max_size``, so with
    ``B = 4 * max_size + 2`` comparing the folded deltas of moves and swaps is
    exactly comparing their MixScore deltas.
    """

    def __init__(self, attributes: list[tuple[int, int, int]], count: int):
        self.attributes = attributes
        n = len(attributes)
        self.small, self.n_large = divmod(n, count)
        max_size = self.small + (self.n_large > 0)
        base = 4 * max_size + 2
        distinct, spread = (base**5, base**4, base**3), (base**2, base, 1)
        # Folded change in one category when a value held by c members is
        # removed from / added to a group.
        self.remove = [[-d * (c == 1) + s * (2 * c - 1) for c in range(max_size + 2)]
                       for d, s in zip(distinct, spread)]
        self.add = [[d * (c == 0) - s * (2 * c + 1) for c in range(max_size + 2)]
                    for d, s in zip(distinct, spread)]
        self.members: list[list[int]] = [[] for _ in range(count)]
        self.counts = [[[0] * count for _ in range(max(a[k] for a in attributes) + 1)]
                       for k in range(3)]

    def _place(self, person: int, group: int) -> None:
        self.members[group].append(person)
        for per_value, value in zip(self.counts, self.attributes[person]):
            per_value[value][group] += 1

    def _take(self, person: int, group: int) -> None:
        self.members[group].remove(person)
        for per_value, value in zip(self.counts, self.attributes[person]):
            per_value[value][group] -= 1

    def construct(self, rng: random.Random, scarcest_first: bool) -> None:
        """Greedy: deal people one by one into the open group gaining the most.

        The dealing order is shuffled; unless ``scarcest_first`` is false it is
        then sorted so that people of the largest organisations (then types,
        professions) come first, since they are the hardest to spread.  Ties
        go to the smallest, then first, group.
        """
        attributes = self.attributes
        order = list(range(len(attributes)))
        rng.shuffle(order)
        if scarcest_first:
            frequency = [Counter(a[k] for a in attributes) for k in range(3)]
            order.sort(key=lambda i: [-frequency[k][attributes[i][k]] for k in range(3)])
        (add_o, add_t, add_p), (count_o, count_t, count_p) = self.add, self.counts
        sizes = [0] * len(self.members)
        large = 0
        for person in order:
            o, t, p = attributes[person]
            capacity = self.small + (large < self.n_large)
            gains = [(add_o[x] + add_t[y] + add_p[z], -size) if size < capacity else (-math.inf, 0)
                     for x, y, z, size in zip(count_o[o], count_t[t], count_p[p], sizes)]
            group = gains.index(max(gains))
            large += sizes[group] == self.small
            sizes[group] += 1
            self._place(person, group)

    def improve(self) -> None:
        """Apply improving swaps and balance-keeping moves until none is left.

        A pair of groups is re-examined only if one of them changed since its
        last examination, so the passes after the first one are cheap.
        """
        count = len(self.members)
        version = [0] * count
        examined: dict[tuple[int, int], tuple[int, int]] = {}
        changed = True
        while changed:
            changed = False
            for a in range(count):
                for b in range(a + 1, count):
                    while examined.get((a, b)) != (version[a], version[b]):
                        examined[(a, b)] = (version[a], version[b])
                        if self._improve_pair(a, b):
                            version[a] += 1
                            version[b] += 1
                            changed = True

    def _leaving(self, person: int, source: int, target: int) -> list[int]:
        """Per-category folded change from `person` leaving `source` and joining `target`."""
        return [remove[per_value[v][source]] + add[per_value[v][target]]
                for remove, add, per_value, v in zip(self.remove, self.add, self.counts, self.attributes[person])]

    def _improve_pair(self, a: int, b: int) -> bool:
        """Apply the best improving swap, or move, between groups a and b, if any."""
        attributes = self.attributes
        out_a = [(p, attributes[p], self._leaving(p, a, b)) for p in self.members[a]]
        out_b = [(q, attributes[q], self._leaving(q, b, a)) for q in self.members[b]]
        best_delta, best = 0, None
        for p, (o1, t1, r1), (x0, x1, x2) in out_a:
            for q, (o2, t2, r2), (y0, y1, y2) in out_b:
                # A category only changes if the two people differ in it.
                delta = (o1 != o2) * (x0 + y0) + (t1 != t2) * (x1 + y1) + (r1 != r2) * (x2 + y2)
                if delta > best_delta:
                    best_delta, best = delta, ((p, a, b), (q, b, a))
        # Moving one person keeps sizes balanced only from a larger group to a smaller one.
        if len(out_a) != len(out_b):
            source, target, leavers = (a, b, out_a) if len(out_a) > len(out_b) else (b, a, out_b)
            for person, _, changes in leavers:
                if sum(changes) > best_delta:
                    best_delta, best = sum(changes), ((person, source, target),)
        if best is None:
            return False
        for person, source, _ in best:
            self._take(person, source)
        for person, _, target in best:
            self._place(person, target)
        return True

    def total(self) -> tuple:
        """The MixScore of the whole partition, as a plain tuple."""
        distinct = [sum(c > 0 for per_group in per_value for c in per_group) for per_value in self.counts]
        spread = [-sum(c * c for per_group in per_value for c in per_group) for per_value in self.counts]
        return (*distinct, *spread)
