"""The front page, made from the content: live counts, a tile per unit type, the newest cases."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from casebook.derive import indices
from casebook.pages import home
from casebook.pages.writer import Writer
from casebook.strings import strings
from support import real

CONTENT = real.loaded().content
INDICES = indices.build(CONTENT)


def page_html(lang: str, added=None) -> BeautifulSoup:
    page = home.home_page(Writer(CONTENT, INDICES, lang), added)
    return BeautifulSoup("".join(page.fragments.values()), "html.parser"), page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_front_page_counts_what_the_casebook_holds(site, lang):
    html = BeautifulSoup((site / ("en/" if lang == "en" else "") / "index.html").read_text("utf-8"), "html.parser")
    figures = [" ".join(li.get_text(" ").split()) for li in html.select(".cb-home__figures li")]
    s = strings()[lang]
    provinces = {c.text("zh").region.province for c in CONTENT.cases} - {None}
    # A unit type without cases is no place to start: neither offered as a tile nor counted.
    units = [u for u in CONTENT.taxonomy.unit_types if INDICES.by_unit[u.id]]
    assert 0 < len(units) < len(CONTENT.taxonomy.unit_types)
    assert figures == [" ".join(t.format(n=n).split()) for t, n in (
        (s["case_count"], len(CONTENT.cases)), (s["checklist_count"], len(CONTENT.checklists)),
        (s["unit_type_count"], len(units)), (s["province_count"], len(provinces)))]
    tiles = {a["href"]: a.select_one(".cb-tile__count").get_text() for a in html.select("a.cb-tile")}
    assert tiles == {f"units/{u.id}/": s["case_count"].format(n=len(INDICES.by_unit[u.id]))
                     for u in units}
    assert len(html.select(".md-content .cb-card")) == min(home.NEWEST, len(CONTENT.cases))
    assert html.select_one(".cb-home__search-button") is not None
    assert html.select_one('a[href="contributing/"]') is not None
    # Its own script only: the browse and checklist scripts stay on their pages.
    scripts = [tag["src"] for tag in html.select("script[src]")]
    assert any(src.endswith("casebook-search-button.js") for src in scripts)
    assert not any(re.search(r"casebook-(browse|checklist)\.js$", src) for src in scripts)


def test_newest_cases_are_the_ones_added_last_and_uncommitted_ones_first():
    ids = [c.id for c in CONTENT.cases]
    added = {id: 1000 for id in ids}
    added[ids[5]], added[ids[9]] = 3000, 2000
    del added[ids[12]]  # a file not committed yet
    html, _ = page_html("en", added)
    shown = [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in html.select("a.cb-card__title")]
    assert shown[:3] == [ids[12], ids[5], ids[9]] and len(shown) == home.NEWEST


def test_front_page_does_not_grow_with_the_cases():
    copies = tuple(replace(case, id=f"{case.id}-{k}") for k in range(50) for case in CONTENT.cases)
    many = replace(CONTENT, cases=copies)
    small = home.home_page(Writer(CONTENT, INDICES, "en"))
    big = home.home_page(Writer(many, indices.build(many), "en"))
    assert len(BeautifulSoup(big.fragments[home.BLOCKS[2]], "html.parser").select(".cb-card")) == home.NEWEST
    # 50 times the cases, the same page but for its numbers (and "1 case" become "50 cases").
    size = lambda page: len(re.sub(r"\d+", "#", page.markdown + "".join(page.fragments.values())))
    assert abs(size(big) - size(small)) < 100
