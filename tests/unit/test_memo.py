"""What builds keep between them (memo.py): the same results as without, recomputed only for
what changed, and never read when written by other code."""

from __future__ import annotations

from pathlib import Path

from casebook.corpus import loader
from casebook.derive import indices, segment
from casebook.incremental.memo import Memo
from casebook.pages import search
from support import ROOT, write_case


def test_a_kept_load_is_the_same_content_and_reads_no_file_again():
    memo = Memo()
    cold = loader.load(ROOT / "content")
    first = loader.load(ROOT / "content", memo)
    memo.end_build()
    second = loader.load(ROOT / "content", memo)
    assert memo.computed == 0
    assert second.content == first.content == cold.content
    assert second.problems == cold.problems


def test_a_changed_file_is_checked_again_and_its_errors_come_back_from_the_memo(content):
    write_case(content, "alpha")
    write_case(content, "alpha", "en")
    bad = write_case(content, "beta", unit_type="hospitl")
    write_case(content, "beta", "en", unit_type="hospitl")
    memo = Memo()
    first = loader.load(content, memo)
    memo.end_build()
    assert [p.field for p in first.errors] == ["unit_type", "unit_type"]

    bad.write_text(bad.read_text("utf-8").replace("summary: 一段摘要。", "summary: 改过的摘要。"), "utf-8")
    second = loader.load(content, memo)
    assert memo.computed == 1  # only the edited file
    # The unchanged English file's error is reported as before, with its line, from the memo.
    assert [str(p) for p in second.errors] == [str(p) for p in loader.load(content).errors]
    assert str(second.errors[1]).startswith("content/cases/beta.zh.md:4")
    memo.end_build()

    bad.write_text(bad.read_text("utf-8").replace("hospitl", "hospital"), "utf-8")
    (bad.with_name("beta.en.md")).write_text(
        bad.with_name("beta.en.md").read_text("utf-8").replace("hospitl", "hospital"), "utf-8")
    third = loader.load(content, memo)
    assert third.errors == ()
    assert next(c for c in third.content.cases if c.id == "beta").text("zh").summary == "改过的摘要。"


def test_kept_indices_and_search_fields_equal_computed_ones():
    content = loader.load(ROOT / "content").content
    memo = Memo()
    computed = []
    for _ in range(2):
        kept = indices.build(content, memo)
        docs = list(search.documents(content, kept, "zh", memo))
        words = search.domain_words(content, "zh")
        index = search.build_index(docs, "zh", lambda p: p, segment.segmenter(words), words, memo)
        computed.append(memo.computed)
        memo.end_build()
    assert computed[0] > 0 and computed[1] == 0
    fresh = indices.build(content)
    assert kept.term_uses == fresh.term_uses
    assert any(cases for per in fresh.term_uses.values() for cases in per.values())
    assert index == search.build_index(list(search.documents(content, fresh, "zh")), "zh", lambda p: p,
                                       segment.segmenter(words), words)


def test_the_memo_file_is_read_back_only_by_the_same_code(tmp_path):
    path = tmp_path / "memo.sqlite"
    memo = Memo(path, "v1")
    assert memo.get("key", lambda: "computed") == "computed"
    memo.end_build()
    assert path.exists()

    again = Memo(path, "v1")
    assert again.get("key", lambda: "computed again") == "computed"
    assert again.computed == 0

    other = Memo(path, "v2")
    assert other.get("key", lambda: "computed again") == "computed again"


def test_what_a_build_no_longer_asks_for_is_dropped(tmp_path):
    path = tmp_path / "memo.sqlite"
    memo = Memo(path, "v1")
    memo.get("old", lambda: 1)
    memo.get("kept", lambda: 2)
    memo.end_build()
    memo.get("kept", lambda: 3)
    memo.end_build()
    reread = Memo(path, "v1")
    assert reread.get("old", lambda: "gone") == "gone"
    assert reread.get("kept", lambda: "gone") == 2


def test_an_unreadable_memo_file_is_computed_again(tmp_path):
    path = tmp_path / "memo.sqlite"
    path.write_bytes(b"not a pickle")
    memo = Memo(path, "v1")
    assert memo.get("key", lambda: "computed") == "computed"
    memo.end_build()
    assert Memo(path, "v1").get("key", lambda: "again") == "computed"


def test_problems_found_across_files_name_the_same_line_from_kept_files(content):
    # Twins that disagree are found after each file's own checks, from the kept front matter.
    write_case(content, "alpha")
    en = write_case(content, "alpha", "en")
    en.write_text(en.read_text("utf-8").replace("year: 2019", "year: 2020"), "utf-8")
    memo = Memo()
    cold = loader.load(content, memo)
    memo.end_build()
    warm = loader.load(content, memo)
    assert memo.computed == 0
    assert [str(p) for p in warm.errors] == [str(p) for p in cold.errors]
    assert str(warm.errors[0]).startswith("content/cases/alpha.en.md:8")


def test_files_unchanged_since_the_last_load_are_not_read_again_and_a_rewrite_is_seen(content, monkeypatch):
    import os
    from pathlib import Path

    alpha = write_case(content, "alpha")
    write_case(content, "alpha", "en")
    hour_ago = os.stat(alpha).st_mtime - 3600
    for f in (content / "cases").iterdir():
        os.utime(f, (hour_ago, hour_ago))  # written well before the load: its times can be trusted
    memo = Memo()
    loader.load(content, memo)
    memo.end_build()

    from casebook.corpus import assets

    reads = []
    read_regular = assets.read_regular  # how the loader reads a content file
    monkeypatch.setattr(assets, "read_regular",
                        lambda path, limit: reads.append(Path(path).name) or read_regular(path, limit))
    assert loader.load(content, memo).content.cases[0].text("zh").summary == "一段摘要。"
    assert [name for name in reads if name.endswith(".md")] == []
    memo.end_build()

    # The same size and modification time, other text: the change time still tells.
    alpha.write_text(alpha.read_text("utf-8").replace("一段摘要。", "二段摘要。"), "utf-8")
    os.utime(alpha, (hour_ago, hour_ago))
    again = loader.load(content, memo)
    assert [name for name in reads if name.endswith(".md")] == ["alpha.zh.md"]
    assert again.content.cases[0].text("zh").summary == "二段摘要。"


def test_a_memo_that_cannot_be_written_is_no_error(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    memo = Memo(blocked / "memo.sqlite", "v1")  # its folder cannot be made
    assert memo.get("key", lambda: "computed") == "computed"
    memo.end_build()
    assert memo.write_error and "memo.sqlite" in memo.write_error
    assert memo.get("key", lambda: "again") == "computed"  # still kept in memory


def test_a_build_whose_cache_folder_cannot_be_made_still_builds(project, content, tmp_path):
    from support import mkdocs_build

    write_case(content, "alpha")
    write_case(content, "alpha", "en")
    (project / ".cache").write_text("a file where the folder would go")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "is not kept for the next one" in result.stderr
    assert (tmp_path / "site" / "cases" / "alpha" / "index.html").exists()


def test_kept_cards_show_an_edited_title_and_the_same_html_as_fresh_ones(content):
    from casebook.pages import catalog
    from casebook.urls import unit_path

    write_case(content, "alpha")
    en = write_case(content, "alpha", "en", title="First title")
    memo = Memo()

    def unit_page(m):
        loaded = loader.load(content, m)
        built = indices.build(loaded.content, m)
        page = next(p for p in catalog.site_pages(loaded.content, built, "en", cases=False, memo=m)
                    if p.path == unit_path("hospital"))
        return "".join(page.fragments.values())

    first = unit_page(memo)
    memo.end_build()
    assert "First title" in first and unit_page(memo) == first == unit_page(None)
    memo.end_build()
    en.write_text(en.read_text("utf-8").replace("First title", "Second title"), "utf-8")
    second = unit_page(memo)
    assert "Second title" in second and "First title" not in second
    assert second == unit_page(None)


def test_values_read_back_from_the_file_equal_computed_ones(tmp_path):
    content = loader.load(ROOT / "content").content
    path = tmp_path / "memo.sqlite"
    results = []
    for _ in range(2):
        memo = Memo(path, "v1")  # a new process each time: everything comes from the file
        loaded = loader.load(ROOT / "content", memo)
        kept = indices.build(loaded.content, memo)
        docs = list(search.documents(loaded.content, kept, "zh", memo))
        words = search.domain_words(loaded.content, "zh")
        index = search.build_index(docs, "zh", lambda p: p, segment.segmenter(words), words, memo)
        results.append((memo.computed, loaded, kept, index))
        memo.end_build()
        memo.close()
    (cold, warm) = results
    assert cold[0] > 0 and warm[0] == 0
    assert warm[1] == cold[1] and warm[1].content == content
    assert warm[2] == cold[2] and warm[3] == cold[3]


def test_a_planted_pickle_in_the_cache_never_runs(tmp_path):
    import pickle

    ran = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(ran), "w"))

    for name in ("memo.sqlite", "zh.pickle"):
        (tmp_path / name).write_bytes(pickle.dumps(Payload()))
    memo = Memo(tmp_path / "memo.sqlite", "v1")
    assert memo.get("key", lambda: "computed") == "computed"
    memo.end_build()
    assert not ran.exists()
    assert Memo(tmp_path / "memo.sqlite", "v1").get("key", lambda: "again") == "computed"


def test_a_stored_value_with_a_changed_character_is_worked_out_again(tmp_path):
    import sqlite3

    path = tmp_path / "memo.sqlite"
    memo = Memo(path, "v1")
    memo.get(("card", "alpha"), lambda: "<p>三千四百万元</p>")
    memo.end_build()
    memo.close()
    with sqlite3.connect(path) as db:  # the same length, one character changed
        db.execute("UPDATE entries SET value = replace(value, '四', '五')")
    again = Memo(path, "v1")
    assert again.get(("card", "alpha"), lambda: "<p>三千四百万元</p>") == "<p>三千四百万元</p>"
    assert again.computed == 1 and again.dropped == 1
    again.end_build()
    assert Memo(path, "v1").get(("card", "alpha"), lambda: "other") == "<p>三千四百万元</p>"  # mended


def test_a_stored_value_naming_other_code_is_not_read(tmp_path):
    import sqlite3

    from casebook.incremental import store

    path = tmp_path / "memo.sqlite"
    memo = Memo(path, "v1")
    memo.get("key", lambda: "computed")
    memo.end_build()
    memo.close()
    for planted in ('["c","os:system","echo hi"]', '["c","casebook.model:Problem","a"]', '{"__class__":"x"}'):
        key = store.key_text("key")
        with sqlite3.connect(path) as db:  # a checksum that matches: only the format can refuse it
            db.execute("UPDATE entries SET value = ?, sum = ?", (planted, store.checksum(key, planted)))
        assert Memo(path, "v1").get("key", lambda: "again") == "again"


def test_a_cache_file_with_a_trigger_is_not_used(tmp_path):
    import sqlite3

    path = tmp_path / "memo.sqlite"
    memo = Memo(path, "v1")
    memo.get("key", lambda: "computed")
    memo.end_build()
    memo.close()
    with sqlite3.connect(path) as db:
        db.execute("CREATE TRIGGER t AFTER INSERT ON entries BEGIN DELETE FROM meta; END")
    again = Memo(path, "v1")
    assert again.get("key", lambda: "again") == "again"
    again.end_build()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall() == []


def test_a_case_page_is_kept_in_the_file_and_read_back_the_same(tmp_path):
    # A value the file format cannot write is never kept, silently: the case pages (which have a
    # __post_init__) once went uncached, and every warm build wrote them all again.
    from casebook.pages.case import case_pages
    from casebook.pages.page import PageKind, SitePage

    loaded = loader.load(ROOT / "content")
    kept = indices.build(loaded.content)
    stub = next(case_pages(loaded.content, kept, "zh"))
    page = stub.make()
    path = tmp_path / "memo.sqlite"
    memo = Memo(path, "v1")
    assert memo.get(("case-page", stub.path), lambda: page) is page
    memo.end_build()
    memo.close()
    again = Memo(path, "v1")
    read = again.get(("case-page", stub.path), lambda: None)
    assert again.computed == 0
    assert isinstance(read, SitePage) and read == page and read.kind is PageKind.CASE


def kept_and_fresh(content: Path, case: Path, field: str, values: tuple[str, ...], made) -> list[tuple]:
    """After each value is written into the case's field: what `made(loaded, memo)` gives with a
    memo kept in a file (a new process each time: what is kept comes from the file) and without."""
    path = content.parent / "memo.sqlite"
    results = []
    for before, value in zip((values[0], *values), values, strict=False):
        case.write_text(case.read_text("utf-8").replace(f"{field}: {before}", f"{field}: {value}"), "utf-8")
        memo = Memo(path, "v1")
        loaded = loader.load(content, memo).content
        results.append((made(loaded, memo), made(loaded, None)))
        memo.end_build()
        memo.close()
    return results


def test_a_kept_page_description_follows_an_edited_summary(content):
    from casebook.pages import publish

    case = write_case(content, "alpha")
    (first, first_fresh), (second, second_fresh) = kept_and_fresh(
        content, case, "summary", ("一段摘要。", "改过的摘要。"),
        lambda loaded, memo: publish.page_facts(loaded, "zh", memo=memo))
    assert first == first_fresh and second == second_fresh
    assert second["cases/alpha.md"].description == "改过的摘要。"


def test_kept_citation_files_follow_an_edited_title(content):
    from casebook.pages import publish

    case = write_case(content, "alpha", title="第一个标题")
    (first, first_fresh), (second, second_fresh) = kept_and_fresh(
        content, case, "title", ("第一个标题", "第二个标题"),
        lambda loaded, memo: {f.path: f.content for f in publish.data_files(
            loaded, "zh", "站点", {}, "https://example.org/", today="2026-12-07", memo=memo) if "/cite." in f.path})
    assert first == first_fresh and second == second_fresh and len(second) == 3
    assert all("第二个标题" in data.decode("utf-8") for data in second.values())


def test_a_memo_opened_in_one_thread_reads_its_file_in_another(tmp_path):
    # `mkdocs serve` builds first in its main thread and rebuilds in others: a connection that
    # refused other threads made every rebuild work out again what the file held.
    import threading

    path = tmp_path / "memo.sqlite"
    memo = Memo(path, "v1")
    memo.get("one", lambda: "kept one")
    memo.get("two", lambda: "kept two")
    memo.end_build()
    memo.close()
    again = Memo(path, "v1")
    assert again.get("one", lambda: "computed") == "kept one"  # opens the file in this thread
    found = []
    reader = threading.Thread(target=lambda: found.append(again.get("two", lambda: "computed")))
    reader.start()
    reader.join()
    assert found == ["kept two"] and again.computed == 0


def test_a_kept_load_sets_and_scans_only_the_changed_file_and_still_looks_for_its_images(content, monkeypatch):
    # `mkdocs serve` loads again after every edit: each file's fields as typeset and what its
    # body refers to are kept by its digest, and only an edited file's are worked out again.
    # Whether an image is there is not kept: it can go while the case stays the same.
    image = content / "images" / "hall.png"
    image.parent.mkdir()
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    alpha = write_case(content, "alpha")
    alpha.write_text(alpha.read_text("utf-8").replace("背景文字。", "背景文字。\n\n![大厅](../images/hall.png)"),
                     "utf-8")
    write_case(content, "alpha", "en")
    write_case(content, "beta")
    write_case(content, "beta", "en")
    memo = Memo()
    first = loader.load(content, memo)
    memo.end_build()
    assert first.problems == ()

    worked: list[str] = []
    for name in ("_text_fields", "_scan"):
        real = getattr(loader, name)
        monkeypatch.setattr(loader, name,
                            lambda f, real=real, name=name: worked.append(f"{name} {f.path.name}") or real(f))
    beta = content / "cases" / "beta.zh.md"
    beta.write_text(beta.read_text("utf-8").replace("title: 案例 beta", "title: 改过的 beta"), "utf-8")
    image.unlink()
    second = loader.load(content, memo)
    assert sorted(worked) == ["_scan beta.zh.md", "_text_fields beta.zh.md"]
    assert next(c for c in second.content.cases if c.id == "beta").text("zh").title == "改过的 beta"
    assert second.content == loader.load(content).content
    assert [(p.field, p.line) for p in second.errors] == [("body", 20)]  # the image's line
    assert "hall.png" in str(second.errors[0])
    assert second.problems == loader.load(content).problems
