"""Every page type, in both languages, at desktop and phone width, in both colour schemes, through
axe-core (npm, injected by Playwright): no critical or serious violation; and on a phone no chart
or table cuts its content off without a box to scroll it in."""

from __future__ import annotations

import pytest

from support import ROOT, real

pytestmark = pytest.mark.browser
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CONTENT = real.loaded().content
PAGES = {
    "home": "",
    "case": f"cases/{CONTENT.cases[0].id}/",
    "checklist": f"checklists/{CONTENT.checklists[0].id}/",
    "units": "units/",
    "unit": "units/hospital/",
    "measure": f"measures/{CONTENT.taxonomy.measures[0].id}/",
    "matrix": "matrix/",
    "browse": "browse/",
    "stats": "stats/",
    "data": "data/",
    "glossary": "glossary/",
    "404": "no-such-page/",
    "contributing": "contributing/",
    "compare": "compare/#cases=" + ",".join(c.id for c in CONTENT.cases[:3]),
}
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
SCHEMES = ("light", "dark")
# What the dark scheme changes is colours alone (CSS variables under data-md-color-scheme): the same
# elements, names, roles and layout. So in the dark scheme axe runs the rules that read colours,
# and every rule runs in the light one (half the time of the whole set twice).
RULES = {"light": "{resultTypes: ['violations']}",
         "dark": "{resultTypes: ['violations'], "
                 "runOnly: {type: 'rule', values: ['color-contrast', 'link-in-text-block']}}"}


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (make test does)")
    return AXE.read_text("utf-8")


@pytest.fixture(scope="session")
def axe_url(axe_source):
    """axe-core from a server of its own, for the runs over many pages: loaded by address, it is
    kept in the browser's cache with its compiled code (a tenth of the time of its 0.5 MB of
    source given inline to every page)."""
    from support.browser import serve

    with serve(AXE.parent) as url:
        yield url + AXE.name


def _report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_serious_accessibility_violation(browser, served_with_404, axe_url, lang, size, scheme):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    failures = []
    try:
        page = context.new_page()
        for kind, path in PAGES.items():
            page.goto(served_with_404 + ("en/" if lang == "en" else "") + path)
            page.wait_for_load_state("load")
            if kind == "compare":
                page.wait_for_selector("#cb-compare[data-ready]")
            page.add_script_tag(url=axe_url)
            result = page.evaluate(f"axe.run(document, {RULES[scheme]})")
            bad = [v for v in result["violations"] if v["impact"] in ("critical", "serious")]
            if bad:
                failures.append(f"--- {kind} ({lang}, {size}, {scheme}): {page.url}\n{_report(bad)}")
    finally:
        context.close()
    assert not failures, "\n".join(failures)


# A box is cut off when its content is wider than it is and nothing lets the reader scroll it.
CLIPPED = """() => {
  const out = [];
  for (const el of document.querySelectorAll('.md-content svg.cb-chart, .md-content table')) {
    let node = el, scrolls = false;
    while (node && node !== document.body) {
      const style = getComputedStyle(node);
      if (/(auto|scroll)/.test(style.overflowX) && node.scrollWidth > node.clientWidth - 1) { scrolls = true; break; }
      node = node.parentElement;
    }
    const box = el.getBoundingClientRect();
    const content = document.querySelector('.md-content').getBoundingClientRect();
    const visible = box.right <= content.right + 1 && box.left >= content.left - 1;
    if (!visible && !scrolls) out.push(el.tagName + (el.id ? '#' + el.id : '') + ' ' + Math.round(box.width) + 'px');
  }
  return out;
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nothing_clipped_on_a_phone(browser, site_url, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    problems = []
    try:
        page = context.new_page()
        for kind in ("stats", "matrix", "units", "data", "unit", "case", "home"):
            page.goto(site_url + ("en/" if lang == "en" else "") + PAGES[kind])
            clipped = page.evaluate(CLIPPED)
            if clipped:
                problems.append(f"{kind}: {', '.join(clipped)}")
            # The page itself must not scroll sideways: that hides the side of every line.
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 1:
                problems.append(f"{kind}: the page is {overflow}px wider than the screen")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_count_is_visible_on_a_phone(browser, site_url, lang):
    """Every number drawn on a statistics chart lies inside the chart and is at least 9 px high."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_url + ("en/" if lang == "en" else "") + "stats/")
        hidden = page.evaluate("""() => {
          const out = [];
          for (const svg of document.querySelectorAll('svg.cb-chart--bars')) {
            const frame = svg.getBoundingClientRect();
            for (const t of svg.querySelectorAll('.cb-chart__value')) {
              const r = t.getBoundingClientRect();
              if (r.right > frame.right + 1 || r.height < 9 || r.right > window.innerWidth)
                out.push(svg.id + ': ' + t.textContent + ' at ' + Math.round(r.right) + 'px, ' +
                         r.height.toFixed(1) + 'px high');
            }
          }
          return out;
        }""")
    finally:
        context.close()
    assert not hidden, "\n".join(hidden)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_open_search_panel_has_no_serious_violation(browser, site_url, axe_source, lang):
    """The search box open with a long list of results, on a phone, where the panel scrolls: the
    page-wide runs never open it (a scrolling panel that the keyboard could not reach was found
    only by hand)."""
    context = browser.new_context(viewport={"width": 390, "height": 500})
    try:
        page = context.new_page()
        page.goto(site_url + ("en/" if lang == "en" else ""))
        page.wait_for_load_state("load")
        page.fill(".cb-search__input", "医院" if lang == "zh" else "hospital")
        page.wait_for_selector(".cb-search--open .cb-search__result")
        scrolls = page.evaluate("(p => p.scrollHeight > p.clientHeight)(document.querySelector('.cb-search__panel'))")
        assert scrolls, "the test needs a panel long enough to scroll"
        page.add_script_tag(content=axe_source)
        result = page.evaluate("axe.run(document.querySelector('.cb-search'), {resultTypes: ['violations']})")
        bad = [v for v in result["violations"] if v["impact"] in ("critical", "serious")]
        assert not bad, _report(bad)
    finally:
        context.close()
