"""A checklist page with its tick boxes, and the list of all checklists."""

from __future__ import annotations

import html
import json

from casebook.corpus import links
from casebook.model import Checklist
from casebook.pages.page import Mark, PageKind, SitePage
from casebook.pages.writer import Writer, short_title
from casebook.strings import join_list
from casebook.urls import CHECKLISTS, case_path, checklist_path


def checklist_page(w: Writer, checklist: Checklist) -> SitePage:
    here, s = checklist_path(checklist.id), w.s
    text = checklist.text(w.lang)
    fallback = text.lang if text.lang != w.lang else None
    items = []
    for item in text.items:
        done_in = join_list(w.lang, (
            w.link(here, short_title(w.indices.cases_by_id[c].text(w.lang).title), case_path(c)) for c in item.cases
        ))
        detail = w.chips(here, [item.measure]) + (f" {s['shown_in']}{s['colon']}{done_in}" if done_in else "")
        items.append(f"- [ ] {item.text}<br>\n  <span class=\"cb-item__meta\">{detail}</span>")
    body = links.rewrite(text.body, w.resolve(here))
    # The buttons work through docs/javascripts/casebook-checklist.js; without script they
    # are plain links to the list.
    buttons = (f"[{s['print_checklist']}](#checklist){{ .md-button .cb-print }} "
               f"[{s['reset_checklist']}](#checklist){{ .md-button .cb-reset }}\n{{: .cb-checklist__actions }}\n\n")
    markdown = (
        f"# {html.escape(text.title, quote=False)}\n\n{w.notice(fallback)}{text.summary}\n{{: .cb-summary }}\n\n"
        f"{body}\n\n{buttons}"
        f'<div class="cb-checklist" id="checklist" markdown>\n\n' + "\n".join(items) + "\n\n</div>\n\n"
        f"{ASSESS_MARKER}\n"
    )
    return SitePage(here, text.title, markdown, PageKind.CHECKLIST, str(text.path), fallback,
                    fragments={ASSESS_MARKER: assess_texts(w.s)})


ASSESS_MARKER = Mark.ASSESS
ASSESS_KEYS = ("done", "partly", "not_yet", "note", "csv", "date", "answer", "columns", "report")


def assess_texts(s: dict) -> str:
    """The self-assessment's interface texts for docs/javascripts/casebook-checklist.js, as data
    (a JSON block the browser never runs), and the line that says where answers are kept."""
    texts = {key: s[f"assess_{key}"] for key in ASSESS_KEYS}
    data = json.dumps(texts, ensure_ascii=False).replace("<", "\\u003c")
    return (f'<p class="cb-assess__kept">{html.escape(s["assess_kept"], quote=False)}</p>\n'
            f'<script type="application/json" id="cb-assess-texts">{data}</script>\n')


def checklists_page(w: Writer) -> SitePage:
    s, here = w.s, CHECKLISTS
    entries = []
    for checklist in w.content.checklists:
        text = checklist.text(w.lang)
        entries.append(
            f'<div class="cb-card" markdown>\n'
            f'{w.link(here, text.title, checklist_path(checklist.id), "cb-card__title")}\n'
            f"{{: .cb-card__head }}\n\n{text.summary}\n\n"
            f"{s['item_count'].format(n=len(text.items))}\n{{: .cb-count }}\n</div>\n"
        )
    markdown = f"# {s['checklists']}\n\n{s['checklists_intro']}\n\n" + ("\n".join(entries) or s["no_cases"]) + "\n"
    return SitePage(here, s["checklists"], markdown, PageKind.CHECKLISTS)
