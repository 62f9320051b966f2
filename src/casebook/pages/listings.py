"""The pages that list cases: by unit type, by measure category, and one unit type in one category.

A card on these pages leaves out the unit type or category the page is about (its title says
it): each case is on about six such pages per language."""

from __future__ import annotations

from casebook.derive.indices import ItemRef
from casebook.pages import selection
from casebook.pages.page import PageKind, SitePage
from casebook.pages.writer import Fragments, Writer, escape
from casebook.urls import MEASURES, UNITS, cell_path, checklist_path, measure_path, unit_path


def units_page(w: Writer) -> SitePage:
    s, here = w.s, UNITS
    groups = {g.id: w.label(g.label) for g in w.tax.groups}
    rows = []
    for unit in w.tax.unit_types:
        count = len(w.indices.by_unit[unit.id])
        rows.append(
            f"| {w.link(here, w.label(unit.label), unit_path(unit.id))} | "
            f"{groups.get(unit.group, s['other_units']) if unit.group else s['other_units']} | "
            f"{count} | {escape(w.label(unit.description))} |"
        )
    total = len(w.content.cases)
    table = (
        f"| {s['unit_type']} | {s['group']} | {s['cases']} | {s['description']} |\n|---|---|--:|---|\n"
        + "\n".join(rows)
        + f"\n| **{s['total']}** | | **{total}** | |\n"
    )
    markdown = f"# {s['by_unit']}\n\n{s['units_intro']}\n\n<div class=\"cb-overview\" markdown>\n\n{table}\n</div>\n"
    return SitePage(here, s["by_unit"], markdown, PageKind.UNITS)


def unit_page(w: Writer, unit: str) -> SitePage:
    fragments = Fragments()
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
        + selection.handout_link(w, here, [c.id for c in cases])
        + w.cards(here, cases, fragments, unit_shown=True)
    )
    return SitePage(here, w.label(u.label), markdown, PageKind.UNIT, **fragments.page_args())


def cell_page(w: Writer, unit: str, measure: str) -> SitePage:
    fragments = Fragments()
    here, s = cell_path(unit, measure), w.s
    u, m = w.tax.unit_type(unit), w.tax.measure(measure)
    title = s["unit_measure_title"].format(unit=w.label(u.label), measure=w.label(m.label))
    cases = w.indices.by_cell[(unit, measure)]
    markdown = (
        f"# {title}\n\n{w.link(here, w.label(u.label), unit_path(unit), 'cb-unit')} "
        f"{w.chips(here, [measure])}\n\n{s['case_count'].format(n=len(cases))}\n{{: .cb-count }}\n\n"
        + w.cards(here, cases, fragments, unit_shown=True, measure_shown=measure)
    )
    return SitePage(here, title, markdown, PageKind.CELL, **fragments.page_args())


def measures_page(w: Writer) -> SitePage:
    s, here = w.s, MEASURES
    rows = [
        f"| {w.link(here, w.label(m.label), measure_path(m.id))} | {len(w.indices.by_measure[m.id])} | "
        f"{len(w.indices.items_by_measure[m.id])} | {escape(w.label(m.description))} |"
        for m in w.tax.measures
    ]
    table = (f"| {s['measures']} | {s['cases']} | {s['checklist_items_here']} | {s['description']} |\n"
             "|---|--:|--:|---|\n" + "\n".join(rows) + "\n")
    markdown = (f"# {s['by_measure']}\n\n{s['measures_intro']}\n\n"
                f"<div class=\"cb-overview\" markdown>\n\n{table}\n</div>\n")
    return SitePage(here, s["by_measure"], markdown, PageKind.MEASURES)


def measure_page(w: Writer, measure: str) -> SitePage:
    fragments = Fragments()
    here, s = measure_path(measure), w.s
    m = w.tax.measure(measure)
    cases = w.indices.by_measure[measure]
    items = w.indices.items_by_measure[measure]
    markdown = (
        f"# {w.label(m.label)}\n\n{w.label(m.description)}\n\n"
        f"## {s['cases_here']}\n\n{s['case_count'].format(n=len(cases))}\n{{: .cb-count }}\n\n"
        + selection.handout_link(w, here, [c.id for c in cases])
        + w.cards(here, cases, fragments, measure_shown=measure)
    )
    if items:
        markdown += (f"\n## {s['checklist_items_here']}\n\n<div class=\"cb-items\" markdown>\n\n"
                     + "\n".join(_item_line(w, here, ref) for ref in items) + "\n\n</div>\n")
    return SitePage(here, w.label(m.label), markdown, PageKind.MEASURE, **fragments.page_args())


def _item_line(w: Writer, here: str, ref: ItemRef) -> str:
    text = ref.checklist.text(w.lang)
    return f"- {ref.item(w.lang).text} — {w.link(here, text.title, checklist_path(ref.checklist.id))}"
