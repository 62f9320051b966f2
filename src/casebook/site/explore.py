"""The pages that look at the casebook as a whole, and the data files behind them.

- `browse.md`: filter the cases by facets (form here, data in `browse/index.js`, filtering
  in docs/javascripts/casebook-browse.js);
- `stats.md`: the numbers of cases by unit type, category, province and year, and the unit ×
  category heat map, as SVG drawn here; each bar and cell leads to the browse view it counts;
- `data.md`: the open-data files and the list of their fields.

`data_files` gives every file the hook writes into a language's site: the browse data of that
language and the open data (the same in every language: each row holds every language).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Iterator, Sequence
from urllib.parse import urlencode

from casebook.site import browse, charts, opendata
from casebook.derive import facets as build_facets
from casebook.derive.facets import Facet
from casebook.model import LANGUAGES, Content, Label
from casebook.site.pages import BROWSE, DATA, STATS, SitePage, _escape, _Writer, page_url, relative, strings

CASES_JSON, CASES_CSV, CASES_SCRIPT = "data/cases.json", "data/cases.csv", "data/cases.js"
ITEMS_JSON, ITEMS_CSV = "data/checklist-items.json", "data/checklist-items.csv"
CASES_CALLBACK = "casebookCaseRows"


@dataclass(frozen=True, slots=True)
class DataFile:
    path: str  # under the language's root
    content: bytes
    cases: tuple[str, ...] | None = None  # ids of the cases it holds, for the build's reconciliation


def facets_of(content: Content) -> tuple[Facet, ...]:
    # Asked for twice per build (the pages, the browse data) of the same content: worked out
    # once (0.3 s at 10,000 cases). Kept by identity: Content holds mappings, so has no hash.
    if _facets_kept[0] is not content:
        not_stated = Label(**{lang: strings()[lang]["not_stated"] for lang in LANGUAGES})
        _facets_kept[:] = [content, build_facets.build(content, not_stated)]
    return _facets_kept[1]


_facets_kept: list = [None, ()]  # [the content, its facets]


def root_of(path: str, directory_urls: bool) -> str:
    """The language's root seen from a page, as a base for script-built addresses ('..', '.')."""
    here = page_url(path, directory_urls)
    folder = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    return posixpath.relpath(".", folder or ".")


def browse_hash(**chosen: str | Sequence[str]) -> str:
    """The fragment of a filtered browse view, e.g. `#unit=hospital&measure=exchange`."""
    pairs = [(k, v) for k, vs in chosen.items() for v in ([vs] if isinstance(vs, str) else vs)]
    return "#" + urlencode(pairs)


def site_pages(w: _Writer) -> Iterator[SitePage]:
    facets = facets_of(w.content)
    yield _browse_page(w, facets)
    yield _stats_page(w, facets)
    yield _data_page(w)


def _widget(widgets: dict[str, str], html: str) -> str:
    """A marker paragraph in the Markdown; the HTML goes in its place after sanitising
    (`SitePage.fragments`)."""
    marker = f"CASEBOOKWIDGET{len(widgets)}"
    widgets[marker] = html
    return f"\n{marker}\n\n"


def _data_links(w: _Writer, here: str) -> str:
    s = w.s
    files = " · ".join(f"[{posixpath.basename(p)}]({relative(here, p)})" for p in (CASES_CSV, CASES_JSON))
    return f"{s['data_links']}{s['colon']}{files} · [{s['data_fields_link']}]({relative(here, DATA)}#case-fields)\n{{: .cb-data-links }}\n"


def _browse_page(w: _Writer, facets: Sequence[Facet]) -> SitePage:
    s, here, widgets = w.s, BROWSE, {}
    form = browse.form(facets, w.lang, root_of(here, w.directory_urls), len(w.content.cases))
    markdown = (
        # The facets and the results need the width of the table of contents.
        f"---\nhide:\n  - toc\n---\n\n# {s['browse']}\n\n{s['browse_intro']}\n\n"
        + _widget(widgets, form)
        + _data_links(w, here)
    )
    return SitePage(here, s["browse"], markdown, "browse", fragments=widgets)


def _stats_page(w: _Writer, facets: Sequence[Facet]) -> SitePage:
    s, here, widgets = w.s, STATS, {}
    lang, tax, idx = w.lang, w.tax, w.indices
    to_browse = w.url(here, BROWSE)

    def bars(key: str, items: list[tuple[str, str, int]]) -> list[charts.Bar]:
        return [charts.Bar(k, label, n, to_browse + browse_hash(**{key: k}),
                           s["chart_value"].format(label=label, count=s["case_count"].format(n=n)))
                for k, label, n in items]

    def chart(id: str, title: str, items: list[charts.Bar]) -> str:
        numbers = s["list_sep"].join(s["chart_value"].format(label=b.label, count=b.value) for b in items)
        desc = s["chart_desc"].format(numbers=numbers)
        svg = charts.bar_chart(f"chart-{id}", title, desc, items)
        return f"## {title} {{ #{id} }}\n\n" + _widget(widgets, _chart_box(svg))

    by_facet = {f.key: f for f in facets}

    def facet_items(key: str) -> list[tuple[str, str, int]]:
        return [(v.key, v.label(lang), v.count) for v in by_facet[key].values]

    parts = [
        chart("units", s["chart_units"], bars("unit", [(u.id, u.label(lang), len(idx.by_unit[u.id])) for u in tax.unit_types])),
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
                title = s["chart_value"].format(label=s["unit_measure_title"].format(unit=u.label(lang), measure=m.label(lang)),
                                                count=s["case_count"].format(n=n))
                cells[(u.id, m.id)] = charts.Cell(n, to_browse + browse_hash(unit=u.id, measure=m.id), title)
    desc = s["chart_matrix_desc"].format(numbers=s["list_sep"].join(c.title for c in cells.values()))
    units = [(u.id, u.label(lang)) for u in tax.unit_types]
    measures = [(m.id, m.label(lang)) for m in tax.measures]
    heat = charts.heat_map("chart-matrix", s["chart_matrix"], desc, units, measures, cells,
                           upright_heads=s["upright_heads"])
    # On a phone, twelve category columns would shrink past reading: the same map turned, with
    # the ten unit types as narrower columns, is shown there instead (site CSS picks one by width).
    turned = charts.heat_map("chart-matrix-turned", s["chart_matrix"], desc, measures, units,
                             {(m, u): c for (u, m), c in cells.items()}, upright_heads=s["upright_heads"],
                             cell_w=30)
    parts.append(f"## {s['chart_matrix']} {{ #matrix }}\n\n{s['chart_matrix_intro']}\n\n"
                 + _widget(widgets, _chart_box(heat, "wide") + _chart_box(turned, "narrow")))
    markdown = (f"# {s['stats']}\n\n{s['stats_intro'].format(cases=s['case_count'].format(n=len(w.content.cases)))}\n\n"
                + "\n".join(parts) + "\n" + _data_links(w, here))
    return SitePage(here, s["stats"], markdown, "stats", fragments=widgets)


def _chart_box(svg: str, only: str | None = None) -> str:
    # A chart shrinks to the width it has down to a readable size, then its box scrolls
    # sideways. `only`: "wide" or "narrow", a chart shown on one kind of screen.
    return f'<div class="cb-chart-box{f" cb-chart-box--{only}" if only else ""}">{svg}</div>'


def _data_page(w: _Writer) -> SitePage:
    s, here = w.s, DATA
    docs, kinds = s["data_fields"], s["data_kinds"]

    def table(fields: Sequence[opendata.Field]) -> str:
        rows = [f"| {', '.join(f'`{c}`' for c in f.columns())} | {kinds[f.kind]} | {_escape(docs[f.doc])} |" for f in fields]
        return f"| {s['data_field']} | {s['data_kind']} | {s['data_meaning']} |\n|---|---|---|\n" + "\n".join(rows) + "\n"

    downloads = "\n".join(f"- [{posixpath.basename(path)}]({relative(here, path)}){s['colon']}{s[key]}"
                          for path, key in ((CASES_CSV, "data_cases_csv"), (CASES_JSON, "data_cases_json"),
                                            (ITEMS_CSV, "data_items_csv"), (ITEMS_JSON, "data_items_json")))
    markdown = (
        f"# {s['data']}\n\n{s['data_intro']}\n\n## {s['data_downloads']} {{ #downloads }}\n\n{downloads}\n\n"
        f"{s['data_notes']}\n\n"
        f"## {s['data_case_fields']} {{ #case-fields }}\n\n{table(opendata.CASE_FIELDS)}\n"
        f"## {s['data_item_fields']} {{ #item-fields }}\n\n{table(opendata.ITEM_FIELDS)}"
    )
    return SitePage(here, s["data"], markdown, "data")


def data_files(content: Content, lang: str, directory_urls: bool = True, base: str = "") -> tuple[DataFile, ...]:
    """The browse data of `lang` and the open-data files, ready to be written under its root."""
    ctx = opendata.Context(content.taxonomy, directory_urls, base)
    browse_data = browse.data(content, facets_of(content), lang, directory_urls)
    cases = opendata.case_rows(content, ctx)
    case_header = opendata.columns(opendata.CASE_FIELDS)
    case_cells = opendata.csv_cells(cases, case_header)
    items = opendata.item_rows(content, ctx)
    item_header = opendata.columns(opendata.ITEM_FIELDS)
    ids = lambda rows: tuple(str(r["id"]) for r in rows)  # noqa: E731
    return (
        DataFile(browse.SCRIPT, browse.script(browse_data).encode(), tuple(r[0] for r in browse_data["cases"])),
        DataFile(CASES_JSON, opendata.to_json(cases).encode(), ids(cases)),
        DataFile(CASES_CSV, opendata.to_csv(case_header, case_cells).encode(), tuple(r[0] for r in case_cells)),
        DataFile(CASES_SCRIPT, opendata.to_script(CASES_CALLBACK, case_header, case_cells).encode(),
                 tuple(r[0] for r in case_cells)),
        DataFile(ITEMS_JSON, opendata.to_json(items).encode()),
        DataFile(ITEMS_CSV, opendata.to_csv(item_header, opendata.csv_cells(items, item_header)).encode()),
    )
