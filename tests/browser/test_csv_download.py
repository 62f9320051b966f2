"""CSV formula injection in the browse page's download: a cell that a spreadsheet would run as a
formula opens as text, as in the CSV the build writes (tests/site/test_csv_injection.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import mkdocs_build
from support.formulas import QUOTED, TITLES, cases_csv, shown, write_formula_cases

pytestmark = pytest.mark.browser


def test_the_browse_download_neutralises_formulas(browser, project, content, tmp_path):
    from support.browser import serve

    write_formula_cases(content)

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
    assert QUOTED in text
    rows = {r["id"]: r for r in cases_csv(text)}
    assert set(rows) == {f"case-{id}" for id in TITLES}
    for id, (_, title) in TITLES.items():
        assert rows[f"case-{id}"]["title_zh"] == shown(title), id
    # The download holds the same cells as the file the build wrote.
    assert cases_csv(text) == cases_csv((tmp_path / "out" / "data/cases.csv").read_bytes().decode("utf-8"))
