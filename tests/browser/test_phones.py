"""Phones: no page of any kind, in either language, is wider than a 320 or 390 px screen, with the
search panel open too; browse keeps its count in view while filters are ticked; chart labels
are 11 px or more (issue 22)."""

from __future__ import annotations

import pytest

from support import real

pytestmark = pytest.mark.browser
CONTENT = real.loaded().content
# One page of every kind; the pages whose width depends on their content (cases, checklists,
# unit and category pages: chips, titles, tables) all of them.
KINDS = ["", "units/", "matrix/", "browse/", "stats/", "data/", "glossary/", "checklists/", "contributing/",
         "about/", "review-log/", "benchmark/", "no-such-page/"]
# What browse makes of a selection: a handout to print, cases side by side.
KINDS += [f"handout/#cases={CONTENT.cases[0].id},{CONTENT.cases[1].id}",
          f"compare/#cases={CONTENT.cases[0].id},{CONTENT.cases[1].id},{CONTENT.cases[2].id}"]
EVERY = ([f"cases/{c.id}/" for c in CONTENT.cases] + [f"checklists/{c.id}/" for c in CONTENT.checklists]
         + [f"units/{u.id}/" for u in CONTENT.taxonomy.unit_types]
         + [f"measures/{m.id}/" for m in CONTENT.taxonomy.measures])
WIDTHS = (320, 390)
WIDER = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
SEARCH = {"zh": "民族团结 医院", "en": "ethnic unity hospital"}


@pytest.fixture(scope="module")
def served(site):
    from support.browser import serve_with_404

    with serve_with_404(site) as url:
        yield url


def _root(url: str, lang: str) -> str:
    return url + ("en/" if lang == "en" else "")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_is_wider_than_a_phone(browser, served, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 700})
    wide = []
    try:
        page = context.new_page()
        # Every page at 320 px; at 390 one of each kind (what fits 320 fits 390 but for the layouts
        # that change between them, which are the same for every page of a kind).
        paths = KINDS + (EVERY if width == 320 else [EVERY[0], EVERY[-1], f"checklists/{CONTENT.checklists[0].id}/"])
        for path in paths:
            page.goto(_root(served, lang) + path)
            if (over := page.evaluate(WIDER)) > 0:
                wide.append(f"{path or 'home'}: {over}px wider than the screen")
    finally:
        context.close()
    assert not wide, f"{len(wide)} of {len(paths)} pages at {width}px ({lang}):\n" + "\n".join(wide)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_is_wider_than_a_phone_with_search_open(browser, served, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 700})
    wide = []
    try:
        page = context.new_page()
        for path in [k for k in KINDS if not k.startswith("handout")] + EVERY[:1]:  # the handout has no search box
            page.goto(_root(served, lang) + path)
            page.fill(".cb-search__input", SEARCH[lang])
            page.wait_for_selector(".cb-search--open .cb-search__result")
            panel = page.evaluate("(() => { const r = document.querySelector('.cb-search__panel')"
                                  ".getBoundingClientRect(); return [Math.round(r.left), Math.round(r.right)]; })()")
            if (over := page.evaluate(WIDER)) > 0:
                wide.append(f"{path or 'home'}: {over}px wider than the screen")
            if panel[0] < 0 or panel[1] > width:
                wide.append(f"{path or 'home'}: the results run from {panel[0]} to {panel[1]}px")
    finally:
        context.close()
    assert not wide, "\n".join(wide)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_browse_keeps_its_count_in_view_while_filters_are_ticked(browser, served, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(_root(served, lang) + "browse/")
        page.click(".cb-browse__filters > summary")
        before = page.inner_text(".cb-browse__status")
        box = page.locator(".cb-facet[data-facet=measure] input").nth(1)
        box.scroll_into_view_if_needed()
        box.check()
        page.wait_for_function("t => document.querySelector('.cb-browse__status').innerText !== t", arg=before)
        status = page.locator(".cb-browse__status").bounding_box()
        ticked = box.bounding_box()
    finally:
        context.close()
    # The count is on the screen, above the box just ticked.
    assert 0 <= status["y"] and status["y"] + status["height"] <= 844
    assert status["y"] < ticked["y"] < 844


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_labels_are_readable_on_a_phone(browser, served, lang, width):
    """Drawn at 13 px, a chart shrinks to the screen but its labels never under 11 px: a chart
    that would go smaller scrolls in its own box."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    try:
        page = context.new_page()
        page.goto(_root(served, lang) + "stats/")
        sizes = page.evaluate("""() => [...document.querySelectorAll('svg.cb-chart')]
          .filter(s => s.getBoundingClientRect().width)
          .map(s => [s.id, 13 * s.getBoundingClientRect().width / s.viewBox.baseVal.width])""")
    finally:
        context.close()
    assert any(id == "chart-matrix-turned" for id, _ in sizes)
    small = [f"{id}: {size:.1f}px" for id, size in sizes if size < 10.95]
    assert not small, small
