"""What the adapter keeps in the memo besides the core's own: each case page as the core wrote
it, and the files of the search index, so that a warm build works out again only what changed.

Each is kept under a key holding everything it is made from; a key that misses a part would
publish a stale page, so the parts are listed here next to what reads them:
- a case page (pages/case.py): the case's files (both languages: shared fields come from each,
  and a missing language shows the other's text), the day it last changed, its related cases
  (their ids, what they share and the title each shows, from its file), the taxonomy, the
  language, the address style and the heading style; the code and strings come in through
  the memo's version.
- the search files (pages/searchchunks.py): the whole index they are cut from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from casebook.derive.indices import Indices
from casebook.incremental.memo import Memo, digest
from casebook.model import Case, Content
from casebook.pages import searchchunks
from casebook.pages.page import PageStub
from casebook.urls import case_path


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


def chunk_files(index: dict, memo: Memo) -> list[searchchunks.ChunkFile]:
    h = hashlib.blake2b(digest_size=16)
    _digest(index, h)
    files = memo.get(("search-files", h.hexdigest()),
                     lambda: tuple((f.path, f.text) for f in searchchunks.chunk_files(index)), hold=False)
    return [searchchunks.ChunkFile(path, text) for path, text in files]


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
