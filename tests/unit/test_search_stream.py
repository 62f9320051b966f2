"""The search index made page by page (searchchunks.ChunkWriter, casebook_mkdocs/pagememo.py):
the same files as cutting the whole index at once, with what is held bounded by a batch of
pages and a bucket of keys, and taken from the memo when the index did not change."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from casebook.derive import indices
from casebook.incremental.memo import Memo
from casebook.pages import search, searchchunks
from casebook.pages.search import SearchDoc
from casebook.urls import SEARCH_SCRIPT
from casebook_mkdocs import pagememo
from support import real


def _docs(n: int) -> list[SearchDoc]:
    return [SearchDoc(f"p{i}.md", f"标题{i} Title{i % 7}", "案例",
                      (f"標題{i} Title{i % 7}", "学校", f"摘要 {i % 13}", "", "",
                       "".join(chr(0x4E00 + (i * 7 + k) % 3000) for k in range(200)) + f" word{i % 50} 14.{i % 9}"))
            for i in range(n)]


def _whole_at_once(index: dict, chunks: int) -> dict[str, str]:
    """The postings chunks as the index cut in one piece gives them: postings() of every page,
    each key in the chunk of its hash, keys sorted."""
    fields = [search.IndexRow(tuple(index["columns"][c][d] for c in search.COLUMNS), index["search_titles"].get(str(d)),
                              tuple(index["hidden"].get(str(d), ()))).search_fields()
              for d in range(len(index["columns"]["url"]))]
    encoded = searchchunks.postings(fields)
    grouped: list[dict] = [{} for _ in range(chunks)]
    for key in sorted(encoded):
        grouped[searchchunks.chunk_of(key, chunks, index["lang"])][key] = encoded[key]
    # English words posted away from their first letters' chunk: their counts there.
    counts = {k: len(v[0]) + len(v[2]) for k, v in encoded.items()
              if index["lang"] == "en" and k.isascii() and k.isalpha()}
    for key, chunk, count in searchchunks.moved_words(counts, chunks, index["lang"]):
        grouped[chunk][key] = count
    return {f"search/g{c}.js": searchchunks._script(f"{index['lang']}:g{c}", dict(sorted(g.items())))
            for c, g in enumerate(grouped)}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("buckets", [1, 2, 64, 1024])
def test_pages_streamed_through_buckets_give_the_chunks_of_the_whole_index(lang, buckets, monkeypatch):
    index = search.build_index(_docs(300), lang, lambda p: p)
    monkeypatch.setattr(searchchunks, "BUCKETS", buckets)
    monkeypatch.setattr(searchchunks, "BATCH_KEYS", 1000)  # many batches
    files = {f.path: f.text for f in searchchunks.chunk_files(index)}
    chunks = searchchunks.read({"m": files[SEARCH_SCRIPT]})[f"{lang}:index"]["chunks"]
    assert chunks > 1
    assert {p: t for p, t in files.items() if p.startswith("search/g")} == _whole_at_once(index, chunks)


def test_the_writer_holds_a_batch_of_pages_and_gives_out_what_results_show_as_it_goes(tmp_path):
    emitted: list[str] = []
    writer = searchchunks.ChunkWriter("zh", lambda f: emitted.append(f.path), tmp_path, buckets=16)
    rows = search.whole_index(search.Indexer("zh", lambda p: p), _docs(2 * searchchunks.DOCS_PER_CHUNK + 3))
    columns = rows["columns"]
    for d in range(len(columns["url"])):
        before = len(emitted)
        writer.add(tuple(columns[n][d] for n in searchchunks.SHOWN), None,
                   [columns["title"][d], *(columns[n][d] for n in search.FIELDS[1:])])
        # The shown columns of each DOCS_PER_CHUNK pages leave as soon as they are complete.
        assert len(emitted) - before == (1 if (d + 1) % searchchunks.DOCS_PER_CHUNK == 0 else 0)
        assert len(writer.shown) < searchchunks.DOCS_PER_CHUNK
        assert writer.batch_size < searchchunks.BATCH_KEYS
    writer.finish(search.Indexer("zh", lambda p: p).header())
    assert emitted[:2] == ["search/d0.js", "search/d1.js"] and emitted[-1] == "search/index.js"
    # The buckets are gone once their chunks are written: the scratch folder holds nothing.
    assert list(tmp_path.iterdir()) == []


def test_many_batches_go_to_disk_not_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(searchchunks, "BATCH_KEYS", 500)
    writer = searchchunks.ChunkWriter("zh", lambda f: None, tmp_path, buckets=8)
    for doc in _docs(100):
        writer.add(("u", "t", "", "", "", ""), None, list(doc.fields))
        assert writer.batch_size < 500
    assert writer.flushes >= 10


def _site(lang: str, memo: Memo, tmp_path: Path, monkeypatch, writer=None) -> tuple[dict[str, str], list[str]]:
    content = real.loaded().content
    built = indices.build(content)

    class Same(dict):
        def __missing__(self, key):
            return key

    if writer is not None:
        monkeypatch.setattr(searchchunks, "ChunkWriter", writer)
    files: dict[str, str] = {}
    scratch = tmp_path / f"scratch-{len(list(tmp_path.iterdir()))}"
    scratch.mkdir()
    indexer, docs = search.site_indexer(content, built, lang, Same(), memo=memo)
    locations = pagememo.search_files(indexer, docs, memo, lambda f: files.__setitem__(f.path, f.text), scratch)
    return files, locations


def test_a_build_streams_the_same_files_as_the_whole_index_and_a_warm_one_takes_them_from_the_memo(
        tmp_path, monkeypatch):
    memo = Memo(tmp_path / "memo.sqlite", "v")
    cold, locations = _site("zh", memo, tmp_path, monkeypatch)
    memo.end_build()

    content = real.loaded().content

    class Same(dict):
        def __missing__(self, key):
            return key

    whole = search.site_index(content, indices.build(content), "zh", Same())
    assert cold == {f.path: f.text for f in searchchunks.chunk_files(whole)}
    assert locations == search.locations(whole)

    class Refused:
        def __init__(self, *args, **kwargs):
            raise AssertionError("the index did not change: its files come from the memo")

    memo.close()
    warm, _ = _site("zh", Memo(tmp_path / "memo.sqlite", "v"), tmp_path, monkeypatch, writer=Refused)
    assert warm == cold


def test_a_memo_missing_one_file_makes_them_all_again(tmp_path, monkeypatch):
    memo = Memo(tmp_path / "memo.sqlite", "v")
    cold, _ = _site("en", memo, tmp_path, monkeypatch)
    memo.end_build()
    memo.close()
    db = sqlite3.connect(tmp_path / "memo.sqlite")
    with db:
        assert db.execute("DELETE FROM entries WHERE rowid = (SELECT min(rowid) FROM entries WHERE key LIKE ?)",
                          ('%search-file"%',)).rowcount == 1
    db.close()
    made = []

    class Counted(searchchunks.ChunkWriter):
        def __init__(self, *args, **kwargs):
            made.append(1)
            super().__init__(*args, **kwargs)

    again, _ = _site("en", Memo(tmp_path / "memo.sqlite", "v"), tmp_path, monkeypatch, writer=Counted)
    assert again == cold and made == [1]
