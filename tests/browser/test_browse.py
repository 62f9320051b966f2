"""The browse page in headless Chromium: the filters leave exactly the cases that a filter over
the content files leaves, the counts beside the values are right, the address restores a
view, the keyboard alone can filter, and the filtered CSV holds the rows it should."""

from __future__ import annotations

import csv
import io
import posixpath
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from casebook.derive.facets import FACET_KEYS
from casebook.model import LANGUAGES
from support import mkdocs_build, real, write_case

pytestmark = pytest.mark.browser
CONTENT = real.loaded().content
ANY = {"unit", "province", "year"}  # one value a case: any chosen value will do


def values(case, key: str) -> list[str]:
    """A case's values in one facet, read from its content file as an editor wrote it."""
    zh = case.texts["zh"]
    return {"unit": [case.unit_type], "measure": list(case.measures), "province": [zh.region.province or "-"],
            "year": [str(case.year) if case.year else "-"], "group": list(zh.ethnic_groups) or ["-"]}[key]


def expected(chosen: dict[str, list[str]], cases=CONTENT.cases) -> list[str]:
    def fits(case, key, wanted):
        have = values(case, key)
        return not wanted or (any if key in ANY else all)(w in have for w in wanted)
    return [c.id for c in cases if all(fits(c, k, w) for k, w in chosen.items())]


def expected_count(chosen: dict[str, list[str]], key: str, value: str) -> int:
    """Cases left with `value` chosen too; in an "any" facet, with it as the one choice there."""
    wanted = [value] if key in ANY else sorted(set(chosen.get(key, [])) | {value})
    return len(expected({**chosen, key: wanted}))


def open_browse(page, url: str):
    page.goto(url)
    page.wait_for_selector(".cb-browse--ready")


def shown(page) -> list[str]:
    return [posixpath.basename(h.rstrip("/")).removesuffix(".html")
            for h in page.locator(".cb-browse__list a.cb-browse__title").evaluate_all(
                "as => as.map(a => a.getAttribute('href'))")]


def counts(page) -> dict[tuple[str, str], int]:
    rows = page.locator(".cb-facet input").evaluate_all(
        "bs => bs.map(b => [b.name, b.value, b.closest('label').querySelector('.cb-facet__count').textContent])")
    return {(name, value): int(n) for name, value, n in rows}


def checked(page) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in page.locator(".cb-facet input:checked").evaluate_all("bs => bs.map(b => [b.name, b.value])"):
        out.setdefault(name, []).append(value)
    return out


def assert_view(page, chosen: dict[str, list[str]]):
    want = expected(chosen)
    assert shown(page) == want
    assert page.locator(".cb-browse").get_attribute("data-matched") == str(len(want))
    for (key, value), n in counts(page).items():
        assert n == expected_count(chosen, key, value), (key, value)


CHOICES = [
    {},
    {"unit": ["hospital"]},
    {"measure": ["publicity_education", "exchange"]},
    {"unit": ["hospital", "community"], "measure": ["leadership"]},
    {"province": ["-"], "group": ["汉族"]},
    {"year": ["2017", "2019"]},
    {"unit": ["hospital"], "group": ["回族"], "measure": ["united_front"]},
    {"unit": ["aid_team"], "measure": ["united_front"]},  # nothing
]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_filters_leave_the_cases_a_filter_over_the_content_leaves(browser, site_url, lang):
    page, other = browser.new_page(), browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        open_browse(page, site_url + ("" if lang == "zh" else "en/") + "browse/")
        # The filtering is the same code in both languages: English checks its labels on half.
        for chosen in CHOICES if lang == "zh" else CHOICES[1::2]:
            page.locator(".cb-browse__clear").click()
            for key, wanted in chosen.items():
                for value in wanted:
                    page.locator(f".cb-facet input[name='{key}'][value='{value}']").check()
            assert_view(page, chosen)
            status = page.locator(".cb-browse__status").inner_text()
            if expected(chosen):
                assert str(len(expected(chosen))) in status
            else:
                assert status == page.locator(".cb-browse").get_attribute("data-none")
            # The view lives in the address: opened anew from it, the page shows the same.
            shared = page.url
            assert parse_qsl(urlsplit(shared).fragment) == [
                (k, v) for k in FACET_KEYS for v in sorted(chosen.get(k, []), key=_position(k))]
            other.goto("about:blank")  # so that the next address is a fresh load, not a jump within the page
            open_browse(other, shared)
            assert checked(other) == {k: sorted(v, key=_position(k)) for k, v in chosen.items()}
            assert_view(other, chosen)
        assert errors == []
    finally:
        page.close()
        other.close()


def _position(key: str):
    """Values in the order of their checkboxes, as the address lists them."""
    from casebook.derive import indices
    from casebook.derive.facets import facets_of

    order = [v.key for v in next(f for f in facets_of(CONTENT, indices.build(CONTENT)) if f.key == key).values]
    return order.index


def test_unticking_and_clearing_bring_the_cases_back(browser, site_url):
    page = browser.new_page()
    try:
        open_browse(page, site_url + "browse/#unit=hospital&measure=united_front")
        assert_view(page, {"unit": ["hospital"], "measure": ["united_front"]})
        page.locator(".cb-facet input[name=measure][value=united_front]").uncheck()
        assert_view(page, {"unit": ["hospital"]})
        page.locator(".cb-browse__clear").click()
        assert_view(page, {})
        assert "#" not in page.url
    finally:
        page.close()


def test_keyboard_alone_reaches_and_ticks_the_filters(browser, site_url):
    page = browser.new_page()
    try:
        open_browse(page, site_url + "browse/")
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('.cb-facet input')"):
                break
        else:
            pytest.fail("no facet checkbox in the tab order")
        first = page.evaluate("[document.activeElement.name, document.activeElement.value]")
        assert first == ["unit", CONTENT.taxonomy.unit_types[0].id]
        outline = page.evaluate("getComputedStyle(document.activeElement.closest('label')).outlineStyle")
        assert outline != "none", "the focused value is outlined"
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
        second = page.evaluate("document.activeElement.value")
        assert_view(page, {"unit": [first[1], second]})
    finally:
        page.close()


def test_the_language_switch_keeps_the_view(browser, site_url):
    page = browser.new_page()
    try:
        open_browse(page, site_url + "browse/")
        page.locator(".cb-facet input[name=group][value='汉族']").check()
        page.locator(".md-header__option .md-select").hover()
        page.locator(".md-select__link[hreflang=en]").click()
        page.wait_for_url(site_url + "en/browse/#group=%E6%B1%89%E6%97%8F")
        page.wait_for_selector(".cb-browse--ready")
        assert checked(page) == {"group": ["汉族"]}
        assert page.locator(".cb-facet input[value='汉族']").locator("xpath=..").inner_text().startswith("Han")
        assert_view(page, {"group": ["汉族"]})
        # And back, from a view that was opened from its address rather than ticked.
        page.locator(".md-header__option .md-select").hover()
        page.locator(".md-select__link[hreflang=zh]").click()
        page.wait_for_url(site_url + "browse/#group=%E6%B1%89%E6%97%8F")
        page.wait_for_selector(".cb-browse--ready")
        assert checked(page) == {"group": ["汉族"]}
    finally:
        page.close()


def read_download(download) -> list[list[str]]:
    text = Path(download.path()).read_bytes().decode("utf-8")
    assert text.startswith("\ufeff"), "the byte order mark that Excel needs"
    return list(csv.reader(io.StringIO(text[1:], newline="")))


@pytest.mark.parametrize("view, chosen", [
    ("browse/#measure=exchange&measure=livelihood", {"measure": ["exchange", "livelihood"]}),
    ("en/browse/", {}),
])
def test_the_filtered_csv_holds_the_rows_of_cases_csv_for_the_cases_shown(browser, site_url, site, view, chosen):
    full = list(csv.reader(io.StringIO((site / "data/cases.csv").read_bytes().decode("utf-8")[1:], newline="")))
    page = browser.new_page(accept_downloads=True)
    try:
        open_browse(page, site_url + view)
        with page.expect_download() as info:
            page.locator(".cb-browse__download").click()
        rows = read_download(info.value)
        assert info.value.suggested_filename.endswith(".csv")
        assert rows[0] == full[0]
        want = expected(chosen)
        assert [r[0] for r in rows[1:]] == want
        assert rows[1:] == [r for r in full[1:] if r[0] in want]
    finally:
        page.close()


def test_long_results_show_fifty_at_a_time(browser, project, content, tmp_path):
    from support.browser import serve

    for i in range(60):
        id = "many-" + "".join(chr(ord("a") + int(d)) for d in f"{i:02d}")
        for lang in LANGUAGES:
            write_case(content, id, lang, unit_type="community" if i % 3 else "hospital")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(tmp_path / "out") as url:
        page = browser.new_page()
        try:
            open_browse(page, url + "browse/")
            assert len(shown(page)) == 50
            more = page.locator(".cb-browse__more")
            assert more.is_visible()
            more.click()
            assert len(shown(page)) == 60 and not more.is_visible()
            # The first of the added results takes the focus, to read on from there.
            assert page.evaluate("document.activeElement.closest('li') === "
                                 "document.querySelectorAll('.cb-browse__case')[50]")
            page.locator(".cb-facet input[name=unit][value=hospital]").check()
            assert len(shown(page)) == 20 and not more.is_visible()
        finally:
            page.close()


def test_browse_says_one_case_matches(browser, site_url):
    page = browser.new_page()
    try:
        page.goto(site_url + "en/browse/#year=2017")
        page.wait_for_selector(".cb-browse--ready")
        assert page.locator(".cb-browse__status").inner_text() == "1 case matches"
        page.goto(site_url + "en/browse/#unit=hospital")
        page.wait_for_selector(".cb-browse--ready")
        assert page.locator(".cb-browse__status").inner_text().endswith("cases match")
    finally:
        page.close()
