"""Traditional Chinese read as Simplified, with one OpenCC converter per process."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache


@cache
def to_simplified() -> Callable[[str], str]:
    """OpenCC's t2s conversion; its dictionaries are loaded once, on first use."""
    import opencc

    return opencc.OpenCC("t2s").convert
