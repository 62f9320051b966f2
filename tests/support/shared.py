"""What the test files share across pytest-xdist's workers: a thing made once per run (a build of
the real site) by whichever worker asks for it first, while any other worker that asks waits on a
file lock and then reads what the first one made.

The things are made in the run's temporary folder (each worker's basetemp is a folder of it), so a
run never reads what an earlier run made. What is shared is only read: a test that changes files
works on a copy of its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from filelock import FileLock

from support.project import ROOT, mkdocs_build


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of the whole run: the parent of a worker's own one under xdist."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """`make(folder)` run once in this run for `name`, whichever worker comes first; the folder.

    A `make` that fails (an assertion of a build) leaves nothing behind, and the next worker to ask
    tries again and fails with the same message, so each test that needs the thing fails alike."""
    shared = run_folder(tmp_path_factory) / "shared"
    shared.mkdir(exist_ok=True)
    folder, done = shared / name, shared / f"{name}.done"
    with FileLock(shared / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                make(folder)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            done.touch()
    return folder


def built_site(tmp_path_factory: pytest.TempPathFactory, project: Path = ROOT,
               settings: Mapping[str, str] | None = None, strict: bool = True) -> Path:
    """The site of `project` as `mkdocs build` writes it with the environment `settings` added
    (CASEBOOK_SITE_URL and the like), built once in this run for every test that asks for the same.

    The key is all that the build depends on besides the project's files, which no test changes
    (a test that edits content builds a copy): the project's folder, the settings and strictness.
    """
    settings = dict(settings or {})
    key = json.dumps([str(project.resolve()), sorted(settings.items()), strict])
    name = "site-" + hashlib.sha256(key.encode()).hexdigest()[:16]

    def make(folder: Path) -> None:
        result = mkdocs_build(project, folder, strict=strict, env=settings)
        assert result.returncode == 0, result.stderr[-4000:]

    return made_once(tmp_path_factory, name, make)
