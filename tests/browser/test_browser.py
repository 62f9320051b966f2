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
