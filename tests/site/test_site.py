"""The real content, built as `mkdocs build --strict` builds it: nothing lost, indices exact,
each language on its own, every page linked to its twin."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from casebook.derive import indices
from casebook.model import LANGUAGES
from casebook.pages import search, searchchunks
from casebook.strings import strings
from support import ROOT, heading_text, real
from support.shared_scripts import written_by

LOADED = real.loaded()
CONTENT = LOADED.content
INDICES = indices.build(CONTENT)
ROOTS = {"zh": "", "en": "en/"}


def soup(site: Path, lang: str, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / ROOTS[lang] / path).read_text("utf-8"), "html.parser")


def listed_cases(page: BeautifulSoup) -> list[str]:
    """Ids of the cases a generated index page lists, in order."""
    return [posixpath.basename(a["href"].rstrip("/")) for a in page.select(".cb-card a.cb-card__title")]


def test_content_is_valid():
    assert LOADED.errors == ()


def test_every_case_file_counted():
    for lang in LANGUAGES:
        files = sorted(p.name.split(".")[0] for p in (ROOT / "content" / "cases").glob(f"*.{lang}.md"))
        assert files == sorted(c.id for c in CONTENT.cases)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_case_has_a_page_in_each_language(site, lang):
    for case in CONTENT.cases:
        page = soup(site, lang, f"cases/{case.id}/index.html")
        assert page.html["lang"] == lang
        assert heading_text(page.h1) == case.texts[lang].title
        assert page.select_one(".cb-missing-translation") is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_checklist_has_a_page_with_all_its_items(site, lang):
    for checklist in CONTENT.checklists:
        page = soup(site, lang, f"checklists/{checklist.id}/index.html")
        assert heading_text(page.h1) == checklist.texts[lang].title
        assert len(page.select(".cb-checklist li input[type=checkbox]")) == len(checklist.texts[lang].items)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unit_pages_list_exactly_their_cases(site, lang):
    for unit in CONTENT.taxonomy.unit_types:
        expected = [c.id for c in CONTENT.cases if c.unit_type == unit.id]
        assert listed_cases(soup(site, lang, f"units/{unit.id}/index.html")) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_card_says_what_its_source_leaves_unstated(site, lang):
    """A card's line under the title is the place and year, or says that both are unknown: never a
    bare "not stated" that leaves the reader to guess what was not stated."""
    lines = {}
    for unit in CONTENT.taxonomy.unit_types:
        for card in soup(site, lang, f"units/{unit.id}/index.html").select(".cb-card"):
            lines[posixpath.basename(card.select_one("a.cb-card__title")["href"].rstrip("/"))] = \
                card.select_one(".cb-card__where").get_text()
    unknown = [c.id for c in CONTENT.cases if not c.year and not c.texts[lang].region.parts()]
    assert unknown, "the real content has a case with neither place nor year"
    assert {lines[i] for i in unknown} == {strings()[lang]["where_unknown"]}
    assert strings()[lang]["unknown"] not in {lines[c.id] for c in CONTENT.cases}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_measure_pages_list_exactly_their_cases(site, lang):
    for measure in CONTENT.taxonomy.measures:
        expected = [c.id for c in CONTENT.cases if measure.id in c.measures]
        page = soup(site, lang, f"measures/{measure.id}/index.html")
        assert listed_cases(page) == expected
        items = [i.text for cl in CONTENT.checklists for i in cl.texts[lang].items if i.measure == measure.id]
        listed = [li.get_text(" ", strip=True) for li in page.select(".cb-items li")]
        assert len(listed) == len(items)
        assert all(shown.startswith(text.strip()[:20]) for shown, text in zip(listed, items, strict=True))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_matrix_cells_count_and_link_to_the_cases(site, lang):
    page = soup(site, lang, "matrix/index.html")
    cells = page.select("a.cb-cell")
    assert len(cells) == len(INDICES.by_cell)
    for a in cells:
        unit, measure = a["href"].rstrip("/").split("/")[-2:]
        expected = [c.id for c in CONTENT.cases if c.unit_type == unit and measure in c.measures]
        assert int(a.get_text()) == len(expected)
        target = soup(site, lang, f"units/{unit}/{measure}/index.html")
        assert listed_cases(target) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_overview_counts_equal_the_content_files(site, lang):
    page = soup(site, lang, "units/index.html")
    files = list((ROOT / "content" / "cases").glob(f"*.{lang}.md"))
    rows = page.select(".cb-overview tbody tr")
    counts = {}
    for row in rows[:-1]:
        link = row.select_one("a")
        counts[link["href"].rstrip("/").split("/")[-1]] = int(row.select("td")[2].get_text())
    assert sum(counts.values()) == len(files)
    assert int(rows[-1].select("td")[2].get_text()) == len(files)
    for unit, n in counts.items():
        assert n == sum(1 for c in CONTENT.cases if c.unit_type == unit)


def _html_pages(site: Path, lang: str):
    base = site / ROOTS[lang]
    for path in sorted(base.rglob("*.html")):
        rel = path.relative_to(base).as_posix()
        if lang == "zh" and rel.startswith("en/") or rel == "404.html":
            continue
        yield rel


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switch_points_to_the_twin(site, lang):
    pages = list(_html_pages(site, lang))
    assert len(pages) > len(CONTENT.cases)
    for rel in pages:
        page = soup(site, lang, rel)
        # The head's hreflang links name the twin too; Material's script, which would take them
        # for language roots, does not see them (javascripts/casebook-alternates.js, loaded first).
        alternates = page.select("link[rel=alternate][hreflang]")
        assert [a["hreflang"] for a in alternates] == [*LANGUAGES, "x-default"]
        assert any(s["src"].endswith("javascripts/casebook-alternates.js") for s in page.head.select("script[src]"))
        here = posixpath.dirname(f"{ROOTS[lang]}{rel}")
        # The switch lists the other languages: the page says which it is in.
        assert page.select_one(f".md-select__link[hreflang={lang}]") is None
        for other in (x for x in LANGUAGES if x != lang):
            link = page.select_one(f".md-select__link[hreflang={other}]")
            target = posixpath.normpath(posixpath.join(here, link["href"]))
            assert target == posixpath.normpath(posixpath.dirname(f"{ROOTS[other]}{rel}") or "."), (rel, other)
            assert (site / target / "index.html").exists()


def search_index(site: Path, lang: str) -> dict:
    """The manifest, with the columns of what results show gathered from their chunks."""
    folder = site / ROOTS[lang] / "search"
    data = searchchunks.read({p.name: p.read_text("utf-8") for p in folder.glob("*.js")})
    index = data[f"{lang}:index"]
    parts = [data[f"{lang}:d{c}"] for c in range(-(-index["docs"] // index["docs_per_chunk"]))]
    index["columns"] = {name: [v for part in parts for v in part[name]] for name in searchchunks.SHOWN}
    return index


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_search_index(site, lang):
    index = search_index(site, lang)
    assert index["lang"] == lang
    urls = search.locations(index)
    for case in CONTENT.cases:
        assert urls.count(f"cases/{case.id}/") == 1
    for checklist in CONTENT.checklists:
        assert urls.count(f"checklists/{checklist.id}/") == 1
    titles = set(search.titles(index))
    other = next(x for x in LANGUAGES if x != lang)
    for case in CONTENT.cases:
        assert case.texts[lang].title in titles
        if case.texts[other].title != case.texts[lang].title:
            assert case.texts[other].title not in titles


def test_navigation_does_not_list_cases(site):
    for lang in LANGUAGES:
        page = soup(site, lang, f"cases/{CONTENT.cases[0].id}/index.html")
        nav_links = [a["href"] for a in page.select("nav.md-nav--primary a[href]")]
        assert nav_links, "the page has a navigation"
        assert not [h for h in nav_links if "/cases/" in h]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_case_page_links_its_unit_type_and_categories(site, lang):
    for case in CONTENT.cases:
        page = soup(site, lang, f"cases/{case.id}/index.html")
        meta = page.select_one(".cb-meta")
        units = [a["href"] for a in meta.select("a.cb-unit")]
        chips = [a["href"] for a in meta.select("a.cb-chip")]
        assert units == [f"../../units/{case.unit_type}/"]
        assert chips == [f"../../measures/{m}/" for m in case.measures]
        label = CONTENT.taxonomy.unit_type(case.unit_type).label(lang)
        assert meta.select_one("a.cb-unit").get_text(strip=True) == label


def test_interface_strings_follow_the_page_language(site):
    zh = soup(site, "zh", "index.html")
    en = soup(site, "en", "index.html")
    assert zh.html["lang"] == "zh" and en.html["lang"] == "en"
    # The search box comes from a script each language's pages share.
    for page, lang_root, text in ((zh, "", "搜索"), (en, "en/", "Search")):
        box = BeautifulSoup(written_by(site / lang_root / "index.html", page.select_one(".cb-search script")["src"]),
                            "html.parser")
        assert box.select_one("input.cb-search__input")["placeholder"] == text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_card_leaves_out_what_its_page_is_about(site, lang):
    # Each case is on about six index pages per language (issue 28): a card names the case's unit
    # type and categories as links, except the one its page is about, which the title says.
    by_id = {c.id: c for c in CONTENT.cases}
    case = max(CONTENT.cases, key=lambda c: (len(c.measures), c.id))
    measure = case.measures[0]
    pages = {"": (True, True), f"units/{case.unit_type}/": (False, True), f"measures/{measure}/": (True, False),
             f"units/{case.unit_type}/{measure}/": (False, False)}
    for path, (unit_named, measure_named) in pages.items():
        page = soup(site, lang, path + "index.html")
        cards = {posixpath.basename(c.select_one("a.cb-card__title")["href"].rstrip("/")): c
                 for c in page.select(".cb-card")}
        assert cards and (case.id in cards or not path), path
        for id in cards:
            links = [a["href"].rstrip("/").split("/")[-2:] for a in cards[id].select(".cb-card__tags a")]
            expected = ([["units", by_id[id].unit_type]] if unit_named else []) + [
                ["measures", m] for m in by_id[id].measures if measure_named or m != measure]
            assert links == expected, (path, id)
