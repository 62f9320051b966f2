"""The built site behind Debian's nginx with the shipped deploy/nginx/casebook.conf, at the root
and under a sub-path: headers, compressed copies, the 404 page of each language, and search,
browse and the language switch in Chromium with zero Content-Security-Policy violations and
no console errors."""

from __future__ import annotations

import http.client
import os
import re
import subprocess
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from casebook.tools.compress import compress_site
from support import MKDOCS, ROOT
from support.nginx import free_port, serve

pytestmark = pytest.mark.browser

# Every security header the configuration promises, on every response (404s too).
SECURITY = {
    "Content-Security-Policy": "script-src 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}
# Collects what the browser reports; installed before any script of a page runs.
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
"""


def build(out: Path, url: str) -> Path:
    env = {**os.environ, "CASEBOOK_SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(out)], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-4000:]
    # Brotli at quality 5: the same copies as a deploy's, written in a tenth of the time.
    compress_site(out, brotli_quality=5)
    return out


# Files that are no part of the site but may land in its folder on a server (a checkout's
# .git, a deploy's .env, editors' and tools' leftovers): served, they would leak.
PLANTED = {".git/HEAD": "ref: refs/heads/main", ".git/config": "[remote]", ".env": "TOKEN=secret",
           ".htaccess": "secret", "cases/.DS_Store": "secret", "en/.env": "TOKEN=secret",
           "index.html.bak": "secret", "index.html~": "secret", "backup.tar": "secret", "deploy.sh": "secret",
           "casebook-1.pickle": "secret", "notes.md": "secret", "cases/bihai-community-guiyang/index.php": "secret"}
# What the site's own files look like, planted beside them: still served.
SERVED = {".well-known/acme-challenge/token": "challenge"}


SITES: dict[str, Path] = {}  # the address a site is served at -> its folder


def published(tmp_path_factory, prefix: str):
    port = free_port()
    site = build(tmp_path_factory.mktemp("published"), f"http://127.0.0.1:{port}{prefix}")
    for path, text in {**PLANTED, **SERVED}.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, "utf-8")
    with serve(site, tmp_path_factory.mktemp("nginx"), prefix, port) as url:
        SITES[url] = site
        yield url


@pytest.fixture(scope="module", params=["/", "/casebook/"], ids=["root", "subpath"])
def server(request, tmp_path_factory):
    yield from published(tmp_path_factory, request.param)


def fetch(url: str, encoding: str = "identity"):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    try:
        return urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        return error


class Watched:
    """A page that fails the test on any CSP violation, script error or console error."""

    def __init__(self, browser):
        self.page = browser.new_page(accept_downloads=True)
        self.errors: list[str] = []
        self.page.add_init_script(WATCH)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text} {m.location}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"script: {e}"))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url} {r.failure}"))
        # Material fetches sitemap.xml beside each <link rel=alternate>: not for the head's
        # hreflang and feed links (docs/javascripts/casebook-alternates.js).
        self.page.on("request", lambda r: r.url.endswith("sitemap.xml") and self.errors.append(f"fetched: {r.url}"))
        self.expected_404: set[str] = set()

    def goto(self, url: str, status: int = 200):
        response = self.page.goto(url)
        assert response.status == status, url
        for name, value in SECURITY.items():
            assert value in (response.headers.get(name.lower()) or ""), (url, name)
        return response

    def check(self):
        self.page.wait_for_load_state("load")
        violations = self.page.evaluate("window.__csp")
        errors = [e for e in self.errors if not any(u in e and "404" in e for u in self.expected_404)]
        assert not violations, violations
        assert not errors, errors

    def close(self):
        self.page.close()


@pytest.fixture
def watched(browser):
    w = Watched(browser)
    yield w
    w.close()


def test_headers_cache_lifetimes_charsets_and_compressed_copies(server):
    html = fetch(server, "br")
    assert html.status == 200 and html.headers["Content-Type"] == "text/html; charset=utf-8"
    assert html.headers["Content-Encoding"] == "br" and html.headers["Cache-Control"] == "no-cache"
    for name, value in SECURITY.items():
        assert value in html.headers[name], name
    assert "frame-ancestors 'none'" in html.headers["Content-Security-Policy"]
    assert fetch(server, "gzip").headers["Content-Encoding"] == "gzip"
    page = fetch(server).read().decode("utf-8")
    assets = re.findall(r'(?:src|href)="(assets/[^"]+\.[0-9a-f]{8}\.min\.(?:js|css))"', page)
    assert len(assets) >= 2, "Material's fingerprinted script and style"
    for asset in assets:
        r = fetch(server + asset)
        assert r.status == 200 and r.headers["Cache-Control"] == "public, max-age=31536000, immutable", asset
        assert "charset=utf-8" in r.headers["Content-Type"]
    # Scripts of the site's own, not fingerprinted: revalidated.
    assert fetch(server + "javascripts/casebook-browse.js").headers["Cache-Control"] == "no-cache"
    csv_file = fetch(server + "data/cases.csv")
    assert csv_file.headers["Content-Type"] == "text/csv; charset=utf-8"
    feed = fetch(server + "en/feed.xml")
    assert feed.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    # A folder without its slash is redirected within the sub-path, keeping host and port.
    conn = http.client.HTTPConnection(urlsplit(server).netloc, timeout=10)
    conn.request("GET", urlsplit(server).path + "cases")
    moved = conn.getresponse()
    assert moved.status == 301 and moved.getheader("Location") == urlsplit(server).path + "cases/"
    conn.close()


@pytest.mark.parametrize("path, lang", [("no-such-page/", "zh"), ("cases/deep/er/no-such/", "zh"),
                                        ("en/no-such-page/", "en"), ("en/cases/deep/no-such/", "en")])
def test_a_missing_page_gets_the_404_page_of_its_language(server, watched, path, lang):
    watched.expected_404.add(server + path)
    watched.goto(server + path, status=404)
    assert watched.page.locator("html").get_attribute("lang").startswith(lang)
    # Its styles and scripts load from any depth: the page looks like the site, not bare HTML.
    assert watched.page.locator(".md-header").is_visible()
    assert watched.page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"
    watched.check()


@pytest.mark.parametrize("path", ["", "cases/bihai-community-guiyang/", "stats/", "data/", "matrix/", "glossary/",
                                  "checklists/", "units/hospital/", "units/hospital/exchange/", "about/", "en/",
                                  "en/cases/bihai-community-guiyang/", "en/stats/", "en/glossary/"])
def test_pages_run_with_no_csp_violation(server, watched, path):
    watched.goto(server + path)
    watched.check()


def test_a_checklist_ticks_and_keeps_its_ticks_with_no_csp_violation(server, watched):
    watched.goto(server + "checklists/four-must-visits/")
    boxes = watched.page.locator(".cb-checklist input[type=checkbox]")
    boxes.nth(1).dispatch_event("click")  # the drawn circle is a ::before of an empty span
    assert boxes.nth(1).is_checked()
    watched.page.reload()
    assert watched.page.locator(".cb-checklist input[type=checkbox]").nth(1).is_checked()
    watched.check()


@pytest.mark.parametrize("lang, query, target", [("zh", "结对认亲", "cases/xiangcheng-luzhou-aid/"),
                                                 ("en", "paired households", "en/cases/xiangcheng-luzhou-aid/")])
def test_search_through_the_server(server, watched, lang, query, target):
    watched.goto(server + ("en/" if lang == "en" else ""))
    watched.page.locator(".cb-search__input").type(query)
    watched.page.wait_for_selector(f".cb-search[data-query='{query}']")
    assert watched.page.locator(".cb-search__result").count() >= 1
    watched.page.keyboard.press("Enter")
    watched.page.wait_for_url(server + target)
    watched.check()


def test_browse_filters_and_downloads_through_the_server(server, watched):
    watched.goto(server + "browse/")
    page = watched.page
    page.wait_for_selector(".cb-browse--ready")
    before = page.locator(".cb-browse__case").count()
    page.locator(".cb-facet input[name=unit][value=hospital]").check()
    page.wait_for_function("location.hash.includes('unit=hospital')")
    after = page.locator(".cb-browse__case").count()
    assert 0 < after < before
    with page.expect_download() as info:
        page.locator(".cb-browse__download").click()
    text = Path(info.value.path()).read_bytes().decode("utf-8")
    assert text.startswith("\ufeffid,") and len(text.strip().splitlines()) == after + 1
    watched.check()


def test_the_language_switch_through_the_server(server, watched):
    watched.goto(server + "cases/bihai-community-guiyang/")
    page = watched.page
    # The head's alternates are back in place once Material has looked.
    page.wait_for_function("document.querySelectorAll('link[rel=alternate][hreflang]').length === 3")
    page.locator(".md-header__option .md-select").hover()
    with page.expect_response(server + "en/cases/bihai-community-guiyang/") as response:
        page.locator(".md-select__link[hreflang=en]").click()
    assert response.value.status == 200  # straight there, no redirect
    assert page.locator("html").get_attribute("lang").startswith("en")
    page.locator(".md-header__option .md-select").hover()
    page.locator(".md-select__link[hreflang=zh]").click()
    page.wait_for_url(server + "cases/bihai-community-guiyang/")
    watched.check()


@pytest.mark.parametrize("path", sorted(PLANTED))
def test_dotfiles_and_files_the_build_does_not_write_are_not_served(server, path):
    response = fetch(server + path)
    body = response.read().decode("utf-8", "replace")
    assert response.status == 404, path
    assert PLANTED[path] not in body
    for name, value in SECURITY.items():
        assert value in (response.headers.get(name) or ""), (path, name)


def test_every_type_of_file_the_build_writes_is_still_served(server):
    site = SITES[server]
    one_of_each: dict[str, Path] = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and not path.name.startswith(".") and path.relative_to(site).as_posix() not in PLANTED:
            one_of_each.setdefault(path.suffix.lower() or path.name, path)
    assert {".html", ".js", ".css", ".csv", ".xml", ".png", ".br", ".gz"} <= set(one_of_each)
    for path in one_of_each.values():
        assert fetch(server + path.relative_to(site).as_posix()).status == 200, path.relative_to(site)
    challenge = fetch(server + ".well-known/acme-challenge/token")
    assert challenge.status == 200 and challenge.read() == b"challenge"


@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_handout_and_a_comparison_through_the_server_with_no_csp_violation(server, watched, lang):
    """The handout's layout (Paged.js) writes <style> elements, which nginx allows on that page
    alone; the comparison needs nothing beyond the site's policy."""
    hospitals = "hospital-exchange-corner,xinjiang-top-grade-hospital"
    response = watched.goto(f"{server}{lang}handout/#cases={hospitals}")
    assert "style-src 'self' 'unsafe-inline'" in response.headers["content-security-policy"]
    watched.page.wait_for_selector("body[data-pages]", timeout=60000)
    assert int(watched.page.get_attribute("body", "data-pages")) > 3
    watched.check()
    response = watched.goto(f"{server}{lang}compare/#cases={hospitals}")
    assert "style-src 'self';" in response.headers["content-security-policy"]
    watched.page.wait_for_selector("#cb-compare[data-ready='2']")
    watched.check()
