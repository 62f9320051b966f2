"""Shared fixtures: small content folders written per test, and the real site built once."""

from __future__ import annotations

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

    from support.browser import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_url(site):
    from support.browser import serve

    with serve(site) as url:
        yield url
