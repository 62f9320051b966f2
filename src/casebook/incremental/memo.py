"""Results kept between builds, by what they are computed from.

A build works out the same things again for every file that did not change: its front matter
and checks, the glossary terms it uses, the words of its search fields. A `Memo` keeps them,
in memory for the next build of the same process (`mkdocs serve`) and, given a file, on disk
for the next process (as Material keeps its plugins' caches under `.cache/`).

A result is never stale, at worst computed again: every key holds what its value depends on
(a file's content hash, the taxonomy's, the segmenter's dictionary), and a memo written by
other code (another version of this package or of PyYAML) is not read at all.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Hashable
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
_MISSING = object()


class Memo:
    """Values by key, for one build at a time: what a build does not ask for again is
    dropped when it ends, so that the memo holds only the current content."""

    def __init__(self, path: Path | None = None, version: str = ""):
        self.path, self.version = path, version
        self._old: dict = self._read()
        self._new: dict = {}
        self.computed = 0  # values not found, in this build
        self._unwritten = False  # what the last builds kept differs from the file
        self.builds = 0  # ended in this process
        self.write_error: str | None = None

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        value = self._new.get(key, _MISSING)
        if value is _MISSING:
            value = self._old.pop(key, _MISSING)
            if value is _MISSING:
                value = compute()
                self.computed += 1
            self._new[key] = value
        return value

    def keep(self, key: Hashable) -> bool:
        """Whether `key` has a value; if so, it is kept for this build as if asked for."""
        if key in self._new:
            return True
        value = self._old.pop(key, _MISSING)
        if value is _MISSING:
            return False
        self._new[key] = value
        return True

    def end_build(self, write: bool = True) -> None:
        """The build is done: keep what it used, and write it if that differs from the file
        (`write=False`: later, by `write()`; `mkdocs serve` builds on every edit)."""
        self._unwritten = self._unwritten or bool(self.computed or self._old)
        self._old, self._new, self.computed = self._new, {}, 0
        self.builds += 1
        if write:
            self.write()

    def write(self) -> None:
        """To the file, if there is more to keep. A memo that cannot be written (a read-only
        checkout, a full disk) is no error: the next build works it out again. Why is kept in
        `write_error`."""
        if self.path is not None and self._unwritten:
            try:
                self._write(self.path)
                self.write_error = None
            except OSError as e:
                self.write_error = f"{self.path}: {e.strerror or e}"
                return
        self._unwritten = False

    def _read(self) -> dict:
        if self.path is None:
            return {}
        try:
            with open(self.path, "rb") as f:
                version, values = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
            return {}  # none yet, or unreadable: everything is computed again
        return values if version == self.version else {}

    def _write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside and renamed: a build stopped halfway leaves the old memo, not half a one.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump((self.version, self._old), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def recall(memo: Memo | None, key: Hashable | None, compute: Callable[[], T]) -> T:
    """`compute()`, kept in `memo` under `key`; computed each time without a memo, or without a
    key (None or "": a text that was not read from a file has no content hash to key it by)."""
    if memo is None or not key:
        return compute()
    return memo.get(key, compute)


_open: dict[Path, Memo] = {}


def open_memo(path: Path) -> Memo:
    """The memo kept in `path`, read once per process: `mkdocs serve` builds again and again
    in one process and finds last build's values in memory."""
    path = Path(path).resolve()
    memo = _open.get(path)
    if memo is None or memo.version != code_version():
        memo = _open[path] = Memo(path, code_version())
    return memo


def write_all() -> None:
    """Every memo of this process that has more than its file."""
    for memo in _open.values():
        memo.write()


@cache
def code_version() -> str:
    """A hash of this package's source and of the libraries its kept results come from."""
    import yaml

    h = hashlib.blake2b(digest_size=16)
    # The data files too: strings.yml holds words that kept pages show.
    package = Path(__file__).parent.parent
    for source in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".yml", ".css")):
        h.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    h.update(f"pyyaml {yaml.__version__}".encode())
    return h.hexdigest()


def digest(data: bytes | str) -> str:
    """The content hash that keys results of a file or text."""
    return hashlib.blake2b(data.encode("utf-8") if isinstance(data, str) else data, digest_size=16).hexdigest()
