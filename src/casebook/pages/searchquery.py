"""A query answered from the built search files, in Python: the rule the browser follows
(docs/javascripts/casebook-search.js), written a second time on purpose, as its reference.

The browser reads every constant of the format and of the ranking from the manifest
(searchchunks.wire_format, search.SCORING, searchwords.ENGLISH); this module reads them from the same
place. tests/unit/test_search_engine.py runs the browser's script in Node against an index built
here and compares its answers with these, query by query, so that neither can drift alone.
One difference is meant: a query in Traditional script is converted here with OpenCC, as the
index converted the content; the browser converts it with the character table and the phrases
shipped in the manifest, and the test checks that both give the same."""

from __future__ import annotations

import base64
import re
import unicodedata
from dataclasses import dataclass, field
from itertools import pairwise

from casebook.pages.searchwords import PUNCT, key_of, leading_letters
from casebook.script import to_simplified

_PUNCT = re.compile(f"[{PUNCT}]+")


@dataclass(frozen=True, slots=True)
class Found:
    terms: tuple[str, ...]
    also: tuple[str, ...]
    total: int
    partial: bool
    results: tuple[tuple[int, int], ...]  # (page, score), best first
    forms: tuple[str, ...] = ()  # the words of the query that no page holds but in another form


@dataclass
class Engine:
    """One language's index, from `searchchunks.read`'s data."""

    data: dict
    lang: str
    m: dict = field(init=False)

    def __post_init__(self) -> None:
        self.m = self.data[f"{self.lang}:index"]
        f = self.m["format"]
        self.han = re.compile(f"[{f['han']}]")
        self.han_only = re.compile(f"^[{f['han']}]+$")
        self.tokens = re.compile(f"[{f['han']}]+|{f['word']}")
        self.marks = re.compile(f"[{f['marks']}]")
        self.body = 1 << (len(self.m["fields"]) - 1)
        self.key = key_of(self.m.get("english", {}))
        self.close = key_of(self.m.get("english", {}), close=True)
        self.stop = set(self.m["scoring"]["stop"])
        self.question = set(self.m["scoring"]["question"])
        self.vocabulary = set(self.m.get("vocabulary", ())) | (self.stop if self.lang == "zh" else set())
        self.longest = max(map(len, self.vocabulary), default=1)
        self._words: dict[int, tuple[dict[str, list[str]], list[str]]] = {}
        self._synonyms: dict[str, tuple[list[int], list[tuple[list[str], str]]]] | None = None

    # ---- keys and postings ----

    def hash(self, key: str) -> int:
        spec = self.m["format"]["hash"]
        h, prime = spec["fnv"]
        for ch in key:
            h = ((h ^ ord(ch)) * prime) & 0xFFFFFFFF
        s1, m1, s2, m2, s3 = spec["fmix"]
        h ^= h >> s1
        h = (h * m1) & 0xFFFFFFFF
        h ^= h >> s2
        h = (h * m2) & 0xFFFFFFFF
        return h ^ (h >> s3)

    def chunk_text(self, key: str) -> str:
        prefix = self.m["format"]["latin_prefix"]
        if not prefix or not key.isascii():
            return key
        letters = leading_letters(key)
        if letters == key:
            return self.key(key)[:prefix]
        return letters[:prefix] or key[:prefix]

    def chunk(self, text: str) -> dict:
        return self.data[f"{self.lang}:g{self.hash(text) % self.m['chunks']}"]

    def posting(self, key: str) -> dict[int, int]:
        f = self.m["format"]
        entry = self.chunk(self.chunk_text(key)).get(key)
        pages: dict[int, int] = {}
        # A number is the count of a word posted in another chunk (searchchunks.moved_words).
        if isinstance(entry, list):
            for d, mask in zip(_varints(entry[0]), entry[1], strict=True):
                pages[d] = f["mask"].index(mask)
            for d in _varints(entry[2]):
                pages[d] = pages.get(d, 0) | self.body
        return pages

    # ---- the query's terms ----

    def simplify(self, text: str) -> str:
        return to_simplified()(text) if self.lang == "zh" else text

    def normal(self, query: str) -> str:
        stripped = unicodedata.normalize("NFD", query.lower())
        return self.simplify(unicodedata.normalize("NFC", self.marks.sub("", stripped)))

    def segment(self, run: str) -> list[str]:
        n = len(run)
        best, back = [0.0] + [0.0] * n, [0] * (n + 1)
        for i in range(1, n + 1):
            best[i] = float("inf")
            for j in range(max(0, i - self.longest), i):
                piece = run[j:i]
                if i - j > 1 and piece not in self.vocabulary:
                    continue
                cost = best[j] + 1 + (0.5 if i - j == 1 else 0)
                if cost < best[i]:
                    best[i], back[i] = cost, j
        pieces: list[str] = []
        k = n
        while k > 0:
            pieces.insert(0, run[back[k]:k])
            k = back[k]
        return pieces

    def terms(self, query: str) -> list[str]:
        out: list[str] = []
        for run in self.tokens.findall(self.normal(query)):
            if not self.han.search(run) or self.lang != "zh" or run in self.vocabulary:
                out.append(run)
                continue
            chunk: list[str] = []
            for p in [*self.segment(run), None]:
                if p is None or p in self.stop:
                    out += _phrases(chunk)
                    if p is not None:
                        out.append(p)
                    chunk = []
                else:
                    chunk.append(p)
        kept = [t for t in out if t not in self.stop]
        return kept or out

    def asks(self, query: str) -> bool:
        q = self.normal(query)
        if re.search("[?？]", q):
            return True
        words = self.tokens.findall(q)
        if self.lang == "zh":
            words = [p for w in words for p in (self.segment(w) if self.han.search(w) else [w])]
        return any(w in self.question for w in words)

    def answers(self, d: int) -> bool:
        return any(a <= d < b for a, b in self.m.get("answers", ()))

    def same(self, term: str) -> str:
        return self.key(term) if self.lang == "en" and not self.han.search(term) else term

    def groups(self, terms: list[str]) -> list[tuple[list[str], list[tuple[list[str], str]], list[int]]]:
        """The query's terms in groups: (terms typed, [(another word's terms, its text)], synonym groups)."""
        if self._synonyms is None:
            self._synonyms = {}
            for g, group in enumerate(self.m.get("synonyms", ())):
                parts = [self.terms(w) for w in group]
                for i, p in enumerate(parts):
                    k = " ".join(map(self.same, p))
                    entry = self._synonyms.setdefault(k, ([], []))
                    entry[0].append(g)
                    entry[1].extend((q, group[j]) for j, q in enumerate(parts) if j != i and q)
        if self.lang == "zh" and len(terms) > 1 and all(re.fullmatch("[a-z]+", t) for t in terms):
            return [(terms, [(["".join(terms)], "".join(terms))], [])]
        longest = max((len(k.split(" ")) for k in self._synonyms), default=1)
        out, i = [], 0
        while i < len(terms):
            for n in range(min(longest, len(terms) - i), 0, -1):
                found = self._synonyms.get(" ".join(map(self.same, terms[i:i + n])))
                if found:
                    out.append((terms[i:i + n], found[1], found[0]))
                    i += n
                    break
            else:
                out.append(([terms[i]], [], []))
                i += 1
        return out

    # ---- matching ----

    def pairs(self, term: str) -> list[str]:
        if not self.han.search(term) or len(term) < 2:
            return [term]
        return [a + b for a, b in pairwise(term)]

    def together(self, keys: list[str]) -> dict[int, int]:
        lists = [self.posting(k) for k in keys]
        out = dict(lists[0])
        for other in lists[1:]:
            out = {d: m & other.get(d, 0) for d, m in out.items() if m & other.get(d, 0)}
        return out

    def words(self) -> list[str]:
        """Every English word of the index, the commonest first (searchchunks.WORDS_SCRIPT)."""
        return self.data[f"{self.lang}:words"]

    def initial_words(self, letter: str) -> list[str]:
        """The English words that begin with `letter`, the commonest first (search/w<letter>.js)."""
        return self.data[f"{self.lang}:w{letter}"] if letter in self.m.get("initials", "") else []

    def chunk_words(self, text: str) -> tuple[dict[str, list[str]], list[str]]:
        """The words of the chunk of `text`: key -> its words posted there, and every word there
        or counted there, the commonest first (as words() orders them)."""
        n = self.hash(text) % self.m["chunks"]
        if n not in self._words:
            by_key: dict[str, list[str]] = {}
            counted = []
            for w, entry in self.data[f"{self.lang}:g{n}"].items():
                if not (w.isascii() and w.isalpha()):
                    continue
                if isinstance(entry, list):
                    by_key.setdefault(self.key(w), []).append(w)
                    counted.append((-(len(entry[0]) + len(entry[2])), w))
                else:
                    counted.append((-entry, w))
            self._words[n] = by_key, [w for _, w in sorted(counted)]
        return self._words[n]

    def forms(self, term: str, typing: bool) -> list[str]:
        """The index's words `term` stands for: those of its key, from its key's chunk, and
        while it is being typed the commonest words it begins, from the chunk of its first five
        letters (or, for fewer letters, from the words of its first letter)."""
        if any(c.isdigit() for c in term):
            return [term]
        out = list(self.chunk_words(self.chunk_text(term))[0].get(self.key(term), ()))
        prefix = self.m["format"]["latin_prefix"]
        if typing and len(term) >= 2:
            begun = 0
            for w in self.chunk_words(term[:prefix])[1] if len(term) >= prefix else self.initial_words(term[0]):
                if begun >= 8:
                    break
                if len(w) > len(term) and w.startswith(term) and w not in out:
                    out.append(w)
                    begun += 1
        return out

    def match(self, term: str, typing: bool) -> dict[int, int]:
        if self.lang == "zh" or self.han.search(term):
            return self.together(self.pairs(term))
        out: dict[int, int] = {}
        for w in self.forms(term, typing):
            for d, mask in self.posting(w).items():
                out[d] = out.get(d, 0) | mask
        return out

    def close_match(self, term: str, typing: bool) -> dict[int, int]:
        """The pages holding `term` closely: in a form of its close key (as typed, its plural, its
        other spelling) or, while it is typed, as the beginning of a longer word."""
        if self.lang == "zh" or self.han.search(term) or any(c.isdigit() for c in term):
            return self.match(term, typing)
        near = self.close(term)
        out: dict[int, int] = {}
        for w in self.forms(term, typing):
            if self.close(w) == near or (typing and len(w) > len(term) and w.startswith(term)):
                for d, mask in self.posting(w).items():
                    out[d] = out.get(d, 0) | mask
        return out

    def all(self, terms: list[str], typing: bool, close: bool = False) -> dict[int, int]:
        match = self.close_match if close else self.match
        lists = [match(t, typing and i == len(terms) - 1) for i, t in enumerate(terms)]
        out = dict(lists[0])
        for other in lists[1:]:
            out = {d: m | other[d] for d, m in out.items() if d in other}
        return out

    def best(self, mask: int) -> int:
        return max((w for f, w in enumerate(self.m["scoring"]["weights"]) if mask & (1 << f)), default=0)

    def search(self, query: str) -> Found:
        terms, typing, sc = self.terms(query), not query[-1:].isspace(), self.m["scoring"]
        if not terms:
            return Found((), (), 0, False, ())
        groups = self.groups(terms)
        found, loose = [], []
        keys = self.m.get("synonym_keys")
        for i, (typed, alts, synonyms) in enumerate(groups):
            out: dict[int, int] = {}
            last = typing and i == len(groups) - 1
            others = ([self.posting(keys[g]) for g in synonyms] if keys and synonyms
                      else [self.all(a, False) for a, _ in alts])
            for alt in [self.all(typed, last), *others]:
                for d, mask in alt.items():
                    out[d] = out.get(d, 0) | mask
            found.append(out)
            # English: the pages holding the words typed only in a form of another close key
            # (boards for boarding), and no other word of their synonym group.
            held: set[int] = set()
            if self.lang == "en" and out:
                held = set(self.all(typed, last, close=True))
                for alt in others:
                    held.update(alt)
            loose.append({d for d in out if d not in held} if self.lang == "en" else set())
        whole = "".join(_PUNCT.split(self.normal(query)))
        exact = (self.together(self.pairs(whole))
                 if self.lang == "zh" and len(terms) > 1 and self.han_only.match(whole) else None)
        scores: dict[int, list[int]] = {}
        for (typed, _, _), pages, other_forms in zip(groups, found, loose, strict=True):
            weight = min(len("".join(typed)), sc["term_cap"])
            for d, mask in pages.items():
                s = scores.setdefault(d, [0, 0])
                s[0] += self.best(mask) * weight // (sc["loose_divisor"] if d in other_forms else 1)
                s[1] += 1
        most = max((s[1] for s in scores.values()), default=0)
        if exact is not None:
            for d, s in scores.items():
                if d in exact:
                    s[0] += sc["whole_bonus"] + sc["whole_factor"] * self.best(exact[d])
        if self.asks(query):
            for d, s in scores.items():
                if self.answers(d):
                    s[0] *= sc["question_factor"]
        ranked = sorted(((d, s[0]) for d, s in scores.items() if s[1] == most), key=lambda r: (-r[1], r[0]))
        sep = "" if self.lang == "zh" else " "
        also = tuple(dict.fromkeys(text for typed, others, _ in groups for a, text in others
                                   if sep.join(a) not in sep.join(typed)))
        forms = tuple(" ".join(typed) for (typed, _, _), pages, other_forms in zip(groups, found, loose, strict=True)
                      if pages and len(other_forms) == len(pages))
        return Found(tuple(terms), also, len(ranked), 0 < most < len(groups), tuple(ranked[:sc["results"]]),
                     forms if ranked else ())


def correct(engine: Engine, query: str) -> str | None:
    """The query with each word that finds nothing replaced by the index's word one edit away
    (English: the commonest of those with its first letter; Chinese: the first word of the
    vocabulary as long as the query, one character different, else as long as each phrase of
    three characters or more that finds nothing), or None (casebook-search.js `correct`)."""
    q = engine.normal(query).strip()
    changed = False
    if engine.lang == "zh":
        whole = _one_off(engine, q) if engine.han_only.match(q) and len(q) >= 3 else None
        if whole:
            return whole
        out, last = "", ""
        for t in engine.terms(query):
            unheld = (len(t) >= 3 and engine.han_only.match(t) and t not in engine.vocabulary
                      and not engine.match(t, False))
            c = _one_off(engine, t) if unheld else None
            changed = changed or bool(c)
            piece = c or t
            out += (" " if out and not (engine.han.search(last) and engine.han.search(piece)) else "") + piece
            last = piece
        return out if changed else None

    def fix(m: re.Match) -> str:
        nonlocal changed
        w = m.group(0)
        if len(w) < 4 or engine.chunk_words(engine.chunk_text(w))[0].get(engine.key(w)):
            return w
        for c in engine.initial_words(w[0]):
            if abs(len(c) - len(w)) <= 1 and re.fullmatch("[a-z]+", c) and _distance(w, c) == 1:
                changed = True
                return c
        return w

    out = re.sub("[a-z]+", fix, q)
    return out if changed else None


def _one_off(engine: Engine, q: str) -> str | None:
    """Chinese: the first word of the vocabulary as long as `q`, one character different."""
    return next((w for w in engine.m["vocabulary"]
                 if len(w) == len(q) and sum(a != b for a, b in zip(w, q, strict=True)) == 1), None)


def _distance(a: str, b: str) -> int:
    """Edits from a to b: a letter added, dropped, changed, or two neighbours swapped."""
    before: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for k, cb in enumerate(b, 1):
            cur.append(min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + (ca != cb)))
            if i > 1 and k > 1 and ca == b[k - 2] and a[i - 2] == cb:
                cur[k] = min(cur[k], before[k - 2] + 1)
        before, prev = prev, cur
    return prev[-1]


def _phrases(pieces: list[str]) -> list[str]:
    """Characters that make no word stay together (casebook-search.js `phrases`)."""
    out: list[str] = []
    loose = ""
    for p in pieces:
        if len(p) == 1:
            loose += p
            continue
        if len(loose) == 1:
            p = loose + p
        elif loose:
            out.append(loose)
        loose = ""
        out.append(p)
    if len(loose) == 1 and out:
        out.append(out.pop() + loose)
    elif loose:
        out.append(loose)
    return out


def _varints(text: str) -> list[int]:
    out, value, shift, last = [], 0, 0, 0
    for byte in base64.b64decode(text):
        value |= (byte & 127) << shift
        shift += 7
        if byte < 128:
            last += value
            out.append(last)
            value, shift = 0, 0
    return out
