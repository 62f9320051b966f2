"""What the adapter keeps in the memo besides the core's own: each case page as the core wrote
it, and the files of the search index, so that a warm build works out again only what changed.

Each is kept under a key holding everything it is made from; a key that misses a part would
publish a stale page, so the parts are listed here next to what reads them:
- a case page (pages/case.py): the case's files (both languages: shared fields come from each,
  and a missing language shows the other's text), the day it last changed, its related cases
  (their ids, what they share and the title each shows, from its file), the taxonomy, the
  language, the address style and the heading style; the code and strings come in through
  the memo's version.
- the search files (pages/searchchunks.py): every row of the index and what it holds besides.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casebook.derive.indices import Indices
from casebook.incremental.memo import Memo, digest
from casebook.model import Case, Content
from casebook.pages import search, searchchunks
from casebook.pages.page import PageStub
from casebook.urls import case_path
from casebook_mkdocs import heap


class CasePages:
    def __init__(self, content: Content, indices: Indices, lang: str, updated: Mapping[str, str],
                 memo: Memo, context: Any):
        self.content, self.indices, self.lang, self.updated, self.memo = content, indices, lang, updated, memo
        self.by_path = {case_path(c.id): c for c in content.cases}
        self.context = digest(repr((lang, content.taxonomy, context)))

    def stub(self, stub: PageStub) -> PageStub:
        case = self.by_path.get(stub.path)
        key = self.key(case) if case is not None else None
        if key is None:
            return stub
        return PageStub(stub.path, stub.kind, stub.source, lambda: self.memo.get(key, stub.make, hold=False))

    def key(self, case: Case) -> tuple | None:
        texts = tuple(sorted((lang, text.digest) for lang, text in case.texts.items()))
        if case.draft or not all(d for _, d in texts):
            return None  # a text not read from a file has no digest to key it by
        related = []
        for r in self.indices.related.get(case.id, ()):
            other = self.indices.cases_by_id.get(r.case)
            if other is None:
                return None
            related.append((r.case, other.text(self.lang).digest, r.measures, r.same_unit))
        return ("case-page", self.context, case.id, texts, self.updated.get(str(case.text(self.lang).path)),
                tuple(related))


@dataclass(frozen=True)
class SearchRows:
    """One language's search rows, written to a file in the scratch folder (search_rows), and
    what the files made from them are kept under in the memo (a digest of the rows and header)."""

    key: str
    locations: list[str]  # the address of every page indexed
    rows: Path
    header: dict[str, Any]


def search_rows(indexer: search.Indexer, docs: Iterable[search.SearchDoc], scratch: Path) -> SearchRows:
    """Every page's row (segmenting, pinyin, synonyms: most of the processor time of the index),
    one JSON line each, into a file in `scratch`, and into a digest; then the header."""
    h = hashlib.blake2b(digest_size=16)
    locations = []
    rows = scratch / "rows.jsonl"
    with open(rows, "w", encoding="utf-8") as f:
        for doc in docs:
            row = indexer.row(doc)
            line = json.dumps([row.columns, row.search_title, row.hidden], ensure_ascii=False) + "\n"
            h.update(line.encode("utf-8"))
            f.write(line)
            locations.append(row.columns[0])
    heap.give_back()  # what making the rows freed (segmenting, key phrases), before the postings
    header = indexer.header()
    _digest(header, h)
    return SearchRows(h.hexdigest(), locations, rows, header)


def search_chunks(made: SearchRows, lang: str, memo: Memo, emit: Callable[[searchchunks.ChunkFile], None],
                  scratch: Path) -> None:
    """The search files of the rows, each given to `emit` as it is made (the postings: most of
    the index's memory). When the memo holds the files of the rows' digest (a warm build, an
    index that did not change), they are taken from it one by one; otherwise the rows are read
    back one at a time into a searchchunks.ChunkWriter, and each file it makes is kept in the
    memo on its own. Neither way holds the whole index."""
    key = made.key
    if _recalled(memo, key, emit):
        return
    paths = []

    def keep(file: searchchunks.ChunkFile) -> None:
        emit(file)
        memo.get(("search-file", key, file.path), lambda: file.text, hold=False)
        paths.append(file.path)

    writer = searchchunks.ChunkWriter(lang, keep, scratch)
    shown = [search.COLUMNS.index(name) for name in searchchunks.SHOWN]
    with open(made.rows, encoding="utf-8") as f:
        for line in f:
            columns, title, hidden = json.loads(line)
            row = search.IndexRow(tuple(columns), title, tuple(hidden))
            writer.add(tuple(row.columns[c] for c in shown), title, row.search_fields())
    writer.finish(made.header)
    # Last: a build stopped before this point left no list, and the next one makes them again.
    memo.get(("search-files", key), lambda: tuple(paths), hold=False)


def search_files(indexer: search.Indexer, docs: Iterable[search.SearchDoc], memo: Memo,
                 emit: Callable[[searchchunks.ChunkFile], None], scratch: Path) -> list[str]:
    """The search files of one language, each given to `emit` as it is made; the address of
    every page indexed: search_rows, then search_chunks."""
    made = search_rows(indexer, docs, scratch)
    search_chunks(made, indexer.lang, memo, emit, scratch)
    return made.locations


class _Absent(Exception):
    pass


def _absent():
    raise _Absent


def _recalled(memo: Memo, key: str, emit: Callable[[searchchunks.ChunkFile], None]) -> bool:
    """Whether the memo held every search file of the index `key`; each given to `emit`."""
    try:
        for path in memo.get(("search-files", key), _absent, hold=False):
            emit(searchchunks.ChunkFile(path, memo.get(("search-file", key, path), _absent, hold=False)))
    except _Absent:
        return False
    return True


def _digest(value: Any, h) -> None:
    """`value` (the index: dicts, lists, strings, numbers) into the hash `h` piece by piece, not
    as one JSON text, which at 10,000 cases would hold every body a second time."""
    if isinstance(value, dict):
        h.update(b"{")
        for key in sorted(value):
            _digest(key, h)
            _digest(value[key], h)
        h.update(b"}")
    elif isinstance(value, (list, tuple)):
        h.update(b"[")
        for item in value:
            _digest(item, h)
        h.update(b"]")
    elif isinstance(value, str):
        data = value.encode("utf-8")
        h.update(b"s%d:" % len(data))
        h.update(data)
    else:
        h.update(f"{type(value).__name__}:{value!r};".encode())
