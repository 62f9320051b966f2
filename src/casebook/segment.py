"""Chinese word segmentation with jieba, set up once per process.

Loading jieba's dictionary takes about half a second; everything that segments goes through
`segmenter`, which loads it on first use only.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Callable, Iterable


@cache
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def segmenter(words: Iterable[str] = ()) -> Callable[[str], Iterable[str]]:
    """jieba's search-mode cut (whole words and the words inside them), knowing `words` as words."""
    jieba = _jieba()
    for word in words:
        jieba.add_word(word)
    return jieba.cut_for_search
