"""A warm build (what the last one kept in .cache/) writes the site a cold one writes, after any
edit: kept case pages and search files come back only while all they are made from is the same."""

from __future__ import annotations

import os
import sqlite3
import subprocess

from support import MKDOCS, differing_files, write_case


def _build(project, site, memo: bool = True) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **({} if memo else {"CASEBOOK_MEMO": "0"})}
    result = subprocess.run([*MKDOCS, "build", "--strict", "--site-dir", str(site)], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]


def _kept(project, kind: str) -> dict[str, int]:
    """Rows of `kind` in each language's memo file."""
    counts = {}
    for path in (project / ".cache" / "casebook").glob("*.sqlite"):
        with sqlite3.connect(path) as db:
            row = db.execute("SELECT count(*) FROM entries WHERE key LIKE ?", (f'["{kind}",%',)).fetchone()
            counts[path.stem] = row[0]
    return counts


def test_a_warm_build_after_edits_writes_what_a_cold_one_writes(project, content, tmp_path):
    for name in ("alpha", "beta", "gamma"):
        write_case(content, name, title=f"{name} 标题")
        write_case(content, name, "en", title=f"{name} title")
    _build(project, tmp_path / "first")
    # Every case page is kept, in both languages: the warm build below reads them back.
    assert _kept(project, "case-page") == {"zh": 3, "en": 3}

    # beta's title shows on alpha's page (related cases); gamma loses its English file.
    beta = content / "cases" / "beta.en.md"
    beta.write_text(beta.read_text("utf-8").replace("beta title", "beta retitled"), "utf-8")
    (content / "cases" / "gamma.en.md").unlink()
    _build(project, tmp_path / "warm")
    _build(project, tmp_path / "cold", memo=False)
    assert differing_files(tmp_path / "cold", tmp_path / "warm") == []
    assert "beta retitled" in (tmp_path / "warm" / "en" / "cases" / "alpha" / "index.html").read_text("utf-8")


def test_a_damaged_kept_page_is_never_published(project, content, tmp_path):
    write_case(content, "alpha", title="三千四百万元")
    write_case(content, "alpha", "en")
    _build(project, tmp_path / "first")
    with sqlite3.connect(project / ".cache" / "casebook" / "zh.sqlite") as db:
        changed = db.execute(
            "UPDATE entries SET value = replace(value, '四', '五') WHERE value LIKE '%三千四百万元%'").rowcount
    assert changed
    _build(project, tmp_path / "again")
    assert differing_files(tmp_path / "first", tmp_path / "again") == []
