"""`casebook bundle` says what it wrote, and why it stops, in the editor's language: the real
command on a small project, its output read."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from support import write_case


def bundle(project: Path, lang: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    return subprocess.run([sys.executable, "-m", "casebook.tools.cli", "bundle", "--no-handbook",
                           "--project", str(project), "--output", str(project / "dist")],
                          capture_output=True, text=True, env={**env, "LANG": lang}, timeout=600)


def test_bundle_says_what_it_wrote_in_chinese(project, content):
    write_case(content, "alpha", "zh")
    write_case(content, "alpha", "en")
    result = bundle(project, "zh_CN.UTF-8")
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.fullmatch(r"已写出 dist/casebook-offline\.zip（[\d.]+ MB）：解压后打开 casebook/index\.html\n", result.stdout), result.stdout
    with zipfile.ZipFile(project / "dist" / "casebook-offline.zip") as z:
        assert "casebook/cases/alpha.html" in z.namelist()


def test_bundle_says_why_it_stops_in_chinese(project, content):
    write_case(content, "alpha", "zh", unit_type="hospitl")
    result = bundle(project, "zh_CN.UTF-8")
    assert result.returncode == 1
    assert result.stderr.startswith("casebook bundle：网站构建失败：\n"), result.stderr[:300]
    assert "unit_type" in result.stderr  # the build's own report follows
