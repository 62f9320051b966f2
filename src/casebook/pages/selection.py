"""Pages made of a reader's selection of cases, for training rooms: a handout (a print-ready
document of the chosen cases and the checklists their categories call for) and cases side by
side. Both are assembled in the browser from the address (`#cases=a,b,c`), so that any
selection can be shared, printed, and opened from disk in the offline copy.

Served from a web server, they read the case and checklist pages themselves. In a site built
with file addresses (the offline copy), each case and checklist page has a data script beside
it (`cases/<id>/data.js`) holding the page's own article as its reader sees it, written when
the page is rendered (so no page is rendered twice); scripts, not JSON, since a page opened
from disk may not fetch. The online site carries no second copy of any case.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from casebook.pages.page import Mark, PageKind, SitePage
from casebook.pages.writer import Writer
from casebook.urls import BROWSE, COMPARE, HANDOUT, relative, root_of

DATA_SCRIPT = "data.js"
CALLBACKS = {PageKind.CASE: "casebookCaseData", PageKind.CHECKLIST: "casebookChecklistData"}
MARKER = Mark.SELECTION
# The most cases one handout or comparison takes: a session's reading, not the casebook.
HANDOUT_MAX, COMPARE_MIN, COMPARE_MAX = 60, 2, 4


def data_script_path(page_path: str) -> str:
    """`cases/<id>.md` -> `cases/<id>/data.js` (the same beside both kinds of address)."""
    return page_path[: -len(".md")] + "/" + DATA_SCRIPT


def data_script(kind: PageKind, id: str, measures: Sequence[str], article: str) -> str:
    """The data script of one case or checklist page: its id, categories and article HTML."""
    data = json.dumps({"id": id, "measures": list(measures), "html": article}, ensure_ascii=False,
                      separators=(",", ":"))
    return f"{CALLBACKS[kind]}({data});\n"


def _texts(w: Writer, keys: Sequence[str], extra: dict) -> str:
    """Interface texts and data for the page's script, as a JSON block the browser never runs."""
    data = json.dumps({key: w.s[key] for key in keys} | extra, ensure_ascii=False).replace("<", "\\u003c")
    return f'<script type="application/json" id="cb-selection-texts">{data}</script>\n'


def handout_page(w: Writer) -> SitePage:
    s, here = w.s, HANDOUT
    checklists = [[c.id, c.text(w.lang).title, sorted({item.measure for item in c.text(w.lang).items})]
                  for c in w.content.checklists]
    data = {"root": root_of(here, w.directory_urls), "directory_urls": w.directory_urls,
            "checklists": checklists, "max": HANDOUT_MAX, "site_name": s["site_name"]}
    keys = ("handout_title", "handout_cover", "handout_made", "handout_contents", "handout_cases",
            "handout_checklists", "handout_print", "handout_back", "handout_none", "handout_too_many",
            "handout_loading", "handout_page")
    markdown = (f"# {s['handout_title']}\n\n{s['handout_intro'].format(browse=relative(here, BROWSE))}\n\n"
                f"{MARKER}\n")
    fragment = f'<div class="cb-selection" id="cb-handout" aria-live="polite"></div>\n{_texts(w, keys, data)}'
    return SitePage(here, s["handout_title"], markdown, PageKind.HANDOUT, fragments={MARKER: fragment})


def compare_page(w: Writer) -> SitePage:
    s, here = w.s, COMPARE
    data = {"root": root_of(here, w.directory_urls), "directory_urls": w.directory_urls,
            "min": COMPARE_MIN, "max": COMPARE_MAX}
    keys = ("compare_title", "compare_shared", "compare_none", "compare_print", "compare_case",
            "compare_loading", "compare_section_missing")
    markdown = (f"---\nhide:\n  - toc\n---\n\n# {s['compare_title']}\n\n"
                f"{s['compare_intro'].format(browse=relative(here, BROWSE))}\n\n"
                f"{MARKER}\n")
    fragment = ('<div class="cb-selection cb-compare" id="cb-compare" aria-live="polite"></div>\n'
                + _texts(w, keys, data))
    return SitePage(here, s["compare_title"], markdown, PageKind.COMPARE, fragments={MARKER: fragment})


def handout_link(w: Writer, here: str, ids: Sequence[str]) -> str:
    """"Make a handout" of the cases an index page lists, as a Markdown paragraph; none where
    they are more than a handout takes (browse then narrows them down)."""
    if not ids or len(ids) > HANDOUT_MAX:
        return ""
    # Raw HTML with the finished address: the generator would take the selection for an anchor.
    href = html.escape(w.url(here, HANDOUT) + "#cases=" + ",".join(ids))
    return (f'<p class="cb-selection-links"><a class="md-button cb-handout-link" href="{href}">'
            f'{html.escape(w.s["handout_make"], quote=False)}</a></p>\n\n')


def pages(w: Writer) -> tuple[SitePage, ...]:
    return handout_page(w), compare_page(w)

