"""Phones: no page of any kind, in either language, is wider than a 320 or 390 px screen, with the
search panel open too; browse keeps its count in view while filters are ticked; chart labels
are 11 px or more (issue 22); the header shows the site's name uncut, every browse button lies
on the screen, and compared cases read one below the other."""

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


def _root(url: str, lang: str) -> str:
    return url + ("en/" if lang == "en" else "")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_is_wider_than_a_phone(browser, served_with_404, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 700})
    wide = []
    try:
        page = context.new_page()
        # Every page at 320 px; at 390 one of each kind (what fits 320 fits 390 but for the layouts
        # that change between them, which are the same for every page of a kind).
        paths = KINDS + (EVERY if width == 320 else [EVERY[0], EVERY[-1], f"checklists/{CONTENT.checklists[0].id}/"])
        for path in paths:
            page.goto(_root(served_with_404, lang) + path)
            if (over := page.evaluate(WIDER)) > 0:
                wide.append(f"{path or 'home'}: {over}px wider than the screen")
    finally:
        context.close()
    assert not wide, f"{len(wide)} of {len(paths)} pages at {width}px ({lang}):\n" + "\n".join(wide)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_is_wider_than_a_phone_with_search_open(browser, served_with_404, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 700})
    wide = []
    try:
        page = context.new_page()
        for path in [k for k in KINDS if not k.startswith("handout")] + EVERY[:1]:  # the handout has no search box
            page.goto(_root(served_with_404, lang) + path)
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
def test_browse_keeps_its_count_in_view_while_filters_are_ticked(browser, served_with_404, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(_root(served_with_404, lang) + "browse/")
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
def test_the_header_shows_the_sites_name_uncut(browser, served_with_404, lang, width):
    """Whole, or in its short form: never cut off with an ellipsis ("Casebook: ethnic-…")."""
    context = browser.new_context(viewport={"width": width, "height": 640})
    try:
        page = context.new_page()
        page.goto(_root(served_with_404, lang))
        name = page.locator(".md-header__topic:first-child .md-ellipsis")
        cut = name.evaluate("e => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1")
        shown = name.inner_text()
    finally:
        context.close()
    assert not cut, f"cut: {shown!r}"
    assert shown.startswith("Casebook" if lang == "en" else "民族团结进步创建案例库")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compared_cases_read_one_below_the_other_on_a_phone(browser, served_with_404, lang):
    """Each cell takes the screen's width, under its case's title, instead of columns a few
    words wide that scroll sideways."""
    ids = [c.id for c in CONTENT.cases[:3]]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(_root(served_with_404, lang) + "compare/#cases=" + ",".join(ids))
        page.wait_for_selector("#cb-compare[data-ready='3']")
        cells = page.evaluate("""() => [...document.querySelectorAll('.cb-compare__table td')].map(td => {
            const r = td.getBoundingClientRect();
            return [r.left, r.right, getComputedStyle(td, '::before').content]; })""")
        titles = page.locator(".cb-compare__table thead a").all_inner_texts()
    finally:
        context.close()
    assert cells and all(left >= 0 and right <= 390 and right - left > 300 for left, right, _ in cells)
    assert {label.strip('"') for _, _, label in cells} == set(titles)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_browse_button_is_on_a_320_px_screen(browser, served_with_404, lang):
    """Clear, download, handout and compare, all shown at once: none lies past the screen's edge
    (they once stood on one line that scrolled sideways, and the handout was out of sight)."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(_root(served_with_404, lang) + "browse/")
        for box in page.locator(".cb-browse__pick input").all()[:2]:
            box.check()
        buttons = page.locator(".cb-browse .md-button:not([hidden]):not(.cb-browse__more)")
        page.wait_for_function("() => !document.querySelector('.cb-browse__compare').hidden")
        assert buttons.count() == 4
        boxes = [(b.inner_text(), b.bounding_box()) for b in buttons.all()]
    finally:
        context.close()
    off = [text for text, box in boxes if box["x"] < 0 or box["x"] + box["width"] > 320]
    assert not off, f"past the screen's edge: {off}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_labels_are_readable_on_a_phone(browser, served_with_404, lang, width):
    """Drawn at 13 px, a chart shrinks to the screen but its labels never under 11 px: a chart
    that would go smaller scrolls in its own box."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    try:
        page = context.new_page()
        page.goto(_root(served_with_404, lang) + "stats/")
        sizes = page.evaluate("""() => [...document.querySelectorAll('svg.cb-chart')]
          .filter(s => s.getBoundingClientRect().width)
          .map(s => [s.id, 13 * s.getBoundingClientRect().width / s.viewBox.baseVal.width])""")
    finally:
        context.close()
    assert any(id == "chart-matrix-turned" for id, _ in sizes)
    small = [f"{id}: {size:.1f}px" for id, size in sizes if size < 10.95]
    assert not small, small
