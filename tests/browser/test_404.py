"""The 404 pages, served as a host serves them (at any unknown address) under a sub-path: each in
its language, and every link, the language switch and search lead where they should."""

from __future__ import annotations

import pytest

from casebook.strings import strings
from support import mkdocs_build, write_case

pytestmark = pytest.mark.browser
STRINGS = strings()
PREFIX = "/casebook/"


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    """A small casebook built for https://example.org/casebook/ and served under /casebook/."""
    from support.browser import serve_with_404

    root = tmp_path_factory.mktemp("subpath")
    project, content = root / "project", root / "project" / "content"
    import shutil

    from support import ROOT
    (content / "cases").mkdir(parents=True)
    (content / "checklists").mkdir()
    shutil.copy(ROOT / "content" / "taxonomy.yml", content / "taxonomy.yml")
    for name in ("docs",):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "src" / "casebook").mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    (project / "mkdocs.yml").write_text(config + "\nsite_url: https://example.org/casebook/\n", "utf-8")
    for lang, title in (("zh", "灯笼诊所"), ("en", "Lantern clinic")):
        write_case(content, "lantern-clinic", lang, title=title)
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    with serve_with_404(project / "site", PREFIX) as url:
        yield url


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_404_page_speaks_its_language_and_every_link_works_under_a_sub_path(browser, sub_path_site, lang):
    import urllib.error
    import urllib.request

    root = sub_path_site + ("en/" if lang == "en" else "")
    page = browser.new_page()
    try:
        response = page.goto(root + "cases/no-such-case/deeper/")
        assert response.status == 404
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("article h1").inner_text() == STRINGS[lang]["not_found_title"]
        # The theme's stylesheet loaded: the page is not unstyled.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
        hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        origin = sub_path_site[: -len(PREFIX)]
        inside = sorted({h.split("#")[0] for h in hrefs if h.startswith(origin)})
        broken = []
        for href in inside:
            try:
                urllib.request.urlopen(href)
            except urllib.error.HTTPError as e:
                broken.append(f"{href}: {e.code}")
        assert not broken, broken
        assert all(h.startswith(sub_path_site) for h in inside), [h for h in inside if not h.startswith(sub_path_site)]
        # The navigation leads to pages of the same language.
        nav = page.eval_on_selector_all(".md-nav--primary a.md-nav__link[href]", "as => as.map(a => a.href)")
        assert nav and all(h.startswith(sub_path_site + "en/") == (lang == "en") for h in nav), nav
        # Home is among the ways on.
        ways = page.eval_on_selector_all("article li a", "as => as.map(a => a.href)")
        assert root in ways
        # The language switch leads to the other language's root.
        other = {"zh": "en", "en": "zh"}[lang]
        switch = page.eval_on_selector(f".md-select__link[hreflang={other}]", "a => a.href")
        assert switch.rstrip("/") + "/" == sub_path_site + ("en/" if other == "en" else "")
        # The button moves to the search box, and search finds the casebook's case.
        page.locator(".cb-404-search").click()
        assert page.evaluate("document.activeElement.classList.contains('cb-search__input')")
        query = {"zh": "灯笼诊所", "en": "lantern"}[lang]
        page.keyboard.type(query)
        page.wait_for_selector(f".cb-search[data-query='{query}']", timeout=5000)
        assert query in page.locator("#cb-search-results").inner_text().lower()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url(root + "cases/lantern-clinic/")
    finally:
        page.close()
