"""The site as data: every generated page's address, title and Markdown, and the navigation.

Pure functions of the content model; the static-site generator's adapter only hands these
pages to it. All links are relative Markdown links between source paths, so that the
generator resolves and checks them, and the site works from any base address or from disk.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Callable, Iterator, Mapping

import yaml

from . import links
from .indices import Indices, ItemRef
from .model import LANGUAGES, Case, Checklist, Content, Label


@cache
def strings() -> dict[str, dict]:
    """Interface texts of generated pages, per language (package data `strings.yml`)."""
    return yaml.safe_load(resources.files(__package__).joinpath("strings.yml").read_text("utf-8"))


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
    # HTML put in place of a marker paragraph after the Markdown is rendered: long lists of
    # cards are finished HTML, which Markdown's HTML-block parser would take seconds to re-read.
    fragments: Mapping[str, str] = field(default_factory=dict)
    # Like fragments, but put in after the content's HTML sanitiser has run: forms and inline
    # SVG that the core builds whole from escaped values, and that the sanitiser would strip
    # (it is there for editors' HTML, not the core's).
    widgets: Mapping[str, str] = field(default_factory=dict)

    def insert_fragments(self, html: str) -> str:
        for marker, fragment in self.fragments.items():
            html = html.replace(f"<p>{marker}</p>", fragment, 1)
        return html

    def insert_widgets(self, html: str) -> str:
        for marker, widget in self.widgets.items():
            html = html.replace(f"<p>{marker}</p>", widget, 1)
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

    def __init__(self, content: Content, indices: Indices, lang: str, directory_urls: bool = True):
        self.content, self.indices, self.lang = content, indices, lang
        self.directory_urls = directory_urls
        self.fragments: dict[str, str] = {}
        self.s = strings()[lang]
        self.tax = content.taxonomy

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
        case, and Markdown made these pages cost as much as all the case pages together."""
        text = case.text(self.lang)
        href = lambda to: html.escape(self.url(here, to))
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


def site_pages(content: Content, indices: Indices, lang: str,
               updated: Mapping[str, str] | None = None, directory_urls: bool = True) -> Iterator[SitePage]:
    """Every generated page of one language. `updated`: content file path -> date it last changed;
    `directory_urls`: pages are served as folders (cases/x/) rather than files (cases/x.html)."""
    w = _Writer(content, indices, lang, directory_urls)
    for case in content.cases:
        yield _case_page(w, case, (updated or {}).get(str(case.text(lang).path)))
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
    from . import explore  # imports this module: browse, statistics and open data
    yield from explore.site_pages(w)


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
        (s["source"], s["source_text"].format(file=f"`{case.source.file}`", report=case.source.report)
            + (f" ({s['source_traditional']})" if case.source.script == "traditional" else "")),
        (s["updated"], updated),
    ]
    meta = "\n".join(f"{k}\n:   {v}\n" for k, v in rows if v)
    body = links.rewrite(text.body, w.resolve(here))
    markdown = (
        f"# {text.title}\n\n{w.notice(fallback)}"
        f'<div class="cb-meta" markdown>\n\n{meta}\n</div>\n\n'
        f"{text.summary}\n{{: .cb-summary }}\n\n{body}\n"
        + _related(w, here, case)
    )
    return SitePage(here, text.title, markdown, "case", str(text.path), fallback)


def _related(w: _Writer, here: str, case: Case) -> str:
    """The cases with most in common (indices.related), each with what it has in common."""
    s, lines = w.s, []
    for r in w.indices.related.get(case.id, ()):
        why = [s["related_unit"].format(unit=w.label(w.tax.unit_type(case.unit_type).label))] if r.same_unit else []
        if r.measures:
            why.append(s["related_measures"].format(
                measures=s["list_sep"].join(w.label(w.tax.measure(m).label) for m in r.measures)))
        title = w.indices.cases_by_id[r.case].text(w.lang).title
        lines.append(f"- {w.link(here, title, case_path(r.case))}<br>\n"
                     f'  <span class="cb-related__why">{_escape(s["related_sep"].join(why))}</span>')
    if not lines:
        return ""
    return f"\n## {s['related']} {{ #related }}\n\n<div class=\"cb-related\" markdown>\n\n" + "\n".join(lines) + "\n\n</div>\n"


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
        f"| {s['unit_type']} | {s['group']} | {s['cases']} | |\n|---|---|--:|---|\n"
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
    table = f"| {s['measures']} | {s['cases']} | {s['checklist_items_here']} | |\n|---|--:|--:|---|\n" + "\n".join(rows) + "\n"
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
