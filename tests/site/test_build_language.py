"""The site build and `casebook bundle` say what is wrong with the content, what they wrote and
why they stop in the editor's language (the locale): the real commands on a small project,
their output read."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from support import MKDOCS, write_case


def locale(lang: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    return {**env, "LANG": lang, "NO_MKDOCS_2_WARNING": "1"}


def test_the_build_says_what_is_wrong_in_chinese(project, content, tmp_path):
    write_case(content, "alpha", "zh", unit_type="hospitl")
    write_case(content, "alpha", "en", unit_type="hospitl")
    draft = write_case(content, "beta", "zh")
    draft.write_text(draft.read_text("utf-8").replace("---\n", "---\ndraft: true\n", 1), "utf-8")
    result = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(tmp_path / "out")], cwd=project,
                            capture_output=True, text=True, env=locale("zh_CN.UTF-8"), timeout=600)
    assert result.returncode != 0
    assert "content/cases/alpha.zh.md:4: unit_type: 未知的单位类型“hospitl”" in result.stderr, result.stderr[-3000:]
    assert "是不是“hospital”？" in result.stderr
    assert "content/ 有 2 个错误；运行 `casebook check` 可逐条列出" in result.stderr
    assert "content/cases/beta.zh.md：草稿，不发布" in result.stderr


def bundle(project: Path, lang: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casebook.tools.cli", "bundle", "--no-handbook",
                           "--project", str(project), "--output", str(project / "dist")],
                          capture_output=True, text=True, env=locale(lang), timeout=600)


def test_bundle_says_what_it_wrote_in_chinese(project, content):
    write_case(content, "alpha", "zh")
    write_case(content, "alpha", "en")
    result = bundle(project, "zh_CN.UTF-8")
    assert result.returncode == 0, result.stderr[-3000:]
    wrote = r"已写出 dist/casebook-offline\.zip（[\d.]+ MB）：解压后打开 casebook/index\.html\n"
    assert re.fullmatch(wrote, result.stdout), result.stdout
    with zipfile.ZipFile(project / "dist" / "casebook-offline.zip") as z:
        assert "casebook/cases/alpha.html" in z.namelist()


def test_bundle_says_why_it_stops_in_chinese(project, content):
    write_case(content, "alpha", "zh", unit_type="hospitl")
    result = bundle(project, "zh_CN.UTF-8")
    assert result.returncode == 1
    assert result.stderr.startswith("casebook bundle：网站构建失败：\n"), result.stderr[:300]
    assert "unit_type" in result.stderr  # the build's own report follows
