"""The site as data: every generated page's address, title and Markdown, and the navigation.

Pure functions of the content model; the static-site generator's adapter only hands these
pages to it. All links are relative Markdown links between source paths, so that the
generator resolves and checks them, and the site works from any base address or from disk.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Callable, Iterator, Mapping

import yaml

from casebook.content import links
from casebook.site import citation, render
from casebook.build.memo import Memo, digest, recall
from casebook.derive.indices import Indices, ItemRef
from casebook.model import LANGUAGES, Case, Checklist, Content, Label
from casebook.plural import with_plurals


@cache
def strings() -> dict[str, dict]:
    """Interface texts of generated pages, per language (package data `strings.yml`)."""
    return with_plurals(yaml.safe_load(resources.files("casebook").joinpath("strings.yml").read_text("utf-8")))


# Source paths of every kind of page; the same in every language.
def case_path(id: str) -> str:
    return f"cases/{id}.md"


def checklist_path(id: str) -> str:
    return f"checklists/{id}.md"


def unit_path(unit: str) -> str:
    return f"units/{unit}/index.md"


def measure_path(measure: str) -> str:
    return f"measures/{measure}/index.md"


def cell_path(unit: str, measure: str) -> str:
    return f"units/{unit}/{measure}.md"


GLOSSARY_USES_SHOWN = 12
UNITS, MEASURES, MATRIX = "units/index.md", "measures/index.md", "matrix.md"
CHECKLISTS, GLOSSARY = "checklists/index.md", "glossary.md"
BROWSE, STATS, DATA = "browse.md", "stats.md", "data.md"  # made by explore.py


@dataclass(frozen=True, slots=True)
class SitePage:
    path: str
    title: str
    markdown: str
    kind: str
    # The content file the page shows (for "edit this page"), and the language it is written
    # in when the page's own language is missing.
    source: str | None = None
    fallback_from: str | None = None
    # HTML put in place of a marker paragraph after the Markdown is rendered and sanitised: long
    # lists of cards, which Markdown's HTML-block parser would take seconds to re-read, and the
    # forms and inline SVG that the sanitiser (there for editors' HTML) would strip. The core
    # builds all of it whole from escaped values.
    fragments: Mapping[str, str] = field(default_factory=dict)
    # The headings of HTML put in as a fragment, for the page's table of contents.
    headings: tuple[render.Heading, ...] = ()
    # The whole page is HTML that `render` made from text with no raw HTML, links only to the
    # casebook and the web, and every character of the text escaped: there is nothing for a
    # sanitiser to remove (it cost 1.2 ms a page).
    escaped_only: bool = False

    def insert_fragments(self, html: str) -> str:
        for marker, fragment in self.fragments.items():
            html = html.replace(f"<p>{marker}</p>", fragment, 1)
        return html


@dataclass(frozen=True, slots=True)
class NavItem:
    title: str
    path: str | None = None
    children: tuple["NavItem", ...] = field(default_factory=tuple)


def missing_translation_notice(lang: str, written_in: str) -> str:
    """The Markdown of the notice on a page of `lang` that shows a text written in another language."""
    s = strings()[lang]
    return f'!!! warning cb-missing-translation ""\n    {s["missing_translation"].format(language=s["lang_names"][written_in])}\n'


def relative(from_path: str, to_path: str) -> str:
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def page_url(path: str, directory_urls: bool) -> str:
    """Where a page's source path is published, relative to the site root (as MkDocs does)."""
    stem = path[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) == "index":
        return stem[: -len("index")]
    return stem + "/"


@lru_cache(maxsize=1 << 16)  # index pages link to the same unit and category pages hundreds of times
def relative_url(from_path: str, to_path: str, directory_urls: bool) -> str:
    """The link from one page to another, in finished form, for HTML that no generator rewrites."""
    here = page_url(from_path, directory_urls)
    base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    target = page_url(to_path, directory_urls)
    rel = posixpath.relpath(target or ".", base or ".")
    return rel + "/" if (target.endswith("/") or not target) and not rel.endswith("/") else rel


def plain_text(markdown: str) -> str:
    """Text with Markdown emphasis and links reduced to their words, for HTML-built snippets."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?", r"\1", markdown)
    return re.sub(r"(\*\*|__|\*|`)", "", text).strip()


def _escape(text: str) -> str:
    """Text safe inside a Markdown link label or table cell."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("|", "\\|").replace("\n", " ")


class _Writer:
    """Markdown pieces shared by the pages of one language."""

    def __init__(self, content: Content, indices: Indices, lang: str, directory_urls: bool = True,
                 headings: render.HeadingStyle | None = None, memo: Memo | None = None):
        self.content, self.indices, self.lang = content, indices, lang
        self.directory_urls = directory_urls
        self.headings = headings
        self.fragments: dict[str, str] = {}
        self._cards: dict[tuple[str, str], str] = {}
        self.s = strings()[lang]
        self.tax = content.taxonomy
        self.memo = memo
        # What every card depends on besides its case: the taxonomy's labels and the language.
        self._card_context = digest(repr((lang, directory_urls, self.tax))) if memo is not None else ""

    def link(self, here: str, text: str, to: str, cls: str | None = None) -> str:
        attrs = f"{{ .{cls} }}" if cls else ""
        return f"[{_escape(text)}]({relative(here, to)}){attrs}"

    def label(self, label: Label) -> str:
        return label(self.lang)

    def unit_link(self, here: str, unit: str) -> str:
        return self.link(here, self.label(self.tax.unit_type(unit).label), unit_path(unit), "cb-unit")

    def chips(self, here: str, measures) -> str:
        return " ".join(self.link(here, self.label(self.tax.measure(m).label), measure_path(m), "cb-chip") for m in measures)

    def where(self, case: Case) -> str:
        text = case.text(self.lang)
        parts = ["".join(text.region.parts()) if self.lang == "zh" else ", ".join(reversed(text.region.parts()))]
        if case.year:
            parts.append(str(case.year))
        return " · ".join(p for p in parts if p)

    def card(self, here: str, case: Case) -> str:
        """A case in a list: title, place and year, summary, unit type and categories.

        Written as HTML with finished addresses, not Markdown: an index page lists up to every
        case, and Markdown made these pages cost as much as all the case pages together. Its
        links go through the site root ("../../cases/x/"), so that a case's card is the same on
        every page of one depth and is written once for all of them."""
        root = self.root(here)
        key = (root, case.id)
        if key not in self._cards:
            text = case.text(self.lang)
            # Kept between builds by all that the card shows: the text's file, and the fields
            # of the case that come from its other language's file.
            kept = text.digest and ("card", self._card_context, root, case.id, text.digest,
                                    case.unit_type, case.measures, case.year)
            self._cards[key] = recall(self.memo, kept, lambda: self._card(root, case))
        return self._cards[key]

    def root(self, here: str) -> str:
        """The relative address of the site root from a page."""
        return "../" * page_url(here, self.directory_urls).count("/")

    def _card(self, root: str, case: Case) -> str:
        text = case.text(self.lang)
        href = lambda to: html.escape(root + page_url(to, self.directory_urls))
        chips = "".join(
            f' <a class="cb-chip" href="{href(measure_path(m))}">{html.escape(self.label(self.tax.measure(m).label))}</a>'
            for m in case.measures)
        unit = self.label(self.tax.unit_type(case.unit_type).label)
        return (
            f'<div class="cb-card">\n'
            f'<p class="cb-card__head"><a class="cb-card__title" href="{href(case_path(case.id))}">{html.escape(text.title)}</a></p>\n'
            f'<p class="cb-card__where">{html.escape(self.where(case) or self.s["unknown"])}</p>\n'
            f"<p>{html.escape(plain_text(text.summary))}</p>\n"
            f'<p class="cb-card__tags"><a class="cb-unit" href="{href(unit_path(case.unit_type))}">{html.escape(unit)}</a>{chips}</p>\n'
            f"</div>"
        )

    def url(self, here: str, to: str) -> str:
        return relative_url(here, to, self.directory_urls)

    def cards(self, here: str, cases: tuple[Case, ...]) -> str:
        """A marker paragraph; the cards themselves go into `fragments`."""
        if not cases:
            return self.s["no_cases"] + "\n"
        marker = f"CASEBOOKFRAGMENT{len(self.fragments)}"
        self.fragments[marker] = '<div class="cb-cards">\n' + "\n".join(self.card(here, c) for c in cases) + "\n</div>"
        return f"\n{marker}\n\n"

    def take_fragments(self) -> dict[str, str]:
        taken, self.fragments = self.fragments, {}
        return taken

    def notice(self, fallback_from: str | None) -> str:
        return missing_translation_notice(self.lang, fallback_from) + "\n" if fallback_from else ""

    def resolve(self, here: str) -> Callable[[str, str], str]:
        def resolve(scheme: str, target: str) -> str:
            if scheme == "case":
                return relative(here, case_path(target))
            if scheme == "checklist":
                return relative(here, checklist_path(target))
            return relative(here, GLOSSARY) + f"#{target}"
        return resolve

    def resolve_url(self, here: str) -> Callable[[str, str], str]:
        """As `resolve`, to finished addresses, for HTML that no generator rewrites."""
        def resolve(scheme: str, target: str) -> str:
            if scheme == "glossary":
                return self.url(here, GLOSSARY) + f"#{target}"
            return self.url(here, case_path(target) if scheme == "case" else checklist_path(target))
        return resolve


@dataclass(frozen=True, slots=True)
class PageStub:
    """A page known by its address before it is written; `make()` writes it. A generator
    that renders only what changed (`mkdocs serve --dirty`) then writes only those pages."""

    path: str
    kind: str
    source: str
    make: Callable[[], SitePage]


def case_pages(content: Content, indices: Indices, lang: str,
               updated: Mapping[str, str] | None = None, directory_urls: bool = True,
               headings: render.HeadingStyle | None = None) -> Iterator[PageStub]:
    """The case pages of one language, to be written on demand (arguments as `site_pages`)."""
    w = _Writer(content, indices, lang, directory_urls, headings)
    for case in content.cases:
        make = lambda case=case: _case_page(w, case, (updated or {}).get(str(case.text(lang).path)))
        yield PageStub(case_path(case.id), "case", str(case.text(lang).path), make)


def site_pages(content: Content, indices: Indices, lang: str,
               updated: Mapping[str, str] | None = None, directory_urls: bool = True,
               headings: render.HeadingStyle | None = None, cases: bool = True,
               memo: Memo | None = None, added: Mapping[str, int] | None = None) -> Iterator[SitePage]:
    """Every generated page of one language. `updated`: content file path -> date it last changed;
    `directory_urls`: pages are served as folders (cases/x/) rather than files (cases/x.html);
    `headings`: how the generator marks headings. Given it, the text of a case page comes as
    finished HTML (`SitePage.fragments`) wherever `render` can render it. `cases=False`: all
    but the case pages, which `case_pages` gives. `memo` keeps the cards of the index pages
    between builds; `added`: case id -> when it was added, for the front page's newest cases."""
    w = _Writer(content, indices, lang, directory_urls, headings, memo)
    if cases:
        yield from (stub.make() for stub in case_pages(content, indices, lang, updated, directory_urls, headings))
    for checklist in content.checklists:
        yield _checklist_page(w, checklist)
    yield _units_page(w)
    for unit in content.taxonomy.unit_types:
        yield _unit_page(w, unit.id)
        for measure in content.taxonomy.measures:
            if indices.by_cell.get((unit.id, measure.id)):
                yield _cell_page(w, unit.id, measure.id)
    yield _measures_page(w)
    for measure in content.taxonomy.measures:
        yield _measure_page(w, measure.id)
    yield _matrix_page(w)
    yield _checklists_page(w)
    yield _glossary_page(w)
    from casebook.site import explore, home  # import this module: browse, statistics, open data; home
    yield from explore.site_pages(w)
    yield home.home_page(w, added)


def _case_page(w: _Writer, case: Case, updated: str | None = None) -> SitePage:
    here, s = case_path(case.id), w.s
    text = case.text(w.lang)
    fallback = text.lang if text.lang != w.lang else None
    rows = [
        (s["unit_type"], w.unit_link(here, case.unit_type)),
        (s["measures"], w.chips(here, case.measures)),
        (s["unit"], _escape(text.unit) if text.unit else None),
        (s["region"], _escape(w.where(case).split(" · ")[0]) if text.region.parts() else s["unknown"]),
        (s["year"], str(case.year) if case.year else s["unknown"]),
        (s["ethnic_groups"], "、".join(text.ethnic_groups) if w.lang == "zh" else ", ".join(text.ethnic_groups)),
        (s["honours"], "<br>".join(_escape(h) for h in text.honours)),
        (s["source"], citation.in_words(case, text, w.lang, w.tax, s)),
        (s["source_for_editors"], citation.for_editors(case, s)),
        (s["updated"], updated),
    ]
    fast = _case_html(w, here, case, text, rows, fallback) if w.headings is not None else None
    if fast is not None:
        # Finished HTML: the generator renders only the front matter that gives the title.
        marker = "CASEBOOKFRAGMENT0"
        markdown = f"---\ntitle: {json.dumps(text.title, ensure_ascii=False)}\n---\n\n{marker}\n"
        return SitePage(here, text.title, markdown, "case", str(text.path), fallback,
                        fragments={marker: fast.html}, headings=fast.headings, escaped_only=True)
    meta = "\n".join(f"{k}\n:   {v}\n" for k, v in rows if v)
    markdown = (
        f"# {text.title}\n\n{w.notice(fallback)}"
        f'<div class="cb-meta" markdown>\n\n{meta}\n</div>\n\n'
        f"{text.summary}\n{{: .cb-summary }}\n\n{links.rewrite(text.body, w.resolve(here))}\n"
        + _related(w, here, case)
    )
    return SitePage(here, text.title, markdown, "case", str(text.path), fallback)


_MD_LINK = re.compile(r"\[((?:\\.|[^\]])*)\]\(([^)]*)\)\{ \.([\w-]+) \}")
_MD_CODE = re.compile(r"`([^`]*)`")


def _case_html(w: _Writer, here: str, case: Case, text, rows, fallback: str | None) -> render.Rendered | None:
    """The whole text of a case page as the HTML that Python-Markdown makes of its Markdown
    (tests/test_render.py holds the two to the same), or None where `render` cannot do it.

    Python-Markdown takes about 10 ms for a case page, of which 3 ms for the title, the
    metadata and the summary alone; markdown-it and this take a twentieth of that."""
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
    meta = "".join(f"<dt>{html.escape(k, quote=False)}</dt>\n<dd>{_meta_html(w, here, v)}</dd>\n" for k, v in rows if v)
    related, related_heading = _related_html(w, here, case, used)
    out = (f'<h1 id="{title_id}">{html.escape(text.title, quote=False)}{permalink}</h1>\n{notice}'
           f'<div class="cb-meta">\n<dl>\n{meta}</dl>\n</div>\n'
           f'<p class="cb-summary">{summary.html.strip()[len("<p>"):]}\n{body.html}{related}')
    return render.Rendered(out, (render.Heading(1, title_id, text.title), *body.headings, *related_heading))


def _meta_html(w: _Writer, here: str, value: str) -> str:
    """A metadata value, written as Markdown for the Markdown page, as HTML: its links (made by
    `_Writer.link`), code spans and <br>; the rest is escaped text."""
    out, at = [], 0
    for m in _MD_LINK.finditer(value):
        out.append(_meta_text(value[at:m.start()]))
        label = re.sub(r"\\(.)", r"\1", m.group(1))
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), m.group(2)))
        out.append(f'<a class="{m.group(3)}" href="{html.escape(w.url(here, target))}">{html.escape(label, quote=False)}</a>')
        at = m.end()
    out.append(_meta_text(value[at:]))
    return "".join(out)


def _meta_text(text: str) -> str:
    parts = text.split("<br>")
    escaped = [_MD_CODE.sub(lambda m: f"<code>{m.group(1)}</code>", html.escape(re.sub(r"\\(.)", r"\1", p), quote=False))
               for p in parts]
    return "<br>".join(escaped)


def _related_items(w: _Writer, case: Case) -> list[tuple[str, str, str]]:
    """(title, page path, what it has in common) of the cases with most in common (indices.related)."""
    s, items = w.s, []
    for r in w.indices.related.get(case.id, ()):
        why = [s["related_unit"].format(unit=w.label(w.tax.unit_type(case.unit_type).label))] if r.same_unit else []
        if r.measures:
            why.append(s["related_measures"].format(
                measures=s["list_sep"].join(w.label(w.tax.measure(m).label) for m in r.measures)))
        items.append((w.indices.cases_by_id[r.case].text(w.lang).title, case_path(r.case), s["related_sep"].join(why)))
    return items


def _related(w: _Writer, here: str, case: Case) -> str:
    lines = [f"- {w.link(here, title, to)}<br>\n  <span class=\"cb-related__why\">{_escape(why)}</span>"
             for title, to, why in _related_items(w, case)]
    if not lines:
        return ""
    return f"\n## {w.s['related']} {{ #related }}\n\n<div class=\"cb-related\" markdown>\n\n" + "\n".join(lines) + "\n\n</div>\n"


def _related_html(w: _Writer, here: str, case: Case, used_ids: set[str]) -> tuple[str, tuple[render.Heading, ...]]:
    """`_related` as the HTML that Python-Markdown makes of it, with its heading."""
    items = _related_items(w, case)
    if not items:
        return "", ()
    lines = "".join(f'<li><a href="{html.escape(w.url(here, to))}">{html.escape(title, quote=False)}</a><br>\n'
                    f'  <span class="cb-related__why">{html.escape(why, quote=False)}</span></li>\n'
                    for title, to, why in items)
    used_ids.add("related")
    heading = render.Heading(2, "related", w.s["related"])
    permalink = (f'<a class="headerlink" href="#related" title="{html.escape(w.headings.permalink_title)}">'
                 f"{w.headings.permalink}</a>" if w.headings.permalink else "")
    return (f'<h2 id="related">{html.escape(w.s["related"], quote=False)}{permalink}</h2>\n'
            f'<div class="cb-related">\n<ul>\n{lines}</ul>\n</div>\n'), (heading,)


def _checklist_page(w: _Writer, checklist: Checklist) -> SitePage:
    here, s = checklist_path(checklist.id), w.s
    text = checklist.text(w.lang)
    fallback = text.lang if text.lang != w.lang else None
    items = []
    for item in text.items:
        done_in = ", ".join(
            w.link(here, w.indices.cases_by_id[c].text(w.lang).title, case_path(c)) for c in item.cases
        )
        detail = w.chips(here, [item.measure]) + (f" {s['shown_in']}: {done_in}" if done_in else "")
        items.append(f"- [ ] {item.text}<br>\n  <span class=\"cb-item__meta\">{detail}</span>")
    body = links.rewrite(text.body, w.resolve(here))
    # The buttons work through docs/javascripts/casebook-checklist.js; without script they
    # are plain links to the list.
    buttons = (f"[{s['print_checklist']}](#checklist){{ .md-button .cb-print }} "
               f"[{s['reset_checklist']}](#checklist){{ .md-button .cb-reset }}\n{{: .cb-checklist__actions }}\n\n")
    markdown = (
        f"# {text.title}\n\n{w.notice(fallback)}{text.summary}\n{{: .cb-summary }}\n\n{body}\n\n{buttons}"
        f'<div class="cb-checklist" id="checklist" markdown>\n\n' + "\n".join(items) + "\n\n</div>\n"
    )
    return SitePage(here, text.title, markdown, "checklist", str(text.path), fallback)


def _units_page(w: _Writer) -> SitePage:
    s, here = w.s, UNITS
    groups = {g.id: w.label(g.label) for g in w.tax.groups}
    rows = []
    for unit in w.tax.unit_types:
        count = len(w.indices.by_unit[unit.id])
        rows.append(
            f"| {w.link(here, w.label(unit.label), unit_path(unit.id))} | "
            f"{groups.get(unit.group, s['other_units']) if unit.group else s['other_units']} | "
            f"{count} | {_escape(w.label(unit.description))} |"
        )
    total = len(w.content.cases)
    table = (
        f"| {s['unit_type']} | {s['group']} | {s['cases']} | {s['description']} |\n|---|---|--:|---|\n"
        + "\n".join(rows)
        + f"\n| **{s['total']}** | | **{total}** | |\n"
    )
    markdown = f"# {s['by_unit']}\n\n{s['units_intro']}\n\n<div class=\"cb-overview\" markdown>\n\n{table}\n</div>\n"
    return SitePage(here, s["by_unit"], markdown, "units")


def _unit_page(w: _Writer, unit: str) -> SitePage:
    here, s = unit_path(unit), w.s
    u = w.tax.unit_type(unit)
    cases = w.indices.by_unit[unit]
    measures = [
        w.link(here, f"{w.label(m.label)} ({len(w.indices.by_cell[(unit, m.id)])})", cell_path(unit, m.id), "cb-chip")
        for m in w.tax.measures if w.indices.by_cell.get((unit, m.id))
    ]
    markdown = (
        f"# {w.label(u.label)}\n\n{w.label(u.description)}\n\n"
        f"{s['case_count'].format(n=len(cases))}\n{{: .cb-count }}\n\n"
        + (" ".join(measures) + "\n{: .cb-facets }\n\n" if measures else "")
        + w.cards(here, cases)
    )
    return SitePage(here, w.label(u.label), markdown, "unit", fragments=w.take_fragments())


def _cell_page(w: _Writer, unit: str, measure: str) -> SitePage:
    here, s = cell_path(unit, measure), w.s
    u, m = w.tax.unit_type(unit), w.tax.measure(measure)
    title = s["unit_measure_title"].format(unit=w.label(u.label), measure=w.label(m.label))
    cases = w.indices.by_cell[(unit, measure)]
    markdown = (
        f"# {title}\n\n{w.link(here, w.label(u.label), unit_path(unit), 'cb-unit')} "
        f"{w.chips(here, [measure])}\n\n{s['case_count'].format(n=len(cases))}\n{{: .cb-count }}\n\n"
        + w.cards(here, cases)
    )
    return SitePage(here, title, markdown, "cell", fragments=w.take_fragments())


def _measures_page(w: _Writer) -> SitePage:
    s, here = w.s, MEASURES
    rows = [
        f"| {w.link(here, w.label(m.label), measure_path(m.id))} | {len(w.indices.by_measure[m.id])} | "
        f"{len(w.indices.items_by_measure[m.id])} | {_escape(w.label(m.description))} |"
        for m in w.tax.measures
    ]
    table = f"| {s['measures']} | {s['cases']} | {s['checklist_items_here']} | {s['description']} |\n|---|--:|--:|---|\n" + "\n".join(rows) + "\n"
    markdown = f"# {s['by_measure']}\n\n{s['measures_intro']}\n\n<div class=\"cb-overview\" markdown>\n\n{table}\n</div>\n"
    return SitePage(here, s["by_measure"], markdown, "measures")


def _measure_page(w: _Writer, measure: str) -> SitePage:
    here, s = measure_path(measure), w.s
    m = w.tax.measure(measure)
    cases = w.indices.by_measure[measure]
    items = w.indices.items_by_measure[measure]
    markdown = (
        f"# {w.label(m.label)}\n\n{w.label(m.description)}\n\n"
        f"## {s['cases_here']}\n\n{s['case_count'].format(n=len(cases))}\n{{: .cb-count }}\n\n"
        + w.cards(here, cases)
    )
    if items:
        markdown += (f"\n## {s['checklist_items_here']}\n\n<div class=\"cb-items\" markdown>\n\n"
                     + "\n".join(_item_line(w, here, ref) for ref in items) + "\n\n</div>\n")
    return SitePage(here, w.label(m.label), markdown, "measure", fragments=w.take_fragments())


def _item_line(w: _Writer, here: str, ref: ItemRef) -> str:
    text = ref.checklist.text(w.lang)
    return f"- {ref.item(w.lang).text} — {w.link(here, text.title, checklist_path(ref.checklist.id))}"


def _matrix_page(w: _Writer) -> SitePage:
    s, here = w.s, MATRIX
    measures = w.tax.measures
    head = f"| {s['unit_type']} | " + " | ".join(
        w.link(here, w.label(m.label), measure_path(m.id)) for m in measures
    ) + f" | {s['total']} |\n|---|" + ":-:|" * (len(measures) + 1) + "\n"
    rows = []
    for u in w.tax.unit_types:
        cells = []
        for m in measures:
            n = len(w.indices.by_cell.get((u.id, m.id), ()))
            cells.append(w.link(here, str(n), cell_path(u.id, m.id), "cb-cell") if n else '<span class="cb-cell--empty">·</span>')
        total = len(w.indices.by_unit[u.id])
        rows.append(f"| {w.link(here, w.label(u.label), unit_path(u.id))} | " + " | ".join(cells) + f" | {total} |")
    markdown = (
        # The table needs the width that the table of contents would take.
        f"---\nhide:\n  - toc\n---\n\n# {s['matrix']}\n\n{s['matrix_intro']}\n\n"
        f'<div class="cb-matrix" markdown>\n\n{head}' + "\n".join(rows) + "\n\n</div>\n"
    )
    return SitePage(here, s["matrix"], markdown, "matrix")


def _checklists_page(w: _Writer) -> SitePage:
    s, here = w.s, CHECKLISTS
    entries = []
    for checklist in w.content.checklists:
        text = checklist.text(w.lang)
        entries.append(
            f'<div class="cb-card" markdown>\n{w.link(here, text.title, checklist_path(checklist.id), "cb-card__title")}\n'
            f"{{: .cb-card__head }}\n\n{text.summary}\n\n{s['item_count'].format(n=len(text.items))}\n{{: .cb-count }}\n</div>\n"
        )
    markdown = f"# {s['checklists']}\n\n{s['checklists_intro']}\n\n" + ("\n".join(entries) or s["no_cases"]) + "\n"
    return SitePage(here, s["checklists"], markdown, "checklists")


def _glossary_page(w: _Writer) -> SitePage:
    s, here = w.s, GLOSSARY
    other = next(lang for lang in LANGUAGES if lang != w.lang)
    parts = [f"# {s['glossary']}\n\n{s['glossary_intro']}\n"]
    for term in w.content.glossary:
        uses = w.indices.term_uses[term.id][w.lang]
        # A term used by thousands of cases would make this one page grow with the content.
        used = ", ".join(w.link(here, c.text(w.lang).title, case_path(c.id)) for c in uses[:GLOSSARY_USES_SHOWN])
        if len(uses) > GLOSSARY_USES_SHOWN:
            more = len(uses) - GLOSSARY_USES_SHOWN
            used += " " + s["used_in_more"].format(n=len(uses) if w.lang == "zh" else more)
        parts.append(
            f"## {term.term(w.lang)} {{ #{term.id} }}\n\n*{term.term(other)}*\n{{: .cb-term__other }}\n\n"
            f"{term.explanation(w.lang)}\n\n" + (f"{s['used_in']}: {used}\n{{: .cb-term__uses }}\n" if used else "")
        )
    return SitePage(here, s["glossary"], "\n".join(parts), "glossary")


def navigation(content: Content, lang: str, extra_pages: tuple[NavItem, ...] = ()) -> tuple[NavItem, ...]:
    """The site navigation: index pages only, never one entry per case, so that the size of
    every page stays independent of the number of cases."""
    s, tax = strings()[lang], content.taxonomy
    return (
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
        *extra_pages,
    )
