"""The adapter's one object: each MkDocs event handed to the core.

It also holds what a build gathers between its events."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import posixpath
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import meta

from casebook.corpus import assets, bounds, frontmatter, loader, sanitize
from casebook.derive import indices
from casebook.derive.facets import facets_of
from casebook.incremental import dirty, history
from casebook.incremental import memo as casebook_memo
from casebook.model import DEFAULT_LANGUAGE
from casebook.pages import a11y, catalog, datafiles, handwritten, home, publish, search, selection
from casebook.pages import theme as site_theme
from casebook.pages.page import NavItem, PageKind, SitePage
from casebook.pages.reconcile import reconcile
from casebook.strings import editors_language, message_text, strings
from casebook.urls import language_file
from casebook_mkdocs import heap, languages, pagememo, theme, toc, watching
from casebook_mkdocs.compiled import Compiled
from casebook_mkdocs.files import DataFile, GeneratedFile
from casebook_mkdocs.lock import FolderLock
from casebook_mkdocs.settings import CasebookConfig, Settings, read

log = logging.getLogger("mkdocs.plugins.casebook")


@dataclass
class _SearchUnderWay:
    """A language's search rows, made; their postings to make."""

    rows: pagememo.SearchRows
    urls: dict[str, str]  # page source -> its address
    scratch: tempfile.TemporaryDirectory


@dataclass
class Build:
    """What one language's build has gathered, from `config` to `post_build`."""

    settings: Settings
    loaded: loader.Loaded
    indices: indices.Indices
    memo: casebook_memo.Memo
    built: list[File] = field(default_factory=list)  # pages made from content/ and docs/
    handwritten: list[tuple[str, str]] = field(default_factory=list)  # (page path, file on disk)
    edit_sources: dict[str, str] = field(default_factory=dict)  # page path -> file in the repository
    listed: dict[str, tuple[str, ...]] = field(default_factory=dict)  # index page -> the cases it lists
    fragments: dict[str, SitePage] = field(default_factory=dict)  # pages with HTML to put in
    carried: dict[str, tuple[str, ...] | None] = field(default_factory=dict)  # data file -> case ids in it
    children: languages.Children = field(default_factory=lambda: languages.Children([]))
    started: float = 0.0
    digests: dict[str, str] = field(default_factory=dict)  # index page -> its digest, in dirty builds
    facts: dict[str, publish.PageFacts] = field(default_factory=dict)  # page -> its description and date, for the head
    files: Files | None = None  # the build's files, for rendering case pages as they are written
    feeds: dict[str, str] = field(default_factory=dict)  # unit type's or category's page -> its own feed
    pacer: heap.Pacer = field(default_factory=heap.Pacer)  # gives back what written pages freed
    search: _SearchUnderWay | None = None  # the search rows made while the other languages build
    # A serve rebuild's data files, made and written after its pages: how, and their digests before.
    data_later: tuple[Callable[[], Iterator[datafiles.DataFile]], MkDocsConfig, dict[str, str]] | None = None

    def drop_search(self) -> None:
        """The search rows' scratch folder, gone (the build ended, or failed)."""
        if self.search is not None:
            self.search.scratch.cleanup()
            self.search = None


class Adapter:
    """One per plugin object (`plugin.CasebookPlugin`), which MkDocs keeps for a whole `mkdocs
    serve`: it builds again after every edit in the same process, and only its first build is told
    (on_startup) that it serves and builds dirty."""

    def __init__(self) -> None:
        self.dirty = False  # `--dirty`: only pages whose sources changed
        self.serving = False
        self.build: Build | None = None
        # What builds keep for the next, by file: `mkdocs serve` finds its last build's values
        # in memory; one memo per language's file.
        self.memos: dict[Path, casebook_memo.Memo] = {}
        self.lock: FolderLock | None = None  # on the site folder, from on_config to the build's end
        self.git_log = history.Kept()  # the dates of content files, read again after a commit
        # `mkdocs serve`: the search index of the last build, made after MkDocs shows its pages
        # (`_finish`); the next build, or the end of serving, waits for it.
        self.finishing: threading.Thread | None = None
        self.compiled = Compiled()  # the theme's templates, compiled, for the rebuilds of serve

    @property
    def current(self) -> Build:
        """The build under way: MkDocs starts each with on_config, which makes it."""
        assert self.build is not None, "a build event before on_config"
        return self.build

    def startup(self, command: str, dirty: bool) -> None:
        self.dirty, self.serving = dirty, command == "serve"
        if self.serving:
            # A serve process keeps the content of its last build, its memo and MkDocs' own
            # objects: the collector's frequent passes over them find nothing to free.
            gc.set_threshold(100_000, 50, 50)

    def shutdown(self) -> None:
        self._finished()
        # `mkdocs serve` ends: what its builds kept goes to disk once, not after every edit.
        for memo in self.memos.values():
            memo.write()
            memo.close()

    def config(self, config: MkDocsConfig, options: CasebookConfig) -> MkDocsConfig:
        self._finished()  # the last build's search index, before its memo and folder are used again
        try:
            settings = read(config, options)
        except ValueError as error:
            raise PluginError(str(error)) from None
        lang = settings.lang
        if settings.handoff is None:
            # A child build writes inside its parent's folder, which the parent holds locked.
            self.lock = FolderLock(settings.site_dir)
            self.lock.acquire()
        config.theme["language"] = lang
        config.theme["palette"] = site_theme.palette(config.theme["palette"], lang)
        config.extra["casebook_404"] = site_theme.not_found(lang, config.use_directory_urls)
        config.site_name = strings()[lang]["site_name"]
        config.site_description = strings()[lang]["site_description"]
        # The title of a heading's permalink, which the toc extension writes in English.
        if "toc" in config.mdx_configs:
            config.mdx_configs["toc"]["permalink_title"] = strings()[lang]["permalink_title"]
        # Each language is a site under its own root; the configured site_url is the default's.
        config.site_url = publish.language_root(settings.site_url, lang) if settings.site_url else None
        config.extra["casebook_roots"] = publish.alternates(settings.site_url, "")
        config.extra["casebook_alternate"] = catalog.language_switch(lang)  # overrides/partials/alternate.html
        memo = self._memo(settings.cache_file) if settings.keep_memo else casebook_memo.Memo()
        memo.holds = self.serving  # a process that builds once keeps nothing in memory for a next build
        if settings.handoff and not settings.is_default:
            # The default language's build has loaded, checked and indexed the content already
            # (and reported its problems): take its result instead of doing it all again.
            with _collector_paused():
                loaded, built = languages.receive()
        else:
            loaded, built = _load(settings.content_dir, memo, drafts=self.serving)
        heap.give_back()  # the files read and parsed, the hand-off read: freed beside the content kept
        self.build = Build(settings, loaded, built, memo)
        extra = tuple(NavItem(title=_first_heading(settings.docs_dir, p, lang), path=p) for p in settings.extra_pages)
        config.nav = [_nav_entry(item) for item in catalog.navigation(loaded.content, lang, extra)]
        return config

    def _memo(self, path: Path) -> casebook_memo.Memo:
        memo = self.memos.get(path)
        if memo is None or memo.version != casebook_memo.code_version():
            memo = self.memos[path] = casebook_memo.open_memo(path)
            # The memo of earlier versions, a pickle, is never read (it could run code): gone.
            # A cache folder that cannot be used is the memo's to say (it builds without one).
            with contextlib.suppress(OSError):
                path.with_suffix(".pickle").unlink(missing_ok=True)
        return memo

    def files(self, files: Files, config: MkDocsConfig) -> Files:
        b, s = self.current, self.current.settings
        b.started = time.time()
        watched = [s.content_dir, s.docs_dir, s.base / "src", Path(s.config_file)]
        changed = dirty.changed_files(s.site_dir, watched) if self.dirty else None
        if s.is_default:
            # MkDocs has just emptied the site folder: the other languages can start writing into it.
            others = [lang for lang in s.languages if lang != s.lang
                      and (not self.dirty or dirty.touches(s.content_dir, changed, lang))]
            b.children = languages.start(s, self.dirty, others, b.loaded, b.indices)
            if len(b.loaded.content.cases) > s.side_by_side_up_to:
                # One language after the other: this build waits, holding its content only,
                # while each other language builds, before it makes its own pages.
                b.children.wait()
        _refuse_links(files, s.docs_dir)
        out = Files([])
        written = []
        for file in files:
            if file.is_documentation_page() and language_file(file.src_uri):
                written.append(file)
            elif file.is_documentation_page() and file.inclusion.is_included():
                raise PluginError(f"{config.docs_dir}/{file.src_uri}: a page needs a language in its name, "
                                  f"such as {file.src_uri[:-3]}.{DEFAULT_LANGUAGE}.md")
            elif s.is_default or not site_theme.is_shared(file.src_uri):
                out.append(file)  # other languages use the default language's theme files
        self._add_handwritten(out, config, {f.src_uri: f for f in written})
        self._add_images(out, config)
        updated = history.last_updated(b.loaded.content, s.base, self.git_log)
        b.facts = publish.page_facts(b.loaded.content, s.lang, updated, b.memo)
        # For the sitemap's lastmod: MkDocs writes the sitemap before it renders the pages.
        config.extra["casebook_updated"] = {path: f.updated for path, f in b.facts.items() if f.updated}
        facets = facets_of(b.loaded.content, b.indices)  # for the pages and the browse data
        # A dirty rebuild writes again only the index pages and data files whose text changed.
        previous = dirty.previous_digests(s.site_dir, s.content_dir, changed) if self.dirty else {}
        self._add_pages(out, config, previous, updated, facets)
        b.feeds = publish.index_feeds(b.loaded.content)

        def data() -> Iterator[datafiles.DataFile]:
            yield from datafiles.data_files(b.loaded.content, b.indices, s.lang, s.directory_urls, s.site_url, facets)
            yield from publish.data_files(b.loaded.content, s.lang, config.site_name, updated, s.site_url,
                                          s.directory_urls, memo=b.memo)

        if self.serving and b.memo.builds > 0:
            # An editor's rebuild: the open data, feeds and citation files (a second of a rebuild
            # at 10,000 cases) are written after MkDocs shows the pages, with the search index.
            b.data_later = (data, config, previous)
        else:
            for made in data():
                out.append(self._data_file(b, config, made, previous))
        b.files = out
        return out

    def _data_file(self, b: Build, config: MkDocsConfig, made: datafiles.DataFile,
                   previous: dict[str, str]) -> DataFile:
        file = DataFile.generated(config, made.path, content=made.content)
        if self.dirty:
            # Thousands of them (each case's citation files): an edit changes a few.
            b.digests[made.path] = casebook_memo.digest(made.content)
            file.same_as_before = previous.get(made.path) == b.digests[made.path]
        self._carried(b, made)
        return file

    @staticmethod
    def _carried(b: Build, made: datafiles.DataFile) -> None:
        if made.index:
            b.listed[made.path] = made.cases or ()
        else:
            b.carried[made.path] = made.cases

    def _write_data_later(self, b: Build) -> None:
        """The data files of a serve rebuild, written where their text changed, after its pages."""
        if b.data_later is None:
            return
        made_by, config, previous = b.data_later
        b.data_later = None
        for made in made_by():
            # Written as MkDocs writes the files of a build (DataFile), by this thread instead.
            file = self._data_file(b, config, made, previous)
            if file.is_modified():
                file.copy_file()

    def _add_handwritten(self, out: Files, config: MkDocsConfig, written: dict[str, File]) -> None:
        """Each language keeps its own hand-written page and, where its own is missing, the
        other's with a notice."""
        b, s = self.current, self.current.settings
        for page in handwritten.choose(written, s.lang):
            source = written[page.file]
            on_disk = source.abs_src_path
            assert on_disk is not None  # a page of docs/, which MkDocs found on disk
            _check_bounds(on_disk, f"{s.docs_dir.name}/{source.src_uri}")
            b.handwritten.append((page.path, on_disk))
            b.edit_sources[page.path] = f"{s.docs_dir.name}/{source.src_uri}"
            if page.written_in == s.lang:
                file = File.generated(config, page.path, abs_src_path=on_disk, inclusion=source.inclusion)
            else:
                text = Path(on_disk).read_text("utf-8")
                file = File.generated(config, page.path, content=handwritten.with_notice(text, s.lang, page.written_in),
                                      inclusion=source.inclusion)
            out.append(file)
            b.built.append(file)

    def _add_images(self, out: Files, config: MkDocsConfig) -> None:
        """Images of the content, under the same relative path as from content/, so that the
        links editors write from content/cases/ work unchanged from the site's cases/."""
        content_dir = self.current.settings.content_dir
        # Found without following links and each checked (corpus/assets.py): never a link to a
        # file or folder outside content/, never a file a browser would run.
        for image in assets.publishable(content_dir):
            out.append(File(image.relative_to(content_dir).as_posix(), str(content_dir), config.site_dir,
                            config.use_directory_urls))

    def _add_pages(self, out: Files, config: MkDocsConfig, previous: dict[str, str],
                   updated: dict[str, str], facets: tuple) -> None:
        b, s = self.current, self.current.settings
        taxonomy = str(s.content_dir / "taxonomy.yml")
        style = toc.heading_style(config, s.fast_render)
        # Case pages are written when MkDocs writes them: a dirty rebuild writes only the changed
        # ones, and each is kept in the memo by what it is made from.
        kept = pagememo.CasePages(b.loaded.content, b.indices, s.lang, updated, b.memo,
                                  context=(s.directory_urls, s.fast_render, config.mdx_configs.get("toc")))
        for stub in catalog.case_pages(b.loaded.content, b.indices, s.lang, updated, s.directory_urls, style):
            file = GeneratedFile.generated(config, stub.path, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            file.stub = kept.stub(stub)
            file.sources = (str(s.base / stub.source), taxonomy)
            b.edit_sources[stub.path] = stub.source
            out.append(file)
            b.built.append(file)
        added = home.added_times(b.loaded.content, s.base, self.git_log)
        for page in catalog.site_pages(b.loaded.content, b.indices, s.lang, updated, s.directory_urls,
                                     style, cases=False, memo=b.memo, added=added, facets=facets):
            inclusion = InclusionLevel.UNDEFINED if page.in_navigation else InclusionLevel.NOT_IN_NAV
            file = GeneratedFile.generated(config, page.path, content=page.markdown, inclusion=inclusion)
            if self.dirty:
                b.digests[page.path] = dirty.page_digest(page.markdown, page.fragments.values())
                file.same_as_before = previous.get(page.path) == b.digests[page.path]
                if file.same_as_before:
                    # Not rendered again: it lists what its cards listed when it was checked before.
                    b.listed[page.path] = tuple(id for ids in page.cards.values() for id in ids)
            self._made(page)
            if page.source:  # a checklist page also shows case titles: always rebuilt
                b.edit_sources[page.path] = page.source
            out.append(file)
            b.built.append(file)

    def _made(self, page: SitePage) -> None:
        if page.fragments:
            self.current.fragments[page.path] = page

    def page_markdown(self, markdown: str, page) -> str:
        # "Edit this page" opens the file the page is made from, in content/ or docs/, not the
        # generated page that MkDocs knows; index pages have no file of their own to edit.
        b = self.current
        page.edit_url = b.settings.edit_url(b.edit_sources.get(page.file.src_uri))
        if not page.meta and meta.YAML_RE.match(markdown):
            # MkDocs could not read the front matter and would render the page from the raw
            # file, front matter and all: an error, never such a page.
            raise PluginError(_unread_front_matter(markdown, b.edit_sources.get(page.file.src_uri)
                                                   or f"{b.settings.docs_dir.name}/{page.file.src_uri}"))
        # Hand-written pages are set as the content is: no space between Chinese characters.
        if any(path == page.file.src_uri for path, _ in b.handwritten):
            return handwritten.typeset(markdown, b.settings.lang)
        return markdown

    def page_context(self, context, page, config: MkDocsConfig):
        if isinstance(page.file, GeneratedFile) and page.file.stub is not None:
            self._write_case_page(page, config)
        # Description, <title> and Open Graph type for overrides/main.html's head.
        facts = self.current.facts.get(page.file.src_uri)
        description = page.meta.get("description") or config.site_description or ""
        page.meta.update(publish.page_meta(facts, page.title or "", config.site_name, description,
                                           self.current.settings.lang))
        feed = self.current.feeds.get(page.file.src_uri)
        if feed:  # the page's own feed sits beside it (overrides/main.html announces it)
            page.meta["casebook_feed"] = posixpath.basename(feed)
        return context

    def _write_case_page(self, page, config: MkDocsConfig) -> None:
        """A case page, written, rendered and filled when MkDocs is about to write it: what
        MkDocs does for a page that it reads (`_populate_page`), for this page alone."""
        site_page = page.file.stub.make()
        page.file.stub = None
        page.markdown, page.meta = meta.get_data(site_page.markdown)
        page.markdown = self.page_markdown(page.markdown, page)
        if page.markdown.strip() in site_page.fragments:
            # Finished HTML alone: what rendering its marker paragraph gives, without the price of
            # a Markdown converter for each page (MkDocs rendered the empty stub already, which
            # left the table of contents and the anchors as this page has them).
            page.content = f"<p>{page.markdown.strip()}</p>"
        else:
            page.render(config, self.current.files)
        page.content = self.page_content(page.content, page, site_page)

    def post_page(self, output: str, page) -> str:
        # Written next by MkDocs: its text is no longer needed (MkDocs would keep the Markdown
        # and HTML of every page to the end of the build, mkdocs#2065).
        page.content = None
        if not page.file.inclusion.is_in_nav():
            page.markdown = None  # the navigation takes the titles of the pages it lists from it
            # Nor its table of contents, which only its own template read (about 1 KB a case
            # page): the anchors that links to it are checked against stay (present_anchor_ids).
            page.toc = TableOfContents([])
        self.current.pacer.tick()
        return publish.compact_html(output)

    def page_content(self, html: str, page, site_page: SitePage | None = None) -> str:
        site_page = site_page or self.current.fragments.pop(page.file.src_uri, None)
        # The page's own HTML, from editors' Markdown: cleaned before the theme wraps it. The
        # fragments that the core wrote as HTML (cards, forms, SVG) have every text escaped: they
        # go in after, whole.
        if site_page is None or not site_page.escaped_only:
            html = sanitize.clean_html(html)
        if site_page is not None:
            html, listed = site_page.fill(html)
            if site_page.cards:
                self.current.listed[site_page.path] = listed
            if site_page.headings:
                toc.add_headings(page, site_page.headings)
        html = a11y.label_task_boxes(html)
        # From disk (the offline copy, with file addresses) the handout and the comparison read
        # the page's data script; a web server gives them the page itself, and no copy is kept.
        if site_page is not None and site_page.kind in selection.CALLBACKS and not self.current.settings.directory_urls:
            self._write_data_script(site_page, html)
        return html

    def _write_data_script(self, site_page: SitePage, html: str) -> None:
        """The page's article as the handout and comparison read it (pages/selection.py),
        written as the page is rendered, so that no page is rendered twice."""
        b = self.current
        id = site_page.path.rsplit("/", 1)[-1][: -len(".md")]
        measures = b.indices.cases_by_id[id].measures if site_page.kind == PageKind.CASE else ()
        target = b.settings.site_dir / selection.data_script_path(site_page.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(selection.data_script(site_page.kind, id, measures, html), "utf-8")

    def post_build(self, config: MkDocsConfig) -> None:
        b = self.current
        if b.children.running and not (self.serving and b.memo.builds > 0):
            # While the other languages still build, this one's search rows (segmenting: half
            # the index's time, and little memory: each row goes to a file as it is made). At
            # 100,000 cases this language's index was the last five minutes of the build, on
            # one core, after the other languages had ended.
            b.search = self._search_rows(b)
        # The other languages' builds end before the postings: they are the largest thing a
        # build holds, and two made side by side would need the memory of both at once.
        failed = b.children.wait()
        if failed:
            self._end(b)
            raise PluginError(f"the {', '.join(failed)} site failed to build")
        if self.serving and b.memo.builds > 0:
            # An editor's rebuild: MkDocs shows the pages once this event returns, and the search
            # index (all the site's pages cut into chunks again, the longest part of a rebuild
            # at 10,000 cases) follows a few seconds later, written file by file. The next
            # rebuild waits for it. The first build of `mkdocs serve` makes it before serving.
            self.finishing = threading.Thread(target=self._finish_logged, args=(b,), name="casebook-search")
            self.finishing.start()
            return
        self._finish(b)

    def _finished(self) -> None:
        if self.finishing is not None:
            self.finishing.join()
            self.finishing = None

    def _finish_logged(self, b: Build) -> None:
        try:
            self._finish(b)
        except PluginError as error:
            log.error(str(error))

    def _finish(self, b: Build) -> None:
        """The search index, the check that nothing is lost, and what the memo keeps."""
        s = b.settings
        try:
            self._write_data_later(b)
            self._search_and_reconcile(b)
        finally:
            self._end(b)
        if self.dirty:
            dirty.leave_mark(s.site_dir, b.digests, b.started)
        elif s.is_default and s.handoff is None:
            level, message = publish.size_report(*_folder_size(s.site_dir), s.site_limit_mb)
            (log.warning if level == "warning" else log.info)(message)
        if self.serving:
            heap.settle()

    def _end(self, b: Build) -> None:
        b.drop_search()
        # `mkdocs serve` writes after its first build (it may be stopped by a signal that skips
        # on_shutdown) and then at its end, not after every edit.
        b.memo.end_build(write=not self.serving or b.memo.builds == 0)
        if b.memo.write_error:
            log.info(f"what this build worked out is not kept for the next one: {b.memo.write_error}")
        self._unlock()

    def _search_and_reconcile(self, b: Build) -> None:
        under_way = b.search or self._search_rows(b)
        s = b.settings

        def write(file) -> None:
            target = s.site_dir / file.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(file.text, encoding="utf-8")

        # Scripts, not JSON, so that search also loads from disk (file://). Made page by page
        # (the whole index at once was most of a build's memory), and again only when the index
        # changed: its files are kept in the memo by a digest of its rows.
        pagememo.search_chunks(under_way.rows, s.lang, b.memo, write, Path(under_way.scratch.name))
        self._reconcile(b, under_way.urls, under_way.rows.locations)

    def _search_rows(self, b: Build) -> _SearchUnderWay:
        s = b.settings
        heap.give_back()  # what the pages freed, before the search index's work
        urls = {f.src_uri: f.url for f in b.built}
        handwritten_pages = [(path, handwritten.typeset(Path(file).read_text("utf-8"), s.lang))
                             for path, file in b.handwritten]
        indexer, docs = search.site_indexer(b.loaded.content, b.indices, s.lang, urls, handwritten_pages, b.memo)
        scratch = tempfile.TemporaryDirectory(prefix="casebook-search-")
        try:
            return _SearchUnderWay(pagememo.search_rows(indexer, docs, Path(scratch.name)), urls, scratch)
        except BaseException:
            scratch.cleanup()
            raise

    def _unlock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _reconcile(self, b: Build, urls: dict[str, str], locations: list[str]) -> None:
        """Every content file must have reached its page, its indices and the search index."""
        indexed = set(locations)
        searchable = [src for src, url in urls.items() if url in indexed]
        problems = reconcile(b.loaded.content, b.indices, urls, searchable, b.listed, b.carried)
        if problems:
            for problem in problems:
                log.error(f"[{b.settings.lang}] {problem}")
            raise PluginError(f"{len(problems)} content items are missing from the {b.settings.lang} site")

    def build_error(self) -> None:
        self._finished()
        if self.build is not None:
            self.build.children.kill()
            self.build.drop_search()
        self._unlock()

    def env(self, env):
        if self.serving:
            # MkDocs makes a new Jinja environment for every rebuild, which compiled the theme's
            # templates again (about a second): compiled once per serve process instead.
            env.bytecode_cache = self.compiled
        theme.add_globals(env)
        if not self.current.settings.is_default:
            theme.share_theme_files(env, self.current.settings.lang)
        return env

    def template_context(self, context, template_name: str):
        # A server shows the 404 page at any address: its links start from this language's root.
        if template_name == "404.html":
            context["base_url"] = site_theme.error_page_base(self.current.settings.site_url, self.current.settings.lang)
        return context

    def serve(self, server, config: MkDocsConfig):
        # Editors work in content/, which is outside docs_dir: reload the site when it changes.
        server.watch(str(Path(config.config_file_path).parent / "content"))
        watching.watch_natively(server)  # not MkDocs' polling of every file twice a second
        return server


def _unread_front_matter(markdown: str, shown: str) -> str:
    where = 1
    try:
        found = meta.YAML_RE.match(markdown)
        assert found is not None  # called for a page that starts with front matter only
        value = frontmatter.load_yaml(found.group(1), 2, "the front matter")
    except frontmatter.FrontMatterError as e:
        where, reason = e.line or 1, str(e.message)
    else:
        reason = ("the front matter is not a set of 'field: value' lines" if not isinstance(value, dict)
                  else "the front matter is refused by MkDocs' reader")
    return f"{shown}:{where}: {reason}; MkDocs cannot read it, and the page is not built from the raw file"


def _check_bounds(path: str, shown: str) -> None:
    """A hand-written page held to the limits of content's bodies before Python-Markdown reads it."""
    for line, message in bounds.check_body(Path(path).read_text("utf-8-sig")):
        raise PluginError(f"{shown}:{line}: {message}")


def _refuse_links(files: Files, docs_dir: Path) -> None:
    """MkDocs follows links in docs/ (a link there could publish any file of the building
    machine); content/ is walked without them by the core (corpus/assets.py)."""
    real = Path(os.path.realpath(docs_dir))
    linked = [f.src_uri for f in files if f.abs_src_path and Path(f.abs_src_path).is_relative_to(docs_dir)
              and os.path.realpath(f.abs_src_path) != str(real / f.src_uri)]
    if linked:
        raise PluginError(f"{docs_dir.name}/{linked[0]}: is reached through a symbolic link; the site never "
                          f"follows links, put the file itself there ({len(linked)} such files)")


def _load(content_dir: Path, memo: casebook_memo.Memo, drafts: bool) -> tuple[loader.Loaded, indices.Indices]:
    with _collector_paused():
        # Drafts from `casebook import` are shown, with a banner, only while serving.
        loaded = loader.load(content_dir, memo, drafts=drafts)
    speak = editors_language()  # what the editor reads of their content: in their language, as `casebook check`
    for note in loaded.notes:  # such as a source not present beside this checkout
        log.info(note.text(speak))
    for path in loaded.drafts:
        log.info(message_text(speak, "cli", "serve_draft" if drafts else "build_draft", {"path": path}))
    for problem in loaded.warnings:
        # A missing translation is a normal state while a translator is at work: say it
        # without failing a strict build.
        (log.info if problem.code == "missing-translation" else log.warning)(problem.text(speak))
    if loaded.errors:
        for problem in loaded.errors:
            log.error(problem.text(speak))
        raise PluginError(message_text(speak, "cli", "build_errors", {"n": len(loaded.errors)}))
    with _collector_paused():
        return loaded, indices.build(loaded.content, memo)


@contextmanager
def _collector_paused():
    """Python's cycle collector off while the content is loaded: every object made then lives
    for the whole build, so its passes over them find nothing to free."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of everything under `folder`, the languages' folders in it included."""
    total = files = 0
    todo = [str(folder)]
    while todo:
        with os.scandir(todo.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    todo.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    total += entry.stat(follow_symlinks=False).st_size
                    files += 1
    return total, files


def _first_heading(docs_dir: Path, page: str, lang: str) -> str:
    """The title of a hand-written page as a full build shows it (its first heading, in the page's
    language or the default's), given to the navigation: a dirty rebuild does not read pages it
    does not write again, and their entries would read "None"."""
    stem = page.removesuffix(".md")
    for name in (f"{stem}.{lang}.md", f"{stem}.{DEFAULT_LANGUAGE}.md"):
        path = docs_dir / name
        if path.is_file():
            with open(path, encoding="utf-8") as f:
                heading = next((line[2:].strip() for line in f if line.startswith("# ")), "")
            return heading
    return ""


def _nav_entry(item: NavItem):
    if item.children:
        return {item.title: [_nav_entry(child) for child in item.children]}
    return {item.title: item.path} if item.title else item.path
