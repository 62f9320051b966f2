"""A case page: its metadata, summary, text and related cases, as Markdown or as finished HTML."""

from __future__ import annotations

import html
import json
from typing import Iterator, Mapping

from casebook.corpus import links
from casebook.derive.indices import Indices
from casebook.model import DEFAULT_LANGUAGE, LANGUAGES, Case, Content
from casebook.pages import cite, meta, render
from casebook.pages.page import PageStub, SitePage
from casebook.pages.writer import Writer, draft_notice, escape
from casebook.strings import join_list
from casebook.urls import COMPARE, case_path


def case_pages(content: Content, indices: Indices, lang: str,
               updated: Mapping[str, str] | None = None, directory_urls: bool = True,
               headings: render.HeadingStyle | None = None) -> Iterator[PageStub]:
    """The case pages of one language, to be written on demand (arguments as `site_pages`)."""
    w = Writer(content, indices, lang, directory_urls, headings)
    for case in content.cases:
        make = lambda case=case: case_page(w, case, (updated or {}).get(str(case.text(lang).path)))
        yield PageStub(case_path(case.id), "case", str(case.text(lang).path), make)


def case_page(w: Writer, case: Case, updated: str | None = None) -> SitePage:
    here = case_path(case.id)
    text = case.text(w.lang)
    fallback = text.lang if text.lang != w.lang else None
    rows = meta.case_rows(w, case, updated)
    cite_block = _cite(w, case, updated)
    # A draft is shown by `mkdocs serve` only, on the slower path that can carry its banner.
    fast = _case_html(w, here, case, text, rows, fallback) if w.headings is not None and not case.draft else None
    if fast is not None:
        # Finished HTML: the generator renders only the front matter that gives the title.
        marker = "CASEBOOKFRAGMENT0"
        markdown = f"---\ntitle: {json.dumps(text.title, ensure_ascii=False)}\n---\n\n{marker}\n"
        return SitePage(here, text.title, markdown, "case", str(text.path), fallback,
                        fragments={marker: fast.html + cite_block},
                        headings=(*fast.headings, render.Heading(2, "cite", w.s["cite_heading"])), escaped_only=True)
    markdown = (
        f"# {text.title}\n\n{draft_notice(w.lang) if case.draft else ''}{w.notice(fallback)}"
        f'<div class="cb-meta" markdown>\n\n{meta.markdown(w, here, rows)}\n</div>\n\n'
        f"{text.summary}\n{{: .cb-summary }}\n\n{links.rewrite(text.body, w.resolve(here))}\n"
        + _related(w, here, case) + f"\n{CITE_MARKER}\n"
    )
    return SitePage(here, text.title, markdown, "case", str(text.path), fallback, fragments={CITE_MARKER: cite_block},
                    headings=(render.Heading(2, "cite", w.s["cite_heading"]),))


CITE_MARKER = "CASEBOOKFRAGMENTCITE"


def _cite(w: Writer, case: Case, updated: str | None) -> str:
    """How to cite the case, in both languages, the page's own first (pages/cite.py). The
    address is the page's path until the reader's browser knows the real one."""
    order = [w.lang, *(lang for lang in LANGUAGES if lang != w.lang)]
    day = updated or ""
    refs = [cite.reference(case, lang, w.tax, "" if lang == DEFAULT_LANGUAGE else f"{lang}/", day, "",
                           w.directory_urls) for lang in order]
    prefix = "" if w.directory_urls else f"{case.id}/"
    return cite.block(refs, w.lang, prefix)


def _case_html(w: Writer, here: str, case: Case, text, rows: tuple[meta.Row, ...], fallback: str | None) -> render.Rendered | None:
    """The whole text of a case page as the HTML that Python-Markdown makes of its Markdown
    (tests/site/test_render.py holds the two to the same), or None where `render` cannot do it.

    Python-Markdown spends much of a case page on the title, the metadata and the summary
    alone; markdown-it and this do the whole page in a fraction of its time."""
    used = w.headings.ids_after_title(text.title)
    title_id = next(iter(used))
    summary = render.render(text.summary, set(), w.headings, w.resolve_url(here))
    body = render.render(text.body, used, w.headings, w.resolve_url(here))
    if summary is None or body is None or summary.headings or not summary.html.startswith("<p>") \
            or summary.html.count("<p>") != 1:
        return None
    permalink = (f'<a class="headerlink" href="#{title_id}" title="{html.escape(w.headings.permalink_title)}">'
                 f"{w.headings.permalink}</a>" if w.headings.permalink else "")
    notice = (f'<div class="admonition warning cb-missing-translation">\n<p>'
              f'{html.escape(w.s["missing_translation"].format(language=w.s["lang_names"][fallback]), quote=False)}'
              f"</p>\n</div>\n" if fallback else "")
    related, related_heading = _related_html(w, here, case, used)
    out = (f'<h1 id="{title_id}">{html.escape(text.title, quote=False)}{permalink}</h1>\n{notice}'
           f'<div class="cb-meta">\n<dl>\n{meta.as_html(w, here, rows)}</dl>\n</div>\n'
           f'<p class="cb-summary">{summary.html.strip()[len("<p>"):]}\n{body.html}{related}')
    return render.Rendered(out, (render.Heading(1, title_id, text.title), *body.headings, *related_heading))


def _related_items(w: Writer, case: Case) -> list[tuple[str, str, str]]:
    """(title, page path, what it has in common) of the cases with most in common (indices.related)."""
    s, items = w.s, []
    for r in w.indices.related.get(case.id, ()):
        why = [s["related_unit"].format(unit=w.tax.unit_label(case.unit_type, w.lang))] if r.same_unit else []
        if r.measures:
            why.append(s["related_measures"].format(
                measures=join_list(w.lang, (w.tax.measure_label(m, w.lang) for m in r.measures))))
        items.append((w.indices.cases_by_id[r.case].text(w.lang).title, case_path(r.case), s["related_sep"].join(why)))
    return items


def _compare(w: Writer, here: str, case: Case, to: str) -> str:
    """A link to this case and a related one side by side (pages/selection.py)."""
    other = to[len("cases/"):-len(".md")]
    href = html.escape(f"{w.url(here, COMPARE)}#cases={case.id},{other}")
    # After a middot: a space alone would sit between two Chinese words.
    return f' · <a class="cb-related__compare" href="{href}">{html.escape(w.s["compare_with"], quote=False)}</a>'


def _related(w: Writer, here: str, case: Case) -> str:
    lines = [f"- {w.link(here, title, to)}<br>\n  <span class=\"cb-related__why\">{escape(why)}</span>"
             f"{_compare(w, here, case, to)}"
             for title, to, why in _related_items(w, case)]
    if not lines:
        return ""
    return f"\n## {w.s['related']} {{ #related }}\n\n<div class=\"cb-related\" markdown>\n\n" + "\n".join(lines) + "\n\n</div>\n"


def _related_html(w: Writer, here: str, case: Case, used_ids: set[str]) -> tuple[str, tuple[render.Heading, ...]]:
    """`_related` as the HTML that Python-Markdown makes of it, with its heading."""
    items = _related_items(w, case)
    if not items:
        return "", ()
    lines = "".join(f'<li><a href="{html.escape(w.url(here, to))}">{html.escape(title, quote=False)}</a><br>\n'
                    f'  <span class="cb-related__why">{html.escape(why, quote=False)}</span>'
                    f'{_compare(w, here, case, to)}</li>\n'
                    for title, to, why in items)
    used_ids.add("related")
    heading = render.Heading(2, "related", w.s["related"])
    permalink = (f'<a class="headerlink" href="#related" title="{html.escape(w.headings.permalink_title)}">'
                 f"{w.headings.permalink}</a>" if w.headings.permalink else "")
    return (f'<h2 id="related">{html.escape(w.s["related"], quote=False)}{permalink}</h2>\n'
            f'<div class="cb-related">\n<ul>\n{lines}</ul>\n</div>\n'), (heading,)
