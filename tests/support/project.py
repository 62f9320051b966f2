"""What the tests share: the project's root, small content files written per test, builds of a project."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = [sys.executable, "-m", "mkdocs"]

CASE = {
    "zh": """---
id: {id}
title: {title}
unit_type: {unit_type}
measures: [{measures}]
region:
  province: 甘肃省
year: 2019
ethnic_groups: [蒙古族]
source:
  file: 000_8f9b5cc39caff20b.txt
  report: R01
summary: 一段摘要。
---

## 背景

背景文字。

## 主要做法

做法文字。

## 成效

成效文字。
""",
    "en": """---
id: {id}
title: {title} (en)
unit_type: {unit_type}
measures: [{measures}]
region:
  province: Gansu
year: 2019
ethnic_groups: [Mongol]
source:
  file: 000_8f9b5cc39caff20b.txt
  report: R01
summary: A summary.
---

## Background

Background text.

## What they did

What they did.

## Results

Results text.
""",
}


def write_case(content: Path, id: str, lang: str = "zh", title: str | None = None,
               unit_type: str = "hospital", measures: str = "publicity_education", text: str | None = None) -> Path:
    path = content / "cases" / f"{id}.{lang}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = text if text is not None else CASE[lang].format(
        id=id, title=title or (f"案例 {id}" if lang == "zh" else f"Case {id}"), unit_type=unit_type, measures=measures)
    path.write_text(body, encoding="utf-8")
    return path


def mkdocs_build(project: Path, site: Path, *args: str, strict: bool = True,
                 env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build` of `project` into `site`, with `env` added to this process's environment."""
    return subprocess.run(
        [*MKDOCS, "build", *(["--strict"] if strict else []), "--site-dir", str(site), *args],
        cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


def heading_text(element) -> str:
    """A heading's text without the permalink sign that the toc extension appends."""
    return "".join(element.find_all(string=True, recursive=False)).strip() or element.get_text(strip=True)


def differing_files(a: Path, b: Path) -> list[str]:
    """The files, relative to the two folders, that only one holds or that differ in a byte."""
    files = lambda root: {p.relative_to(root) for p in root.rglob("*") if p.is_file()}
    left, right = files(a), files(b)
    return sorted(str(f) for f in left ^ right | {f for f in left & right
                                                  if (a / f).read_bytes() != (b / f).read_bytes()})
