"""The browse page: its form (HTML in the page) and its data (a script file).

The form lists every facet value with the number of cases it has, so the page makes sense
before its script runs; its size depends on the facets, not on the cases. The cases are in
`browse/index.js` under each language's root, which calls `casebookBrowseData(...)`: a
script, not JSON, so that it loads from disk (file://) too, where a page may not fetch.
Each case there is one compact array, `[id, title, unit, [measures], province, year,
[groups]]`, where each facet's entry is the position of the case's value (or values) in
that facet's list, so the file grows by a few hundred bytes a case.

`docs/javascripts/casebook-browse.js` filters, counts and lists; it finds its texts in
the form's data attributes and its labels in the data, never in its own code.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from casebook.derive.facets import NOT_STATED, Facet
from casebook.model import DEFAULT_LANGUAGE, Content
from casebook.pages.page import PageKind, SitePage
from casebook.pages.selection import COMPARE_MAX, HANDOUT_MAX
from casebook.pages.writer import Writer, widget
from casebook.strings import strings
from casebook.urls import BROWSE, BROWSE_SCRIPT, CASES_SCRIPT, COMPARE, HANDOUT, case_path, page_url, root_of

SCRIPT = BROWSE_SCRIPT
CALLBACK = "casebookBrowseData"
PAGE_SIZE = 50  # results shown at once; "show more" adds as many again
DOWNLOAD_NAME = "casebook-cases-filtered.csv"


def data(content: Content, facets: Sequence[Facet], lang: str, directory_urls: bool = True) -> dict:
    """The browse data of one language, JSON-ready."""
    rows = []
    for case in content.cases:
        row: list = [case.id, case.text(lang).title]
        for facet in facets:
            positions = facet.of_case[case.id]
            row.append(list(positions) if facet.multi else positions[0])
        rows.append(row)
    return {
        "lang": lang,
        # One address pattern instead of one address a case.
        "case_url": page_url(case_path("{id}"), directory_urls),
        "not_stated": NOT_STATED,
        "facets": [{"key": f.key, "mode": f.mode, "values": [[v.key, v.label(lang)] for v in f.values]}
                   for f in facets],
        "cases": rows,
    }


def script(browse_data: dict) -> str:
    return f"{CALLBACK}({json.dumps(browse_data, ensure_ascii=False, separators=(',', ':'))});\n"


def form(facets: Sequence[Facet], lang: str, base: str, total: int, selection_urls: tuple[str, str] = ("", "")) -> str:
    """The facets with their checkboxes, and the empty result list the script fills.

    `base`: the language's root seen from the browse page, for the script to find its data;
    `total`: the number of cases, shown until the script has counted; `selection_urls`: the
    handout's and the comparison's pages seen from the browse page (pages/selection.py)."""
    s = strings()[lang]
    e = html.escape
    groups = []
    for facet in facets:
        items = "".join(
            f'<li class="cb-facet__value"><label><input type="checkbox" name="{e(facet.key)}" value="{e(v.key)}">'
            f' <span class="cb-facet__label">{e(v.label(lang))}</span>'
            f' <span class="cb-facet__count">{v.count}</span></label></li>\n'
            for v in facet.values)
        groups.append(
            f'<fieldset class="cb-facet" data-facet="{e(facet.key)}">\n'
            f'<legend>{e(s["facet_" + facet.key])} '
            f'<span class="cb-facet__mode">{e(s["facet_mode_" + facet.mode])}</span></legend>\n'
            f'<ul class="cb-facet__values">\n{items}</ul>\n</fieldset>\n')
    attrs = {
        "data-base": base,
        # The rows of the download (data/cases.js) are the same in every language: written once,
        # under the default language's root (datafiles.py).
        "data-rows": base + ("" if lang == DEFAULT_LANGUAGE else "/..") + "/" + CASES_SCRIPT,
        "data-count": s["browse_count"],
        # "1 case matches": the script picks this form for one case (strings.yml: {one, other})
        "data-count-one": getattr(s["browse_count"], "one", s["browse_count"]),
        "data-none": s["browse_none"],
        "data-page-size": str(PAGE_SIZE),
        "data-file-name": DOWNLOAD_NAME,
        "data-handout-url": selection_urls[0],
        "data-handout-max": str(HANDOUT_MAX),
        "data-compare-url": selection_urls[1],
        "data-compare-pick": s["compare_pick"],
        "data-compare-max": str(COMPARE_MAX),
    }
    return (
        '<div class="cb-browse" ' + " ".join(f'{k}="{e(v)}"' for k, v in attrs.items()) + ">\n"
        # On a narrow screen the script folds the facets away (the summary shows only there),
        # so that the results are not a long scroll below them.
        f'<details class="cb-browse__filters" open><summary>{e(s["browse_filters"])}</summary>\n'
        f'<div class="cb-browse__facets" role="group" aria-label="{e(s["browse_filters"])}">\n'
        + "".join(groups) + "</div>\n"
        "</details>\n"
        '<div class="cb-browse__results">\n'
        '<div class="cb-browse__bar">\n'
        f'<p class="cb-browse__status" role="status" aria-live="polite">{e(s["case_count"].format(n=total))}</p>\n'
        # Apart from the count: on a phone the count stays in view alone, the buttons wrap below
        # the filters, where none is pushed off the screen's edge.
        '<div class="cb-browse__actions">\n'
        f'<button type="button" class="md-button cb-browse__clear">{e(s["browse_clear"])}</button>\n'
        f'<button type="button" class="md-button cb-browse__download">{e(s["browse_download"])}</button>\n'
        f'<a class="md-button cb-browse__handout" hidden>{e(s["handout_make"])}</a>\n'
        f'<a class="md-button cb-browse__compare" hidden>{e(s["compare_make"])}</a>\n'
        "</div>\n"
        "</div>\n"
        '<ol class="cb-browse__list"></ol>\n'
        f'<button type="button" class="md-button cb-browse__more" hidden>{e(s["browse_more"])}</button>\n'
        f'<noscript><p>{e(s["browse_noscript"])}</p></noscript>\n'
        "</div>\n</div>"
    )


def browse_page(w: Writer, facets: Sequence[Facet]) -> SitePage:
    s, here, widgets = w.s, BROWSE, dict[str, str]()
    form_html = form(facets, w.lang, root_of(here, w.directory_urls), len(w.content.cases),
                     (w.url(here, HANDOUT), w.url(here, COMPARE)))
    markdown = (
        # The facets and the results need the width of the table of contents.
        f"---\nhide:\n  - toc\n---\n\n# {s['browse']}\n\n{s['browse_intro']}\n\n"
        + widget(widgets, form_html)
        + w.data_links(here)
    )
    return SitePage(here, s["browse"], markdown, PageKind.BROWSE, fragments=widgets)
