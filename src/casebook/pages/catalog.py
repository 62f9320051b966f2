"""The site as data: every generated page's address, title and Markdown, and the navigation.

Pure functions of the content model; the static-site generator's adapter only hands these
pages to it. All links are relative Markdown links between source paths, so that the
generator resolves and checks them, and the site works from any base address or from disk.

Each kind of page has its own module; this one lists them all in the order of the site.
"""

from __future__ import annotations

import html
from dataclasses import replace

from typing import Iterator, Mapping

from casebook.incremental.memo import Memo
from casebook.derive.facets import Facet, facets_of
from casebook.derive.indices import Indices
from casebook.model import DEFAULT_LANGUAGE, LANGUAGES, Content
from casebook.pages import render
from casebook.pages.browse import browse_page
from casebook.pages.case import case_pages
from casebook.pages.checklist import checklist_page, checklists_page
from casebook.pages.glossary import glossary_page
from casebook.pages.home import home_page
from casebook.pages.listings import cell_page, measure_page, measures_page, unit_page, units_page
from casebook.pages.matrix import matrix_page
from casebook.pages.opendata import data_page
from casebook.pages import selection
from casebook.pages.page import NavItem, SitePage
from casebook.pages.stats import stats_page
from casebook.pages.writer import Writer
from casebook.strings import strings
from casebook.urls import BROWSE, CHECKLISTS, DATA, GLOSSARY, MATRIX, MEASURES, STATS, UNITS, measure_path, unit_path

__all__ = ["case_pages", "navigation", "site_pages"]


def site_pages(content: Content, indices: Indices, lang: str,
               updated: Mapping[str, str] | None = None, directory_urls: bool = True,
               headings: render.HeadingStyle | None = None, cases: bool = True,
               memo: Memo | None = None, added: Mapping[str, int] | None = None,
               facets: tuple[Facet, ...] | None = None) -> Iterator[SitePage]:
    """Every generated page of one language. `updated`: content file path -> date it last changed;
    `directory_urls`: pages are served as folders (cases/x/) rather than files (cases/x.html);
    `headings`: how the generator marks headings. Given it, the text of a case page comes as
    finished HTML (`SitePage.fragments`) wherever `render` can render it. `cases=False`: all
    but the case pages, which `case_pages` gives. `memo` keeps the cards of the index pages
    between builds; `added`: case id -> when it was added, for the front page's newest cases;
    `facets`: facets_of(content, indices), where worked out already."""
    w = Writer(content, indices, lang, directory_urls, headings, memo)
    if cases:
        yield from (stub.make() for stub in case_pages(content, indices, lang, updated, directory_urls, headings))
    for checklist in content.checklists:
        yield checklist_page(w, checklist)
    yield units_page(w)
    for unit in content.taxonomy.unit_types:
        yield unit_page(w, unit.id)
        for measure in content.taxonomy.measures:
            if indices.by_cell.get((unit.id, measure.id)):
                yield cell_page(w, unit.id, measure.id)
    yield measures_page(w)
    for measure in content.taxonomy.measures:
        yield measure_page(w, measure.id)
    yield matrix_page(w)
    yield checklists_page(w)
    yield glossary_page(w)
    facets = facets if facets is not None else facets_of(content, indices)
    yield browse_page(w, facets)
    yield stats_page(w, facets)
    yield data_page(w)
    yield from selection.pages(w)
    yield home_page(w, added)


def navigation(content: Content, lang: str, extra_pages: tuple[NavItem, ...] = ()) -> tuple[NavItem, ...]:
    """The site navigation: index pages only, never one entry per case, so that the size of
    every page stays independent of the number of cases. Titles are HTML, escaped here: the
    theme prints a navigation title as it is, and the taxonomy's labels are an editor's text."""
    s, tax = strings()[lang], content.taxonomy
    return _escaped((
        NavItem(s["home"], "index.md"),
        NavItem(s["browse"], BROWSE),
        NavItem(s["by_unit"], children=(NavItem(s["overview"], UNITS),)
                + tuple(NavItem(u.label(lang), unit_path(u.id)) for u in tax.unit_types)),
        NavItem(s["by_measure"], children=(NavItem(s["overview"], MEASURES),)
                + tuple(NavItem(m.label(lang), measure_path(m.id)) for m in tax.measures)),
        NavItem(s["matrix"], MATRIX),
        NavItem(s["stats"], STATS),
        NavItem(s["checklists"], CHECKLISTS),
        NavItem(s["glossary"], GLOSSARY),
        NavItem(s["data"], DATA),
    )) + extra_pages


def _escaped(items: tuple[NavItem, ...]) -> tuple[NavItem, ...]:
    return tuple(replace(item, title=html.escape(item.title, quote=False), children=_escaped(item.children))
                 for item in items)


def language_switch(lang: str) -> list[dict]:
    """The entries of the language switch on a page of `lang`: each language's root, seen from
    this language's root (the theme adds the page's own path)."""
    to_site_root = "" if lang == DEFAULT_LANGUAGE else "../"
    return [{"name": strings()[other]["language_name"], "lang": other,
             "link": to_site_root + ("" if other == DEFAULT_LANGUAGE else f"{other}/"), "current": other == lang}
            for other in LANGUAGES]
