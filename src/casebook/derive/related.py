"""Related cases: for each case, the few others that have the most in common with it.

What two cases have in common is their shared measure categories, plus one when they are of
the same unit type. The list is the `limit` cases with the highest score; among equal scores
the case that comes first in the content wins, so the result is the same on every build.

Comparing every pair would cost N² (10⁸ at 10,000 cases). Instead, for a case with features F
(its unit type and its categories), the cases that share at least s of them are the cases
that contain some subset A of F with |A| = s. Going down from s = |F|, only the first few
cases (in content order) that contain each such A can make the list, so each A costs one
AND of bit sets plus a few lowest-bit look-ups, and it is remembered for the next case that
asks for the same A. The work grows with the number of distinct feature subsets the content
uses, which the taxonomy bounds, not with the number of pairs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from casebook.model import Case

LIMIT = 5


@dataclass(frozen=True, slots=True)
class Related:
    case: str  # id of the related case
    measures: tuple[str, ...]  # the categories both cases have, in the order of the case shown
    same_unit: bool

    @property
    def score(self) -> int:
        return len(self.measures) + self.same_unit


def related_cases(cases: Sequence[Case], limit: int = LIMIT) -> Mapping[str, tuple[Related, ...]]:
    """Case id -> its related cases, best first; a case that shares nothing gets ()."""
    feature_ids: dict[tuple[str, str], int] = {}
    features: list[tuple[int, ...]] = []
    for case in cases:
        named = {("unit", case.unit_type), *(("measure", m) for m in case.measures)}
        features.append(tuple(sorted(feature_ids.setdefault(f, len(feature_ids)) for f in named)))
    # One bit set per feature: bit i is set when case i has the feature.
    holders = [0] * len(feature_ids)
    for i, own in enumerate(features):
        for f in own:
            holders[f] |= 1 << i
    masks = [sum(1 << f for f in own) for own in features]
    first = _FirstHolders(holders, limit + 1)  # + 1: the case itself is among them

    out: dict[str, tuple[Related, ...]] = {}
    for i, own in enumerate(features):
        picked: list[int] = []
        for s in range(len(own), 0, -1):
            found: set[int] = set()
            for subset in combinations(own, s):
                found.update(first(subset))
            # Those that share more than s were picked at a higher level.
            level = sorted(j for j in found if j != i and (masks[i] & masks[j]).bit_count() == s)
            picked += level[: limit - len(picked)]
            if len(picked) == limit:
                break
        out[cases[i].id] = tuple(_related(cases[i], cases[j]) for j in picked)
    return out


class _FirstHolders:
    """The first `n` cases, in content order, that have every feature of a subset; memoised."""

    def __init__(self, holders: list[int], n: int):
        self.holders, self.n = holders, n
        self.sets: dict[tuple[int, ...], int] = {}
        self.firsts: dict[tuple[int, ...], tuple[int, ...]] = {}

    def holding(self, subset: tuple[int, ...]) -> int:
        found = self.sets.get(subset)
        if found is None:
            if len(subset) == 1:
                found = self.holders[subset[0]]
            else:
                found = self.holding(subset[:-1]) & self.holders[subset[-1]]
            self.sets[subset] = found
        return found

    def __call__(self, subset: tuple[int, ...]) -> tuple[int, ...]:
        found = self.firsts.get(subset)
        if found is None:
            bits, out = self.holding(subset), list[int]()
            while bits and len(out) < self.n:
                lowest = bits & -bits
                out.append(lowest.bit_length() - 1)
                bits ^= lowest
            found = self.firsts[subset] = tuple(out)
        return found


def _related(case: Case, other: Case) -> Related:
    shared = tuple(m for m in case.measures if m in other.measures)
    return Related(other.id, shared, case.unit_type == other.unit_type)
