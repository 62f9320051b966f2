"""The open data as a Frictionless Data Package: `data/datapackage.json` describes `cases.csv`
and `checklist-items.csv` with a Table Schema each, made from the same column declarations
(`opendata.CASE_FIELDS`, `ITEM_FIELDS`) and descriptions (`data_fields` in strings.yml) as the
files themselves and the open-data page, so the three cannot drift apart.

Lists are `list` fields split at `;` (as the CSV joins them); an unknown value is an empty cell.
The casebook's own licence for its data and the package's version (the day of the newest
change to the content) are stated; the tests validate the package with the `frictionless` library.
"""

from __future__ import annotations

import json
import posixpath
from typing import Sequence

from casebook.model import LANGUAGES
from casebook.pages.opendata import CASE_FIELDS, ITEM_FIELDS, LIST_SEPARATOR, Field
from casebook.urls import CASES_CSV, DATAPACKAGE, ITEMS_CSV

__all__ = ["DATAPACKAGE", "datapackage", "version_of"]
# The licence under which the casebook publishes its open data (README, "Open data").
LICENCE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0"}
TYPES = {"text": {"type": "string"}, "texts": {"type": "list", "delimiter": LIST_SEPARATOR, "itemType": "string"},
         "number": {"type": "integer"}, "year": {"type": "string"}}  # a year may be a period: 2016-2018


def _schema(fields: Sequence[Field], docs: dict[str, str], key: list[str]) -> dict:
    columns = []
    for f in fields:
        for lang, column in zip(LANGUAGES if f.per_language else (None,), f.columns()):
            columns.append({"name": column, **TYPES[f.kind],
                            "description": docs[f.doc] + (f" ({lang})" if lang else "")})
    return {"fields": columns, "primaryKey": key, "missingValues": [""]}


def version_of(day: str) -> str:
    """The package's version: the day of the newest change to the content, as a version number
    (2026-12-02 -> 2026.12.2), so that it grows with every change a reader can see."""
    y, m, d = day.split("-")
    return f"{int(y)}.{int(m)}.{int(d)}"


def datapackage(s: dict, version: str) -> str:
    """The package descriptor in one language (`s`: its interface texts)."""
    docs = s["data_fields"]
    resources = [
        {"name": "cases", "path": posixpath.basename(CASES_CSV), "title": s["data_cases_csv"],
         "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
         "schema": _schema(CASE_FIELDS, docs, ["id"])},
        {"name": "checklist-items", "path": posixpath.basename(ITEMS_CSV), "title": s["data_items_csv"],
         "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
         "schema": _schema(ITEM_FIELDS, docs, ["checklist", "item"])},
    ]
    package = {"name": "casebook", "title": s["site_name"], "description": s["site_description"],
               "version": version, "licenses": [LICENCE], "resources": resources}
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"
