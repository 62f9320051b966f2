"""The front page of each language, made from the content: what the casebook holds and where to start.

Its size does not grow with the casebook: the counts are numbers, there is one tile per unit type
of the taxonomy, and the newest cases are a fixed few (`NEWEST`), so the page is the same size at
18 cases and at 10,000.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path

from casebook.incremental import history
from casebook.model import DEFAULT_LANGUAGE, Case, Content
from casebook.pages.page import Mark, PageKind, SitePage
from casebook.pages.writer import Writer
from casebook.urls import BROWSE, CHECKLISTS, UNITS, checklist_path, unit_path

HOME = "index.md"
NEWEST = 6
CHECKLISTS_SHOWN = 8
# Where the front page's blocks go: its figures, the unit types' tiles, the newest cases, the checklists.
BLOCKS = tuple(Mark.HOME.at(n) for n in range(4))


def added_times(content: Content, base: Path, kept: history.Kept | None = None) -> dict[str, int]:
    """Case id -> Unix time of the commit that added its first file, from git; a case with no
    committed file is left out (it is newer than all of them)."""
    files = {str(t.path): case.id for case in content.cases for t in case.texts.values()}
    # Asked with the checklists' files too: the same folders as the pages' dates ask for, so
    # that one `git log` (kept by history) answers both.
    others = [str(t.path) for c in content.checklists for t in c.texts.values()]
    added: dict[str, int] = {}
    for path, when in history.first_commit_times(base, [*files, *others], kept).items():
        if path in files:
            id = files[path]
            added[id] = min(when, added.get(id, when))
    return added


def newest(cases: tuple[Case, ...], added: Mapping[str, int], n: int = NEWEST) -> list[Case]:
    """The `n` cases added last; those not committed yet first, then by the time they were added,
    ties (one commit adds many) by their order in the content."""
    latest = max(added.values(), default=0) + 1
    order = {case.id: i for i, case in enumerate(cases)}
    return sorted(cases, key=lambda c: (-added.get(c.id, latest), order[c.id]))[:n]


def provinces(content: Content) -> int:
    """How many provinces the cases come from, counted in the default language (unknown ones not)."""
    return len({p for case in content.cases if (p := case.text(DEFAULT_LANGUAGE).region.province)})


def home_page(w: Writer, added: Mapping[str, int] | None = None) -> SitePage:
    s, here, e = w.s, HOME, html.escape
    content = w.content
    # Only the unit types that have cases are offered as a place to start, and counted.
    units = [u for u in w.tax.unit_types if w.indices.by_unit[u.id]]
    figures = [
        (len(content.cases), s["case_count"], BROWSE),
        (len(content.checklists), s["checklist_count"], CHECKLISTS),
        (len(units), s["unit_type_count"], UNITS),
        (provinces(content), s["province_count"], None),
    ]
    stats = "".join(
        f'<li>{_maybe_link(w, here, to, _figure(template.format(n=n), n))}</li>' for n, template, to in figures)
    tiles = "".join(
        f'<li><a class="cb-tile" href="{e(w.url(here, unit_path(u.id)))}">'
        f'<span class="cb-tile__label">{e(w.label(u.label))}</span>'
        f'<span class="cb-tile__count">{e(s["case_count"].format(n=len(w.indices.by_unit[u.id])))}</span></a></li>'
        for u in units)
    checklists = "".join(
        f'<li><a href="{e(w.url(here, checklist_path(c.id)))}">{e(c.text(w.lang).title)}</a> '
        f'<span class="cb-count">{e(s["item_count"].format(n=len(c.text(w.lang).items)))}</span></li>'
        for c in content.checklists[:CHECKLISTS_SHOWN])
    fragments = {
        BLOCKS[0]: (
            f'<ul class="cb-home__figures" aria-label="{e(s["home_figures"])}">{stats}</ul>\n'
            f'<p class="cb-home__search"><button type="button" '
            f'class="cb-home__search-button md-button md-button--primary">'
            f'{e(s["home_search"])}</button></p>'),
        BLOCKS[1]: f'<ul class="cb-tiles">{tiles}</ul>',
        BLOCKS[2]: '<div class="cb-cards">\n' + "\n".join(
            w.card(here, c) for c in newest(content.cases, added or {})) + "\n</div>",
        BLOCKS[3]: f'<ul class="cb-home__checklists">{checklists}</ul>',
    }
    more_checklists = (f"[{s['home_all_checklists']}]({CHECKLISTS})\n\n"
                       if len(content.checklists) > CHECKLISTS_SHOWN else "")
    markdown = (
        f"---\nhide:\n  - toc\n---\n\n# {s['site_name']}\n\n{s['home_intro']}\n\n"
        f"{BLOCKS[0]}\n\n"
        f"## {s['home_units']}\n\n{BLOCKS[1]}\n\n"
        f"[{s['by_unit']}]({UNITS}) · [{s['matrix']}](matrix.md) · [{s['browse']}]({BROWSE})\n\n"
        f"## {s['home_newest']}\n\n{BLOCKS[2]}\n\n"
        f"[{s['home_all_cases'].format(n=len(content.cases))}]({BROWSE})\n\n"
        f"## {s['checklists']}\n\n{s['checklists_intro']}\n\n{BLOCKS[3]}\n\n{more_checklists}"
        f"## {s['home_contribute']}\n\n{s['home_contribute_text'].format(guide='contributing.md')}\n"
    )
    return SitePage(here, s["home"], markdown, PageKind.HOME, fragments=fragments)


def _figure(text: str, n: int) -> str:
    """"18 个案例" with its number set large."""
    number = str(n)
    rest = text.replace(number, "", 1).strip()
    return f'<span class="cb-home__number">{number}</span> <span class="cb-home__unit">{html.escape(rest)}</span>'


def _maybe_link(w: Writer, here: str, to: str | None, inner: str) -> str:
    return f'<a class="cb-home__figure" href="{html.escape(w.url(here, to))}">{inner}</a>' if to else inner
