"""Two builds of the same commit give byte-identical output. The one exception: the gzip header
of sitemap.xml.gz carries the time of the build; SOURCE_DATE_EPOCH pins it (MkDocs reads it)."""

from __future__ import annotations

import filecmp
import os
import subprocess

from support import MKDOCS, ROOT, differing_files


def _build(out, epoch: str, **env: str):
    result = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(out)], cwd=ROOT, capture_output=True,
                            text=True, env={**os.environ, "SOURCE_DATE_EPOCH": epoch, **env})
    assert result.returncode == 0, result.stderr


def _differences(a, b) -> list[str]:
    out = []
    def walk(cmp, prefix=""):
        out.extend(prefix + name for name in cmp.diff_files + cmp.left_only + cmp.right_only)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")
    walk(filecmp.dircmp(a, b))
    return sorted(out)


def test_two_builds_are_byte_identical(tmp_path):
    # The first keeps nothing between builds (memo.py); the last takes what the build before it
    # kept, a build at another time: what is kept must not change the site, nor carry the time.
    _build(tmp_path / "one", "1700000000", CASEBOOK_MEMO="0")
    _build(tmp_path / "later", "1800000000")
    _build(tmp_path / "two", "1700000000")
    assert _differences(tmp_path / "one", tmp_path / "two") == []
    assert differing_files(tmp_path / "one", tmp_path / "two") == []
    assert differing_files(tmp_path / "one", tmp_path / "later") == [
        "en/sitemap.xml.gz", "sitemap.xml.gz"]
