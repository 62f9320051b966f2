"""CSV formula injection: a cell that a spreadsheet would run as a formula opens as text, in the
CSV the build writes and in the browse page's download; the JSON keeps the text as written."""

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
from support import mkdocs_build, write_case

FORMULA = '=HYPERLINK("http://x","y")'
# As the title: line of a case file writes them (YAML quoting where a plain scalar cannot hold them).
# A leading tab or CR never reaches a cell from content (the loader strips titles): the unit test
# of csv_field covers those.
TITLES = {
    "formula": (FORMULA, FORMULA),
    "plus": ("+1+2", "+1+2"),
    "minus": ("-3-4", "-3-4"),
    "at": ("'@SUM(1)'", "@SUM(1)"),
    "plain": ("一个普通的标题", "一个普通的标题"),
    "inner": ("a=b, c-d", "a=b, c-d"),
}


def cases_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


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
    for id, (yaml_title, _) in TITLES.items():
        # Chinese only: the English file appends to the title, which a quoted scalar cannot take.
        write_case(content, f"case-{id}", "zh", title=yaml_title)
    return content


def test_the_built_csv_files_neutralise_formulas_and_the_json_keeps_them(formula_content):
    loaded = loader.load(formula_content)
    assert not loaded.errors, loaded.errors
    files = {f.path: f.content.decode("utf-8")
             for f in datafiles.data_files(loaded.content, indices.build(loaded.content), "zh")}
    rows = {r["id"]: r for r in cases_csv(files[CASES_CSV])}
    records = {r["id"]: r for r in json.loads(files[CASES_JSON])}
    for id, (_, title) in TITLES.items():
        row, record = rows[f"case-{id}"], records[f"case-{id}"]
        neutral = title[0] in "=+-@\t\r"
        assert row["title_zh"] == ("'" + title if neutral else title), id
        assert record["title_zh"] == title, id  # JSON is data, not a spreadsheet: kept as written
    # The quoted form, as the raw bytes hold it.
    assert '"\'=HYPERLINK(""http://x"",""y"")"' in files[CASES_CSV]
    # Every text cell of both CSV files: none begins with a formula character.
    for path in (CASES_CSV, ITEMS_CSV):
        for row in csv.reader(io.StringIO(files[path][1:], newline="")):
            assert not [c for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")], (path, row)


@pytest.mark.browser
def test_the_browse_download_neutralises_formulas(browser, project, formula_content, tmp_path):
    from support.browser import serve

    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(tmp_path / "out") as url:
        page = browser.new_page(accept_downloads=True)
        try:
            page.goto(url + "browse/")
            page.wait_for_selector(".cb-browse--ready")
            with page.expect_download() as info:
                page.locator(".cb-browse__download").click()
            text = Path(info.value.path()).read_bytes().decode("utf-8")
        finally:
            page.close()
    assert '"\'=HYPERLINK(""http://x"",""y"")"' in text
    rows = {r["id"]: r for r in cases_csv(text)}
    assert set(rows) == {f"case-{id}" for id in TITLES}
    for id, (_, title) in TITLES.items():
        neutral = title[0] in "=+-@\t\r"
        assert rows[f"case-{id}"]["title_zh"] == ("'" + title if neutral else title), id
    # The download holds the same cells as the file the build wrote.
    assert cases_csv(text) == cases_csv((tmp_path / "out" / "data/cases.csv").read_bytes().decode("utf-8"))
