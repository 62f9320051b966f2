"""MkDocs adapter: hands the pages that the `casebook` core plans to MkDocs, once per language.

Everything MkDocs-specific lives in this file; the content model, validation, the pages and the
search index come from the `casebook` package, so a move to another generator rewrites only this.

How the two languages are built: `mkdocs build` (or `serve`) builds the default language into
the site root and, as soon as it has cleaned the site folder, starts one `mkdocs build` per
other language in a child process, into `<site>/<lang>/`, with CASEBOOK_LANGUAGE set. The
languages build side by side on the machine's cores; the default build waits for the others at
its end and fails if one of them fails. Each language is therefore a complete Material site with
its own interface language and its own search index, and every page has the same address under
each language's root, which is what the language switch relies on.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import posixpath
import re
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import AnchorLink

from casebook.site import a11y, explore, home, pages, render, search, theme
from casebook.build import handoff, history
from casebook.derive import indices, segment
from casebook.content import loader, sanitize
from casebook.build import memo as casebook_memo
from casebook.model import DEFAULT_LANGUAGE, LANGUAGES
from casebook.site.reconcile import reconcile

log = logging.getLogger("mkdocs.plugins.casebook")
LANGUAGE_VARIABLE = "CASEBOOK_LANGUAGE"
_PAGE_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")
_CARD_LINK = re.compile(r'<a [^>]*class="cb-card__title"[^>]*>')
_HREF = re.compile(r'href="([^"]*)"')


@dataclass
class _Build:
    """What one language's build has gathered, from `on_config` to `on_post_build`."""

    lang: str
    content_dir: Path
    loaded: loader.Loaded
    indices: indices.Indices
    memo: casebook_memo.Memo
    built: list[File] = field(default_factory=list)  # pages made from content/ and docs/
    handwritten: list[tuple[str, str]] = field(default_factory=list)  # (page path, file on disk)
    edit_sources: dict[str, str] = field(default_factory=dict)  # page path -> file in the repository
    listed: dict[str, list[str]] = field(default_factory=dict)  # index page -> case ids in its HTML
    fragments: dict[str, pages.SitePage] = field(default_factory=dict)  # pages with HTML to put in
    carried: dict[str, tuple[str, ...] | None] = field(default_factory=dict)  # data file -> case ids in it
    children: list[tuple[str, subprocess.Popen]] = field(default_factory=list)
    started: float = 0.0
    shared: str = ""  # the file of _share_loaded, removed when the children are done
    digests: dict[str, str] = field(default_factory=dict)  # index page -> _digest, in dirty builds


_build: _Build | None = None
# `mkdocs serve --dirty` / `build --dirty`: only pages whose sources changed. Kept in the
# environment too: `mkdocs serve` imports this file anew for every rebuild but tells only the
# first import (on_startup) that its builds are dirty.
_DIRTY_VARIABLE = "CASEBOOK_DIRTY"
_dirty = os.environ.get(_DIRTY_VARIABLE) == "1"
_SERVING_VARIABLE = "CASEBOOK_SERVING"
_serving = os.environ.get(_SERVING_VARIABLE) == "1"


class _GeneratedFrom(File):
    """A generated page that knows the files it is made from, so that a dirty rebuild (the
    editor's loop in `mkdocs serve --dirty`) renders it again only when one of them changed."""

    sources: tuple[str, ...] = ()
    stub: pages.PageStub | None = None  # writes the page's Markdown when MkDocs first reads it
    # An index page whose text is what it was at the last dirty build, in a build where no file
    # that every page is made from (theme, configuration, taxonomy) changed.
    same_as_before: bool = False

    def is_modified(self) -> bool:
        if not os.path.isfile(self.abs_dest_path):
            return True
        if not self.sources:
            return not self.same_as_before
        built = os.path.getmtime(self.abs_dest_path)
        return any(os.path.getmtime(source) > built for source in self.sources)

    @property
    def content_string(self) -> str:
        if self.stub is not None:
            page, self.stub = self.stub.make(), None
            if page.fragments:
                _build.fragments[page.path] = page
            self._content = page.markdown
        return File.content_string.fget(self)

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.stub = None
        File.content_string.fset(self, value)


def _language() -> str:
    return os.environ.get(LANGUAGE_VARIABLE) or DEFAULT_LANGUAGE


def _languages() -> list[str]:
    """The languages to build; CASEBOOK_LANGUAGES=zh builds one alone (for profiling)."""
    wanted = os.environ.get("CASEBOOK_LANGUAGES")
    return [lang for lang in LANGUAGES if not wanted or lang in wanted.split(",")]


def on_startup(command: str, dirty: bool) -> None:
    global _dirty, _serving
    _dirty, _serving = dirty, command == "serve"
    os.environ[_DIRTY_VARIABLE] = "1" if dirty else "0"
    os.environ[_SERVING_VARIABLE] = "1" if _serving else "0"
    if _serving:
        # A serve process keeps the content of its last build, its memo and MkDocs' own objects:
        # the collector's frequent passes over them were a fifth of a rebuild (7.3 s -> 5.7 s
        # at 10,000 cases with these thresholds).
        gc.set_threshold(100_000, 50, 50)


def on_shutdown() -> None:
    # `mkdocs serve` ends: what its builds kept goes to disk once, not after every edit.
    casebook_memo.write_all()


@event_priority(100)  # first: the other plugins must see this language's settings
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    lang = _language()
    strings = pages.strings()[lang]
    config.theme["language"] = lang
    config.theme["palette"] = theme.palette(config.theme["palette"], lang)
    config.extra["casebook_404"] = theme.not_found(lang, config.use_directory_urls)
    config.site_name = strings["site_name"]
    # The switch links each page to its twin; see overrides/partials/alternate.html.
    config.extra["casebook_alternate"] = [
        {"name": pages.strings()[other]["language_name"], "lang": other,
         "link": _root(lang) + ("" if other == DEFAULT_LANGUAGE else f"{other}/"), "current": other == lang}
        for other in LANGUAGES
    ]

    content_dir = Path(config.config_file_path).parent / "content"
    memo = _memo(config, lang)
    shared = os.environ.get(_SHARED_VARIABLE)
    if shared and lang != DEFAULT_LANGUAGE:
        # The default language's build has loaded, checked and indexed the content already
        # (and reported its problems): take its result instead of doing it all again.
        with open(shared, "rb") as f, _collector_paused():
            loaded, built = handoff.load(f)
    else:
        with _collector_paused():
            loaded = loader.load(content_dir, memo)
        for problem in loaded.warnings:
            # A missing translation is a normal state while a translator is at work: say it
            # without failing a strict build.
            (log.info if problem.code == "missing-translation" else log.warning)(str(problem))
        if loaded.errors:
            for problem in loaded.errors:
                log.error(str(problem))
            raise PluginError(f"content/ has {len(loaded.errors)} errors; run `casebook check` to list them")
        with _collector_paused():
            built = indices.build(loaded.content, memo)
    if lang not in _languages():
        raise PluginError(f"{LANGUAGE_VARIABLE}={lang} is not among CASEBOOK_LANGUAGES")
    _build = _Build(lang, content_dir, loaded, built, memo)

    extra = tuple(pages.NavItem(title="", path=p) for p in config.extra.get("casebook_pages", ()))
    config.nav = [_nav_entry(item) for item in pages.navigation(loaded.content, lang, extra)]
    return config


_MEMO_VARIABLE = "CASEBOOK_MEMO"  # "0": keep nothing between builds (the benchmark's cold builds)


def _memo(config: MkDocsConfig, lang: str) -> casebook_memo.Memo:
    """What this language's builds keep between them: in .cache/casebook/ beside mkdocs.yml, where
    Material keeps its plugins' caches (and where CI can keep them from one run to the next)."""
    if os.environ.get(_MEMO_VARIABLE) == "0":
        return casebook_memo.Memo()
    return casebook_memo.open_memo(Path(config.config_file_path).parent / ".cache" / "casebook" / f"{lang}.pickle")


@contextmanager
def _collector_paused():
    """Python's cycle collector off while the content is loaded: every object made then lives
    for the whole build, so its passes over them (a tenth of loading) find nothing to free."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _root(lang: str) -> str:
    """From this language's root to the site root."""
    return "" if lang == DEFAULT_LANGUAGE else "../"


def _nav_entry(item: pages.NavItem):
    if item.children:
        return {item.title: [_nav_entry(child) for child in item.children]}
    return {item.title: item.path} if item.title else item.path


def on_files(files: Files, config: MkDocsConfig) -> Files:
    b = _build
    b.started = time.time()
    changed = _changed(config) if _dirty else None
    # MkDocs has just emptied the site folder: the other languages can start writing into it.
    if b.lang == DEFAULT_LANGUAGE:
        others = [lang for lang in _languages() if lang != b.lang]
        if _dirty:
            others = [lang for lang in others if _touched(config, changed, lang)]
        if others:
            b.shared = _share_loaded(b, others)
        b.children = [(lang, _start_language(config, lang)) for lang in others]
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
        elif b.lang == DEFAULT_LANGUAGE or not theme.is_shared(file.src_uri):
            out.append(file)  # other languages use the default language's theme files
    for stem, by_lang in variants.items():
        own = by_lang.get(b.lang)
        written_in = b.lang if own is not None else next(x for x in LANGUAGES if x in by_lang)
        b.handwritten.append((f"{stem}.md", by_lang[written_in].abs_src_path))
        b.edit_sources[f"{stem}.md"] = f"{Path(config.docs_dir).name}/{by_lang[written_in].src_uri}"
        if own is not None:
            file = File.generated(config, f"{stem}.md", abs_src_path=own.abs_src_path, inclusion=own.inclusion)
        else:
            text = Path(by_lang[written_in].abs_src_path).read_text("utf-8")
            notice = pages.missing_translation_notice(b.lang, written_in)
            file = File.generated(config, f"{stem}.md", content=_after_title(text, notice),
                                  inclusion=by_lang[written_in].inclusion)
        out.append(file)
        b.built.append(file)
    # Images of the content, under the same relative path as from content/, so that the
    # links editors write from content/cases/ work unchanged from the site's cases/.
    for image in sorted((b.content_dir / loader.IMAGES).rglob("*")):
        if image.is_file():
            out.append(File(image.relative_to(b.content_dir).as_posix(), str(b.content_dir), config.site_dir,
                            config.use_directory_urls))
    updated = _last_updated(b.loaded.content, b.content_dir)
    taxonomy = str(b.content_dir / "taxonomy.yml")
    style = _heading_style(config)
    # Case pages are written when MkDocs reads them: a dirty rebuild reads only the changed ones.
    for stub in pages.case_pages(b.loaded.content, b.indices, b.lang, updated, config.use_directory_urls, style):
        file = _GeneratedFrom.generated(config, stub.path, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        file.stub = stub
        file.sources = (str(b.content_dir.parent / stub.source), taxonomy)
        b.edit_sources[stub.path] = stub.source
        out.append(file)
        b.built.append(file)
    # A dirty rebuild writes again only the index pages whose text changed.
    previous = _previous_digests(config, changed) if _dirty else {}
    added = home.added_times(b.loaded.content, b.content_dir.parent)
    for page in pages.site_pages(b.loaded.content, b.indices, b.lang, updated, config.use_directory_urls,
                                 style, cases=False, memo=b.memo, added=added):
        listed_in_nav = page.kind not in ("case", "checklist", "cell")
        file = _GeneratedFrom.generated(config, page.path, content=page.markdown,
                                        inclusion=InclusionLevel.UNDEFINED if listed_in_nav else InclusionLevel.NOT_IN_NAV)
        if _dirty:
            b.digests[page.path] = _digest(page)
            file.same_as_before = previous.get(page.path) == b.digests[page.path]
            if file.same_as_before and page.path.startswith(("units/", "measures/")):
                # Not rendered again: what it lists is in the cards it was checked with before.
                b.listed[page.path] = _listed_cases("".join(page.fragments.values()))
        if page.fragments:
            b.fragments[page.path] = page
        if page.source:  # a checklist page also shows case titles: always rebuilt
            b.edit_sources[page.path] = page.source
        out.append(file)
        b.built.append(file)
    # Browse data and open data, as files of the site so that pages can link to them.
    for data in explore.data_files(b.loaded.content, b.lang, config.use_directory_urls, config.site_url or ""):
        out.append(File.generated(config, data.path, content=data.content))
        b.carried[data.path] = data.cases
    return out


_BUILT_MARK = ".casebook-dirty-build"  # in the site folder of dirty builds only (never published)


def _changed(config: MkDocsConfig) -> list[Path] | None:
    """The source files changed since the last dirty build into this site folder; None: no such
    build."""
    mark = Path(config.site_dir) / _BUILT_MARK
    if not mark.exists():
        return None
    since = mark.stat().st_mtime
    base = Path(config.config_file_path).parent
    watched = [base / "content", Path(config.docs_dir), base / "hooks", base / "src", Path(config.config_file_path)]
    changed = []
    for root in watched:
        # os.walk and os.stat, not Path.rglob: a third of a second per rebuild at 10,000 cases.
        for path in [str(root)] if root.is_file() else _files_under(str(root)):
            try:
                if os.stat(path).st_mtime > since:
                    changed.append(Path(path))
            except OSError:  # removed meanwhile, or a broken link
                continue
    return changed


def _files_under(folder: str):
    for parent, folders, names in os.walk(folder):
        # Byte code that Python writes while it builds is no source of the site.
        folders[:] = [f for f in folders if f != "__pycache__"]
        yield from (os.path.join(parent, name) for name in names)


def _content_page_file(config: MkDocsConfig, path: Path):
    """The name match of a case or checklist file in content/, or None for any other file."""
    m = _PAGE_SUFFIX.match(path.name)
    content = Path(config.config_file_path).parent / "content"
    return m if m and m["lang"] in LANGUAGES and path.parent.parent == content else None


def _touched(config: MkDocsConfig, changed: list[Path] | None, lang: str) -> bool:
    """Whether a file that the `lang` site is made from changed since the last dirty build.

    An editor who saves a Chinese case while `mkdocs serve --dirty` runs waits only for the
    Chinese site: the English one is made from the English file, unless there is none."""
    if changed is None:
        return True
    for path in changed:
        m = _content_page_file(config, path)
        if not m or m["lang"] == lang:
            return True  # this language's file, or one that every language is made from
        if not path.with_name(f"{m['stem']}.{lang}.md").exists():
            return True  # this language shows the other's text in its place
    return False


def _previous_digests(config: MkDocsConfig, changed: list[Path] | None) -> dict[str, str]:
    """Index page -> digest of its text at the last dirty build, where only content pages
    changed since; otherwise {} (every page is written again)."""
    if changed is None or any(_content_page_file(config, p) is None for p in changed):
        return {}
    try:
        return json.loads((Path(config.site_dir) / _BUILT_MARK).read_text("utf-8") or "{}")
    except (OSError, ValueError):
        return {}


def _digest(page: pages.SitePage) -> str:
    text = "\0".join([page.markdown, *page.fragments.values()])
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _heading_style(config: MkDocsConfig) -> render.HeadingStyle | None:
    """How the toc extension marks headings, for the case text that the core renders itself;
    None (all left to Python-Markdown) where the configuration asks for what it does not do."""
    from markdown.extensions.toc import TocExtension

    if not config.extra.get("casebook_fast_render", True) or "toc" not in config.markdown_extensions:
        return None
    toc = TocExtension(**config.mdx_configs.get("toc", {})).getConfigs()
    if toc["permalink_class"] != "headerlink" or toc["permalink_leading"] or toc["anchorlink"]:
        return None
    permalink = toc["permalink"]
    symbol = None if permalink in (False, "false", "False", "") else ("¶" if permalink in (True, "true", "True") else str(permalink))
    slugify, separator = toc["slugify"], toc["separator"]
    return render.HeadingStyle(lambda text: slugify(text, separator), symbol, toc["permalink_title"])


_SHARED_VARIABLE = "CASEBOOK_LOADED"  # a pickle of (loader.Loaded, indices.Indices) for the children


def _share_loaded(b: _Build, languages: list[str]) -> str:
    """The loaded content and its indices in a temporary file for the other languages' builds:
    unpickling takes a twentieth of the time loading does (0.17 s against 2.9 s at 1,000 cases)."""
    fd, path = tempfile.mkstemp(prefix="casebook-", suffix=".pickle")
    with os.fdopen(fd, "wb") as f:
        handoff.dump((b.loaded, b.indices), b.loaded.content, languages, f)
    return path


def _start_language(config: MkDocsConfig, lang: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", config.config_file_path,
               "--site-dir", os.path.join(config.site_dir, lang)]
    command += ["--strict"] if config.strict else []
    command += ["--dirty"] if _dirty else []
    command += [] if config.use_directory_urls else ["--no-directory-urls"]
    env = {**os.environ, LANGUAGE_VARIABLE: lang, "NO_MKDOCS_2_WARNING": "1", _SHARED_VARIABLE: _build.shared}
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _last_updated(content, content_dir: Path) -> dict[str, str]:
    """Content file path -> the day of its last commit, from one `git log` for all files."""
    base = content_dir.parent.resolve()
    texts = [t for item in (*content.cases, *content.checklists) for t in item.texts.values()]
    times = history.last_commit_times(base, (str(t.path) for t in texts))
    return {path: history.day(when) for path, when in times.items()}


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    # "Edit this page" opens the file the page is made from, in content/ or docs/, not the
    # generated page that MkDocs knows; index pages have no file of their own to edit.
    source = _build.edit_sources.get(page.file.src_uri)
    page.edit_url = f"{config.repo_url.rstrip('/')}/{config.edit_uri.strip('/')}/{source}" if source and config.repo_url else None
    return markdown


def _after_title(markdown: str, insert: str) -> str:
    head, sep, rest = markdown.partition("\n")
    if head.startswith("# "):
        return f"{head}\n\n{insert}\n{rest}"
    return f"{insert}\n{markdown}"


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    site_page = _build.fragments.get(page.file.src_uri)
    # The page's own HTML, from editors' Markdown: cleaned before the theme wraps it. The
    # fragments that the core wrote as HTML (cards, forms, SVG) have every text escaped: they go
    # in after, whole.
    if site_page is None or not site_page.escaped_only:
        html = sanitize.clean_html(html)
    if site_page is not None:
        html = site_page.insert_fragments(html)
        if site_page.headings:
            _add_to_toc(page, site_page.headings)
    if page.file.src_uri.startswith(("units/", "measures/")):
        _build.listed[page.file.src_uri] = _listed_cases(html)
    return a11y.label_task_boxes(html)


def _add_to_toc(page, headings: tuple[render.Heading, ...]) -> None:
    """The headings of HTML that the core rendered, in the page's table of contents, under the
    page's title as the toc extension would have put them, and known as anchors to link to."""
    top = page.toc.items[0].children if page.toc.items and page.toc.items[0].level == 1 else page.toc.items
    open_: list[AnchorLink] = []
    for h in headings:
        link = AnchorLink(h.text, h.id, h.level)
        while open_ and open_[-1].level >= h.level:
            open_.pop()
        (open_[-1].children if open_ else top).append(link)
        open_.append(link)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= {h.id for h in headings}


def _listed_cases(html: str) -> list[str]:
    return [_case_id(_HREF.search(tag).group(1)) for tag in _CARD_LINK.findall(html)]


def _case_id(href: str) -> str:
    last = href.rstrip("/").rsplit("/", 1)[-1]
    return last.removesuffix(".html") if last != "index.html" else href.rstrip("/").rsplit("/", 2)[-2]


@event_priority(-100)  # after every other plugin has written its files
def on_post_build(config: MkDocsConfig) -> None:
    b = _build
    index = _write_search_index(config, b)
    _reconcile(b, index)
    # `mkdocs serve` writes after its first build (it may be stopped by a signal that skips
    # on_shutdown) and then at its end, not after every edit.
    b.memo.end_build(write=not _serving or b.memo.builds == 0)
    if b.memo.write_error:
        log.info(f"what this build worked out is not kept for the next one: {b.memo.write_error}")
    _wait_for_children(b)
    if _dirty:
        # Dated when this build began: an edit saved while it ran is new to the next one.
        mark = Path(config.site_dir) / _BUILT_MARK
        mark.write_text(json.dumps(b.digests), "utf-8")
        os.utime(mark, (b.started, b.started))


def _wait_for_children(b: _Build) -> None:
    failed = []
    for lang, child in b.children:
        output, _ = child.communicate()
        for line in output.splitlines():
            # The child's warnings and errors are this build's too (strict mode counts them).
            if line.startswith(("WARNING", "ERROR")):
                level, _, message = line.partition("-")
                log.log(logging.ERROR if level.strip() == "ERROR" else logging.WARNING, f"[{lang}] {message.strip()}")
        if child.returncode != 0:
            failed.append(lang)
            log.error(f"[{lang}] " + "\n".join(output.strip().splitlines()[-15:]))
    b.children = []
    _unshare(b)
    if failed:
        raise PluginError(f"the {', '.join(failed)} site failed to build")


def _write_search_index(config: MkDocsConfig, b: _Build) -> dict:
    """search/index.js: a script, not JSON, so that it also loads from disk (file://)."""
    content = b.loaded.content
    urls = {f.src_uri: f.url for f in b.built}
    docs = list(search.documents(content, b.indices, b.lang, b.memo))
    tag = pages.strings()[b.lang]["site_name"]
    docs += [search.page_doc(src, Path(path).read_text("utf-8"), tag) for src, path in b.handwritten]
    words = search.domain_words(content, b.lang) if b.lang == "zh" else ()

    def url_of(path: str) -> str:
        page, _, anchor = path.partition("#")
        return urls[page] + (f"#{anchor}" if anchor else "")

    index = search.build_index(docs, b.lang, url_of, segment.segmenter(words) if b.lang == "zh" else None, words, b.memo)
    target = Path(config.site_dir) / "search" / "index.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    target.write_text(f"casebookSearchIndex({data});\n", encoding="utf-8")
    return index


def _reconcile(b: _Build, index: dict) -> None:
    """Every content file must have reached its page, its indices and the search index."""
    built = {f.src_uri: f.url for f in b.built}
    locations = set(search.locations(index))
    searchable = [src for src, url in built.items() if url in locations]
    problems = reconcile(b.loaded.content, b.indices, built, searchable, b.listed, b.carried)
    if problems:
        for problem in problems:
            log.error(f"[{b.lang}] {problem}")
        raise PluginError(f"{len(problems)} content items are missing from the {b.lang} site")


def _unshare(b: _Build) -> None:
    if b.shared:
        Path(b.shared).unlink(missing_ok=True)
        b.shared = ""


def on_build_error(error: Exception) -> None:
    if _build is not None:
        for _, child in _build.children:
            child.kill()
        _build.children = []
        _unshare(_build)


def on_env(env, config: MkDocsConfig, files: Files):
    """`casebook_shared(key)`: a piece of template rendered once per build for all pages with
    the same key (None: rendered on every page); see overrides/main.html."""
    from markupsafe import Markup

    shared: dict[str, str] = {}

    def casebook_shared(key: str | None, caller):
        if key is None:
            return caller()
        if key not in shared:
            shared[key] = caller()
        return Markup(shared[key])

    def casebook_nav_key(page) -> str | None:
        if page is None or page.file.inclusion.is_in_nav():
            return None
        # Its links are relative to the page's folder: the same for all pages of one folder.
        return "folder:" + posixpath.dirname(page.url.rstrip("/")) if page.url else None

    env.globals["casebook_shared"] = casebook_shared
    env.globals["casebook_nav_key"] = casebook_nav_key
    if _build.lang != DEFAULT_LANGUAGE:
        _share_theme_files(env, _build.lang)
    return env


def _share_theme_files(env, lang: str) -> None:
    """Addresses of theme files lead to the default language's copy (theme.shared_url)."""
    from jinja2 import pass_context
    from markupsafe import Markup

    url, script_tag = env.filters["url"], env.filters["script_tag"]

    @pass_context
    def shared_url(context, value):
        return url(context, theme.shared_url(str(value), lang))

    @pass_context
    def shared_script_tag(context, value):
        if isinstance(value, str) or not (value.type or value.defer or value.async_):
            return Markup('<script src="{0}"></script>').format(shared_url(context, str(value)))
        return script_tag(context, value)

    env.filters["url"], env.filters["script_tag"] = shared_url, shared_script_tag


def on_template_context(context, template_name: str, config: MkDocsConfig):
    # A server shows the 404 page at any address: its links start from this language's root.
    if template_name == "404.html":
        context["base_url"] = theme.error_page_base(config.site_url, _build.lang)
    return context


def on_serve(server, config: MkDocsConfig, builder):
    # Editors work in content/, which is outside docs_dir: reload the site when it changes.
    server.watch(str(Path(config.config_file_path).parent / "content"))
    return server
