"""Less text where people scan (issue 22): a card carries the first sentence of its case's summary
(the whole summary stays on the case page); the glossary and the checklists name the cases they
point to by their unit, not by whole titles."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from casebook.pages.writer import first_sentence, plain_text, short_line, short_title
from support import real

CONTENT = real.loaded().content
ROOTS = {"zh": "", "en": "en/"}


def test_a_short_line_is_the_first_sentence_cut_after_a_clause_where_long():
    assert first_sentence("一份调研报告。调研为期七天。") == "一份调研报告。"
    assert first_sentence("清单（原文未写。地点）共六条。其余。") == "清单（原文未写。地点）共六条。"
    assert first_sentence("A survey in Badong County, Hubei. Over seven days...") == "A survey in Badong County, Hubei."
    assert first_sentence("It rose to 98.7% in No. 3 village. Then it fell.") == "It rose to 98.7% in No. 3 village."
    long = "An office reports on its work: " + ", ".join(["a group for ethnic affairs"] * 12) + "."
    cut = short_line(long)
    assert cut.endswith("affairs…") and len(cut) <= 201 and long.startswith(cut[:-1])
    assert short_title("贵阳市碧海社区：少数民族服务窗口") == "贵阳市碧海社区"
    assert short_title("A plan with no colon") == "A plan with no colon"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cards_carry_a_short_line_and_the_case_page_the_whole_summary(site, lang):
    by_title = {c.text(lang).title: c for c in CONTENT.cases}
    page = BeautifulSoup((site / ROOTS[lang] / "browse/../units/hospital/index.html").read_text("utf-8"), "html.parser")
    cards = page.select(".cb-card")
    assert cards
    for card in cards:
        case = by_title[card.select_one(".cb-card__title").get_text()]
        summary = plain_text(case.text(lang).summary)
        line = card.select_one(".cb-card__line").get_text()
        assert line == short_line(summary) and len(line) < len(summary)
        case_page = BeautifulSoup((site / ROOTS[lang] / f"cases/{case.id}/index.html").read_text("utf-8"),
                                  "html.parser")
        assert " ".join(case_page.select_one(".cb-summary").get_text().split()) == " ".join(summary.split())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_glossary_names_the_cases_that_use_a_term_briefly(site, lang):
    page = BeautifulSoup((site / ROOTS[lang] / "glossary/index.html").read_text("utf-8"), "html.parser")
    uses = page.select(".cb-term__uses")
    assert uses
    titles = {c.text(lang).title for c in CONTENT.cases}
    for line in uses:
        for link in line.select("a"):
            assert link.get_text() not in titles or ":" not in link.get_text() and "：" not in link.get_text()
