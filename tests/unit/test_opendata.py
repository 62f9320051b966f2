"""Open data rows, JSON and CSV, from the core's pure functions."""

from __future__ import annotations

import csv
import io
import json

from casebook.corpus import loader
from casebook.derive import indices
from casebook.model import LANGUAGES
from casebook.pages import datafiles, opendata
from casebook.strings import strings
from support import real, write_case

REAL = real.loaded().content
REAL_INDICES = indices.build(REAL)


def read_csv(data: bytes) -> list[dict[str, str]]:
    text = data.decode("utf-8")
    assert text.startswith(opendata.BOM), "Excel needs the byte order mark to read UTF-8"
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_every_column_is_documented_in_every_language():
    for fields in (opendata.CASE_FIELDS, opendata.ITEM_FIELDS):
        cols = opendata.columns(fields)
        assert len(cols) == len(set(cols)), "no column twice"
        for lang in LANGUAGES:
            for f in fields:
                assert strings()[lang]["data_fields"][f.doc]
                assert strings()[lang]["data_kinds"][f.kind]


def test_case_rows_hold_both_languages_and_addresses():
    rows = opendata.case_rows(REAL, opendata.Context(REAL.taxonomy))
    assert [r["id"] for r in rows] == [c.id for c in REAL.cases]
    for row, case in zip(rows, REAL.cases, strict=True):
        assert row["title_zh"] == case.texts["zh"].title and row["title_en"] == case.texts["en"].title
        assert row["unit_type"] == case.unit_type
        assert row["unit_type_en"] == REAL.taxonomy.unit_type(case.unit_type).label.en
        assert row["measures"] == case.measures
        assert row["year"] == case.year
        assert row["ethnic_groups_zh"] == case.texts["zh"].ethnic_groups
        assert row["source_report"] == case.source.report
        assert row["url_zh"] == f"cases/{case.id}/" and row["url_en"] == f"en/cases/{case.id}/"
    files = opendata.Context(REAL.taxonomy, directory_urls=False, base="https://example.org/casebook/")
    assert opendata.case_rows(REAL, files)[0]["url_en"] == f"https://example.org/casebook/en/cases/{REAL.cases[0].id}.html"


def test_a_missing_translation_has_no_value_in_that_language(content):
    write_case(content, "alpha", "zh", title="只有中文")
    c = loader.load(content).content
    row = opendata.case_rows(c, opendata.Context(c.taxonomy))[0]
    assert row["title_zh"] == "只有中文" and row["title_en"] is None and row["province_en"] is None
    assert row["url_en"] == "en/cases/alpha/"  # the page exists, with the Chinese text and a notice
    header = opendata.columns(opendata.CASE_FIELDS)
    cells = opendata.csv_cells([row], header)[0]
    assert cells[header.index("title_en")] == ""


def test_csv_round_trips_through_the_csv_module():
    ctx = opendata.Context(REAL.taxonomy)
    rows = opendata.case_rows(REAL, ctx)
    header = opendata.columns(opendata.CASE_FIELDS)
    parsed = read_csv(opendata.to_csv(header, opendata.csv_cells(rows, header)).encode())
    assert len(parsed) == len(REAL.cases)
    assert list(parsed[0]) == list(header)
    for got, row in zip(parsed, rows, strict=True):
        assert got["title_en"] == row["title_en"]  # commas, quotes and dashes survive
        assert got["measures"].split(";") == list(row["measures"])
        assert got["year"] == ("" if row["year"] is None else str(row["year"]))


def test_json_is_the_same_rows_with_real_lists_and_nulls():
    rows = opendata.case_rows(REAL, opendata.Context(REAL.taxonomy))
    parsed = json.loads(opendata.to_json(rows))
    assert len(parsed) == len(REAL.cases)
    assert parsed[0]["measures"] == list(REAL.cases[0].measures)
    assert all(p["year"] is None or isinstance(p["year"], (int, str)) for p in parsed)


def test_item_rows_one_per_checklist_item():
    rows = opendata.item_rows(REAL, opendata.Context(REAL.taxonomy))
    assert len(rows) == sum(len(cl.texts["zh"].items) for cl in REAL.checklists)
    first = REAL.checklists[0]
    assert rows[0]["checklist"] == first.id and rows[0]["item"] == 1
    assert rows[0]["text_en"] == first.texts["en"].items[0].text
    assert rows[0]["cases"] == first.texts["zh"].items[0].cases
    assert rows[0]["url_zh"] == f"checklists/{first.id}/"


def test_data_files_name_the_cases_they_hold():
    files = {f.path: f for f in datafiles.data_files(REAL, REAL_INDICES, "zh")}
    ids = tuple(c.id for c in REAL.cases)
    for path in ("browse/index.js", "data/cases.json", "data/cases.csv", "data/cases.js"):
        assert files[path].cases == ids
    # The rows of the browse page's download, the same in both languages, are written once.
    assert "data/cases.js" not in {f.path for f in datafiles.data_files(REAL, REAL_INDICES, "en")}
    assert files["data/checklist-items.csv"].cases is None
    # The open data is the same file on either language's side; the browse data is not.
    assert files["data/cases.csv"].content == {
        f.path: f for f in datafiles.data_files(REAL, REAL_INDICES, "en")}["data/cases.csv"].content
    script = files["data/cases.js"].content.decode()
    assert script.startswith(f"{datafiles.CASES_CALLBACK}(") and script.endswith(");\n")
    data = json.loads(script[len(datafiles.CASES_CALLBACK) + 1:-3])
    assert data["columns"] == list(opendata.columns(opendata.CASE_FIELDS))
    assert ([dict(zip(data["columns"], r, strict=True)) for r in data["rows"]]
            == read_csv(files["data/cases.csv"].content))
