"""`mkdocs build --strict` on a project's own content: passes when it is valid, fails with the
checker's message when it is not, and shows a missing translation with a notice."""

from __future__ import annotations

from bs4 import BeautifulSoup

from support import heading_text, mkdocs_build, write_case


def test_valid_content_builds(project, content, tmp_path):
    write_case(content, "alpha", "zh")
    write_case(content, "alpha", "en")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/cases/alpha/index.html").exists()
    assert (tmp_path / "out/en/cases/alpha/index.html").exists()


def test_invalid_content_fails_the_build_with_the_checkers_message(project, content, tmp_path):
    write_case(content, "alpha", "zh", unit_type="hospitl")
    write_case(content, "alpha", "en", unit_type="hospitl")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "content/cases/alpha.zh.md:4: unit_type: unknown unit type 'hospitl'" in result.stderr
    assert "Did you mean 'hospital'?" in result.stderr
    assert "content/ has 2 errors" in result.stderr


def test_missing_translation_yields_the_page_with_a_notice(project, content, tmp_path):
    write_case(content, "alpha", "zh", title="只有中文的案例")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((tmp_path / "out/en/cases/alpha/index.html").read_text("utf-8"), "html.parser")
    assert page.html["lang"] == "en"
    assert heading_text(page.h1) == "只有中文的案例"
    notice = page.select_one(".cb-missing-translation")
    assert "no English version yet" in notice.get_text()
    zh = BeautifulSoup((tmp_path / "out/cases/alpha/index.html").read_text("utf-8"), "html.parser")
    assert zh.select_one(".cb-missing-translation") is None
