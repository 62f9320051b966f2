"""Every `{{ … }}` of the theme overrides (docs/overrides/) was read for where its value comes
from (issue 23): MkDocs does not escape what templates print, so a value from content must be
escaped where it is printed or before it reaches the template. A new expression fails here until
it is added below with where its value comes from."""

from __future__ import annotations

import re

from support import ROOT

OVERRIDES = ROOT / "docs" / "overrides"
EXPRESSION = re.compile(r"{{-?\s*(.*?)\s*-?}}", re.S)
# Escaped where printed: `| e` (Jinja's escape), after `striptags` where the value may be HTML, or
# `| tojson` (Jinja's HTML-safe JSON: <, >, & and ' as \\u escapes).
ESCAPED = re.compile(r"\|\s*(e|tojson)\s*$")
# A path of the site's own files, made an address by MkDocs' `url` filter.
OWN_FILE = re.compile(r"""^'[\w./-]+'\s*\|\s*url$""")

# Not escaped here, and why that is safe.
REVIEWED = {
    "super()": "the parent template's block",
    "class": "set in the template from constants",
    "hidden": "the constant 'hidden' or nothing",
    "code": "a language code of config.extra.casebook_roots (mkdocs.yml)",
    "config.site_name": "mkdocs.yml, the project's own",
    "config.extra.scope | d(base_url)": "mkdocs.yml, or MkDocs' relative base",
    "config.extra.homepage | d(nav.homepage.url, true) | url": "mkdocs.yml, or the home page's address",
    "base_url.rstrip(\"/\") or \"/.\"": "MkDocs' relative base address",
    "cb_base": "MkDocs' relative base address",
    "root": "MkDocs' relative base address",
    "lang.t('header')": "Material's translations",
    "lang.t('search.placeholder')": "Material's translations",
    "lang.t('search.result.none')": "Material's translations",
    "lang.t('select.language')": "Material's translations",
    "alt.lang": "a language code (catalog.language_switch)",
    "alt.link": "a language's folder (catalog.language_switch)",
    "alt.name": "strings.yml language_name",
    "config.extra.casebook_404.title": "strings.yml (pages/theme.py)",
    "nf.title": "strings.yml (pages/theme.py)",
    "nf.text": "strings.yml (pages/theme.py)",
    "nf.search": "strings.yml (pages/theme.py)",
    "nf.ways_title": "strings.yml (pages/theme.py)",
    "way.title": "strings.yml (pages/theme.py)",
    "way.url": "an address of the site's own index pages (pages/theme.py)",
    "day": "a date from git, YYYY-MM-DD",
    "lang.t('nav')": "Material's translations",
    'lang.t("top")': "Material's translations",
    "nav_script | url": "a path of the site's own shared script (casebook_mkdocs/theme.py)",
    "nav.homepage.url | url": "MkDocs' address of the home page",
    "config.theme.logo | url": "mkdocs.yml, the project's own",
    "icon | replace('/', '-')": "an icon name of mkdocs.yml's theme or written in the templates",
    "option.media": "mkdocs.yml's palette",
    "scheme | replace(' ', '-')": "mkdocs.yml's palette",
    "primary | replace(' ', '-')": "mkdocs.yml's palette",
    "accent | replace(' ', '-')": "mkdocs.yml's palette",
    "option.toggle.name": "mkdocs.yml's palette",
    "loop.index0": "a number",
    "loop.index % loop.length": "a number",
    "toc_item.url": "'#' and a heading's id, which the slug function makes of letters, digits and hyphens",
    "toc_item.title": "HTML as the toc extension gives it: the heading's text escaped (casebook_mkdocs/toc.py)",
    "toc_item.typeset.title": "HTML as the toc extension gives it: the heading's text escaped",
    "config.site_description": "strings.yml site_description (the adapter sets it per language)",
    "page.canonical_url": "MkDocs' address of the page: site_url and the page's path",
    "config.theme.favicon | url": "mkdocs.yml, the project's own",
    # Content, escaped in the core before it reaches the theme (publish.page_meta).
    "page.meta.description": "publish.page_meta escapes it",
    "page.meta.casebook_title": "publish.page_meta escapes it",
    "page.meta.casebook_og_title": "publish.page_meta escapes it",
    "page.meta.casebook_og_type": "publish.page_meta escapes it",
    "page.meta.casebook_og_locale": "publish.page_meta escapes it",
}


def expressions() -> list[tuple[str, str]]:
    found = []
    for path in sorted(OVERRIDES.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml"):
            text = re.sub(r"{#.*?#}", "", path.read_text("utf-8"), flags=re.S)
            found += [(str(path.relative_to(ROOT)), m.group(1)) for m in EXPRESSION.finditer(text)]
    return found


def test_every_printed_value_is_escaped_or_reviewed():
    found = expressions()
    assert len(found) > 40  # the pattern finds them
    unreviewed = [(file, expr) for file, expr in found
                  if not ESCAPED.search(expr) and not OWN_FILE.match(expr) and expr not in REVIEWED]
    assert unreviewed == []


def test_page_titles_are_printed_as_text():
    # MkDocs gives a page's title as HTML (from a `# heading`, or as front matter has it);
    # `striptags | e` prints either as text.
    titles = [expr for _, expr in expressions() if re.match(r"page\.(meta\.)?title\b", expr)]
    assert titles and all(re.fullmatch(r"page\.(meta\.)?title \| striptags \| e", t) for t in titles), titles


def test_every_reviewed_expression_is_still_there():
    present = {expr for _, expr in expressions()}
    assert set(REVIEWED) <= present, set(REVIEWED) - present
