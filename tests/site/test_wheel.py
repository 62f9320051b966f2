"""The package as users get it: a wheel built from the source, installed into a fresh virtual
environment, runs `casebook check`, `new` and `bundle` with only what the wheel carries."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from support import ROOT


def run(*command, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin/ folder of a fresh environment with the wheel installed and no path to src/.

    The dependencies are not installed again (tests have no network): the environment sees the
    project's environment's packages through a .pth line, which adds that folder alone and runs
    none of its own .pth files, so the editable install of src/ stays out of sight."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"  # built from a copy: the build leaves build/ and egg-info behind
    for folder in ("src", "hooks"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copy(ROOT / "pyproject.toml", source / "pyproject.toml")
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                "-w", tmp / "dist", source, cwd=tmp)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    wheel = next((tmp / "dist").glob("casebook-*.whl"))
    venv = tmp / "venv"
    made = run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    put = run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel, cwd=tmp)
    assert put.returncode == 0, put.stdout[-3000:] + put.stderr[-3000:]
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp).stdout.strip()
    Path(purelib, "casebook-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", "utf-8")
    return venv / "bin"


def project_copy(tmp_path: Path) -> Path:
    """The project as the commands see it, without src/ (mkdocs.yml only watches it)."""
    project = tmp_path / "project"
    for name in ("content", "docs"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "src" / "casebook").mkdir(parents=True)
    return project


def test_the_wheel_carries_the_core_and_the_adapter_and_every_file_they_open(installed, tmp_path):
    where = run(installed / "python", "-c",
                "import casebook, casebook_mkdocs, casebook.strings as s, casebook.tools.bundle as b;"
                "print(casebook.__file__); print(casebook_mkdocs.__file__);"
                "print(len(s.strings())); print(len(b.HANDBOOK_CSS.read_text('utf-8')) > 0)", cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    core, adapter, languages, css = where.stdout.split()
    venv = installed.parent.resolve()
    assert Path(core).resolve().is_relative_to(venv) and Path(adapter).resolve().is_relative_to(venv)
    assert languages == "2" and css == "True"
    wheel = zipfile.ZipFile(next(installed.parent.parent.glob("dist/*.whl")))
    names = wheel.namelist()
    assert {"casebook/strings.yml", "casebook/tools/handbook.css", "casebook_mkdocs/adapter.py"} <= set(names)
    # MkDocs finds the adapter (`plugins: - casebook` in mkdocs.yml) by this entry point only.
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    declared = configparser.ConfigParser()
    declared.read_string(wheel.read(entry_points).decode("utf-8"))
    assert declared["mkdocs.plugins"]["casebook"] == "casebook_mkdocs.plugin:CasebookPlugin"


def test_check_new_and_bundle_run_from_the_installed_wheel(installed, tmp_path):
    project = project_copy(tmp_path)
    check = run(installed / "casebook", "check", cwd=project)
    assert check.returncode == 0, check.stdout[-3000:] + check.stderr[-3000:]
    assert "0 errors" in check.stdout

    bundle = run(installed / "casebook", "bundle", "--no-handbook", "--output", tmp_path / "dist", cwd=project)
    assert bundle.returncode == 0, bundle.stdout[-3000:] + bundle.stderr[-3000:]
    with zipfile.ZipFile(tmp_path / "dist" / "casebook-offline.zip") as z:
        names = set(z.namelist())
    assert {"casebook/index.html", "casebook/en/index.html", "casebook/search/index.js"} <= names

    new = run(installed / "casebook", "new", "case", "--no-input", "--id", "wheel-test-case", "--title-zh", "测试",
              "--title-en", "Test", "--unit-type", "hospital", "--measures", "publicity_education", cwd=project)
    assert new.returncode == 0, new.stdout[-3000:] + new.stderr[-3000:]
    for lang in ("zh", "en"):
        assert (project / "content" / "cases" / f"wheel-test-case.{lang}.md").read_text("utf-8").startswith("---\n")
