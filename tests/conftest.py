"""Shared fixtures: small content folders written per test, and the real site built once."""

from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path

import pytest

from support import ROOT
from support.shared import built_site


@pytest.fixture(autouse=True, scope="session")
def _english_locale():
    """The suite reads `casebook`'s messages in English, whatever the machine's locale (the
    command and the build speak the editor's): a test that reads Chinese asks for it."""
    import os

    saved = dict(os.environ)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        os.environ.pop(name, None)
    os.environ["LANG"] = "C.UTF-8"
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """An empty content folder with the real taxonomy, so tests never repeat its labels."""
    folder = tmp_path / "content"
    (folder / "cases").mkdir(parents=True)
    (folder / "checklists").mkdir()
    shutil.copy(ROOT / "content" / "taxonomy.yml", folder / "taxonomy.yml")
    return folder


@pytest.fixture
def project(tmp_path: Path, content: Path) -> Path:
    """A copy of the project's site set-up around a test's own content folder."""
    for name in ("docs",):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "src" / "casebook").mkdir(parents=True)  # watched by `mkdocs serve`
    return tmp_path


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built once in the run, strictly, as `mkdocs build --strict` builds it, and
    shared by every xdist worker (support/shared.py). Read it only: copy it to change it."""
    return built_site(tmp_path_factory)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from casebook.tools import chromium as system

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=system.executable(), args=system.ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(site):
    from support.browser import serve

    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def served_with_404(site):
    """The site as a web server serves it: an unknown address answers with the 404 page of its
    language, as GitHub Pages, Netlify or nginx's error_page do."""
    from support.browser import serve_with_404

    with serve_with_404(site) as url:
        yield url



# How the run hands tests to xdist's workers (`-n`, whose default `--dist load` this scheduler
# takes over): a file that defines a fixture made once per file (module scope: a build, a bundle,
# an nginx) goes to one worker whole, so that it is made once; the tests of any other file go one at
# a time to whichever worker is free. Longest file first, so that no worker is left alone with a
# long file at the end while the others wait: how long each file took is kept in pytest's cache
# (.pytest_cache) by the runs before; a file it does not know (all of them in a fresh clone) goes
# by its folder: the browser tests, then the site's builds, then the unit tests.
# (xdist's own --dist loadgroup would say this with marks, but ignores them under pytest 9.2:
# pytest-xdist#1386.)
SECONDS = "casebook/seconds-per-file"
FOLDERS = ("tests/browser/", "tests/site/", "tests/unit/")
PER_FILE = ("module", "class", "package")
_PER_FILE_FIXTURE = re.compile(r"""@pytest\.fixture\([^)]*scope\s*=\s*["'](?:module|class|package)["']""")


def _file(nodeid: str) -> str:
    return nodeid.split("::")[0]


@functools.cache
def _whole(file: str) -> bool:
    """Whether `file` (relative to the project) defines a fixture made once per file."""
    return bool(_PER_FILE_FIXTURE.search((ROOT / file).read_text("utf-8")))


@pytest.hookimpl(optionalhook=True)  # a hook of xdist's: absent under -p no:xdist
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    if config.getoption("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class WholeFilesOrSingleTests(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file = _file(nodeid)
            return file if _whole(file) else nodeid

    config.option.loadscopereorder = False  # the order of pytest_collection_modifyitems below
    return WholeFilesOrSingleTests(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    known = config.cache.get(SECONDS, {}) if getattr(config, "cache", None) else {}

    def rank(item: pytest.Item) -> tuple[int, float]:
        file = _file(item.nodeid)
        if file in known:
            return 0, -known[file]
        return 1, next((i for i, folder in enumerate(FOLDERS) if file.startswith(folder)), len(FOLDERS))

    items.sort(key=rank)  # stable: a file's tests stay together, in their order
    # The scheduler reads the test file alone: a fixture made once per file elsewhere (a conftest)
    # would be made again on each worker that runs one of the file's tests.
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        scopes = {d.scope for group in (info.name2fixturedefs.values() if info else ()) for d in group}
        if scopes & set(PER_FILE) and not _whole(_file(item.nodeid)):
            raise pytest.UsageError(f"{item.nodeid}: a fixture made once per file comes from outside its file; "
                                    "tests/conftest.py's scheduler would make it on every worker")


class _FileSeconds:
    """Adds up each test file's seconds (setup, call and teardown) in the process that reports
    them (xdist's controller), and keeps them in the cache for the next run's order."""

    def __init__(self, config: pytest.Config) -> None:
        self.config, self.seconds = config, {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        file = _file(report.nodeid)
        self.seconds[file] = self.seconds.get(file, 0.0) + report.duration

    def pytest_sessionfinish(self) -> None:
        if self.seconds and getattr(self.config, "cache", None):
            kept = self.config.cache.get(SECONDS, {})
            kept.update({file: round(s, 2) for file, s in self.seconds.items()})
            self.config.cache.set(SECONDS, kept)


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # not in an xdist worker: their reports reach the controller
        config.pluginmanager.register(_FileSeconds(config), "casebook-file-seconds")
