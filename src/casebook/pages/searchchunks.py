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
from pathlib import Path

from casebook.pages.searchwords import PUNCT, english_key, leading_letters
from casebook.strings import strings
from casebook.urls import SEARCH_SCRIPT

# The wire format's version, in the manifest: the page's script refuses an index of another
# version (a stale cached script beside a new index) with a clear error instead of wrong results.
FORMAT_VERSION = 4
FIELD_BITS = 6  # title, meta, summary, headings, key phrases, body: search.FIELDS
BODY = 1 << (FIELD_BITS - 1)
# A result shows these columns; the key phrases and the body are searched, never shown.
SHOWN = ("url", "title", "tag", "meta", "summary", "headings")
# Pages per shown-columns chunk: ten results load at most ten of them, a few KB each.
DOCS_PER_CHUNK = 25
# Files the keys of a build are spread over by their hash until the chunks are cut (a power of
# two): at 100,000 Chinese cases each holds about 10 MB of numbers.
BUCKETS = 256
# Keys (numbers) gathered from pages before they go to the buckets: 8 MB (sorting them into the
# buckets takes a few times that at once, which with 32 MB was the peak of a small build).
BATCH_KEYS = 1 << 20
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
    key << 27 | page << 3 | field, and numpy sorts them all at once (0.9 s). The whole index
    at once, for tests and tools: a build streams its pages through `ChunkWriter`."""
    import numpy as np

    words: dict[str, int] = {}
    parts = [_doc_numbers(fields, d, words) for d, fields in enumerate(fields_by_doc)]
    if not parts:
        return {}
    by_id = {i + _WORD_BASE: w for w, i in words.items()}
    return {key: value for _, key, value in _encode(_distinct(np.concatenate(parts)), by_id.__getitem__)}


# Latin words and figures are numbered above every Han key (a pair is two code points).
_WORD_BASE = 1 << 32


def _doc_numbers(fields: list[str], d: int, words: dict[str, int]):
    """One page's keys, as the numbers key << 27 | page << 3 | field, each (key, field) once.
    `words` numbers the Latin words and figures met so far, from 0 up, and gains this page's
    new ones."""
    import numpy as np

    last = len(fields) - 1
    parts = []
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
        # A word's number, looked up and given in C; only the words met for the first time
        # are numbered one by one.
        for word in alone.difference(words):
            words[word] = len(words)
        ids.append(np.fromiter(map(words.__getitem__, alone), np.int64, len(alone)) + _WORD_BASE)
        parts.append(_distinct(np.concatenate(ids)) << 27 | (d << 3 | f))
    return np.concatenate(parts) if parts else np.zeros(0, np.int64)


def _key_text(k: int, word) -> str:
    return word(k) if k >= _WORD_BASE else chr(k) if k < 1 << 16 else chr(k >> 16) + chr(k & 0xFFFF)


def _encode(every, word):
    """(key number, key, [head pages, their masks, body pages]) for each key of `every`, the
    distinct numbers key << 27 | page << 3 | field, ascending; `word` gives the text of a
    word's number."""
    import numpy as np

    # One row per key and page, with the mask of the fields holding it there.
    pages = every >> 3
    rows = np.flatnonzero(np.diff(pages, prepend=-1))
    masks = np.bitwise_or.reduceat(np.left_shift(1, every & 7), rows)
    pages = pages[rows]
    keys_, docs = pages >> 24, pages & 0xFFFFFF
    body = (masks & BODY) != 0
    head = (masks & ~BODY) != 0
    alphabet = np.frombuffer(_MASK.encode("ascii"), np.uint8)

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
    for k in heads.keys() | bodies.keys():
        h, b = heads.get(k), bodies.get(k)
        yield k, _key_text(k, word), [h[0] if h else "", head_masks[h[1]:h[2]] if h else "", b[0] if b else ""]


def _hashes(numbers, word_hashes):
    """key_hash of the keys numbered as _doc_numbers numbers them, all at once: Han pairs and
    characters from their code points, words from `word_hashes` (by a word's number)."""
    import numpy as np

    numbers = np.asarray(numbers, np.int64)
    is_word = numbers >= _WORD_BASE
    is_pair = ~is_word & (numbers >= 1 << 16)
    basis, prime = _FNV
    first = np.where(is_pair, numbers >> 16, numbers & 0xFFFF).astype(np.uint64)
    h = ((np.uint64(basis) ^ first) * np.uint64(prime)) & np.uint64(0xFFFFFFFF)
    second = ((h ^ (numbers & 0xFFFF).astype(np.uint64)) * np.uint64(prime)) & np.uint64(0xFFFFFFFF)
    h = np.where(is_pair, second, h)
    s1, m1, s2, m2, s3 = _FMIX
    h ^= h >> np.uint64(s1)
    h = (h * np.uint64(m1)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(s2)
    h = (h * np.uint64(m2)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(s3)
    if is_word.any():
        h[is_word] = word_hashes[numbers[is_word] - _WORD_BASE]
    return h


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
    """Every file of one language's search, from search.build_index's `index`: the manifest,
    then the postings chunks, then the chunks of what results show."""
    import tempfile

    columns, retitled, hidden = index["columns"], index["search_titles"], index.get("hidden", {})
    files: list[ChunkFile] = []
    with tempfile.TemporaryDirectory(prefix="casebook-search-") as scratch:
        writer = ChunkWriter(index["lang"], files.append, Path(scratch))
        for d in range(len(columns["url"])):
            title = retitled.get(str(d))
            fields = [title or columns["title"][d], *(columns[name][d] for name in index["fields"][1:])]
            # What a page holds but does not show (its names in pinyin, its synonym groups: search.build_index).
            for f, text in enumerate(hidden.get(str(d), ())):
                if text:
                    fields[f] = f"{fields[f]} {text}" if fields[f] else text
            writer.add(tuple(columns[name][d] for name in SHOWN), title, fields)
        writer.finish(index)
    # In the order that cutting the whole index gave: manifest, postings, what results show, words.
    kinds = {"g": 1, "d": 2, "words.js": 3, "w": 4}

    def order(f: ChunkFile) -> tuple:
        name = f.path.rpartition("/")[2]
        kind = 0 if f.path == SEARCH_SCRIPT else kinds.get(name, kinds.get(name[0], 0))
        return kind, int(re.sub(r"\D", "", name) or 0), name

    return sorted(files, key=order)


class ChunkWriter:
    """One language's search files, made page by page, so that what the build holds does not
    grow with the number of pages.

    `add` takes each page in order: its shown columns go out in a file of DOCS_PER_CHUNK pages
    as soon as those are complete; its keys, as numbers (_doc_numbers), go to one of BUCKETS
    files in `scratch` by their hash, a batch of pages at a time. `finish` then encodes the
    postings of one bucket at a time and writes the chunks: a key's chunk is its hash modulo the
    number of chunks, a power of two, and so is BUCKETS, so a chunk's keys are all in one
    bucket (or, while chunks are fewer than buckets, in a few). What is held at once is a
    batch of pages, a bucket, the words (Latin words and figures) and, for the manifest, the
    English words' counts: compact data, not pages. The files are the ones that cutting the
    whole index at once gave, byte for byte."""

    def __init__(self, lang: str, emit, scratch: Path, buckets: int = 0):
        import numpy as np

        self.lang, self.emit, self.scratch = lang, emit, scratch
        self.buckets = buckets or BUCKETS
        assert self.buckets & (self.buckets - 1) == 0, "a power of two, as the number of chunks"
        self.docs = 0
        self.shown: list[tuple[tuple[str, ...], str | None]] = []
        self.words: dict[str, int] = {}
        self.word_list: list[str] = []
        self.word_hashes = np.zeros(0, np.uint64)
        self.batch: list = []
        self.batch_size = 0
        self.flushes = 0  # batches written to the buckets: tests see that pages go out as they come

    def add(self, shown: tuple[str, ...], search_title: str | None, fields: list[str]) -> None:
        """One page: its SHOWN columns, its title as searched where that differs from the one
        shown (Simplified script), and its search fields (search.FIELDS) with what it holds
        unseen added."""
        d = self.docs
        self.docs += 1
        self.shown.append((shown, search_title))
        if len(self.shown) == DOCS_PER_CHUNK:
            self._write_shown()
        numbers = _doc_numbers(fields, d, self.words)
        self.batch.append(numbers)
        self.batch_size += len(numbers)
        if self.batch_size >= BATCH_KEYS:
            self._write_batch()

    def _write_shown(self) -> None:
        if not self.shown:
            return
        start = self.docs - len(self.shown)
        part: dict[str, list[str] | dict[str, str]] = {name: [row[c] for row, _ in self.shown]
                                                       for c, name in enumerate(SHOWN)}
        part["search_titles"] = {str(start + n): title for n, (_, title) in enumerate(self.shown) if title is not None}
        c = start // DOCS_PER_CHUNK
        self.emit(ChunkFile(f"search/d{c}.js", _script(f"{self.lang}:d{c}", part)))
        self.shown = []

    def _new_words(self) -> None:
        import numpy as np

        # Numbered in the order they were met: the new ones are the last.
        new = list(itertools.islice(self.words, len(self.word_list), None))
        if new:
            self.word_list += new
            hashes = np.fromiter((key_hash(chunk_text(w, self.lang)) for w in new), np.uint64, len(new))
            self.word_hashes = np.concatenate((self.word_hashes, hashes))

    def _write_batch(self) -> None:
        import numpy as np

        if not self.batch:
            return
        self._new_words()
        numbers = np.concatenate(self.batch)
        self.batch, self.batch_size = [], 0
        bucket = (_hashes(numbers >> 27, self.word_hashes) & np.uint64(self.buckets - 1)).astype(np.int64)
        order = np.argsort(bucket, kind="stable")
        numbers, bucket = numbers[order], bucket[order]
        bounds = np.searchsorted(bucket, np.arange(self.buckets + 1))
        for b in np.flatnonzero(np.diff(bounds)).tolist():
            with open(self.scratch / f"k{b}", "ab") as f:
                numbers[bounds[b]:bounds[b + 1]].tofile(f)
        self.flushes += 1

    def finish(self, index: dict) -> None:
        """The postings chunks and the manifest, after the last page; `index`: search.build_index's
        index without its columns (lang, fields, scoring, synonyms...)."""
        import marshal

        import numpy as np

        self._write_shown()
        self._write_batch()
        lang = self.lang
        # English words, with the lengths of their lists (the commonest first where a word being
        # typed is completed; not figures nor the keys of synonym groups); the Traditional
        # phrases' pairs that the index holds.
        counts: dict[str, int] = {}
        wanted = {a + b for p in index.get("t2s_phrases", ()) for a, b in pairwise(p.split("=")[1])}
        held: set[str] = set()
        size = 0
        for b in range(self.buckets):
            path = self.scratch / f"k{b}"
            if not path.exists():
                continue
            every = _distinct(np.fromfile(path, np.int64))
            path.unlink()
            entries = list(_encode(every, lambda k: self.word_list[k - _WORD_BASE]))
            hashes = _hashes([k for k, _, _ in entries], self.word_hashes).tolist()
            rows = []
            for h, (_, key, value) in zip(hashes, entries, strict=True):
                size += len(key) + len(value[0]) + len(value[1]) + len(value[2]) + 10
                rows.append((h, key, value))
                if key in wanted:
                    held.add(key)
                if lang == "en" and key.isascii() and key.isalpha():
                    counts[key] = len(value[0]) + len(value[2])
            with open(self.scratch / f"e{b}", "wb") as f:
                marshal.dump(rows, f)
        chunks = 1
        while chunks * CHUNK_CHARS < size:
            chunks *= 2
        moved: dict[int, list] = {}
        for key, chunk, count in moved_words(counts, chunks, lang):
            moved.setdefault(chunk, []).append((key, count))
        for group in range(min(chunks, self.buckets)):
            # Chunks c with c % buckets == group, from the buckets b with b % chunks == group.
            rows = []
            for b in range(group, self.buckets, chunks) if chunks < self.buckets else (group,):
                path = self.scratch / f"e{b}"
                if path.exists():
                    with open(path, "rb") as f:
                        rows += marshal.load(f)
                    path.unlink()
            grouped: dict[int, list] = {c: [] for c in range(group, chunks, self.buckets)}
            for h, key, value in rows:
                grouped[h % chunks].append((key, value))
            for c, found in grouped.items():
                found += moved.pop(c, ())
                self.emit(ChunkFile(f"search/g{c}.js", _script(f"{lang}:g{c}", dict(sorted(found)))))
        manifest = {
            "format": wire_format(lang), "lang": lang, "fields": index["fields"], "docs": self.docs,
            "docs_per_chunk": DOCS_PER_CHUNK, "chunks": chunks,
            # What the box says when nothing matches (strings.yml: search_*).
            "texts": {k: v for k, v in strings()[lang].items() if k.startswith("search_")},
        }
        if lang == "zh":
            manifest["vocabulary"] = index["vocabulary"]
            manifest["t2s"] = index["t2s"]
            # Traditional phrases that OpenCC converts otherwise than character by character (瞭解
            # -> 了解, 乾隆 stays), among those whose Simplified form the index holds.
            manifest["t2s_phrases"] = [p for p in index.get("t2s_phrases", ())
                                       if all(a + b in held for a, b in pairwise(p.split("=")[1]))]
        else:
            # Every word, the commonest first, for the beginning of a word being typed and the
            # nearest words when nothing matches: a file of its own, which the first query does
            # not load (in the manifest it was a third of the first search at 10,000 cases).
            ordered = sorted(counts, key=lambda w: (-counts[w], w))
            self.emit(ChunkFile(WORDS_SCRIPT, _script(f"{lang}:words", ordered)))
            by_letter: dict[str, list[str]] = {}
            for word in ordered:
                by_letter.setdefault(word[0], []).append(word)
            for letter, words in sorted(by_letter.items()):
                self.emit(ChunkFile(f"search/w{letter}.js", _script(f"{lang}:w{letter}", words)))
            # The letters that begin a word, so that the browser asks for no file that is not there.
            manifest["initials"] = "".join(sorted(by_letter))
        manifest.update({k: index[k] for k in ("scoring", "english", "synonyms", "synonym_keys", "answers")
                         if k in index})
        self.emit(ChunkFile(SEARCH_SCRIPT, _script(f"{lang}:index", manifest)))


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
    return {"version": FORMAT_VERSION, "han": HAN, "word": WORD, "marks": MARKS, "punct": PUNCT,
            "latin_prefix": LATIN_PREFIX[lang],
            "hash": {"fnv": list(_FNV), "fmix": list(_FMIX)}, "mask": MASK, "shown": list(SHOWN)}


def read(files: dict[str, str]) -> dict:
    """The data of each file that chunk_files wrote, by its key (for tests and tools)."""
    out = {}
    for text in files.values():
        key, _, data = text.strip()[len("casebookSearchChunk("):-2].partition(",")
        out[json.loads(key)] = json.loads(data)
    return out
