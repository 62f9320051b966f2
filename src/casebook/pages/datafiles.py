"""Every data file of a language's site: the browse data and the open data, with the cases each holds."""

from __future__ import annotations

from dataclasses import dataclass

from casebook.derive.facets import Facet, facets_of
from casebook.derive.indices import Indices
from casebook.model import DEFAULT_LANGUAGE, Content
from casebook.pages import browse, opendata
from casebook.urls import CASES_CSV, CASES_JSON, CASES_SCRIPT, ITEMS_CSV, ITEMS_JSON

CASES_CALLBACK = "casebookCaseRows"


@dataclass(frozen=True, slots=True)
class DataFile:
    path: str  # under the language's root
    content: bytes
    cases: tuple[str, ...] | None = None  # ids of the cases it holds, for the build's reconciliation
    # A file of one index's cases (its feed) is reconciled against that index, like its page;
    # one with `cases` and no `index` must hold every case once.
    index: bool = False


def data_files(content: Content, indices: Indices, lang: str, directory_urls: bool = True, base: str = "",
               facets: tuple[Facet, ...] | None = None) -> tuple[DataFile, ...]:
    """The browse data of `lang` and the open-data files, ready to be written under its root;
    `facets`: facets_of(content, indices), where worked out already."""
    ctx = opendata.Context(content.taxonomy, directory_urls, base)
    browse_data = browse.data(content, facets if facets is not None else facets_of(content, indices), lang,
                              directory_urls)
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
        # The same in every language (the rows hold both): the browse page of each loads the
        # default language's (browse.form, data-rows).
        *([DataFile(CASES_SCRIPT, opendata.to_script(CASES_CALLBACK, case_header, case_cells).encode(),
                    tuple(r[0] for r in case_cells))] if lang == DEFAULT_LANGUAGE else []),
        DataFile(ITEMS_JSON, opendata.to_json(items).encode()),
        DataFile(ITEMS_CSV, opendata.to_csv(item_header, opendata.csv_cells(items, item_header)).encode()),
    )
