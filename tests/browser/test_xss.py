"""An editor's text cannot run script in a reader's browser (issue 23): OWASP's filter-evasion
payloads (tests/xss_payloads.txt) in every free-text field of a case's and a checklist's front
matter and in their bodies, in the taxonomy's labels and in the glossary, in both languages,
built once, and every page they reach loaded in Chromium with no CSP (as GitHub Pages and the
offline copy serve it), and the handbook too. Any dialog, any request to another origin, or a
traceback in the build fails the test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from casebook.corpus import loader
from support import ROOT, mkdocs_build

pytestmark = pytest.mark.browser

PAYLOADS = [p for p in (ROOT / "tests/xss_payloads.txt").read_text("utf-8").splitlines() if p.strip()]
# A payload of its own, for the header's title (the fast path printed it raw there).
PAYLOADS.append("<img src=x onerror=alert(1)>")
TAXONOMY_LABELS = {
    "    zh: 医院\n    en: Hospital\n":
        "    zh: \"医院<img src=x onerror=alert('tax-1')>\"\n    en: \"Hospital<img src=x onerror=alert('tax-2')>\"\n",
    "    zh: 交往交流交融\n    en: Contact, exchange and integration\n":
        "    zh: \"交往<script>alert('tax-3')</script>\"\n    en: \"Contact</a><svg onload=alert('tax-4')>\"\n",
}
SECTIONS = {"zh": ("背景", "主要做法", "成效"), "en": ("Background", "What they did", "Results")}


def _key(i: int) -> str:
    """A case's id holds letters only: payload 12 is "bc"."""
    return "".join(chr(ord("a") + int(d)) for d in f"{i:02d}")


KEYS = {_key(i): i for i in range(len(PAYLOADS))}


def _front(fields: dict) -> str:
    return "---\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10_000) + "---\n"


def _case(i: int, payload: str, lang: str, body_payload: bool, fast: bool = False) -> str:
    """Case `xss-<key>` holds the payload in every text field and its body, which leaves its
    page to Python-Markdown; `xss-fast-<key>` in every field but its summary and body, which
    the core then renders itself (the path whose header printed the title raw)."""
    fields = {
        "id": f"xss-{'fast-' if fast else ''}{_key(i)}", "title": f"T{i} {payload}", "unit_type": "hospital",
        "measures": ["exchange"], "unit": f"U{i} {payload}",
        "region": {"province": payload, "prefecture": f"P{payload}", "county": f"C{payload}",
                   "locality": f"L{payload}"},
        "year": 2019, "ethnic_groups": [payload, "E"], "honours": [f"H{payload}"],
        "source": {"file": "000_8f9b5cc39caff20b.txt", "report": "R01"},
        "summary": f"S{i}" if fast else f"S{i} {payload}",
    }
    body = "".join(f"## {heading}\n\n{heading}。\n\n" for heading in SECTIONS[lang])
    return _front(fields) + "\n" + body + (f"\n{payload}\n" if body_payload and not fast else "")


def _checklist(i: int, payload: str, lang: str, body_payload: bool) -> str:
    fields = {"id": f"xss-list-{_key(i)}", "title": f"L{i} {payload}", "summary": f"S{i} {payload}",
              "items": [{"text": payload, "measure": "exchange", "cases": [f"xss-{_key(i)}"]},
                        {"text": f"Second {payload}", "measure": "exchange", "cases": []}]}
    return _front(fields) + ("\n" + payload + "\n" if body_payload else "")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> tuple[Path, Path, str]:
    """One project holding every payload, built once (not strictly: the body payloads are
    warned about, which a strict build refuses; the test holds the warnings to those)."""
    project = tmp_path_factory.mktemp("xss")
    for name in ("docs",):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "src/casebook").mkdir(parents=True)
    content = project / "content"
    (content / "cases").mkdir(parents=True)
    (content / "checklists").mkdir()
    # The taxonomy is an editor's file too: its labels reach the navigation of every page.
    taxonomy = (ROOT / "content/taxonomy.yml").read_text("utf-8")
    for old, new in TAXONOMY_LABELS.items():
        assert taxonomy.count(old) == 1, old
        taxonomy = taxonomy.replace(old, new)
    (content / "taxonomy.yml").write_text(taxonomy, "utf-8")
    terms = [{"id": f"term-{_key(i)}", "zh": f"术语{i} {p}", "en": f"Term {i} {p}",
              "explanation": {"zh": f"解释 {p}", "en": f"Explained {p}"}} for i, p in enumerate(PAYLOADS)]
    (content / "glossary.yml").write_text(yaml.safe_dump({"terms": terms}, allow_unicode=True, width=10_000), "utf-8")

    def write(body_payloads: set[int]) -> None:
        for i, payload in enumerate(PAYLOADS):
            for lang in ("zh", "en"):
                (content / "cases" / f"xss-{_key(i)}.{lang}.md").write_text(
                    _case(i, payload, lang, i in body_payloads), "utf-8")
                (content / "cases" / f"xss-fast-{_key(i)}.{lang}.md").write_text(
                    _case(i, payload, lang, False, True), "utf-8")
                (content / "checklists" / f"xss-list-{_key(i)}.{lang}.md").write_text(
                    _checklist(i, payload, lang, i in body_payloads), "utf-8")

    # Bodies holding what the checker refuses outright (an image that is not a file of
    # content/images/) never reach a page: those payloads stay in the front matter only.
    write(set(range(len(PAYLOADS))))
    refused = {KEYS[Path(p.path).name.split(".")[0].rsplit("-", 1)[1]] for p in loader.load(content).errors}
    assert not any("fast" in p.path for p in loader.load(content).errors)
    write(set(range(len(PAYLOADS))) - refused)
    errors = loader.load(content).errors
    assert not errors, [str(e) for e in errors[:5]]
    site = project / "site"
    result = mkdocs_build(project, site, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return project, site, result.stderr


def test_the_build_neither_fails_nor_warns_about_front_matter(project):
    _, _, log = project
    assert "Traceback" not in log
    warnings = [line for line in log.splitlines() if line.startswith("WARNING")]
    # Front matter is text: only the bodies' raw HTML is warned about (and refused by --strict).
    assert warnings and all(": body: " in w or ": warning: " in w and "body" in w for w in warnings), warnings[:5]


def _pages(site: Path) -> list[str]:
    """Every page of either language that shows a payload."""
    pages = []
    for prefix in ("", "en/"):
        pages += [f"{prefix}cases/xss-{kind}{_key(i)}/" for i in range(len(PAYLOADS)) for kind in ("", "fast-")]
        pages += [f"{prefix}checklists/xss-list-{_key(i)}/" for i in range(len(PAYLOADS))]
        pages += [f"{prefix}{p}" for p in ("", "units/hospital/", "units/hospital/exchange/", "measures/exchange/",
                                           "browse/", "checklists/", "units/", "stats/", "matrix/", "glossary/",
                                           "compare/", "handout/")]
    assert all((site / p / "index.html").is_file() for p in pages), [
        p for p in pages if not (site / p / "index.html").is_file()]
    return pages


def _watch(page, origin: str, problems: list[str]) -> None:
    page.on("dialog", lambda d: (problems.append(f"{page.url}: dialog {d.message!r}"), d.dismiss()))
    page.on("request", lambda r: None if r.url.startswith((origin, "data:", "about:", "blob:"))
            else problems.append(f"{page.url}: request to {r.url}"))


def test_no_page_runs_a_payload_or_loads_from_another_origin(project, browser):
    from playwright.sync_api import Error as PlaywrightError

    from support.browser import serve

    _, site, _ = project
    problems: list[str] = []
    with serve(site) as url:
        context = browser.new_context()  # no CSP: the site served as a plain host serves it
        tabs = [context.new_page() for _ in range(4)]  # pages load side by side
        for tab in tabs:
            _watch(tab, url, problems)
        paths = _pages(site)
        for start in range(0, len(paths), len(tabs)):
            batch = list(zip(tabs, paths[start:start + len(tabs)], strict=False))
            for tab, path in batch:
                try:
                    tab.goto(url + path, wait_until="commit")
                except PlaywrightError as error:
                    problems.append(f"{path}: {str(error).splitlines()[0]}")
            for tab, path in batch:
                try:
                    tab.wait_for_load_state("load")
                    tab.wait_for_timeout(20)
                except PlaywrightError as error:  # the page navigated away (a refresh, a base address)
                    problems.append(f"{path}: {str(error).splitlines()[0]}")
        page = tabs[0]
        # Search: results and snippets are built from the index, which holds the payloads.
        shown = {}
        for prefix in ("", "en/"):
            page.goto(url + prefix, wait_until="load")
            for query in ("onerror", "alert", "script", "iframe"):
                page.locator(".cb-search__input").first.fill(query)
                page.wait_for_selector(".cb-search__result", timeout=10_000)
                shown[prefix + query] = page.locator(".cb-search__result").count()
            # Browse renders its cards from the open data.
            page.goto(url + prefix + "browse/#unit=hospital", wait_until="load")
            page.wait_for_selector(".cb-browse--ready")
            shown[prefix + "browse"] = page.locator(".cb-browse__case").count()
            # Cases side by side and a handout put the case pages' articles in their own page.
            for kind, count in (("compare", 4), ("handout", 8)):
                ids = ",".join(f"xss-{k}{_key(i)}" for i in range(count // 2) for k in ("", "fast-"))
                page.goto(f"{url}{prefix}{kind}/#cases={ids}", wait_until="load")
                page.wait_for_function(f"document.body.innerText.includes('T{count // 2 - 1} ')", timeout=20_000)
                shown[prefix + kind] = page.locator("h1, h2, h3").count()
        context.close()
    assert not problems, problems[:10]
    assert all(shown.values()), shown  # the payloads were on screen


def test_payloads_show_as_text_in_the_header_and_title(project):
    from bs4 import BeautifulSoup

    _, site, _ = project
    i = len(PAYLOADS) - 1
    for prefix, kind in (("", ""), ("en/", ""), ("", "fast-"), ("en/", "fast-")):
        page = BeautifulSoup((site / prefix / f"cases/xss-{kind}{_key(i)}/index.html").read_text("utf-8"),
                             "html.parser")
        # A case page's title in the header bar is put there by casebook-cite.js from the heading,
        # as text (textContent); the page itself carries only the site's name there.
        assert not page.select("[data-md-component=header-topic]")
        assert page.select_one(".md-header__topic").find("img") is None
        assert page.title.get_text().startswith(f"T{i} {PAYLOADS[i]}")
        assert page.select_one("article h1").get_text().startswith(f"T{i} {PAYLOADS[i]}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_handbook_runs_no_payload(project, browser, lang, tmp_path):
    from casebook.tools.bundle import handbook_html

    root, _, _ = project
    file = tmp_path / f"handbook-{lang}.html"
    file.write_text(handbook_html(root, lang), "utf-8")
    problems: list[str] = []
    page = browser.new_page()
    _watch(page, tmp_path.as_uri() + "/", problems)
    page.goto(file.as_uri(), wait_until="load")
    page.wait_for_timeout(200)
    text = page.inner_text("body")
    page.close()
    assert not problems, problems[:10]
    assert f"T0 {PAYLOADS[0]}" in text  # the title as text, not taken out


def test_the_feeds_carry_the_payloads_as_text(project):
    from xml.etree import ElementTree

    _, site, _ = project
    atom = "{http://www.w3.org/2005/Atom}"
    for feed in (site / "feed.xml", site / "en" / "feed.xml"):
        titles = {e.findtext(f"{atom}title") for e in ElementTree.parse(feed).getroot().iter(f"{atom}entry")}
        assert {f"T{i} {p}" for i, p in enumerate(PAYLOADS)} <= titles


@pytest.mark.parametrize("i", [0, 2, 27, len(PAYLOADS) - 1])
def test_fields_show_as_the_editor_wrote_them(project, i):
    """Text, not markup taken out: the payload is on the page as its characters."""
    from bs4 import BeautifulSoup

    _, site, _ = project
    payload = PAYLOADS[i]

    def page(path: str) -> BeautifulSoup:
        return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")

    for prefix in ("", "en/"):
        for kind in ("", "fast-"):
            case = page(f"{prefix}cases/xss-{kind}{_key(i)}")
            values = [dd.get_text() for dd in case.select(".cb-meta dd")]
            assert case.select_one("article h1").get_text().rstrip("¶") == f"T{i} {payload}"
            assert f"U{i} {payload}" in values and any(payload in v for v in values)
        checklist = page(f"{prefix}checklists/xss-list-{_key(i)}")
        assert checklist.select_one("article h1").get_text().rstrip("¶") == f"L{i} {payload}"
        glossary = page(f"{prefix}glossary")
        assert glossary.select_one(f"#term-{_key(i)}").get_text().rstrip("¶").endswith(f"{i} {payload}")
