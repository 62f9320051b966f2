"""After a build: every content file counted into one language's site, whatever went missing named.

The pages, indices, search entries and data files (browse data, open data) are counted; a
silently dropped page or row fails the build instead."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from casebook.derive.indices import Indices
from casebook.model import Content
from casebook.pages.feed import NEWEST
from casebook.pages.publish import FEED, feed_of
from casebook.urls import case_path, cell_path, checklist_path, measure_path, unit_path


def reconcile(content: Content, indices: Indices, built: Iterable[str], searchable: Iterable[str],
              listed: Mapping[str, Iterable[str]],
              carried: Mapping[str, Iterable[str] | None] | None = None) -> list[str]:
    """Differences between what the content holds and what one language's site shows.

    `built`: the source paths of the pages written; `searchable`: the source paths that have
    an entry in the search index; `listed`: for each index page's source path, the ids of the
    cases it lists; `carried`: for each data file that holds cases (browse data, open data),
    the ids of the cases it holds, or None for a file that holds no cases.
    """
    built, searchable = set(built), set(searchable)
    problems = []
    expected = [case_path(c.id) for c in content.cases] + [checklist_path(c.id) for c in content.checklists]
    for path in expected:
        if path not in built:
            problems.append(f"{path}: no page was built")
        if path not in searchable:
            problems.append(f"{path}: not in the search index")
    for data_file, ids in (carried or {}).items():
        if ids is None:
            continue
        held = Counter(ids)
        for case in content.cases:
            n = held.pop(case.id, 0)
            if n != 1:
                problems.append(f"{case_path(case.id)}: {'not' if not n else f'{n} times'} in {data_file}")
        problems += [f"{data_file}: holds '{id}', which is no case" for id in sorted(held)]

    def compare(page: str, want: Iterable[str]):
        got, want = Counter(listed.get(page, [])), Counter(want)
        if page.endswith(FEED):
            # A feed carries the NEWEST of its index's cases (pages/feed.py), each once.
            count, extra = min(NEWEST, sum(want.values())), sorted((got - want).elements())
            if extra or sum(got.values()) != count or len(got) != count:
                problems.append(f"{page}: carries {sum(got.values())} entries, expected the newest {count} of "
                                f"{sum(want.values())} cases, each once"
                                + (f"; not expected {', '.join(extra)}" if extra else ""))
            return
        if got != want:
            lost = sorted((want - got).elements())
            extra = sorted((got - want).elements())
            problems.append(f"{page}: lists {sum(got.values())} cases, expected {sum(want.values())}"
                            + (f"; missing {', '.join(lost)}" if lost else "")
                            + (f"; not expected {', '.join(extra)}" if extra else ""))

    # An index's feed lists the newest of the cases its page lists; the site's, of all cases.
    compare(FEED, (c.id for c in content.cases))
    for unit, cases in indices.by_unit.items():
        for page in (unit_path(unit), feed_of(unit_path(unit))):
            compare(page, (c.id for c in cases))
    for measure, cases in indices.by_measure.items():
        for page in (measure_path(measure), feed_of(measure_path(measure))):
            compare(page, (c.id for c in cases))
    for (unit, measure), cases in indices.by_cell.items():
        compare(cell_path(unit, measure), (c.id for c in cases))
    return problems
