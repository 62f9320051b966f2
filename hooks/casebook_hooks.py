"""MkDocs adapter: hands the pages that the `casebook` core plans to MkDocs, once per language.

Everything MkDocs-specific lives in this file; the content model, validation and the pages
themselves come from the `casebook` package, so a move to another generator rewrites only this.

How the two languages are built: `mkdocs build` (or `serve`) builds the default language into
the site root; when it is done, `on_post_build` builds each other language with the same
configuration into `<site>/<lang>/`. Each language is therefore a complete Material site with
its own interface language and its own search index, and every page has the same address under
each language's root, which is what the language switch relies on.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from casebook import indices as casebook_indices
from casebook import history, loader, pages, sanitize, search, segment
from casebook.model import DEFAULT_LANGUAGE, LANGUAGES
from casebook.reconcile import reconcile

log = logging.getLogger("mkdocs.plugins.casebook")

# The language of the build under way. MkDocs loads this hook module once per process, so the
# build of one language can tell the nested build of another which language it is.
_building: list[str] = []
# Content loaded by the default language's build, reused by the nested builds of the others.
_shared: dict[str, object] = {}
_built_files: list[File] = []
_handwritten: list[tuple[str, str]] = []
_edit_sources: dict[str, str] = {}  # page source path -> the file in the repository it is made from  # (source path in the site, file on disk)
_PAGE_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")


def _language() -> str:
    return _building[-1] if _building else DEFAULT_LANGUAGE


@event_priority(100)  # before Material's search plugin reads the interface language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    lang = _language()
    strings = pages.strings()[lang]
    config.theme["language"] = lang
    config.site_name = strings["site_name"]
    # The switch links each page to its twin; see overrides/partials/alternate.html.
    config.extra["casebook_alternate"] = [
        {"name": pages.strings()[other]["language_name"], "lang": other,
         "link": _root(lang) + ("" if other == DEFAULT_LANGUAGE else f"{other}/"), "current": other == lang}
        for other in LANGUAGES
    ]
    config.extra["casebook_language"] = lang
    config.extra["casebook_root"] = _root(lang)

    if lang == DEFAULT_LANGUAGE or "result" not in _shared:
        content_dir = Path(config.config_file_path).parent / "content"
        result = loader.load(content_dir)
        for problem in result.warnings:
            # A missing translation is a normal state while a translator is at work: say it
            # without failing a strict build.
            (log.info if "version" in problem.message else log.warning)(str(problem))
        if result.errors:
            for problem in result.errors:
                log.error(str(problem))
            raise PluginError(f"content/ has {len(result.errors)} errors; run `casebook check` to list them")
        _shared["result"] = result
        _shared["indices"] = casebook_indices.build(result.content)

    content = _shared["result"].content
    extra = tuple(pages.NavItem(title="", path=p) for p in config.extra.get("casebook_pages", ()))
    config.nav = [_nav_entry(item) for item in pages.navigation(content, lang, extra)]
    return config


def _root(lang: str) -> str:
    """From this language's root to the site root."""
    return "" if lang == DEFAULT_LANGUAGE else "../"


def _nav_entry(item: pages.NavItem):
    if item.children:
        return {item.title: [_nav_entry(child) for child in item.children]}
    return {item.title: item.path} if item.title else item.path


def on_files(files: Files, config: MkDocsConfig) -> Files:
    lang = _language()
    result, idx = _shared["result"], _shared["indices"]
    out = Files([])
    # Hand-written pages come as <name>.<lang>.md; each language keeps its own and, where its
    # own is missing, the other's with a notice.
    variants: dict[str, dict[str, File]] = {}
    for file in files:
        m = _PAGE_SUFFIX.match(file.src_uri) if file.is_documentation_page() else None
        if m and m["lang"] in LANGUAGES:
            variants.setdefault(m["stem"], {})[m["lang"]] = file
        elif file.is_documentation_page() and file.inclusion.is_included():
            raise PluginError(f"{config.docs_dir}/{file.src_uri}: a page needs a language in its name, "
                              f"such as {file.src_uri[:-3]}.{DEFAULT_LANGUAGE}.md")
        else:
            out.append(file)
    _built_files[:] = []
    _handwritten[:] = []
    for stem, by_lang in variants.items():
        own = by_lang.get(lang)
        written_in = lang if own is not None else next(x for x in LANGUAGES if x in by_lang)
        _handwritten.append((f"{stem}.md", by_lang[written_in].abs_src_path))
        _edit_sources[f"{stem}.md"] = f"{Path(config.docs_dir).name}/{by_lang[written_in].src_uri}"
        if own is not None:
            file = File.generated(config, f"{stem}.md", abs_src_path=own.abs_src_path)
        else:
            text = Path(by_lang[written_in].abs_src_path).read_text("utf-8")
            notice = pages.missing_translation_notice(lang, written_in)
            file = File.generated(config, f"{stem}.md", content=_after_title(text, notice))
        out.append(file)
        _built_files.append(file)
    # Images of the content, under the same relative path as from content/, so that the
    # links editors write from content/cases/ work unchanged from the site's cases/.
    content_dir = Path(config.config_file_path).parent / "content"
    for image in sorted((content_dir / loader.IMAGES).rglob("*")):
        if image.is_file():
            out.append(File(image.relative_to(content_dir).as_posix(), str(content_dir), config.site_dir,
                            config.use_directory_urls))
    updated = _shared.setdefault("updated", _last_updated(result.content, content_dir))
    for page in pages.site_pages(result.content, idx, lang, updated):
        if page.source:
            _edit_sources[page.path] = page.source
        listed_in_nav = page.kind not in ("case", "checklist", "cell")
        file = File.generated(config, page.path, content=page.markdown,
                              inclusion=InclusionLevel.UNDEFINED if listed_in_nav else InclusionLevel.NOT_IN_NAV)
        out.append(file)
        _built_files.append(file)
    return out


def _last_updated(content, content_dir: Path) -> dict[str, str]:
    """Content file path -> the day of its last commit, from one `git log` for all files."""
    base = content_dir.parent
    paths = [base / str(t.path) for item in (*content.cases, *content.checklists) for t in item.texts.values()]
    times = history.last_commit_times(paths)
    return {str(t.path): history.day(times[(base / str(t.path)).resolve()])
            for item in (*content.cases, *content.checklists) for t in item.texts.values()
            if (base / str(t.path)).resolve() in times}


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    # "Edit this page" opens the file the page is made from, in content/ or docs/, not the
    # generated page that MkDocs knows; index pages have no file of their own to edit.
    source = _edit_sources.get(page.file.src_uri)
    page.edit_url = f"{config.repo_url.rstrip('/')}/{config.edit_uri.strip('/')}/{source}" if source and config.repo_url else None
    return markdown


def _after_title(markdown: str, insert: str) -> str:
    head, sep, rest = markdown.partition("\n")
    if head.startswith("# "):
        return f"{head}\n\n{insert}\n{rest}"
    return f"{insert}\n{markdown}"


_CARD_LINK = re.compile(r'<a [^>]*class="cb-card__title"[^>]*>')
_HREF = re.compile(r'href="([^"]*)"')
# Per build: the case ids that each index page lists, read back from its HTML.
_listed: dict[str, list[str]] = {}


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    # The page's own HTML, from editors' Markdown: cleaned before the theme wraps it.
    html = sanitize.clean_html(html)
    if page.file.src_uri.startswith(("units/", "measures/")):
        _listed[page.file.src_uri] = [
            _case_id(_HREF.search(tag).group(1)) for tag in _CARD_LINK.findall(html)
        ]
    return html


def _case_id(href: str) -> str:
    last = href.rstrip("/").rsplit("/", 1)[-1]
    return last.removesuffix(".html") if last != "index.html" else href.rstrip("/").rsplit("/", 2)[-2]


@event_priority(-100)  # after every other plugin has written its files
def on_post_build(config: MkDocsConfig) -> None:
    index = _write_search_index(config)
    _reconcile(index)
    if _building:
        return
    for lang in LANGUAGES[1:]:
        nested = load_config(
            config.config_file_path,
            site_dir=os.path.join(config.site_dir, lang),
            strict=config.strict,
            use_directory_urls=config.use_directory_urls,
        )
        _building.append(lang)
        try:
            nested.plugins.on_startup(command="build", dirty=False)
            build(nested)
            nested.plugins.on_shutdown()
        finally:
            _building.pop()
    _shared.clear()


def _write_search_index(config: MkDocsConfig) -> dict:
    """search/index.js: a script, not JSON, so that it also loads from disk (file://)."""
    lang, content = _language(), _shared["result"].content
    urls = {f.src_uri: f.url for f in _built_files}
    docs = list(search.documents(content, _shared["indices"], lang))
    tag = pages.strings()[lang]["site_name"]
    docs += [search.page_doc(src, Path(path).read_text("utf-8"), tag) for src, path in _handwritten]
    words = search.domain_words(content, lang) if lang == "zh" else ()
    index = search.build_index(
        docs, lang, lambda path: urls[path.split("#")[0]] + ("#" + path.split("#")[1] if "#" in path else ""),
        segment.segmenter(words) if lang == "zh" else None, words)
    target = Path(config.site_dir) / "search" / "index.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    target.write_text(f"casebookSearchIndex({data});\n", encoding="utf-8")
    return index


def _reconcile(index: dict) -> None:
    """Every content file must have reached its page, its indices and the search index."""
    result, idx = _shared["result"], _shared["indices"]
    built = {f.src_uri: f.url for f in _built_files}
    locations = {row[0] for row in index["docs"]}
    searchable = [src for src, url in built.items() if url in locations]
    problems = reconcile(result.content, idx, built, searchable, _listed)
    _listed.clear()
    if problems:
        for problem in problems:
            log.error(f"[{_language()}] {problem}")
        raise PluginError(f"{len(problems)} content items are missing from the {_language()} site")


def on_build_error(error: Exception) -> None:
    _shared.clear()


def on_serve(server, config: MkDocsConfig, builder):
    # Editors work in content/, which is outside docs_dir: reload the site when it changes.
    server.watch(str(Path(config.config_file_path).parent / "content"))
    return server
