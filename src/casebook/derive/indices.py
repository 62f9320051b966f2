"""Grouping the content for the index pages, in one pass over it.

Every index (by unit type, by measure, by their cross, checklist items by measure, glossary
uses, related cases) is built here as plain data; the modules of `site/` turn it into pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

from casebook.derive.related import Related, related_cases
from casebook.incremental.memo import Memo, digest, recall
from casebook.model import LANGUAGES, Case, CaseText, Checklist, ChecklistItem, Content


@dataclass(frozen=True, slots=True)
class ItemRef:
    checklist: Checklist
    index: int  # position of the item in its checklist, the same in every language

    def item(self, lang: str) -> ChecklistItem:
        return self.checklist.text(lang).items[self.index]


@dataclass(frozen=True, slots=True)
class Indices:
    by_unit: Mapping[str, tuple[Case, ...]]
    by_measure: Mapping[str, tuple[Case, ...]]
    by_cell: Mapping[tuple[str, str], tuple[Case, ...]]
    items_by_measure: Mapping[str, tuple[ItemRef, ...]]
    # glossary term id -> cases whose text in that language uses the term, per language
    term_uses: Mapping[str, Mapping[str, tuple[Case, ...]]]
    cases_by_id: Mapping[str, Case]
    # case id -> the cases with the most in common with it (related.py)
    related: Mapping[str, tuple[Related, ...]] = field(default_factory=dict)

    # The one count of cases per unit type and per category, for every page, chart and facet.
    def unit_counts(self) -> dict[str, int]:
        return {unit: len(cases) for unit, cases in self.by_unit.items()}

    def measure_counts(self) -> dict[str, int]:
        return {measure: len(cases) for measure, cases in self.by_measure.items()}


def build(content: Content, memo: Memo | None = None) -> Indices:
    """The indices of `content`; `memo` keeps per-text results between builds (memo.py)."""
    by_unit: dict[str, list[Case]] = {u.id: [] for u in content.taxonomy.unit_types}
    by_measure: dict[str, list[Case]] = {m.id: [] for m in content.taxonomy.measures}
    by_cell: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for case in content.cases:
        by_unit[case.unit_type].append(case)
        for measure in case.measures:
            by_measure[measure].append(case)
            by_cell[(case.unit_type, measure)].append(case)

    items: dict[str, list[ItemRef]] = {m.id: [] for m in content.taxonomy.measures}
    for checklist in content.checklists:
        for i, item in enumerate(checklist.text(LANGUAGES[0]).items):
            items[item.measure].append(ItemRef(checklist, i))

    return Indices(
        by_unit={k: tuple(v) for k, v in by_unit.items()},
        by_measure={k: tuple(v) for k, v in by_measure.items()},
        by_cell={k: tuple(v) for k, v in by_cell.items()},
        items_by_measure={k: tuple(v) for k, v in items.items()},
        term_uses=_term_uses(content, memo),
        cases_by_id={c.id: c for c in content.cases},
        related=_related(content, memo),
    )


def _related(content: Content, memo: Memo | None):
    """related_cases, kept by what it is computed from: the order, unit types and categories of
    all cases, which most edits leave as they were."""
    features = digest(repr([(c.id, c.unit_type, c.measures) for c in content.cases])) if memo else None
    return recall(memo, features and ("related", features), lambda: related_cases(content.cases))


def _matcher(forms: list[tuple[str, str]], lang: str) -> Callable[[CaseText], frozenset[str]]:
    """The ids of the terms whose (form, term id) `forms` a case text holds. The automaton is built
    at the first text that is not in the memo: a warm build builds none."""
    import ahocorasick_rs

    automaton = None
    term_of = [term_id for _, term_id in forms]

    def terms_in(text: CaseText) -> frozenset[str]:
        nonlocal automaton
        if automaton is None:
            automaton = ahocorasick_rs.AhoCorasick([form for form, _ in forms],
                                                   implementation=ahocorasick_rs.Implementation.DFA)
        low = f"{text.summary}\n{text.body}"
        low = low if lang == "zh" else low.lower()
        found = {form for form, _, _ in automaton.find_matches_as_indexes(low, overlapping=True)}
        return frozenset(term_of[form] for form in found)

    return terms_in


def _term_uses(content: Content, memo: Memo | None = None) -> dict[str, dict[str, tuple[Case, ...]]]:
    """Which cases mention each glossary term, in each language.

    One Aho-Corasick pass per case text finds every written form of every term at once, where a
    regular expression alternating the forms or a substring test per form walk the text again
    and again. ahocorasick-rs's DFA walks a text faster than pyahocorasick did; overlapping
    matches, so that a form inside another counts too.
    `memo` keeps each text's terms by the text's file and the glossary's forms.
    """
    uses: dict[str, dict[str, list[Case]]] = {t.id: {lang: [] for lang in LANGUAGES} for t in content.glossary}
    for lang in LANGUAGES:
        forms = [(form.lower(), term.id) for term in content.glossary
                 # An explicit link counts as a use, whatever words it is written with.
                 for form in (*term.forms(lang), f"glossary:{term.id}")
                 if form]  # a label missing from a glossary with errors; the automaton refuses ""
        if not forms:
            continue
        terms_in = _matcher(forms, lang)
        glossary_key = digest(repr(forms))
        for case in content.cases:
            text = case.texts.get(lang)
            if text is None:
                continue
            key = ("terms", glossary_key, text.digest) if text.digest else None
            for term_id in recall(memo, key, partial(terms_in, text)):
                uses[term_id][lang].append(case)
    return {t: {lang: tuple(cs) for lang, cs in per.items()} for t, per in uses.items()}
