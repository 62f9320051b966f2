"""The training copies: the zipped site opened from disk with the network blocked, and the
printed handbook of each language."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support import ROOT, real

pytestmark = pytest.mark.browser
CONTENT = real.loaded().content


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # In Chinese, as an editor under a Chinese locale runs it: what it wrote is said in the editor's language.
    result = subprocess.run([sys.executable, "-m", "casebook.tools.cli", "bundle", "--lang", "zh",
                             "--output", str(out)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    print(result.stdout)
    lines = result.stdout.splitlines()
    for lang in ("zh", "en"):
        assert any(re.fullmatch(rf"已写出 \S+/casebook-handbook-{lang}\.html "
                                rf"和 casebook-handbook-{lang}\.pdf（\d+ 页）", x)
                   for x in lines), lines
    assert re.fullmatch(r"已写出 \S+/casebook-offline\.zip（[\d.]+ MB）：解压后打开 casebook/index\.html",
                        lines[-1]), lines
    return out


@pytest.fixture(scope="module")
def unzipped(dist, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(dist / "casebook-offline.zip") as z:
        z.extractall(target)
    return target / "casebook"


EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//"""
                      r"""|@import\s+["']?(?:https?:)?//""", re.I)


def test_no_page_or_stylesheet_loads_anything_from_outside(unzipped):
    offenders = []
    for path in unzipped.rglob("*"):
        if path.suffix in (".html", ".css"):
            text = path.read_text("utf-8", errors="replace")
            for m in EXTERNAL.finditer(text):
                # A plain link (<a href>) to another site is not a request; anything loaded is.
                start = text.rfind("<", 0, m.start())
                if path.suffix == ".html" and re.match(r"<a\s", text[start:m.start()]):
                    continue
                offenders.append(f"{path.relative_to(unzipped)}: {text[m.start():m.start() + 80]}")
    assert offenders == []


def test_every_case_is_in_the_bundle_in_both_languages(unzipped):
    for case in CONTENT.cases:
        assert (unzipped / f"cases/{case.id}.html").exists()
        assert (unzipped / f"en/cases/{case.id}.html").exists()


def offline_page(browser, **options):
    """A page whose every request other than to the disk (or a download's blob:) is blocked
    and counted in `external`; script errors go to `errors`."""
    context = browser.new_context(**options)
    external: list[str] = []

    def route(r):
        if r.request.url.startswith(("file://", "blob:")):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, external, errors


def test_browse_switch_language_and_search_from_disk_without_network(browser, unzipped):
    context, page, external, errors = offline_page(browser)
    try:
        page.goto((unzipped / "index.html").as_uri())
        assert page.locator("html").get_attribute("lang") == "zh"
        page.locator("a[href$='units/index.html']").first.click()
        page.wait_for_url("**/units/index.html")
        page.locator(".md-header__option .md-select").hover()
        page.locator(".md-select__link[hreflang=en]").click()
        page.wait_for_url("**/en/units/index.html")
        assert page.locator("html").get_attribute("lang") == "en"

        # The index's chunks load as scripts from disk: a body detail (Baijie, 白节小学, a
        # school named only in the body) and a word of a title.
        for lang, query, target in (("en", "Baijie", "cases/xiangcheng-luzhou-aid.html"),
                                    ("en", "paired households", "cases/xiangcheng-luzhou-aid.html"),
                                    ("zh", "白节小学", "cases/xiangcheng-luzhou-aid.html"),
                                    ("zh", "结对认亲", "cases/xiangcheng-luzhou-aid.html")):
            page.goto((unzipped / ("en/" if lang == "en" else "") / "index.html").as_uri())
            page.locator(".cb-search__input").fill(query)
            page.wait_for_selector(f".cb-search[data-query='{query}']")
            first = page.locator(".cb-search__result").first
            assert first.get_attribute("data-href").endswith(target)
            first.click()
            page.wait_for_url(f"**/{'en/' if lang == 'en' else ''}{target}")
            assert page.locator("h1").first.inner_text().strip()
            # What the case page shares with others (its navigation, the scheme toggles) comes
            # from scripts beside it, from disk too.
            assert page.locator(".md-nav--primary a.md-nav__link[href$='browse.html']").count() == 1
            assert page.locator("form[data-md-component=palette] label").count() == 3
        assert external == []
        assert errors == []
    finally:
        context.close()


def test_checklist_ticks_survive_a_reload_until_cleared(browser, unzipped):
    context = browser.new_context()
    page = context.new_page()
    try:
        url = (unzipped / "checklists/four-must-visits.html").as_uri()
        page.goto(url)
        boxes = page.locator(".cb-checklist input[type=checkbox]")
        assert boxes.count() >= 8
        boxes.nth(1).dispatch_event("click")  # the drawn circle is a ::before of an empty span
        assert boxes.nth(1).is_checked()
        page.reload()
        assert page.locator(".cb-checklist input[type=checkbox]").nth(1).is_checked()
        assert not page.locator(".cb-checklist input[type=checkbox]").nth(0).is_checked()
        page.locator(".cb-reset").click()
        page.reload()
        assert not page.locator(".cb-checklist input[type=checkbox]").nth(1).is_checked()
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_handbook_pdf_has_every_title(dist, lang):
    pdf = dist / f"casebook-handbook-{lang}.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    missing = [c.id for c in CONTENT.cases if re.sub(r"\s+", "", c.texts[lang].title) not in flat]
    missing += [c.id for c in CONTENT.checklists if re.sub(r"\s+", "", c.texts[lang].title) not in flat]
    pages = int(re.search(r"Pages:\s+(\d+)",
                          subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout)[1])
    print(f"\n{pdf.name}: {pages} pages")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), "every font embedded"
    assert missing == []
    assert pages > len(CONTENT.cases)


def test_browse_filters_and_downloads_from_disk_without_network(browser, unzipped):
    from test_browse import expected, read_download, shown

    context, page, external, errors = offline_page(browser, accept_downloads=True)
    try:
        chosen = {"unit": ["hospital"], "measure": ["publicity_education"]}
        page.goto((unzipped / "en/browse.html").as_uri() + "#unit=hospital&measure=publicity_education")
        page.wait_for_selector(".cb-browse--ready")
        assert shown(page) == expected(chosen)
        page.locator(".cb-facet input[name=measure][value=leadership]").check()
        chosen["measure"].append("leadership")
        assert shown(page) == expected(chosen)
        assert "measure=leadership" in page.url
        with page.expect_download() as info:
            page.locator(".cb-browse__download").click()
        assert [r[0] for r in read_download(info.value)[1:]] == expected(chosen)
        page.locator(".cb-browse__list a").first.click()
        page.wait_for_url(f"**/en/cases/{expected(chosen)[0]}.html")
        assert external == []
        assert errors == []
    finally:
        context.close()


def _hospitals() -> list[str]:
    return [c.id for c in CONTENT.cases if c.unit_type == "hospital"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_handout_of_the_hospital_cases_prints_with_page_numbers_from_disk(browser, unzipped, tmp_path, lang):
    """The hospital page offers the handout; from disk, with every request outside it refused,
    the handout lays out a cover, a contents list with page numbers, every hospital case and the
    checklists of their categories, and prints as a PDF."""
    context, page, external, errors = offline_page(browser)
    try:
        root = unzipped / ("en" if lang == "en" else "")
        page.goto((root / "units/hospital/index.html").as_uri())
        page.locator(".cb-handout-link").click()
        page.wait_for_selector("body[data-pages]", timeout=60000)
        titles = [" ".join(CONTENT.cases[[c.id for c in CONTENT.cases].index(id)].texts[lang].title.split())
                  for id in _hospitals()]
        toc = page.locator(".ho-toc a")
        listed = [" ".join(t.split()) for t in toc.all_inner_texts()]
        assert listed[:len(titles)] == titles
        numbers = page.evaluate("""Array.from(document.querySelectorAll('.ho-toc a')).map(a =>
            getComputedStyle(a, '::after').content)""")
        assert all(n and n != "none" for n in numbers), numbers
        pdf = tmp_path / "handout.pdf"
        page.pdf(path=str(pdf))
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        flat = re.sub(r"\s+", "", text)
        assert all(re.sub(r"\s+", "", t) in flat for t in titles)
        # The contents list gives each case's page: the number after its title is where it starts.
        pages = text.split("\f")
        first = re.sub(r"\s+", "", titles[0])
        contents = re.sub(r"\s+", "", pages[1])
        number = int(re.match(r"\d+", contents[contents.index(first) + len(first):]).group())
        assert first[:12] in re.sub(r"\s+", "", pages[number - 1])
        assert external == [] and errors == []
    finally:
        context.close()


def test_three_cases_side_by_side_from_an_address_print_landscape(browser, unzipped, tmp_path):
    ids = [c.id for c in CONTENT.cases[:3]]
    context, page, external, errors = offline_page(browser)
    try:
        page.goto((unzipped / "en/compare.html").as_uri() + "#cases=" + ",".join(ids))
        page.wait_for_selector("#cb-compare[data-ready='3']", timeout=20000)
        heads = page.locator(".cb-compare__table thead th").all_inner_texts()
        assert [" ".join(h.split()) for h in heads[1:]] == [" ".join(CONTENT.cases[i].texts["en"].title.split())
                                                            for i in range(3)]
        rows = [" ".join(r.split()) for r in page.locator(".cb-compare__table tbody th").all_inner_texts()]
        assert "Unit type" in rows and "Measures" in rows
        pdf = tmp_path / "compare.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
        assert width > height  # landscape
        assert external == [] and errors == []
    finally:
        context.close()
