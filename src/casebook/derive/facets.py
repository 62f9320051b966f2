"""The facets of the browse page: unit type, measure category, province, year, ethnic group.

Each facet has values with a key that is the same in every language, so that a filtered view's
address (`browse/#unit=hospital&province=贵州省`) means the same set of cases on either side of
the language switch: taxonomy ids for unit types and categories, the year as written, and for
provinces and ethnic groups the name in the default language (the other language's name of the
same place or group is its label there). A case whose source does not state a province, year
or ethnic group has the value "not stated" (key `-`), so that those cases can be found too.

Chosen values combine with AND across facets. Within a facet whose cases have one value each
(unit type, province, year) a case must have any of the chosen values; within a facet whose
cases can have several (categories, ethnic groups) it must have all of them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Literal, Mapping, Sequence

from casebook.derive.indices import Indices
from casebook.model import DEFAULT_LANGUAGE, LANGUAGES, Case, CaseText, Content, Label
from casebook.strings import strings

NOT_STATED = "-"
FACET_KEYS = ("unit", "measure", "province", "year", "group")


@dataclass(frozen=True, slots=True)
class FacetValue:
    key: str
    label: Label
    count: int  # cases with this value in the whole content


@dataclass(frozen=True, slots=True)
class Facet:
    key: str  # the name in the browse page's address, one of FACET_KEYS
    multi: bool  # a case can have several values
    values: tuple[FacetValue, ...]
    of_case: Mapping[str, tuple[int, ...]]  # case id -> positions of its values in `values`

    @property
    def mode(self) -> Literal["any", "all"]:
        """How chosen values of this facet combine: any of them, or all of them."""
        return "all" if self.multi else "any"

    def keys_of(self, case_id: str) -> tuple[str, ...]:
        return tuple(self.values[i].key for i in self.of_case[case_id])


def build(content: Content, indices: Indices, not_stated: Label) -> tuple[Facet, ...]:
    """The facets in the order the browse page shows them. `not_stated` labels the value of
    cases whose source leaves a field out (an interface text, so the caller's). The cases of a
    unit type or category are those its index page lists: counted once, in `indices`."""
    tax = content.taxonomy
    cases = content.cases
    unit = _facet("unit", False, cases, {c.id: (c.unit_type,) for c in cases},
                  {u.id: u.label for u in tax.unit_types}, order=[u.id for u in tax.unit_types],
                  counts=indices.unit_counts())
    measure = _facet("measure", True, cases, {c.id: tuple(c.measures) for c in cases},
                     {m.id: m.label for m in tax.measures}, order=[m.id for m in tax.measures],
                     counts=indices.measure_counts())
    province_keys, province_labels = _names(cases, lambda t: (t.region.province,) if t.region.province else ())
    province = _facet("province", False, cases, province_keys, province_labels, not_stated=not_stated)
    years = {c.id: (str(c.year),) if c.year else () for c in cases}
    year = _facet("year", False, cases, years, {y: _same_in_all(y) for ys in years.values() for y in ys},
                  not_stated=not_stated, sort=lambda key, count: (_year_start(key), key))
    group_keys, group_labels = _names(cases, lambda t: tuple(t.ethnic_groups))
    group = _facet("group", True, cases, group_keys, group_labels, not_stated=not_stated)
    return unit, measure, province, year, group


def _facet(key: str, multi: bool, cases: Sequence[Case], keys: Mapping[str, tuple[str, ...]],
           labels: Mapping[str, Label], order: list[str] | None = None, not_stated: Label | None = None,
           sort: Callable[[str, int], tuple] | None = None, counts: Mapping[str, int] | None = None) -> Facet:
    """Values that at least one case has, in taxonomy order, or by `sort`, or most cases first;
    "not stated" last. `counts`: the cases of each value, where an index has counted them."""
    counts = Counter(counts) if counts is not None else Counter(
        k for c in cases for k in (keys[c.id] or ((NOT_STATED,) if not_stated else ())))
    if order is not None:
        ordered = [k for k in order if counts[k]]
    else:
        sort = sort or (lambda k, n: (-n, k))
        ordered = sorted((k for k in counts if k != NOT_STATED), key=lambda k: sort(k, counts[k]))
    if counts[NOT_STATED]:
        ordered.append(NOT_STATED)
    position = {k: i for i, k in enumerate(ordered)}
    values = tuple(FacetValue(k, not_stated if k == NOT_STATED else labels[k], counts[k]) for k in ordered)
    of_case = {c.id: tuple(position[k] for k in (keys[c.id] or ((NOT_STATED,) if not_stated else ()))) for c in cases}
    return Facet(key, multi, values, of_case)


def _names(cases: Sequence[Case], names: Callable[[CaseText], tuple[str, ...]]) -> tuple[dict, dict]:
    """Keys of free-text names (places, groups) and their label in each language.

    The key is the name in the default language. The label in another language is the name
    that language's texts give at the same position most often (so one odd spelling does not
    split a value in two); where a text is missing or lists a different number of names, the
    key stands for itself."""
    keys: dict[str, tuple[str, ...]] = {}
    seen: dict[str, dict[str, Counter]] = {}
    for case in cases:
        primary = case.texts.get(DEFAULT_LANGUAGE) or case.text(DEFAULT_LANGUAGE)
        own = tuple(dict.fromkeys(names(primary)))
        keys[case.id] = own
        for lang in LANGUAGES:
            text = case.texts.get(lang)
            theirs = tuple(dict.fromkeys(names(text))) if text is not None else ()
            paired = theirs if len(theirs) == len(own) else own
            for k, name in zip(own, paired):
                seen.setdefault(k, {}).setdefault(lang, Counter())[name] += 1
    labels = {k: Label(**{lang: _most_common(per[lang]) for lang in LANGUAGES}) for k, per in seen.items()}
    return keys, labels


def _most_common(counter: Counter) -> str:
    # Ties go to the name met first, which is the first case's in content order.
    return max(counter.items(), key=lambda item: item[1])[0]


def _same_in_all(text: str) -> Label:
    return Label(**{lang: text for lang in LANGUAGES})


def _year_start(key: str) -> int:
    digits = key[:4]
    return int(digits) if digits.isdigit() else 0


def facets_of(content: Content, indices: Indices) -> tuple[Facet, ...]:
    """The facets of the content, with the "not stated" value named in every language. Asked
    for by the pages and the browse data of one build: the adapter works them out once and
    hands them to both."""
    not_stated = Label(**{lang: strings()[lang]["not_stated"] for lang in LANGUAGES})
    return build(content, indices, not_stated)
