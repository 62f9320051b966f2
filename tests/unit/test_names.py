"""No package of the code is named like a folder of output or of data.

`src/casebook/build/` and `src/casebook/site/` once shared their names with MkDocs' and setuptools'
output folders, so that .gitignore templates, editors' search and packaging tools skipped them as
output; `content/` was both the data folder and a code package. Their names now say what they are
(`incremental/`, `pages/`, `corpus/`); this keeps a new package from taking such a name again."""

from __future__ import annotations

from pathlib import Path

from support import ROOT

SRC = ROOT / "src"
# Folders that common tools treat as output and skip: GitHub's Python .gitignore template (which
# most new clones start from), MkDocs' `site/`, coverage's `htmlcov/`, and this project's own
# ignored folders (.gitignore).
OUTPUT = {"build", "dist", "site", "sdist", "wheels", "eggs", "develop-eggs", "downloads", "lib", "lib64", "parts",
          "var", "env", "venv", "htmlcov", "instance", "target", "cover", "out", "output", "tmp", "cache"}


def _ignored_folders() -> set[str]:
    """The folder names that the project's .gitignore ignores (entries ending in a slash)."""
    lines = (ROOT / ".gitignore").read_text("utf-8").splitlines()
    return {line.strip().strip("/").lstrip(".") for line in lines if line.strip().endswith("/")}


def _data_folders() -> set[str]:
    """The project's own folders beside src/: content, docs, schema, tests..."""
    return {p.name for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith(".") and p.name != "src"}


def _packages() -> list[Path]:
    return sorted(p.parent for p in SRC.rglob("__init__.py"))


def _clashes(packages: list[Path], taken: set[str]) -> list[str]:
    return [f"{p.relative_to(SRC).as_posix()}/" for p in packages if p.name.lstrip("_") in taken]


def test_no_package_is_named_like_an_output_or_data_folder():
    taken = OUTPUT | _ignored_folders() | _data_folders()
    assert _packages(), "the packages are found"
    assert _clashes(_packages(), taken) == [], "rename the package for what it holds"


def test_the_check_finds_the_old_names():
    old = [SRC / "casebook" / "build", SRC / "casebook" / "site", SRC / "casebook" / "content"]
    taken = OUTPUT | _ignored_folders() | _data_folders()
    assert _clashes(old, taken) == ["casebook/build/", "casebook/site/", "casebook/content/"]


def test_browser_tests_are_in_the_browser_folder():
    """A test that drives Chromium (the `browser` fixture or mark) is in tests/browser/, which
    `make test-fast` leaves out; one in tests/site/ made the quick loop need a browser."""
    import ast

    found = []
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        if path.parent.name == "browser":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.FunctionDef) and node.name.startswith("test")):
                continue
            marks = " ".join(ast.unparse(d) for d in node.decorator_list)
            if "browser" in {a.arg for a in node.args.args} or "mark.browser" in marks:
                found.append(f"{path.relative_to(ROOT)}::{node.name}")
    assert found == [], f"browser tests outside tests/browser/: {found}"
