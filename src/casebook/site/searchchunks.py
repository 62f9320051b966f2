"""The search index of one language cut into script files that the browser loads as a query needs them.

`build_index` (search.py) gives every page's fields. Loading all of that at the first keystroke
cost 2.5 MB gzipped at 10,000 cases, and still missed the details of the bodies, which it left
out. Here the index becomes three kinds of file, each a script (`casebookSearchChunk(key, data)`)
so that it also loads from disk (file://), where fetch() is refused:

- `search/index.js`, the manifest: what is needed before any query (the Chinese vocabulary and
  the Traditional→Simplified table, the English words), the number of chunks, interface texts;
- `search/g<n>.js`, postings: for each key, the pages that hold it and in which fields. Keys are
  every pair of adjacent Han characters (so a word the vocabulary does not know is still found
  where its characters stand together, and nowhere else), single Han characters of the fields
  before the body, and Latin words and figures. A key's chunk is a hash of it, so a query loads
  one chunk per key it has, whatever the number of pages;
- `search/d<n>.js`, what a result shows (address, title, tag, metadata, summary, headings) for
  DOCS_PER_CHUNK pages, loaded only for the pages shown.

The bodies are in the postings, not in the files shown: a detail of a body finds its page, and
the result shows the page's summary.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass

from casebook.site.pages import strings

FIELD_BITS = 6  # title, meta, summary, headings, key phrases, body: search.FIELDS
BODY = 1 << (FIELD_BITS - 1)
# A result shows these columns; the key phrases and the body are searched, never shown.
SHOWN = ("url", "title", "tag", "meta", "summary", "headings")
# Pages per shown-columns chunk: ten results load at most ten of them, a few KB each.
DOCS_PER_CHUNK = 25
# Raw characters per postings chunk that the number of chunks aims at (about 20 KB gzipped).
CHUNK_CHARS = 60_000
_HAN_RUN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]+")
# Latin words and figures, a decimal whole (14.8 is one key, not 14 and 8).
_WORD = re.compile(r"[a-z0-9]+(?:\.[0-9]+)*")
_LONE_HAN = re.compile(r"(?<![\u3400-\u9fff])[\u3400-\u9fff](?![\u3400-\u9fff])")
# Mask values as single characters that JSON keeps as they are (no quote, no backslash).
_MASK = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@dataclass(frozen=True, slots=True)
class ChunkFile:
    path: str  # relative to the language's root, e.g. "search/g12.js"
    text: str


def key_hash(key: str) -> int:
    """FNV-1a over code points, then mixed; docs/javascripts/casebook-search.js computes the same."""
    h = 0x811C9DC5
    for ch in key:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    # MurmurHash3's finish: FNV's low bits depend only on the low bits of the characters, and
    # the number of chunks is a power of two (one chunk of four held nine keys in ten).
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    return h ^ (h >> 16)


def chunk_of(key: str, chunks: int) -> int:
    # Latin words by their first five letters, so that the forms of one English word
    # (train, trained, training) are found in one chunk.
    return key_hash(key[:5] if key.isascii() else key) % chunks


def keys(text: str, head: bool) -> set[str]:
    """The keys of a lower-cased field: Han pairs (and single Han characters if `head`), Latin words."""
    out: set[str] = set(_WORD.findall(text))
    for run in _HAN_RUN.findall(text):
        out.update(map(str.__add__, run, run[1:]))
        if head or len(run) == 1:
            out.update(run)
    return out


def postings(fields_by_doc: list[list[str]]) -> tuple[dict[str, tuple[list[int], list[int]]], dict[str, tuple[int, str]]]:
    """key -> the pages whose fields before the body hold it (ascending) with the mask of those
    fields in each; and body_postings of the bodies."""
    head: dict[str, tuple[list[int], list[int]]] = {}
    for d, fields in enumerate(fields_by_doc):
        masks: dict[str, int] = {}
        for f, text in enumerate(fields[:-1]):
            bit = 1 << f
            for key in keys(text.lower(), True):
                masks[key] = masks.get(key, 0) | bit
        for key, mask in masks.items():
            entry = head.get(key)
            if entry is None:
                head[key] = entry = ([], [])
            entry[0].append(d)
            entry[1].append(mask)
    return head, body_postings([fields[-1] for fields in fields_by_doc])


def body_postings(bodies: list[str]) -> dict[str, tuple[int, str]]:
    """key -> how many pages' bodies hold it, and the gaps between those pages (ascending) as
    base64 of varints (decimal text took longer to write than all the rest). The bodies hold nine keys in ten (1.9 million
    pairs of page and key in 1,000 generated Chinese cases): with a dict of lists per key that
    took 3 s per 1,000 cases; here each pair is one number, key << 24 | page, and numpy sorts
    them all at once."""
    import numpy as np

    words: dict[str, int] = {}
    parts = []
    for d, body in enumerate(bodies):
        text = body.lower()
        points = np.frombuffer(text.encode("utf-32-le"), np.uint32).astype(np.int64)
        han = (points >= 0x3400) & (points <= 0x9FFF)
        pairs = (points[:-1] << 16 | points[1:])[han[:-1] & han[1:]]
        # Latin words and figures, and the Han characters that stand alone, by a number of their own above the pairs.
        alone = [w for w in _WORD.findall(text)] + [m.group() for m in _LONE_HAN.finditer(text)]
        extra = np.fromiter((words.setdefault(w, len(words)) + (1 << 32) for w in set(alone)), np.int64)
        parts.append(_distinct(np.concatenate((pairs, extra))) << 24 | d)
    if not parts:
        return {}
    pairs = _distinct(np.concatenate(parts))
    keys_, docs = pairs >> 24, pairs & 0xFFFFFF
    starts = np.flatnonzero(np.diff(keys_, prepend=-1))
    gaps = np.diff(docs, prepend=0)
    gaps[starts] = docs[starts]
    data, offsets = varints(gaps)
    bounds = [*offsets[starts].tolist(), len(data)]
    counts = np.diff(np.append(starts, len(docs))).tolist()
    by_id = {i + (1 << 32): w for w, i in words.items()}
    out = {}
    for n, k in enumerate(keys_[starts].tolist()):
        key = by_id[k] if k >= 1 << 32 else chr(k >> 16) + chr(k & 0xFFFF)
        out[key] = (counts[n], base64.b64encode(data[bounds[n]:bounds[n + 1]]).decode("ascii"))
    return out


def varints(values):
    """Values below 2**21 as little-endian base-128 varints (seven bits a byte, the high bit set
    on every byte but a value's last), all at once; and where each value starts."""
    import numpy as np

    lengths = 1 + (values >= 1 << 7) + (values >= 1 << 14)
    offsets = np.cumsum(lengths) - lengths
    buf = np.zeros(int(lengths.sum()), np.uint8)
    buf[offsets] = (values & 127) | np.where(lengths > 1, 128, 0)
    two, three = lengths > 1, lengths > 2
    buf[offsets[two] + 1] = ((values[two] >> 7) & 127) | np.where(three[two], 128, 0)
    buf[offsets[three] + 2] = values[three] >> 14
    return buf.tobytes(), offsets


def _distinct(a):
    """The distinct values of a numpy array, ascending: np.unique hashes since numpy 2.3, seven
    times slower here than sorting."""
    import numpy as np

    a.sort()
    return a[np.concatenate(([True], a[1:] != a[:-1]))] if len(a) else a


def _gaps(docs: list[int]) -> str:
    """Gaps between ascending page numbers, in decimal (base 36 saved 4 % gzipped for three
    times the time)."""
    return ",".join(map(str, map(int.__sub__, docs, [0, *docs[:-1]]))) if docs else ""


def encode(head: tuple[list[int], list[int]] | None, body: tuple[int, str] | None) -> list[str]:
    """[gaps of the pages holding the key before the body, one mask character each, gaps of
    the pages holding it in the body as body_postings wrote them]."""
    docs, masks = head or ([], [])
    return [_gaps(docs), "".join(_MASK[m] for m in masks), body[1] if body else ""]


def _script(key: str, data) -> str:
    return f"casebookSearchChunk({json.dumps(key)},{json.dumps(data, ensure_ascii=False, separators=(',', ':'))});\n"


def chunk_files(index: dict) -> list[ChunkFile]:
    """Every file of one language's search, from search.build_index's `index`."""
    lang, columns = index["lang"], index["columns"]
    n = len(columns["url"])
    retitled = index["search_titles"]
    search_fields = index["fields"]
    fields_by_doc = [
        [retitled.get(str(d), columns["title"][d]), *(columns[name][d] for name in search_fields[1:])]
        for d in range(n)
    ]
    head, body = postings(fields_by_doc)
    encoded = {key: encode(head.get(key), body.get(key)) for key in head.keys() | body.keys()}
    size = sum(len(k) + len(v[0]) + len(v[1]) + len(v[2]) + 10 for k, v in encoded.items())
    chunks = 1
    while chunks * CHUNK_CHARS < size:
        chunks *= 2
    grouped: list[dict] = [{} for _ in range(chunks)]
    for key in sorted(encoded):
        grouped[chunk_of(key, chunks)][key] = encoded[key]
    files = [ChunkFile(f"search/g{i}.js", _script(f"{lang}:g{i}", g)) for i, g in enumerate(grouped)]
    for c, start in enumerate(range(0, n, DOCS_PER_CHUNK)):
        part = {name: columns[name][start:start + DOCS_PER_CHUNK] for name in SHOWN}
        part["search_titles"] = {k: v for k, v in retitled.items() if start <= int(k) < start + DOCS_PER_CHUNK}
        files.append(ChunkFile(f"search/d{c}.js", _script(f"{lang}:d{c}", part)))
    manifest = {
        "lang": lang, "fields": index["fields"], "weights": index["weights"], "docs": n,
        "docs_per_chunk": DOCS_PER_CHUNK, "chunks": chunks,
        # What the box says when nothing matches (strings.yml: search_*).
        "texts": {k: v for k, v in strings()[lang].items() if k.startswith("search_")},
    }
    if lang == "zh":
        manifest["vocabulary"] = index["vocabulary"]
        manifest["t2s"] = index["t2s"]
    else:
        # Every word, for the forms of a query word (its stem), the word being typed and the
        # nearest words when nothing matches; by how many pages hold it, most first.
        words = [k for k in encoded if k.isascii() and not k.isdigit()]
        count = {k: max(len(head[k][0]) if k in head else 0, body[k][0] if k in body else 0) for k in words}
        manifest["words"] = sorted(words, key=lambda w: (-count[w], w))
    files.insert(0, ChunkFile("search/index.js", _script(f"{lang}:index", manifest)))
    return files


def read(files: dict[str, str]) -> dict:
    """The data of each file that chunk_files wrote, by its key (for tests and tools)."""
    out = {}
    for text in files.values():
        key, _, data = text.strip()[len("casebookSearchChunk("):-2].partition(",")
        out[json.loads(key)] = json.loads(data)
    return out
