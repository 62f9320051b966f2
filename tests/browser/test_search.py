"""Search as a reader uses it: each held query typed into the search box of the built site in
headless Chromium must bring a relevant page into the top 5. Prints recall@5 and every miss."""

from __future__ import annotations

import json

import pytest
import yaml

from support import ROOT

pytestmark = pytest.mark.browser
QUERIES = yaml.safe_load((ROOT / "tests/search_queries.yml").read_text("utf-8"))
ROOTS = {"zh": "", "en": "en/"}


def run_queries(browser, site_url: str, lang: str) -> list[tuple[dict, list[str], list[str]]]:
    """(query, its top-5 paths, the texts shown) for each held query of one language."""
    page = browser.new_page()
    out = []
    try:
        page.goto(site_url + ROOTS[lang] + "units/")
        box = page.locator(".cb-search__input")
        for q in QUERIES[lang]:
            box.fill("")
            box.type(q["query"], delay=5)
            page.wait_for_selector(f".cb-search[data-query={json.dumps(q['query'], ensure_ascii=False)}]", timeout=5000)
            links = page.locator(".cb-search__result a")
            hrefs = [page.evaluate("a => a.href", links.nth(i).element_handle()) for i in range(min(5, links.count()))]
            base = site_url + ROOTS[lang]
            out.append((q, [h[len(base):].split("#")[0] for h in hrefs],
                        [links.nth(i).inner_text() for i in range(min(5, links.count()))]))
    finally:
        page.close()
    return out


def test_held_queries_find_a_relevant_page_in_the_top_5(browser, site_url):
    assert len(QUERIES["zh"]) + len(QUERIES["en"]) >= 40
    misses, total = [], 0
    for lang in ("zh", "en"):
        for q, top, _ in run_queries(browser, site_url, lang):
            total += 1
            if not set(top) & set(q["expect"]):
                misses.append(f"  {lang} {q['kind']:<11} {q['query']!r}: got {top}")
    print(f"\nrecall@5: {total - len(misses)}/{total} = {(total - len(misses)) / total:.3f}")
    print("\n".join(misses) or "  no misses")
    assert not misses


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_results_stay_in_their_language_and_show_unit_type_and_highlight(browser, site_url, lang):
    query = {"zh": "结对认亲", "en": "paired households"}[lang]
    page = browser.new_page()
    try:
        page.goto(site_url + ROOTS[lang])
        page.locator(".cb-search__input").type(query)
        page.wait_for_selector(f".cb-search[data-query='{query}']")
        first = page.locator(".cb-search__result").first
        expected_tag = {"zh": "援建工作队", "en": "Aid team"}[lang]
        assert first.locator(".cb-search__tag").inner_text() == expected_tag
        assert first.locator("mark").count() >= 1
        hrefs = [page.evaluate("a => a.href", a) for a in page.query_selector_all(".cb-search__result a")]
        for href in hrefs:
            inside_en = href.startswith(site_url + "en/")
            assert inside_en == (lang == "en"), href
        page.keyboard.press("Enter")
        page.wait_for_url("**/cases/xiangcheng-luzhou-aid/")
    finally:
        page.close()
