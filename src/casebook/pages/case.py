"""A case page: its metadata, summary, text and related cases.

`case_html` writes a case (`meta.CaseView`) as HTML, once, whichever engine rendered its summary
and text: markdown-it here (`render`, for texts in the subset where it renders as
Python-Markdown does), or the generator's Python-Markdown, whose output goes in between the
pieces of `case_html` by marker paragraphs. The handbook writes its cases with it too. The
content's own HTML (summary and text) is sanitised on both paths; the rest is written here from
escaped text."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Mapping

from casebook.corpus import links, sanitize
from casebook.derive.indices import Indices
from casebook.model import DEFAULT_LANGUAGE, Case, Content
from casebook.pages import cite, meta, render
from casebook.pages.page import Mark, PageKind, PageStub, SitePage
from casebook.pages.writer import Writer
from casebook.urls import COMPARE, case_path


def case_pages(content: Content, indices: Indices, lang: str,
               updated: Mapping[str, str] | None = None, directory_urls: bool = True,
               headings: render.HeadingStyle | None = None) -> Iterator[PageStub]:
    """The case pages of one language, to be written on demand (arguments as `site_pages`)."""
    w = Writer(content, indices, lang, directory_urls, headings)
    for case in content.cases:
        make = lambda case=case: case_page(w, case, (updated or {}).get(str(case.text(lang).path)))
        yield PageStub(case_path(case.id), PageKind.CASE, str(case.text(lang).path), make)


# Where Python-Markdown's HTML of the summary and the text goes, on the path that leaves them to it.
_TOP, _BOTTOM = Mark.FRAGMENT.at(0), Mark.FRAGMENT.at(1)
_CONTENT = "\0CASEBOOKCONTENT\0"  # no escaped text holds a NUL


def case_page(w: Writer, case: Case, updated: str | None = None) -> SitePage:
    here = case_path(case.id)
    text = case.text(w.lang)
    fallback = text.lang if text.lang != w.lang else None
    view = meta.case_view(w, case, updated)
    style = w.headings or render.PLAIN_HEADINGS
    front = front_matter(text.title)
    # The title's anchor is the case's id, not its title's slug: the skip link, the id and the
    # permalink write it three times, and an English title's slug runs to 150 characters.
    title_id = case.id
    used = {title_id}
    url = lambda to: w.url(here, to)
    # A draft is shown by `mkdocs serve` only: left to Python-Markdown, as a text in the making.
    fast = _rendered(view, used, style, w.resolve_url(here)) if style.fast and not case.draft else None
    cite_block, cite_heading = _cite(w, case, updated), render.Heading(2, "cite", w.s["cite_heading"])
    if fast is not None:
        page = case_html(view, fast.html, title_id, used, style, url)
        title, *related = page.headings
        return SitePage(here, text.title, f"{front}{_TOP}\n", PageKind.CASE, str(text.path), fallback,
                        fragments={_TOP: page.html + cite_block},
                        headings=(title, *fast.headings, *related, cite_heading), escaped_only=True)
    # Python-Markdown renders the summary and the text in place, sanitised; `case_html` writes
    # the rest around them. The related cases' id comes after the text's, which the toc
    # extension gives without knowing the core's.
    page = case_html(view, _CONTENT, title_id, used, style, url)
    top, bottom = page.html.split(_CONTENT)
    # The marker carries the title's id, so that the toc extension, which keeps clear of the
    # ids in the page, gives the text's headings the ids they have on the other path.
    markdown = (f"{front}{_TOP}\n{{: #{title_id} }}\n\n{view.summary}\n{{: .cb-summary }}\n\n"
                f"{links.rewrite(view.body, w.resolve(here))}\n\n{_BOTTOM}\n")
    return SitePage(here, text.title, markdown, PageKind.CASE, str(text.path), fallback,
                    fragments={_TOP: top, _BOTTOM: bottom + cite_block}, headings=(*page.headings, cite_heading))


def _cite(w: Writer, case: Case, updated: str | None) -> str:
    """How to cite the case in the page's language (pages/cite.py): the other language's page,
    one click away on the language switch, cites it in its own. The address is the page's
    path until the reader's browser knows the real one."""
    lang, day = w.lang, updated or ""
    refs = [cite.reference(case, lang, w.tax, "" if lang == DEFAULT_LANGUAGE else f"{lang}/", day, "",
                           w.directory_urls)]
    prefix = "" if w.directory_urls else f"{case.id}/"
    return cite.block(refs, w.lang, prefix)


def front_matter(title: str) -> str:
    """The front matter that gives the generator the page's title, as HTML (as it takes it from
    a `# heading`). Characters that YAML does not take as they are (DEL, the C1 controls...)
    are written as escapes: the generator would read the page without its front matter, and
    render that as the page."""
    value = html.escape(title, quote=False).replace("\\", "\\\\").replace('"', '\\"')
    return f'---\ntitle: "{_NOT_YAML_TEXT.sub(_yaml_escape, value)}"\n---\n\n'


# What a YAML double-quoted string does not hold as it is: controls, line breaks (folded),
# surrogates, non-characters, the byte order mark.
_NOT_YAML_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _yaml_escape(m: re.Match) -> str:
    return f"\\u{ord(m.group()):04x}"


def _rendered(view: meta.CaseView, used: set[str], style: render.HeadingStyle,
              resolve: Callable[[str, str], str], cls: str = "cb") -> render.Rendered | None:
    """The summary and text rendered by markdown-it and sanitised, or None where it cannot
    render them as Python-Markdown would."""
    summary = render.render(view.summary, set(), style, resolve)
    if summary is None or summary.headings or not summary.html.startswith("<p>") or summary.html.count("<p>") != 1:
        return None
    body = render.render(view.body, used, style, resolve)
    if body is None:
        return None
    # markdown-it writes no raw HTML here; the sanitiser holds the page to the site's policy
    # whichever engine rendered it.
    summary_html = summary.html.strip()[len("<p>"):]
    return render.Rendered(sanitize.clean_html(f'<p class="{cls}-summary">{summary_html}\n{body.html}'), body.headings)


def case_html(view: meta.CaseView, content: str, title_id: str, used: set[str], style: render.HeadingStyle,
              url: Callable[[str], str | None], level: int = 1, cls: str = "cb",
              related_id: str | None = None) -> render.Rendered:
    """A case as HTML: its title, notices, metadata, then `content` (the sanitised HTML of its
    summary and text), then its related cases; with the headings it adds. `used`: the ids in
    use (the title's and the text's); `url`: a link's address from its page's source path (None: no
    link); `level`: the title's heading level; `cls`: the prefix of the classes (the handbook's
    is `hb`)."""
    heading = render.heading_html(level, title_id, meta.text(view.title), style)
    notices = "".join(f'<div class="admonition {n.cls}">\n<p>{meta.text(n.text)}</p>\n</div>\n' for n in view.notices)
    # The file and report editors check the case against: data of the page, not shown.
    source = f' data-source-file="{html.escape(view.source_file)}"' + (
        f' data-source-report="{html.escape(view.source_report)}"' if view.source_report else "")
    related, related_headings = _related(view, related_id or render.unique_id("related", used), style, url,
                                         level + 1, cls)
    out = (f"{heading}\n{notices}<div class=\"{cls}-meta\"{source}>\n<dl>\n"
           f"{meta.as_html(view.rows, url)}</dl>\n</div>\n{content}{related}")
    return render.Rendered(out, (render.Heading(level, title_id, view.title), *related_headings))


def _related(view: meta.CaseView, id: str, style: render.HeadingStyle, url: Callable[[str], str | None],
             level: int, cls: str) -> tuple[str, tuple[render.Heading, ...]]:
    if not view.related:
        return "", ()
    compare = url(COMPARE)  # a page of cases side by side, where there is one (not in the handbook)
    # The link to each pair's comparison is made by casebook-cite.js from the address below and
    # the case's id (the comparison is a page of the script's only): a link of 110 bytes less
    # on each line of every case page.
    to_compare = "" if compare is None else (
        f' data-compare="{html.escape(compare)}#cases={html.escape(view.id)},"'
        f' data-compare-label="{meta.text(view.compare_label)}"')
    # What related cases have in common is said once above the cases that share it, not under
    # each on every case page; the groups come in the order of the closest case in each.
    groups: dict[str, list[str]] = {}
    for r in view.related:
        groups.setdefault(r.why, []).append(f"<li>{_link(r.title, url(r.to))}</li>\n")
    lists = "".join(f'<p class="{cls}-related__why">{meta.text(why)}</p>\n<ul>\n{"".join(lines)}</ul>\n'
                    for why, lines in groups.items())
    block = (f"{render.heading_html(level, id, meta.text(view.related_heading), style)}\n"
             f'<div class="{cls}-related"{to_compare}>\n{lists}</div>\n')
    return block, (render.Heading(level, id, view.related_heading),)


def _link(text: str, to: str | None) -> str:
    return meta.text(text) if to is None else f'<a href="{html.escape(to)}">{meta.text(text)}</a>'
