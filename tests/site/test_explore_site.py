"""The browse, statistics and open-data pages of the built site, and the data files behind
them, checked against the content files."""

from __future__ import annotations

import csv
import io
import json
import posixpath
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup

from casebook.derive import indices
from casebook.model import LANGUAGES
from casebook.pages import opendata
from support import real

CONTENT = real.loaded().content
INDICES = indices.build(CONTENT)
TAX = CONTENT.taxonomy
ROOTS = {"zh": "", "en": "en/"}
DATA_FILES = ("data/cases.json", "data/cases.csv", "data/cases.js", "data/checklist-items.json",
              "data/checklist-items.csv")


def soup(site: Path, lang: str, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / ROOTS[lang] / path).read_text("utf-8"), "html.parser")


def read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def province_of(case) -> str:
    return case.texts["zh"].region.province or "-"


def year_of(case) -> str:
    return str(case.year) if case.year else "-"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_data_files_reach_the_site_in_both_languages(site, lang):
    # data/cases.js, the rows of the browse page's download, is the same in both: written once.
    files = [p for p in DATA_FILES if lang == "zh" or p != "data/cases.js"]
    for path in (*files, "browse/index.js"):
        assert (site / ROOTS[lang] / path).is_file(), path
    for path in files:
        assert (site / ROOTS[lang] / path).read_bytes() == (site / path).read_bytes()
    assert (lang == "zh") == (site / ROOTS[lang] / "data/cases.js").is_file()
    rows = soup(site, lang, "browse/index.html").select_one(".cb-browse")["data-rows"]
    assert (site / ROOTS[lang] / "browse" / rows).resolve() == (site / "data/cases.js").resolve()


def test_cases_csv_has_one_row_per_case_with_addresses_that_exist(site):
    rows = read_csv(site / "data/cases.csv")
    assert [r["id"] for r in rows] == [c.id for c in CONTENT.cases]
    assert list(rows[0]) == list(opendata.columns(opendata.CASE_FIELDS))
    for row, case in zip(rows, CONTENT.cases, strict=True):
        assert row["title_zh"] == case.texts["zh"].title and row["title_en"] == case.texts["en"].title
        assert row["unit_type"] == case.unit_type and row["unit_type_zh"] == TAX.unit_type(case.unit_type).label.zh
        assert row["measures"].split(";") == list(case.measures)
        assert row["measures_en"].split(";") == [TAX.measure(m).label.en for m in case.measures]
        assert row["province_zh"] == (case.texts["zh"].region.province or "")
        assert row["year"] == ("" if case.year is None else str(case.year))
        assert row["ethnic_groups_en"] == ";".join(case.texts["en"].ethnic_groups)
        assert (row["source_file"], row["source_report"]) == (case.source.file, case.source.report or "")
        for lang in LANGUAGES:
            # Absolute under site_url (CASEBOOK_SITE_URL, or the local default).
            assert (site / urlsplit(row[f"url_{lang}"]).path.lstrip("/") / "index.html").is_file()
    assert json.loads((site / "data/cases.json").read_text("utf-8"))[0]["measures"] == list(CONTENT.cases[0].measures)


def test_checklist_items_one_row_each(site):
    rows = read_csv(site / "data/checklist-items.csv")
    expected = [(cl.id, str(i + 1), item.text)
                for cl in CONTENT.checklists for i, item in enumerate(cl.texts["zh"].items)]
    assert [(r["checklist"], r["item"], r["text_zh"]) for r in rows] == expected
    assert len(json.loads((site / "data/checklist-items.json").read_text("utf-8"))) == len(expected)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", ["browse", "stats"])
def test_browse_and_stats_pages_link_the_data_and_its_field_list(site, lang, page):
    html = soup(site, lang, f"{page}/index.html")
    links = {a["href"] for a in html.select(".cb-data-links a")}
    targets = {posixpath.normpath(posixpath.join(page, h.split("#")[0])) for h in links}
    assert {"data/cases.csv", "data/cases.json", "data"} <= targets
    for target in targets:
        assert (site / ROOTS[lang] / target).exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_data_page_documents_every_column(site, lang):
    html = soup(site, lang, "data/index.html")
    documented = {code.get_text() for code in html.select("table code")}
    assert set(opendata.columns(opendata.CASE_FIELDS)) | set(opendata.columns(opendata.ITEM_FIELDS)) <= documented
    assert {a["href"] for a in html.select("#downloads ~ ul a")} >= {"cases.csv", "cases.json"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_browse_page_lists_every_facet_value_with_its_count(site, lang):
    html = soup(site, lang, "browse/index.html")
    assert html.select(".cb-browse__list li") == [], "cases come from the data file, not the page"
    units = {i["value"]: i.find_parent("label") for i in html.select("fieldset[data-facet=unit] input")}
    assert list(units) == [u.id for u in TAX.unit_types if INDICES.by_unit[u.id]]
    for unit, label in units.items():
        assert label.select_one(".cb-facet__label").get_text() == TAX.unit_type(unit).label(lang)
        assert int(label.select_one(".cb-facet__count").get_text()) == len(INDICES.by_unit[unit])
    provinces = Counter(province_of(c) for c in CONTENT.cases)
    shown = {i["value"]: int(i.find_parent("label").select_one(".cb-facet__count").get_text())
             for i in html.select("fieldset[data-facet=province] input")}
    assert shown == provinces


@pytest.mark.parametrize("lang", LANGUAGES)
def test_related_cases_on_a_case_page(site, lang):
    # The case with the most related cases: every case page lists them the same way.
    case = max(CONTENT.cases, key=lambda c: (len(INDICES.related[c.id]), c.id))
    html = soup(site, lang, f"cases/{case.id}/index.html")
    items = html.select(".cb-related li")
    ids = [posixpath.basename(li.a["href"].rstrip("/")) for li in items]
    # The closest first; what they have in common is said once above the cases that share it.
    assert sorted(ids) == sorted(r.case for r in INDICES.related[case.id]) and ids
    first = INDICES.related[case.id][0]
    assert ids[0] == first.case
    whys = [li.find_parent("ul").find_previous_sibling("p", class_="cb-related__why").get_text() for li in items]
    said = [p.get_text() for p in html.select(".cb-related .cb-related__why")]
    assert len(said) == len(set(said)) == len(html.select(".cb-related ul"))
    why = whys[0]
    if first.same_unit:
        assert TAX.unit_type(case.unit_type).label(lang) in why
    for m in first.measures:
        assert TAX.measure(m).label(lang) in why
    assert items[0].a.get_text() == CONTENT.cases[[c.id for c in CONTENT.cases].index(ids[0])].texts[lang].title


def chart_numbers(svg) -> dict[str, int]:
    return {g["data-key"]: int(g.select_one("text.cb-chart__value").get_text()) for g in svg.select("g.cb-chart__row")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_stats_charts_count_the_content(site, lang):
    html = soup(site, lang, "stats/index.html")
    expected = {
        "chart-units": {u.id: sum(c.unit_type == u.id for c in CONTENT.cases) for u in TAX.unit_types},
        "chart-measures": {m.id: sum(m.id in c.measures for c in CONTENT.cases) for m in TAX.measures},
        "chart-provinces": dict(Counter(province_of(c) for c in CONTENT.cases)),
        "chart-years": dict(Counter(year_of(c) for c in CONTENT.cases)),
    }
    for id, counts in expected.items():
        svg = html.select_one(f"svg#{id}")
        assert svg.select_one("title").get_text() and svg.select_one("desc").get_text()
        assert chart_numbers(svg) == counts, id
        labels = [t.get_text() for t in svg.select("text.cb-chart__label")]
        desc = svg.select_one("desc").get_text()
        assert all(label in desc for label in labels)
    years = sorted({year_of(c) for c in CONTENT.cases} - {"-"})
    unknown = ["-"] if any(c.year is None for c in CONTENT.cases) else []
    assert [g["data-key"] for g in html.select("svg#chart-years g.cb-chart__row")] == years + unknown


@pytest.mark.parametrize("lang", LANGUAGES)
def test_heat_map_cells_count_and_link_to_the_filtered_browse_view(site, lang):
    svg = soup(site, lang, "stats/index.html").select_one("svg#chart-matrix")
    assert svg.select_one("title").get_text()
    cells = svg.select("g.cb-chart__cell")
    assert len(cells) == len(TAX.unit_types) * len(TAX.measures)
    for g in cells:
        unit, measure = g["data-row"], g["data-column"]
        n = sum(c.unit_type == unit and measure in c.measures for c in CONTENT.cases)
        assert g.select_one("text").get_text() == (str(n) if n else "·")
        link = g.find_parent("a")
        if not n:
            assert link is None
            continue
        href = urlsplit(link["href"])
        assert posixpath.normpath(posixpath.join("stats", href.path)) == "browse"
        assert parse_qsl(href.fragment) == [("unit", unit), ("measure", measure)]
