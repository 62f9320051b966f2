"""The printed handbook of one language: every case and checklist in one document, as HTML.

A cover, a table of contents, then each case on its own pages, written by the case pages' own
renderer (`pages.case.case_html`: the same metadata rows, source in words and related cases),
the checklists with tick boxes, and the glossary. Links between content become links inside
the document. The editors' Markdown (summaries, texts, checklist items, explanations) is
rendered and sanitised by `to_html` (the site's Python-Markdown and sanitiser); `bundle.py` adds
the print CSS and prints it to PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from casebook.corpus import links
from casebook.derive.indices import Indices
from casebook.model import Case, Checklist, Content
from casebook.pages import case as case_page
from casebook.pages import meta, render
from casebook.pages.meta import text
from casebook.pages.writer import Writer
from casebook.strings import join_list, strings

# The handbook's ids are its own; headings carry no permalink sign, which means nothing on paper.
_HEADINGS = render.HeadingStyle(lambda title: "", None, fast=False)


def _anchor(kind: str, id: str) -> str:
    return f"{kind}-{id}"


def _resolve(scheme: str, target: str) -> str:
    return "#" + _anchor({"case": "case", "checklist": "checklist", "glossary": "term"}[scheme], target)


def _in_document(to: str) -> str | None:
    """A link of a case's metadata or related cases, inside the document: cases only."""
    if to.startswith("cases/") and to.endswith(".md"):
        return "#" + _anchor("case", to[len("cases/"):-len(".md")].removesuffix("/index"))
    return None


def _case(w: Writer, case: Case, to_html: Callable[[str], str]) -> str:
    view = meta.case_view(w, case)
    # Case sections become level-3 headings under the case's own level-2 title.
    body = links.rewrite(view.body, _resolve).replace("\n### ", "\n#### ").replace("\n## ", "\n### ")
    if body.startswith("## "):
        body = "#" + body
    summary = to_html(view.summary)
    summary = f'<p class="hb-summary">{summary.strip()[len("<p>"):]}' if summary.startswith("<p>") else summary
    content = f"{summary}\n{to_html(body)}\n"
    id = _anchor("case", case.id)
    page = case_page.case_html(view, content, id, {id}, _HEADINGS, _in_document, level=2, cls="hb",
                               related_id=f"{id}-related")
    return f'<section class="hb-case">\n{page.html}</section>\n'


def _checklist(content: Content, checklist: Checklist, lang: str, titles: dict[str, str],
               to_html: Callable[[str], str]) -> str:
    s, tax = strings()[lang], content.taxonomy
    t = checklist.text(lang)
    items = []
    for item in t.items:
        done = join_list(lang, (f'<a href="#{_anchor("case", c)}">{text(titles[c])}</a>'
                                for c in item.cases if c in titles))
        items.append(f"<li>☐ {_inline(to_html(item.text))}<br>\n<small>{text(tax.measure_label(item.measure, lang))}"
                     + (f" · {text(s['shown_in'])}: {done}" if done else "") + "</small></li>")
    summary = to_html(t.summary)
    summary = f'<p class="hb-summary">{summary.strip()[len("<p>"):]}' if summary.startswith("<p>") else summary
    return (f'<section class="hb-checklist" id="{_anchor("checklist", checklist.id)}">\n<h2>{text(t.title)}</h2>\n'
            f"{summary}\n{to_html(links.rewrite(t.body, _resolve))}\n<ul>\n"
            + "\n".join(items) + "\n</ul>\n</section>\n")


def _inline(html: str) -> str:
    """A one-paragraph text's HTML without its paragraph, to sit in a list item."""
    html = html.strip()
    one_paragraph = html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1
    return html[len("<p>"):-len("</p>")] if one_paragraph else html


def handbook(content: Content, indices: Indices, lang: str, to_html: Callable[[str], str],
             day: date | None = None) -> str:
    """The handbook's HTML body; `to_html` renders editors' Markdown to sanitised HTML."""
    s = strings()[lang]
    h = s["handbook"]
    w = Writer(content, indices, lang)
    titles = {c.id: c.text(lang).title for c in content.cases}
    day = day or date.today()

    def entries(things, kind: str) -> str:
        return "".join(f'<li><a href="#{_anchor(kind, x.id)}">{text(x.text(lang).title)}</a></li>\n' for x in things)

    toc = (f"<h3>{text(h['cases'])}</h3>\n<ul>\n{entries(content.cases, 'case')}</ul>\n"
           f"<h3>{text(h['checklists'])}</h3>\n<ul>\n{entries(content.checklists, 'checklist')}</ul>\n"
           f'<h3>{text(h["glossary"])}</h3>\n<ul>\n<li><a href="#glossary">{text(h["glossary"])}</a></li>\n</ul>\n')
    made = h["made"].format(day=day.isoformat(), cases=len(content.cases), checklists=len(content.checklists))
    terms = "".join(f'<dt id="{_anchor("term", t.id)}"><strong>{text(t.term(lang))}</strong></dt>\n'
                    f"<dd>{_inline(to_html(t.explanation(lang)))}</dd>\n" for t in content.glossary)
    parts = [
        f'<section class="hb-cover">\n<h1>{text(s["site_name"])}</h1>\n'
        f'<p class="hb-subtitle">{text(h["subtitle"])}</p>\n'
        f'<p class="hb-made">{text(made)}</p>\n</section>\n',
        f'<section class="hb-toc">\n<h2>{text(h["contents"])}</h2>\n{toc}</section>\n',
        f'<h1 class="hb-part">{text(h["cases"])}</h1>\n',
        *(_case(w, c, to_html) for c in content.cases),
        f'<h1 class="hb-part">{text(h["checklists"])}</h1>\n',
        *(_checklist(content, c, lang, titles, to_html) for c in content.checklists),
        f'<section class="hb-glossary" id="glossary">\n<h2>{text(h["glossary"])}</h2>\n'
        f'<dl>\n{terms}</dl>\n</section>\n',
    ]
    return "\n".join(parts)
