"""What a published site carries, read from a build with CASEBOOK_SITE_URL set: the sitemaps of
both languages with their alternates, robots.txt, the Atom feeds, the head of every page, and no
inline script for a Content-Security-Policy to refuse."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from feedgen.feed import FeedGenerator  # noqa: F401  (the library that wrote the feeds must be installed)

from casebook.pages import publish
from support import MKDOCS, ROOT, real

URL = "https://casebook.example.org/sub/"
ROOTS = {"zh": URL, "en": URL + "en/"}
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml",
      "a": "http://www.w3.org/2005/Atom"}
CONTENT = real.loaded().content


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("published")
    env = {**os.environ, "CASEBOOK_SITE_URL": URL.rstrip("/"), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(out)], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    return out


def pages(site: Path, lang: str) -> dict[str, Path]:
    """Page address under the language's root -> its file, for every page (not 404.html)."""
    root = site / ("en" if lang == "en" else "")
    out = {}
    for path in root.rglob("index.html"):
        rel = path.relative_to(root).as_posix()
        if lang == "zh" and rel.startswith("en/"):
            continue
        out[rel[: -len("index.html")]] = path
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sitemap_lists_every_page_with_its_alternates(built, lang):
    tree = ET.parse(built / ("en/" if lang == "en" else "") / "sitemap.xml")
    urls = tree.getroot().findall("s:url", NS)
    locs = [u.find("s:loc", NS).text for u in urls]
    assert sorted(locs) == sorted(ROOTS[lang] + p for p in pages(built, lang))
    assert len(locs) >= len(CONTENT.cases) + len(CONTENT.checklists)
    for url, loc in zip(urls, locs, strict=True):
        path = loc[len(ROOTS[lang]):]
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", NS)}
        assert alternates == {code: ROOTS[code] + path for code in ROOTS}, loc
        lastmod = url.find("s:lastmod", NS)
        if path.startswith("cases/"):
            assert len(lastmod.text) == 10 and lastmod.text[:2] == "20", loc  # the day its file last changed
        else:
            assert lastmod is None or path.startswith("checklists/"), loc
        assert all(a.get("rel") == "alternate" for a in url.findall("x:link", NS))
    # Every alternate is a page of the other language's site.
    other = "en" if lang == "zh" else "zh"
    assert {a.get("href") for a in tree.getroot().iter(f"{{{NS['x']}}}link") if a.get("hreflang") == other} == \
        {ROOTS[other] + p for p in pages(built, other)}


def test_robots_names_both_sitemaps_and_only_the_root_has_it(built):
    text = (built / "robots.txt").read_text("utf-8")
    assert "User-agent: *" in text
    assert [line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("Sitemap:")] == \
        [URL + "sitemap.xml", URL + "en/sitemap.xml"]
    assert not (built / "en" / "robots.txt").exists()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_feed_is_valid_atom_with_one_entry_per_case(built, lang):
    path = built / ("en/" if lang == "en" else "") / "feed.xml"
    feed = ET.parse(path).getroot()
    assert feed.tag == f"{{{NS['a']}}}feed"
    # What RFC 4287 requires of a feed and of each entry.
    for name in ("id", "title", "updated"):
        assert feed.find(f"a:{name}", NS) is not None and feed.find(f"a:{name}", NS).text, name
    assert feed.find("a:author/a:name", NS).text
    self_link = [link for link in feed.findall("a:link", NS) if link.get("rel") == "self"]
    assert [link.get("href") for link in self_link] == [ROOTS[lang] + "feed.xml"]
    entries = feed.findall("a:entry", NS)
    assert len(entries) == len(CONTENT.cases)
    titles = {c.text(lang).title for c in CONTENT.cases}
    ids = [e.find("a:id", NS).text for e in entries]
    assert len(set(ids)) == len(ids)
    site_pages = pages(built, lang)
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            assert entry.find(f"a:{name}", NS) is not None and entry.find(f"a:{name}", NS).text, name
        assert entry.find("a:title", NS).text in titles
        link = entry.find("a:link", NS).get("href")
        assert link[len(ROOTS[lang]):] in site_pages
        assert entry.find("a:id", NS).text.startswith("urn:uuid:")
    updated = [e.find("a:updated", NS).text for e in entries]
    assert updated == sorted(updated, reverse=True), "newest change first"
    assert feed.find("a:updated", NS).text == updated[0]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_has_its_head_metadata(built, lang):
    by_path = {f"cases/{c.id}/": c.text(lang) for c in CONTENT.cases}
    for path, file in pages(built, lang).items():
        head = BeautifulSoup(file.read_text("utf-8"), "html.parser").head
        canonical = head.find("link", rel="canonical")["href"]
        assert canonical == ROOTS[lang] + path
        alternates = {link["hreflang"]: link["href"] for link in head.find_all("link", rel="alternate", hreflang=True)}
        assert alternates == {**{code: ROOTS[code] + path for code in ROOTS}, "x-default": ROOTS["zh"] + path}, path
        feed = head.find("link", rel="alternate", type="application/atom+xml")
        assert (file.parent / feed["href"]).resolve() == (built / ("en" if lang == "en" else "") / "feed.xml").resolve()
        description = head.find("meta", attrs={"name": "description"})["content"]
        og = {m["property"]: m["content"] for m in head.find_all("meta", property=True)}
        # Readers of Open Graph take the description from <meta name="description">: not twice.
        assert og["og:url"] == canonical and description and "og:description" not in og and og["og:title"], path
        assert og["og:locale"] == {"zh": "zh_CN", "en": "en_US"}[lang]
        assert head.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
        title = head.title.get_text()
        assert 0 < publish.width(title) <= publish.TITLE_WIDTH, (path, title)
        assert head.find("link", rel="icon", type="image/svg+xml") and head.find("link", rel="apple-touch-icon")
        if path in by_path:
            text = by_path[path]
            assert og["og:type"] == "article" and og["og:title"] == " ".join(text.title.split())
            # The summary's opening words, cut at a length search engines show.
            assert publish.width(description) <= publish.DESCRIPTION_WIDTH
            assert description.rstrip("…")[:20] == publish.shorten(text.summary, 10_000)[:20]


def test_a_summary_with_quotes_and_markup_stays_inside_its_attribute(built):
    assert publish.page_meta(None, 'A "quoted" <b>title</b>', "Site", 'Say "hi" & <x>', "en") == {
        "description": "Say &quot;hi&quot; &amp; &lt;x&gt;",
        "casebook_title": "A &quot;quoted&quot; &lt;b&gt;title&lt;/b&gt; - Site",
        "casebook_og_title": "A &quot;quoted&quot; &lt;b&gt;title&lt;/b&gt;", "casebook_og_type": "website",
        "casebook_og_locale": "en_US"}


def test_favicons_are_published(built):
    for name in ("favicon.svg", "favicon.png", "apple-touch-icon.png", "icon-512.png"):
        assert (built / "assets" / name).stat().st_size > 0
    # Theme files are published once, at the root; every page of both languages finds them there.
    for page in (built / "index.html", built / "cases" / "bihai-community-guiyang" / "index.html",
                 built / "en" / "index.html", built / "en" / "cases" / "bihai-community-guiyang" / "index.html"):
        head = BeautifulSoup(page.read_text("utf-8"), "html.parser").head
        for link in head.select('link[rel="icon"], link[rel="apple-touch-icon"]'):
            assert (page.parent / link["href"]).resolve().is_file(), (page, link["href"])
        image = head.select_one('meta[property="og:image"]')["content"]
        assert image == URL + "assets/icon-512.png", (page, image)


def test_no_page_holds_an_inline_script(built):
    """A CSP of script-src 'self' refuses inline scripts; data blocks (type=application/json) run nothing."""
    found = []
    for html in built.rglob("*.html"):
        soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
        for script in soup.find_all("script"):
            if not script.get("src") and script.get("type") in (None, "", "text/javascript", "module"):
                found.append(html.relative_to(built).as_posix())
        if soup.find(attrs={"onclick": True}) or soup.find(attrs={"onload": True}):
            found.append(html.relative_to(built).as_posix() + " (event attribute)")
    assert not found, found[:10]


@pytest.mark.parametrize("title, expected", [
    ("Short", "Short - Site"),
    ("x" * 80, "x" * 63 + "…"),
    ("很长的中文标题" * 6, ("很长的中文标题" * 6)[:31] + "…"),
])
def test_titles_keep_the_site_name_while_they_fit(title, expected):
    assert publish.html_title(title, "Site") == expected


def test_a_site_with_no_address_keeps_its_links_relative():
    assert publish.site_root("") == "" and publish.language_root("", "en") == "en/"
    assert publish.robots("") == "User-agent: *\nAllow: /\n\nSitemap: sitemap.xml\nSitemap: en/sitemap.xml\n"
    assert publish.language_root("https://x.org/sub", "en") == "https://x.org/sub/en/"
