"""The code's style and types, checked as part of `make test` (configured in pyproject.toml).

Each check runs as its own process, as `make lint` and an editor run it, and a failure shows the
checker's own report: the file, the line and what is wrong."""

from __future__ import annotations

import subprocess
import sys

import pytest

from support import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize(
    "tool",
    [
        # pyproject.toml's [tool.ruff] names the folders (src, hooks, tests, benchmarks, scripts).
        ("ruff", "check", "--no-cache", "--output-format", "concise"),
        # pyproject.toml's [tool.mypy] names the packages (src/casebook, hooks/casebook_mkdocs).
        ("mypy",),
    ],
    ids=["ruff", "mypy"],
)
def test_the_code_passes(tool: tuple[str, ...]) -> None:
    result = _run(*tool)
    assert result.returncode == 0, f"`python -m {' '.join(tool)}` found problems:\n{result.stdout}{result.stderr}"
