"""CSV formula injection: a cell that a spreadsheet would run as a formula opens as text in the
CSV the build writes; the JSON keeps the text as written. (The browse page's download:
tests/browser/test_csv_download.py.)"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from casebook.corpus import loader
from casebook.derive import indices
from casebook.pages import datafiles, opendata
from casebook.urls import CASES_CSV, CASES_JSON, ITEMS_CSV
from support.formulas import FORMULA, QUOTED, TITLES, cases_csv, shown, write_formula_cases


@pytest.mark.parametrize("cell, written", [
    (FORMULA, '"\'=HYPERLINK(""http://x"",""y"")"'),
    ("+1", "\"'+1\""),
    ("-1", "\"'-1\""),
    ("@A1", "\"'@A1\""),
    ("\t1", "\"'\t1\""),
    ("\r1", "\"'\r1\""),
    ("1-2", "1-2"),
    ("a,b", '"a,b"'),
    ('say "hi"', '"say ""hi"""'),
    ("", ""),
])
def test_a_cell_is_written_as_owasp_advises(cell, written):
    assert opendata.csv_field(cell) == written


@pytest.fixture
def formula_content(content: Path) -> Path:
    return write_formula_cases(content)


def test_the_built_csv_files_neutralise_formulas_and_the_json_keeps_them(formula_content):
    loaded = loader.load(formula_content)
    assert not loaded.errors, loaded.errors
    files = {f.path: f.content.decode("utf-8")
             for f in datafiles.data_files(loaded.content, indices.build(loaded.content), "zh")}
    rows = {r["id"]: r for r in cases_csv(files[CASES_CSV])}
    records = {r["id"]: r for r in json.loads(files[CASES_JSON])}
    for id, (_, title) in TITLES.items():
        row, record = rows[f"case-{id}"], records[f"case-{id}"]
        assert row["title_zh"] == shown(title), id
        assert record["title_zh"] == title, id  # JSON is data, not a spreadsheet: kept as written
    # The quoted form, as the raw bytes hold it.
    assert QUOTED in files[CASES_CSV]
    # Every text cell of both CSV files: none begins with a formula character.
    for path in (CASES_CSV, ITEMS_CSV):
        for row in csv.reader(io.StringIO(files[path][1:], newline="")):
            assert not [c for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")], (path, row)
