"""The editor's loop: `mkdocs build --dirty` (what `mkdocs serve --dirty` runs after each save)
writes again what an edit changed, and leaves the rest as it was."""

from __future__ import annotations

import os
import time

from bs4 import BeautifulSoup

from support import mkdocs_build, write_case
from support.shared_scripts import written_by


def test_a_dirty_rebuild_shows_the_edit_and_rewrites_only_what_it_changed(project, content, tmp_path):
    for id, unit in (("alpha", "hospital"), ("beta", "community")):
        write_case(content, id, "zh", unit_type=unit)
        write_case(content, id, "en", unit_type=unit)
    site = tmp_path / "out"
    first = mkdocs_build(project, site, "--dirty", strict=False)
    assert first.returncode == 0, first.stderr[-3000:]
    watched = {
        "edited": site / "cases/alpha/index.html",
        "other case": site / "cases/beta/index.html",
        "other unit": site / "units/community/index.html",
        "own unit": site / "units/hospital/index.html",
        "English": site / "en/cases/alpha/index.html",
    }
    before = {name: path.stat().st_mtime_ns for name, path in watched.items()}
    full_build_nav = nav_labels(watched["other case"])
    time.sleep(1.1)
    case = content / "cases/alpha.zh.md"
    edited = case.read_text("utf-8").replace("背景文字。", "背景文字，改过了。")
    case.write_text(edited.replace("title: 案例 alpha", "title: 案例 alpha 新题"), "utf-8")
    second = mkdocs_build(project, site, "--dirty", strict=False)
    assert second.returncode == 0, second.stderr[-3000:]
    after = {name: path.stat().st_mtime_ns for name, path in watched.items()}
    assert "背景文字，改过了。" in watched["edited"].read_text("utf-8")
    assert "案例 alpha 新题" in watched["own unit"].read_text("utf-8")  # its card changed
    assert after["edited"] != before["edited"] and after["own unit"] != before["own unit"]
    # Not made from the edited file: neither rendered nor written again.
    assert after["other case"] == before["other case"]
    assert after["other unit"] == before["other unit"]
    assert after["English"] == before["English"]
    # The rebuilt page's navigation names every page as a full build does: no "None" for the
    # hand-written pages that the dirty rebuild did not read again.
    assert "None" not in nav_labels(watched["edited"])
    assert nav_labels(watched["edited"]) == nav_labels(watched["other case"]) == full_build_nav


def nav_labels(page) -> list[str]:
    html = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    # A case page's navigation is written by a script it shares with the other case pages.
    shared = html.select_one("div[data-md-type=navigation] script[src]")
    if shared is not None:
        html = BeautifulSoup(written_by(page, shared["src"]), "html.parser")
    return [a.get_text(" ", strip=True) for a in html.select("nav.md-nav--primary a.md-nav__link")]


def test_a_change_to_what_every_page_is_made_from_rewrites_every_page(project, content, tmp_path):
    write_case(content, "alpha", "zh")
    write_case(content, "alpha", "en")
    site = tmp_path / "out"
    assert mkdocs_build(project, site, "--dirty", strict=False).returncode == 0
    page = site / "units/community/index.html"
    english = site / "en/units/community/index.html"
    before = page.stat().st_mtime_ns, english.stat().st_mtime_ns
    time.sleep(1.1)
    css = project / "docs/stylesheets/casebook.css"
    css.write_text(css.read_text("utf-8") + "\n", "utf-8")
    os.utime(css)
    assert mkdocs_build(project, site, "--dirty", strict=False).returncode == 0
    assert page.stat().st_mtime_ns != before[0]
    assert english.stat().st_mtime_ns != before[1]
