"""Chinese word segmentation with rjieba, set up once per process.

rjieba is jieba-rs: jieba's dictionary and algorithm in Rust, the same words as jieba, many
times faster."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache

from casebook.incremental.memo import digest


@cache
def _jieba():
    import rjieba

    return rjieba.Jieba()


_added: set[str] = set()


@cache
def _rjieba_version() -> str:
    from importlib.metadata import version

    return version("rjieba")


def segmenter(words: Iterable[str] = ()) -> Callable[[str], Iterable[str]]:
    """The search-mode cut (whole words and the words inside them), knowing `words` as words.

    Its `version` names the words it knows (a hash of them and of rjieba's version), so that
    cuts kept between builds (search._tokens) are used only by a segmenter that cuts alike."""
    jieba = _jieba()
    for word in words:
        if word not in _added:
            jieba.add_word(word, None, None)
            _added.add(word)

    def cut(text: str) -> Iterable[str]:
        return jieba.cut_for_search(text)

    cut.version = digest(f"{_rjieba_version()}\n" + "\n".join(sorted(_added)))  # type: ignore[attr-defined]
    return cut
