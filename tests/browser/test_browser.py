"""What a reader does in a real browser: switch language and land on the same page."""

from __future__ import annotations

import pytest

from support import real

pytestmark = pytest.mark.browser
CASES = real.loaded().content.cases


@pytest.mark.parametrize("path", ["", "matrix/", "units/hospital/", f"cases/{CASES[0].id}/", "glossary/"])
def test_language_switch_lands_on_the_same_page(browser, site_url, path):
    page = browser.new_page()
    try:
        page.goto(site_url + path)
        assert page.locator("html").get_attribute("lang") == "zh"
        page.locator(".md-header__option .md-select").hover()
        page.locator(".md-select__link[hreflang=en]").click()
        page.wait_for_url(site_url + "en/" + path)
        assert page.locator("html").get_attribute("lang") == "en"
        page.locator(".md-header__option .md-select").hover()
        page.locator(".md-select__link[hreflang=zh]").click()
        page.wait_for_url(site_url + path)
        assert page.locator("html").get_attribute("lang") == "zh"
    finally:
        page.close()


@pytest.mark.parametrize("lang_root, title", [("", "本节的链接"), ("en/", "Permanent link")])
def test_a_case_page_gets_what_only_a_script_uses_from_its_scripts(browser, site_url, lang_root, title):
    # What the page leaves to its scripts (issue 28): each heading's permalink, the title shown in
    # the header bar once scrolled, the table of contents, the reference's copy button and the
    # back-to-top button.
    page = browser.new_page()
    try:
        page.goto(f"{site_url}{lang_root}cases/{CASES[0].id}/")
        links = page.locator("article h2[id] > a.headerlink")
        assert links.count() >= 4
        first = page.locator("article h2[id]").first
        assert links.first.get_attribute("href") == "#" + first.get_attribute("id")
        assert links.first.get_attribute("title") == title and links.first.inner_text() == "¶"
        heading = page.locator("article h1").evaluate("h => h.firstChild.textContent.trim()")
        assert page.locator("[data-md-component=header-topic] .md-ellipsis").inner_text() == heading
        # The table of contents lists the headings below the title, as Material's template would.
        toc = page.locator(".md-sidebar--secondary [data-md-component=toc] > li > a.md-nav__link")
        ids = page.locator("article h2[id]").evaluate_all("hs => hs.map(h => '#' + h.id)")
        assert toc.evaluate_all("as => as.map(a => a.getAttribute('href'))") == ids and "#cite" in ids
        assert toc.first.inner_text() == page.locator("article h2[id]").first.evaluate(
            "h => h.firstChild.textContent.trim()")
        assert page.locator(".cb-cite__copy").count() == 1
        assert page.locator("button.md-top").count() == 1
    finally:
        page.close()
