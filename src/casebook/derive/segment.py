"""Chinese word segmentation with rjieba, set up once per process, and words in pinyin.

rjieba is jieba-rs: jieba's dictionary and algorithm in Rust, the same words as jieba, many
times faster. pypinyin reads words as pinyin, by its phrase dictionary (重庆: chongqing)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, lru_cache

from casebook.incremental.memo import digest


@cache
def _rjieba_version() -> str:
    from importlib.metadata import version

    return version("rjieba")


def segmenter(words: Iterable[str] = ()) -> Callable[[str], Iterable[str]]:
    """The search-mode cut (whole words and the words inside them), knowing `words` as words.

    Its `version` names the words it knows (a hash of them and of rjieba's version), so that
    cuts kept between builds (search._tokens) are used only by a segmenter that cuts alike.

    A segmenter of its own each time (about 0.2 s to load the dictionary, once per build): a
    dictionary shared by the process would keep the words of every earlier build of `mkdocs
    serve`, so that a word taken out of the content would still be cut as a word."""
    import rjieba

    jieba = rjieba.Jieba()
    known = sorted(set(words))
    for word in known:
        jieba.add_word(word, None, None)

    def cut(text: str) -> Iterable[str]:
        return jieba.cut_for_search(text)

    cut.version = digest(f"{_rjieba_version()}\n" + "\n".join(known))  # type: ignore[attr-defined]
    return cut


def pinyin(runs: Iterable[str], names: Iterable[str] = ()) -> str:
    """What readers without a Chinese keyboard type for the words of `runs` (runs of Han
    characters) and `names`: every two to four characters in a row of a run in pinyin, without
    tones or spaces (下谷坪: xiaguping, read in context: 重庆 chongqing), and each name of three
    syllables or more by its initials too (肃北县: sbx). Distinct, sorted, space-separated; ü is
    written u, as typed on a keyboard (绿: lu)."""
    out: set[str] = set()
    for run in runs:
        said = _syllables(run)
        for n in (2, 3, 4):
            for i in range(len(run) - n + 1):
                if None not in said[i:i + n]:
                    out.add("".join(said[i:i + n]))  # type: ignore[arg-type]
    for name in names:
        said = _syllables(name)
        if len(said) >= 2 and None not in said:
            out.add("".join(said))  # type: ignore[arg-type]
            if len(said) >= 3:
                out.add("".join(s[0] for s in said))  # type: ignore[index]
    return " ".join(sorted(out))


# The same places, units, groups and categories stand in the metadata of thousands of cases:
# each read once per process (pypinyin took 4 ms a case, 400 s of a 100,000-case build).
@lru_cache(maxsize=1 << 16)
def _syllables(text: str) -> tuple[str | None, ...]:
    """Each character of `text` in pinyin, read in context; None where it has none."""
    from pypinyin import lazy_pinyin

    read = lazy_pinyin(text, errors=lambda chars: "?" * len(chars))
    if len(read) != len(text):
        return (None,) * len(text)
    return tuple(s.replace("v", "u") if s.isascii() and s.isalpha() else None for s in read)
