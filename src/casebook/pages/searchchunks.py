"""The search index of one language cut into script files that the browser loads as a query needs them.

`build_index` (search.py) gives every page's fields. Loading all of that at the first keystroke
cost 2.5 MB gzipped at 10,000 cases, and still missed the details of the bodies, which it left
out. Here the index becomes three kinds of file, each a script (`casebookSearchChunk(key, data)`)
so that it also loads from disk (file://), where fetch() is refused:

- `search/index.js`, the manifest: what is needed before any query (the Chinese vocabulary and
  the Traditional→Simplified table, the rules of English word forms), the number of chunks,
  interface texts;
- `search/g<n>.js`, postings: for each key, the pages that hold it and in which fields. Keys are
  every pair of adjacent Han characters (so a word the vocabulary does not know is still found
  where its characters stand together, and nowhere else), single Han characters of the fields
  before the body, and Latin words and figures. A key's chunk is a hash of it, so a query loads
  one chunk per key it has, whatever the number of pages (English words: a hash of the first
  letters of their key, `chunk_text`, so that one chunk holds all the forms of a word and all
  the words that a word being typed may become);
- `search/d<n>.js`, what a result shows (address, title, tag, metadata, summary, headings) for
  DOCS_PER_CHUNK pages, loaded only for the pages shown;
- `search/words.js` (English), every word, the commonest first: loaded only to offer the
  nearest words or a correction when nothing matches; and `search/w<letter>.js`, the same words
  by their first letter, loaded to complete a word of two to four letters being typed (a reader
  typing a first query letter by letter loads one of these, a few KB, not every word).

The bodies are in the postings, not in the files shown: a detail of a body finds its page, and
the result shows the page's summary.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
from dataclasses import dataclass
from itertools import pairwise

from casebook.pages.searchwords import english_key, leading_letters
from casebook.strings import strings
from casebook.urls import SEARCH_SCRIPT

# The wire format's version, in the manifest: the page's script refuses an index of another
# version (a stale cached script beside a new index) with a clear error instead of wrong results.
FORMAT_VERSION = 3
FIELD_BITS = 6  # title, meta, summary, headings, key phrases, body: search.FIELDS
BODY = 1 << (FIELD_BITS - 1)
# A result shows these columns; the key phrases and the body are searched, never shown.
SHOWN = ("url", "title", "tag", "meta", "summary", "headings")
# Pages per shown-columns chunk: ten results load at most ten of them, a few KB each.
DOCS_PER_CHUNK = 25
# Raw characters per postings chunk that the number of chunks aims at (about 20 KB gzipped).
CHUNK_CHARS = 60_000
# Han characters, as the body of a character class that Python's and JavaScript's regular
# expressions read alike; the manifest carries it, the browser builds its patterns from it.
HAN_RANGE = (0x3400, 0x9FFF)
HAN = "\\u{:04x}-\\u{:04x}".format(*HAN_RANGE)
_HAN_RUN = re.compile(f"[{HAN}]+")
# Latin words and figures, a decimal whole (14.8 is one key, not 14 and 8).
WORD = r"[a-z0-9]+(?:\.[0-9]+)*"
_WORD = re.compile(WORD)
# Combining marks, dropped from a query after Unicode decomposition: tone marks and accents
# (Xiàgǔpíng is found as xiaguping).
MARKS = "\\u0300-\\u036f"
# Mask values as single characters that JSON keeps as they are (no quote, no backslash).
MASK = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_MASK = MASK
# English keys are chunked by their first letters (chunk_text), so that the forms of one word
# share a chunk. Not in the Chinese index: its Latin keys are figures and pinyin, and the pinyin
# of every name beginning with 民族 (minzu...) would fill one chunk.
LATIN_PREFIX = {"en": 5, "zh": 0}
# The English words file, loaded only when a query needs every word (searchquery, casebook-search.js).
WORDS_SCRIPT = "search/words.js"
# key_hash: FNV-1a (offset basis, prime), then MurmurHash3's finish (shift, multiply, shift,
# multiply, shift).
_FNV = (0x811C9DC5, 0x01000193)
_FMIX = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)


@dataclass(frozen=True, slots=True)
class ChunkFile:
    path: str  # relative to the language's root, e.g. "search/g12.js"
    text: str


def key_hash(key: str) -> int:
    """FNV-1a over code points, then mixed; the browser computes it from wire_format()'s "hash"."""
    h, prime = _FNV
    for ch in key:
        h = ((h ^ ord(ch)) * prime) & 0xFFFFFFFF
    # MurmurHash3's finish: FNV's low bits depend only on the low bits of the characters, and
    # the number of chunks is a power of two (one chunk of four held nine keys in ten).
    s1, m1, s2, m2, s3 = _FMIX
    h ^= h >> s1
    h = (h * m1) & 0xFFFFFFFF
    h ^= h >> s2
    h = (h * m2) & 0xFFFFFFFF
    return h ^ (h >> s3)


def chunk_text(key: str, lang: str) -> str:
    """What of a key gives its chunk: in English, a word's key's first five letters (so that
    colours, colour and color, trained and training are in one chunk, and a query finds all the
    forms of its word there), the first letters of a key that holds figures (a synonym group's
    interp3synonym, G20), the first five characters of a figure; else the whole key."""
    prefix = LATIN_PREFIX[lang]
    if not prefix or not key.isascii():
        return key
    letters = leading_letters(key)
    if letters == key:
        return english_key(key)[:prefix]
    return letters[:prefix] or key[:prefix]


def chunk_of(key: str, chunks: int, lang: str = "en") -> int:
    return key_hash(chunk_text(key, lang)) % chunks


def keys(text: str, head: bool) -> set[str]:
    """The keys of a lower-cased field: Han pairs, single Han characters (all if `head`, else
    those standing alone), Latin words and figures; what postings() numbers, said plainly (the
    tests check one against the other)."""
    out: set[str] = set(_WORD.findall(text))
    for run in _HAN_RUN.findall(text):
        out.update(map(str.__add__, run, run[1:]))
        if head or len(run) == 1:
            out.update(run)
    return out


def postings(fields_by_doc: list[list[str]]) -> dict[str, list[str]]:
    """key -> [the pages holding it in a field before the body, one mask character each (the
    fields holding it), the pages holding it in the body]; pages as base64 of the varints of
    their gaps. A Chinese case holds about 2,000 keys: with a dict of lists per key, the bodies
    of 1,000 cases took 3 s; here each (key, page, field) is one number,
    key << 27 | page << 3 | field, and numpy sorts them all at once (0.9 s)."""
    import numpy as np

    words: dict[str, int] = {}
    numbers = itertools.count()
    parts = []
    last = len(fields_by_doc[0]) - 1 if fields_by_doc else 0
    for d, fields in enumerate(fields_by_doc):
        for f, field in enumerate(fields):
            if not field:
                continue
            text = field.lower()
            points = np.frombuffer(text.encode("utf-32-le"), np.uint32).astype(np.int64)
            han = (points >= HAN_RANGE[0]) & (points <= HAN_RANGE[1])
            together = han[:-1] & han[1:]
            ids = [(points[:-1] << 16 | points[1:])[together]]
            # Han characters by their code points, below the pairs: every one before the body,
            # in the body those that stand alone (one Han character between others).
            if f < last:
                ids.append(points[han])
            elif han.any():
                paired = np.zeros(len(points), bool)
                paired[:-1] |= together
                paired[1:] |= together
                ids.append(points[han & ~paired])
            alone = set(_WORD.findall(text))
            # A number per word above the pairs, looked up and given in C (setdefault draws a
            # number even for a word it knows: the numbers need only be distinct).
            ids.append(np.fromiter(map(words.setdefault, alone, numbers), np.int64, len(alone)) + (1 << 32))
            parts.append(_distinct(np.concatenate(ids)) << 27 | (d << 3 | f))
    if not parts:
        return {}
    every = _distinct(np.concatenate(parts))
    # One row per key and page, with the mask of the fields holding it there.
    pages = every >> 3
    rows = np.flatnonzero(np.diff(pages, prepend=-1))
    masks = np.bitwise_or.reduceat(np.left_shift(1, every & 7), rows)
    pages = pages[rows]
    keys_, docs = pages >> 24, pages & 0xFFFFFF
    body = (masks & BODY) != 0
    head = (masks & ~BODY) != 0
    alphabet = np.frombuffer(_MASK.encode("ascii"), np.uint8)
    by_id = {i + (1 << 32): w for w, i in words.items()}

    def lists(selected):
        """key -> (base64 of the gaps of its pages among `selected` rows, their row numbers)."""
        k, dd = keys_[selected], docs[selected]
        starts = np.flatnonzero(np.diff(k, prepend=-1))
        gaps = np.diff(dd, prepend=0)
        gaps[starts] = dd[starts]
        data, offsets = varints(gaps)
        bounds = [*offsets[starts].tolist(), len(data)]
        ends = [*starts[1:].tolist(), len(k)]
        return {key: (base64.b64encode(data[bounds[n]:bounds[n + 1]]).decode("ascii"), starts[n], ends[n])
                for n, key in enumerate(k[starts].tolist())}

    heads, bodies = lists(head), lists(body)
    head_masks = alphabet[masks[head] & ~BODY].tobytes().decode("ascii")
    out = {}
    for k in heads.keys() | bodies.keys():
        key = by_id[k] if k >= 1 << 32 else chr(k) if k < 1 << 16 else chr(k >> 16) + chr(k & 0xFFFF)
        h, b = heads.get(k), bodies.get(k)
        out[key] = [h[0] if h else "", head_masks[h[1]:h[2]] if h else "", b[0] if b else ""]
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


def _script(key: str, data) -> str:
    return f"casebookSearchChunk({json.dumps(key)},{json.dumps(data, ensure_ascii=False, separators=(',', ':'))});\n"


def chunk_files(index: dict) -> list[ChunkFile]:
    """Every file of one language's search, from search.build_index's `index`."""
    lang, columns = index["lang"], index["columns"]
    n = len(columns["url"])
    retitled = index["search_titles"]
    search_fields = index["fields"]
    hidden = index.get("hidden", {})
    fields_by_doc = [
        [retitled.get(str(d), columns["title"][d]), *(columns[name][d] for name in search_fields[1:])]
        for d in range(n)
    ]
    # What a page holds but does not show (its names in pinyin, its synonym groups: search.build_index).
    for d, extra in hidden.items():
        fields = fields_by_doc[int(d)]
        for f, text in enumerate(extra):
            if text:
                fields[f] = f"{fields[f]} {text}" if fields[f] else text
    encoded = postings(fields_by_doc)
    size = sum(len(k) + len(v[0]) + len(v[1]) + len(v[2]) + 10 for k, v in encoded.items())
    chunks = 1
    while chunks * CHUNK_CHARS < size:
        chunks *= 2
    grouped: list[dict] = [{} for _ in range(chunks)]
    for key in sorted(encoded):
        grouped[chunk_of(key, chunks, lang)][key] = encoded[key]
    # English words, with the lengths of their lists (the commonest first where a word being
    # typed is completed). Not figures (a figure is its own key: 14.8, 2017) nor the keys of
    # synonym groups.
    counts = {k: len(v[0]) + len(v[2]) for k, v in encoded.items() if lang == "en" and k.isascii() and k.isalpha()}
    for key, chunk, count in moved_words(counts, chunks, lang):
        grouped[chunk][key] = count
    files = [ChunkFile(f"search/g{i}.js", _script(f"{lang}:g{i}", dict(sorted(g.items()))))
             for i, g in enumerate(grouped)]
    for c, start in enumerate(range(0, n, DOCS_PER_CHUNK)):
        part = {name: columns[name][start:start + DOCS_PER_CHUNK] for name in SHOWN}
        part["search_titles"] = {k: v for k, v in retitled.items() if start <= int(k) < start + DOCS_PER_CHUNK}
        files.append(ChunkFile(f"search/d{c}.js", _script(f"{lang}:d{c}", part)))
    manifest = {
        "format": wire_format(lang), "lang": lang, "fields": index["fields"], "docs": n,
        "docs_per_chunk": DOCS_PER_CHUNK, "chunks": chunks,
        # What the box says when nothing matches (strings.yml: search_*).
        "texts": {k: v for k, v in strings()[lang].items() if k.startswith("search_")},
    }
    if lang == "zh":
        manifest["vocabulary"] = index["vocabulary"]
        manifest["t2s"] = index["t2s"]
        # Traditional phrases that OpenCC converts otherwise than character by character (瞭解
        # -> 了解, 乾隆 stays), among those whose Simplified form the index holds.
        manifest["t2s_phrases"] = [p for p in index.get("t2s_phrases", ()) if _held(p.split("=")[1], encoded)]
    else:
        # Every word, the commonest first, for the beginning of a word being typed and the
        # nearest words when nothing matches: a file of its own, which the first query does
        # not load (in the manifest it was a third of the first search at 10,000 cases).
        ordered = sorted(counts, key=lambda w: (-counts[w], w))
        files.append(ChunkFile(WORDS_SCRIPT, _script(f"{lang}:words", ordered)))
        by_letter: dict[str, list[str]] = {}
        for word in ordered:
            by_letter.setdefault(word[0], []).append(word)
        for letter, words in sorted(by_letter.items()):
            files.append(ChunkFile(f"search/w{letter}.js", _script(f"{lang}:w{letter}", words)))
        # The letters that begin a word, so that the browser asks for no file that is not there.
        manifest["initials"] = "".join(sorted(by_letter))
    manifest.update({k: index[k] for k in ("scoring", "english", "synonyms", "synonym_keys", "answers") if k in index})
    files.insert(0, ChunkFile(SEARCH_SCRIPT, _script(f"{lang}:index", manifest)))
    return files


def moved_words(counts: dict[str, int], chunks: int, lang: str):
    """(word, chunk, its count) for each English word whose postings are in another chunk than
    its own first five letters give (cities is under city, colours under color): that chunk
    holds its count in place of its lists, so that the words a word being typed may become
    (citie..., colou...) are all in the chunk of its first five letters."""
    prefix = LATIN_PREFIX[lang]
    for word, count in counts.items():
        home = key_hash(word[:prefix]) % chunks
        if home != chunk_of(word, chunks, lang):
            yield word, home, count


def _held(text: str, encoded: dict) -> bool:
    """Whether every pair of adjacent characters of `text` is a key of the index."""
    return all(a + b in encoded for a, b in pairwise(text))


def wire_format(lang: str) -> dict:
    """How the files are cut and keyed, for the browser's reader (docs/javascripts/casebook-search.js),
    which has none of it written in: the version, the Han range and the Latin word pattern
    (keys), the marks a query drops, the hash of a key to its chunk and the letters of an
    English key it takes (`chunk_text`, with the manifest's `english` rules), the field-mask
    alphabet, the doc-chunk columns. Page lists are base64 of little-endian base-128 varints
    of their gaps (`varints`); in a chunk, a number in place of a key's lists is the count of a
    word posted elsewhere (`moved_words`)."""
    return {"version": FORMAT_VERSION, "han": HAN, "word": WORD, "marks": MARKS, "latin_prefix": LATIN_PREFIX[lang],
            "hash": {"fnv": list(_FNV), "fmix": list(_FMIX)}, "mask": MASK, "shown": list(SHOWN)}


def read(files: dict[str, str]) -> dict:
    """The data of each file that chunk_files wrote, by its key (for tests and tools)."""
    out = {}
    for text in files.values():
        key, _, data = text.strip()[len("casebookSearchChunk("):-2].partition(",")
        out[json.loads(key)] = json.loads(data)
    return out
