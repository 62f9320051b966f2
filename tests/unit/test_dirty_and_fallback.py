"""Decisions the core makes for the adapter: what a dirty build writes again, and which file a
language shows for a hand-written page."""

from __future__ import annotations

import os
import time

from casebook.incremental import dirty
from casebook.pages import handwritten


def test_a_language_is_rebuilt_only_for_its_own_files_or_the_ones_it_borrows(tmp_path):
    content = tmp_path / "content"
    (content / "cases").mkdir(parents=True)
    zh, en, alone = (content / "cases" / n for n in ("a.zh.md", "a.en.md", "b.zh.md"))
    for f in (zh, en, alone):
        f.write_text("x", "utf-8")
    assert not dirty.touches(content, [zh], "en") and dirty.touches(content, [zh], "zh")
    assert dirty.touches(content, [alone], "en")  # the English site shows the Chinese text
    assert dirty.touches(content, [content / "taxonomy.yml"], "en")  # every language is made from it
    assert dirty.touches(content, None, "en")  # no dirty build before: everything


def test_index_pages_are_compared_only_when_nothing_but_content_pages_changed(tmp_path):
    site, content = tmp_path / "site", tmp_path / "content"
    (content / "cases").mkdir(parents=True)
    site.mkdir()
    assert dirty.changed_files(site, [content]) is None  # no mark: no dirty build yet
    started = time.time() - 10
    digest = dirty.page_digest("# Units", ["<div>cards</div>"])
    dirty.leave_mark(site, {"units/index.md": digest}, started)
    case = content / "cases" / "a.zh.md"
    case.write_text("x", "utf-8")
    changed = dirty.changed_files(site, [content])
    assert changed == [case]
    assert dirty.previous_digests(site, content, changed) == {"units/index.md": digest}
    theme = tmp_path / "main.html"
    theme.write_text("x", "utf-8")
    assert dirty.previous_digests(site, content, [case, theme]) == {}
    os.utime(case, (started - 5, started - 5))
    assert dirty.changed_files(site, [content]) == []
    assert digest != dirty.page_digest("# Units", ["<div>other cards</div>"])


def test_each_language_shows_its_own_page_or_the_other_with_a_notice():
    chosen = handwritten.choose(["index.zh.md", "about.zh.md", "index.en.md", "guide/x.en.md"], "en")
    assert [(p.path, p.file, p.written_in) for p in chosen] == [
        ("index.md", "index.en.md", "en"), ("about.md", "about.zh.md", "zh"), ("guide/x.md", "guide/x.en.md", "en")]
    page = handwritten.with_notice("# 关于\n\n正文。\n", "en", "zh")
    title, rest = page.split("\n", 1)
    assert title == "# 关于" and "cb-missing-translation" in rest.split("正文")[0]
    assert handwritten.with_notice("No title.\n", "en", "zh").startswith("!!! warning cb-missing-translation")
