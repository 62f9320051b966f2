"""The unit type × measure category table, each cell linked to the cases it counts."""

from __future__ import annotations

from casebook.pages.page import PageKind, SitePage
from casebook.pages.writer import Writer
from casebook.urls import MATRIX, cell_path, measure_path, unit_path


def matrix_page(w: Writer) -> SitePage:
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
            cells.append(w.link(here, str(n), cell_path(u.id, m.id), "cb-cell") if n
                         else '<span class="cb-cell--empty">·</span>')
        total = len(w.indices.by_unit[u.id])
        rows.append(f"| {w.link(here, w.label(u.label), unit_path(u.id))} | " + " | ".join(cells) + f" | {total} |")
    markdown = (
        # The table needs the width that the table of contents would take.
        f"---\nhide:\n  - toc\n---\n\n# {s['matrix']}\n\n{s['matrix_intro']}\n\n"
        f'<div class="cb-matrix" markdown>\n\n{head}' + "\n".join(rows) + "\n\n</div>\n"
    )
    return SitePage(here, s["matrix"], markdown, PageKind.MATRIX)
