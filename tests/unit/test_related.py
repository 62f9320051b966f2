"""Related cases: the same lists as comparing every pair, without comparing every pair."""

from __future__ import annotations

import random
import time

import pytest

from casebook.derive.related import related_cases
from casebook.model import Case, Source
from support import real

CONTENT = real.loaded().content
UNITS = [u.id for u in CONTENT.taxonomy.unit_types]
MEASURES = [m.id for m in CONTENT.taxonomy.measures]


def every_pair(cases, limit=5):
    """The definition, by brute force: most in common first, then content order."""
    out = {}
    for i, case in enumerate(cases):
        scored = []
        for j, other in enumerate(cases):
            shared = len(set(case.measures) & set(other.measures)) + (case.unit_type == other.unit_type)
            if j != i and shared:
                scored.append((-shared, j))
        out[case.id] = [cases[j].id for _, j in sorted(scored)[:limit]]
    return out


def synthetic(n: int, seed: int, most: int = 7) -> tuple[Case, ...]:
    rng = random.Random(seed)
    return tuple(Case(f"case-{i:05d}", rng.choice(UNITS), tuple(rng.sample(MEASURES, rng.randint(1, most))),
                      None, Source("f.txt", "R01"), {}) for i in range(n))


@pytest.mark.parametrize("seed", range(6))
def test_same_as_comparing_every_pair(seed):
    cases = synthetic(300, seed, most=[2, 4, 7, 12, 3, 5][seed])
    got = related_cases(cases)
    assert {k: [r.case for r in v] for k, v in got.items()} == every_pair(cases)


def test_same_as_comparing_every_pair_on_the_real_cases():
    got = related_cases(CONTENT.cases)
    assert {k: [r.case for r in v] for k, v in got.items()} == every_pair(CONTENT.cases)


def test_each_case_names_what_it_shares():
    related = related_cases(CONTENT.cases)
    by_id = {c.id: c for c in CONTENT.cases}
    for case in CONTENT.cases:
        found = related[case.id]
        assert len(found) <= 5
        assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)
        for r in found:
            other = by_id[r.case]
            assert r.same_unit == (other.unit_type == case.unit_type)
            assert set(r.measures) == set(case.measures) & set(other.measures)


def test_a_case_that_shares_nothing_has_no_related_cases():
    cases = (Case("a", "hospital", ("exchange",), None, Source("f", "R01"), {}),
             Case("b", "community", ("pairing",), None, Source("f", "R01"), {}))
    assert related_cases(cases) == {"a": (), "b": ()}


def test_the_work_grows_with_the_feature_subsets_not_with_the_pairs(monkeypatch):
    """Every pair would be 10⁸ comparisons at 10,000 cases (minutes in Python). The bit sets
    worked out (one per feature subset asked for) are bounded by the taxonomy: five times the
    cases add few. (The time is printed; the benchmark keeps the figures.)"""
    from itertools import combinations
    from math import comb

    from casebook.derive import related as module

    made: list = []
    init = module._FirstHolders.__init__
    monkeypatch.setattr(module._FirstHolders, "__init__",
                        lambda self, *a: (made.append(self), init(self, *a))[1])
    # Every subset of a case's features (its unit type and up to four categories) that the
    # taxonomy allows: the most bit sets there can ever be, whatever the number of cases.
    bound = sum(comb(len(UNITS) + len(MEASURES), k) for k in range(1, 6))
    for n in (2_000, 10_000):
        cases = synthetic(n, 1, most=4)
        start = time.perf_counter()
        related = related_cases(cases)
        print(f"related cases of {n:,} cases: {time.perf_counter() - start:.2f} s, {len(made[-1].sets)} bit sets")
        assert len(related) == n and all(len(r) == 5 for r in related.values())
        asked = {sub for c in cases for k in range(1, 6)
                 for sub in combinations(sorted({c.unit_type, *c.measures}), k)}
        assert len(made[-1].sets) <= len(asked) <= bound < n * (n - 1) // 2
