"""The statistics page: cases by unit type, category, province and year, and the heat map, as SVG."""

from __future__ import annotations

from collections.abc import Sequence

from casebook.derive.facets import Facet
from casebook.pages import charts
from casebook.pages.page import PageKind, SitePage
from casebook.pages.writer import Writer, widget
from casebook.strings import join_list
from casebook.urls import BROWSE, STATS, browse_hash


def stats_page(w: Writer, facets: Sequence[Facet]) -> SitePage:
    s, here, widgets = w.s, STATS, dict[str, str]()
    lang, tax, idx = w.lang, w.tax, w.indices
    to_browse = w.url(here, BROWSE)

    def bars(key: str, items: list[tuple[str, str, int]]) -> list[charts.Bar]:
        return [charts.Bar(k, label, n, to_browse + browse_hash(**{key: k}),
                           s["chart_value"].format(label=label, count=s["case_count"].format(n=n)))
                for k, label, n in items]

    def chart(id: str, title: str, items: list[charts.Bar]) -> str:
        numbers = join_list(lang, (s["chart_value"].format(label=b.label, count=b.value) for b in items))
        desc = s["chart_desc"].format(numbers=numbers)
        svg = charts.bar_chart(f"chart-{id}", title, desc, items)
        return f"## {title} {{ #{id} }}\n\n" + widget(widgets, _chart_box(svg))

    by_facet = {f.key: f for f in facets}

    def facet_items(key: str) -> list[tuple[str, str, int]]:
        return [(v.key, v.label(lang), v.count) for v in by_facet[key].values]

    parts = [
        chart("units", s["chart_units"],
              bars("unit", [(u.id, u.label(lang), len(idx.by_unit[u.id])) for u in tax.unit_types])),
        chart("measures", s["chart_measures"],
              bars("measure", [(m.id, m.label(lang), len(idx.by_measure[m.id])) for m in tax.measures])),
        chart("provinces", s["chart_provinces"], bars("province", facet_items("province"))),
        chart("years", s["chart_years"], bars("year", facet_items("year"))),
    ]
    cells = {}
    for u in tax.unit_types:
        for m in tax.measures:
            n = len(idx.by_cell.get((u.id, m.id), ()))
            if n:
                label = s["unit_measure_title"].format(unit=u.label(lang), measure=m.label(lang))
                title = s["chart_value"].format(label=label, count=s["case_count"].format(n=n))
                cells[(u.id, m.id)] = charts.Cell(n, to_browse + browse_hash(unit=u.id, measure=m.id), title)
    desc = s["chart_matrix_desc"].format(numbers=join_list(lang, (c.title for c in cells.values() if c.title)))
    units = [(u.id, u.label(lang)) for u in tax.unit_types]
    measures = [(m.id, m.label(lang)) for m in tax.measures]
    heat = charts.heat_map("chart-matrix", s["chart_matrix"], desc, units, measures, cells,
                           upright_heads=s["upright_heads"])
    # On a phone, twelve category columns would shrink past reading: the same map turned, with
    # the unit types as narrower columns, is shown there instead (site CSS picks one by width);
    # only the unit types that have cases, so that it fits a phone with labels of 11 px (the
    # empty ones are in the chart of unit types above).
    turned = charts.heat_map("chart-matrix-turned", s["chart_matrix"], desc, measures,
                             [(k, label) for k, label in units if idx.by_unit[k]],
                             {(m, u): c for (u, m), c in cells.items()}, upright_heads=s["upright_heads"],
                             cell_w=30)
    parts.append(f"## {s['chart_matrix']} {{ #matrix }}\n\n{s['chart_matrix_intro']}\n\n"
                 + widget(widgets, _chart_box(heat, "wide") + _chart_box(turned, "narrow")))
    markdown = (f"# {s['stats']}\n\n{s['stats_intro'].format(cases=s['case_count'].format(n=len(w.content.cases)))}\n\n"
                + "\n".join(parts) + "\n" + w.data_links(here))
    return SitePage(here, s["stats"], markdown, PageKind.STATS, fragments=widgets)


def _chart_box(svg: str, only: str | None = None) -> str:
    # A chart shrinks to the width it has down to a readable size, then its box scrolls
    # sideways. `only`: "wide" or "narrow", a chart shown on one kind of screen.
    return f'<div class="cb-chart-box{f" cb-chart-box--{only}" if only else ""}">{svg}</div>'
