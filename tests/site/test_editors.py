"""The editors' side of the site: the guide in both languages, edit links, dates, pre-commit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from casebook.corpus.schema import CASE_FIELDS, CASE_SECTIONS, CHECKLIST_FIELDS
from support import MKDOCS, ROOT, write_case


def test_guide_documents_every_field_and_section_in_both_languages():
    for lang in ("zh", "en"):
        guide = (ROOT / f"docs/contributing.{lang}.md").read_text("utf-8")
        for field in (*CASE_FIELDS, *CHECKLIST_FIELDS):
            assert f"`{field.name}`" in guide, (lang, field.name)
        for headings in CASE_SECTIONS.values():
            for heading in headings:
                assert f"`## {heading}`" in guide, (lang, heading)


def test_edit_links_point_to_the_content_file_and_pages_show_the_last_commit_date(project, content, tmp_path):
    write_case(content, "alpha", "zh")
    write_case(content, "alpha", "en")
    git = lambda *a: subprocess.run(["git", *a], cwd=project, check=True, capture_output=True)
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"], cwd=project, check=True,
                   env={**os.environ, "GIT_COMMITTER_DATE": "2024-03-05T12:00:00Z",
                        "GIT_AUTHOR_DATE": "2024-03-05T12:00:00Z"})
    out = tmp_path / "out"
    result = subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(out)], cwd=project,
        capture_output=True, text=True, env={**os.environ, "CASEBOOK_REPO_URL": "https://git.example.org/team/casebook"})
    assert result.returncode == 0, result.stderr
    for lang, root in (("zh", ""), ("en", "en/")):
        page = BeautifulSoup((out / root / "cases/alpha/index.html").read_text("utf-8"), "html.parser")
        edit = page.select_one("a.md-content__button[href*='/edit/']")
        assert edit["href"] == f"https://git.example.org/team/casebook/edit/main/content/cases/alpha.{lang}.md"
        assert "2024-03-05" in page.select_one(".cb-meta").get_text()
        about = BeautifulSoup((out / root / "about/index.html").read_text("utf-8"), "html.parser")
        assert about.select_one("a.md-content__button[href*='/edit/']")["href"].endswith(
            f"/edit/main/docs/about.{lang}.md")
        index = BeautifulSoup((out / root / "units/index.html").read_text("utf-8"), "html.parser")
        assert index.select_one("a.md-content__button[href*='/edit/']") is None


def test_pre_commit_runs_check_and_stops_a_bad_commit(content, tmp_path):
    repo = content.parent
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo)
    # The hook runs .venv/bin/casebook: the environment these tests run in, wherever it is.
    venv = Path(sys.prefix)
    (repo / ".venv").symlink_to(venv)
    git = lambda *a: subprocess.run(["git", *a], cwd=repo, check=True, capture_output=True)
    git("init", "-q")
    write_case(content, "alpha", "zh", unit_type="hospitl")
    git("add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    run = lambda: subprocess.run([str(venv / "bin" / "pre-commit"), "run", "--all-files"], cwd=repo,
                                 capture_output=True, text=True, env=env)
    bad = run()
    assert bad.returncode != 0
    assert "content/cases/alpha.zh.md:4: unit_type: unknown unit type 'hospitl'" in bad.stdout
    write_case(content, "alpha", "zh")
    write_case(content, "alpha", "en")
    git("add", "-A")
    good = run()
    assert good.returncode == 0, good.stdout
