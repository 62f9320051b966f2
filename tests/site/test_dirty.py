"""The editor's loop: `mkdocs build --dirty` (what `mkdocs serve --dirty` runs after each save)
writes again what an edit changed, and leaves the rest as it was."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bs4 import BeautifulSoup

from support import differing_files, mkdocs_build, write_case
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
        "edited's citation": site / "cases/alpha/cite.bib",
        "other case's citation": site / "cases/beta/cite.bib",
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
    # Data files too: only those whose text changed are written again.
    assert "案例 alpha 新题" in watched["edited's citation"].read_text("utf-8")
    assert after["edited's citation"] != before["edited's citation"]
    assert after["other case's citation"] == before["other case's citation"]
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


# What `mkdocs serve --dirty` does in its one process: the first build, then a rebuild after an
# edit (the plugin object, its memo and its search thread kept between them), then its end.
SERVE = """
import sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

site, case, marker = sys.argv[1:]
config = load_config("mkdocs.yml", site_dir=site)
config.plugins.on_startup(command="serve", dirty=True)
build(config, dirty=True)
time.sleep(1.1)
path = Path(case)
path.write_text(path.read_text("utf-8").replace("title: 案例 alpha", "title: " + marker), "utf-8")
config = load_config("mkdocs.yml", site_dir=site)
build(config, dirty=True)
print("shown" if marker in (Path(site) / "cases/alpha/index.html").read_text("utf-8") else "not shown")
config.plugins.on_shutdown()
"""


def test_a_serve_rebuild_shows_the_edit_and_then_the_search_index_of_a_full_build(project, content, tmp_path):
    # The search index of a rebuild is made after MkDocs shows the pages: once made, it is the one
    # a full build of the edited content writes, never the one kept from before the edit.
    for id in ("alpha", "beta"):
        write_case(content, id, "zh")
        write_case(content, id, "en")
    site = tmp_path / "served"
    marker = "案例独一无二"
    script = tmp_path / "serve.py"
    script.write_text(SERVE, "utf-8")
    served = subprocess.run([sys.executable, str(script), str(site), str(content / "cases/alpha.zh.md"), marker],
                            cwd=project, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert served.returncode == 0, served.stderr[-3000:]
    assert served.stdout.split() == ["shown"]
    full = tmp_path / "full"
    assert mkdocs_build(project, full, strict=False).returncode == 0
    assert differing_files(full / "search", site / "search") == []
    assert any(marker in p.read_text("utf-8") for p in (site / "search").glob("*.js"))
    # So are its open data, feeds and citation files, written after the pages too (the edit
    # was to the Chinese file: the English site, not rebuilt, waits for the next full build).
    data = [f for f in differing_files(full, site) if not f.startswith("en/")
            and not f.endswith((".html", "casebook-dirty-build")) and "sitemap" not in f]
    assert data == [], data
    assert marker in (site / "data" / "cases.json").read_text("utf-8")
