"""Runs of wording that a case shares with its source report, found across script and width.

A case restates its source in its own words. This module finds where it does not: every run
of text shared with the source that holds at least `MIN_HAN` Chinese characters, after both
texts are folded alike (full-width to half-width by NFKC, Traditional to Simplified by OpenCC,
punctuation, spaces and Markdown marks dropped so that re-punctuating a copied sentence does
not hide it). The source is indexed once as a suffix automaton, so finding every shared run
takes time in proportion to the two texts' lengths, not to their product.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache
from dataclasses import dataclass
from typing import Callable, Iterable

from casebook.script import to_simplified

MIN_HAN = 20
# Kept through folding and never found in a source: it ends a run. Separates fields, and
# stands in for the text of reviewed exceptions.
BARRIER = "\x00"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


@dataclass(frozen=True, slots=True)
class Folded:
    """A text as compared, with where each of its characters stands in the original."""

    text: str
    positions: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of the case's own text that the source also has, after folding."""

    start: int  # in the case's text, as written
    end: int
    text: str  # the case's own text of the run, never the source's
    han: int  # Chinese characters in it


@dataclass(frozen=True, slots=True)
class Automaton:
    """Suffix automaton of a folded source: every substring of it is a path from state 0."""

    next: tuple[dict[str, int], ...]
    link: tuple[int, ...]
    length: tuple[int, ...]


def _kept(ch: str) -> bool:
    return ch == BARRIER or unicodedata.category(ch)[0] in "LN"


def fold(text: str, t2s: Callable[[str], str] | None = None) -> Folded:
    """Letters and digits only, half-width, lower-case and in Simplified script."""
    t2s = t2s or to_simplified()
    chars: list[str] = []
    positions: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if _kept(c):
                chars.append(c.lower())
                positions.append(i)
    joined = "".join(chars)
    # Whole text first, so that OpenCC converts by phrase (乾隆 stays, 乾淨 becomes 干净);
    # character by character only where a phrase would change the length.
    simplified = t2s(joined)
    if len(simplified) != len(joined):
        simplified = "".join(t2s(c) if len(t2s(c)) == 1 else c for c in joined)
    return Folded(simplified, tuple(positions))


def automaton(text: str) -> Automaton:
    """The suffix automaton of `text` (Blumer et al.), built in time linear in its length."""
    nxt: list[dict[str, int]] = [{}]
    link, length = [-1], [0]
    last = 0
    for ch in text:
        cur = len(length)
        nxt.append({})
        link.append(-1)
        length.append(length[last] + 1)
        p = last
        while p != -1 and ch not in nxt[p]:
            nxt[p][ch] = cur
            p = link[p]
        if p == -1:
            link[cur] = 0
        else:
            q = nxt[p][ch]
            if length[p] + 1 == length[q]:
                link[cur] = q
            else:
                clone = len(length)
                nxt.append(dict(nxt[q]))
                link.append(link[q])
                length.append(length[p] + 1)
                while p != -1 and nxt[p].get(ch) == q:
                    nxt[p][ch] = clone
                    p = link[p]
                link[q] = link[cur] = clone
        last = cur
    return Automaton(tuple(nxt), tuple(link), tuple(length))


def match_lengths(index: Automaton, text: str) -> list[int]:
    """For each position of `text`, the length of the longest run ending there that the
    indexed text also has."""
    nxt, link, length = index.next, index.link, index.length
    state = size = 0
    out = []
    for ch in text:
        while state and ch not in nxt[state]:
            state = link[state]
            size = length[state]
        if ch in nxt[state]:
            state = nxt[state][ch]
            size += 1
        else:
            state = size = 0
        out.append(size)
    return out


def common_runs(text: str, index: Automaton, min_han: int = MIN_HAN) -> list[tuple[int, int]]:
    """Every run of the folded `text` that the indexed text has, that cannot be longer at
    either end, and that holds at least `min_han` Chinese characters: (start, end) in `text`."""
    lengths = match_lengths(index, text)
    han = [0]
    for ch in text:
        han.append(han[-1] + bool(_HAN.match(ch)))
    runs = []
    for end, size in enumerate(lengths, 1):
        # A run longest at `end - 1` is longest on the left by construction; it is longest on
        # the right when the next character does not extend it.
        if size and (end == len(lengths) or lengths[end] <= size):
            start = end - size
            if han[end] - han[start] >= min_han:
                runs.append((start, end))
    return runs


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return fold(text).text


def mask(folded: Folded, exceptions: Iterable[str], t2s: Callable[[str], str] | None = None) -> Folded:
    """`folded` with every occurrence of each (folded) exception replaced by barriers."""
    text = folded.text
    for exception in exceptions:
        needle = fold(exception, t2s).text if t2s else _folded(exception)
        if needle:
            text = text.replace(needle, BARRIER * len(needle))
    return Folded(text, folded.positions)


def shared_runs(case_text: str, source: str | Automaton, exceptions: Iterable[str] = (),
                min_han: int = MIN_HAN, t2s: Callable[[str], str] | None = None,
                folded: Folded | None = None) -> tuple[Run, ...]:
    """The runs of `case_text` that the source shares, outside the reviewed `exceptions`,
    each as the case writes it. Separate fields of a case with `BARRIER`. `folded`: the text
    folded already, where the caller has it."""
    index = source if isinstance(source, Automaton) else automaton(fold(source, t2s).text)
    folded = mask(folded or fold(case_text, t2s), exceptions, t2s)
    runs = []
    for start, end in common_runs(folded.text, index, min_han):
        first, last = folded.positions[start], folded.positions[end - 1] + 1
        piece = folded.text[start:end]
        runs.append(Run(first, last, case_text[first:last], sum(bool(_HAN.match(c)) for c in piece)))
    return tuple(runs)


def longest_run(a: str, b: str, t2s: Callable[[str], str] | None = None) -> str:
    """The longest run the two texts share after folding, as `a` writes it ('' when none)."""
    folded = fold(a, t2s)
    lengths = match_lengths(automaton(fold(b, t2s).text), folded.text)
    if not lengths or not max(lengths):
        return ""
    size = max(lengths)
    end = lengths.index(size) + 1
    return a[folded.positions[end - size]:folded.positions[end - 1] + 1]


def han_count(text: str) -> int:
    return len(_HAN.findall(text))


# Near-copies ---------------------------------------------------------------------------------
# A sentence can follow its source clause for clause with a word swapped every dozen characters:
# no single run reaches MIN_HAN, yet the sentence is the source's. What gives it away is how
# much of the sentence shorter shared runs cover together.

NEAR_RUN = 12  # Chinese characters in a shared run that counts towards a near-copy
NEAR_SHARE = 0.5  # more than this share of a sentence's Chinese characters covered by such runs
NEAR_MIN_HAN = 15  # shorter sentences are left alone: a name or a short fact
_SENTENCE_END = re.compile(r"[。！？!?\n]+")


@dataclass(frozen=True, slots=True)
class NearCopy:
    """A sentence of the case whose Chinese characters are mostly in runs the source shares."""

    start: int  # in the case's text, as written
    end: int
    text: str  # the case's sentence
    han: int  # its Chinese characters
    covered: int  # of them, in shared runs of NEAR_RUN or more


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`: up to a full stop or a line end (a list item is one)."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def near_copies(case_text: str, source: str | Automaton, exceptions: Iterable[str] = (),
                min_run: int = NEAR_RUN, share: float = NEAR_SHARE, min_han: int = NEAR_MIN_HAN,
                t2s: Callable[[str], str] | None = None, folded: Folded | None = None) -> tuple[NearCopy, ...]:
    """The sentences of `case_text` that runs of `min_run` or more Chinese characters shared with
    the source cover for more than `share` of their Chinese characters, outside the `exceptions`
    (whose text counts as neither covered nor the sentence's)."""
    index = source if isinstance(source, Automaton) else automaton(fold(source, t2s).text)
    # Folded once for the whole text; each sentence is the stretch of it that its characters fold to.
    folded = mask(folded or fold(case_text, t2s), exceptions, t2s)
    out = []
    for start, end in sentences(case_text):
        a, b = bisect_left(folded.positions, start), bisect_left(folded.positions, end)
        piece = folded.text[a:b]
        is_han = [bool(_HAN.match(c)) for c in piece]  # barriers (exceptions) are not
        total = sum(is_han)
        if total < min_han:
            continue
        covered = [False] * len(piece)
        for x, y in common_runs(piece, index, min_run):
            covered[x:y] = [True] * (y - x)
        n = sum(c and h for c, h in zip(covered, is_han))
        if n > share * total:
            out.append(NearCopy(start, end, case_text[start:end], total, n))
    return tuple(out)
