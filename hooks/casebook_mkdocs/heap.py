"""Memory that the build has freed, given back to the system.

Python hands objects larger than 512 bytes (a file's text, a body, a page's HTML) to the C
library's malloc. glibc gives freed memory back only from the top of its heap: what is freed
between objects that live on (a file read while loading, beside the content kept from it) stays
counted in the process's memory until `malloc_trim` returns those pages. At 2,000 cases loading
left 65 MB of such free memory in a 173 MB process; the build calls `give_back` after loading
and while it writes pages. Elsewhere than glibc (musl, macOS) there is no such call and nothing
is done.
"""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Callable


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


_TRIM = _malloc_trim()
# Pages written between two calls while MkDocs writes pages: a call takes a few milliseconds.
EVERY = 500


def give_back() -> bool:
    """Whether freed memory could be looked for and given back."""
    if _TRIM is None:
        return False
    _TRIM(0)
    return True


class Pacer:
    """`give_back` every EVERY calls of `tick`."""

    def __init__(self, every: int = EVERY) -> None:
        self.every, self.count = every, 0

    def tick(self) -> None:
        self.count += 1
        if self.count % self.every == 0:
            give_back()


def settle() -> None:
    """Between two builds of `mkdocs serve`: what the last build left as garbage in cycles (MkDocs'
    pages and files refer to each other) collected, and everything still alive set aside from the
    collector's passes (gc.freeze). A serve process holds millions of objects for its next build,
    where a pass over them took a second of a rebuild at 10,000 cases; set aside, they are looked
    at again here, after the next build, while the editor reads its page."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
