"""Results kept between builds, by what they are computed from.

A build works out the same things again for every file that did not change: its front matter
and checks, the glossary terms it uses, the words of its search fields. A `Memo` keeps them,
in memory for the next build of the same process (`mkdocs serve`) and, given a file, on disk
for the next process (as Material keeps its plugins' caches under `.cache/`).

A result is never stale, at worst computed again: every key holds what its value depends on
(a file's content hash, the taxonomy's, the segmenter's dictionary), and a memo written by
other code (another version of this package or of PyYAML) is not read at all.

The file is an SQLite database of rows (key, value, checksum), values written as data by
`store.py`, never as code: a planted or damaged file can make a build work things out again,
never run code or change what it publishes. A row is read when a build asks for its key, so
that a build holds only what it uses; what a build no longer asks for is deleted when it ends.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from collections.abc import Callable, Hashable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from casebook.incremental import store

T = TypeVar("T")
_MISSING = object()
_FLUSH_CHARS = 32 << 20
_SCHEMA = (("table", "entries", "CREATE TABLE entries (key TEXT PRIMARY KEY, value TEXT NOT NULL, sum TEXT NOT NULL)"),
           ("table", "meta", "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"))


class Memo:
    """Values by key, for one build at a time: what a build does not ask for again is
    dropped when it ends, so that the memo holds only the current content."""

    def __init__(self, path: Path | None = None, version: str = ""):
        self.path, self.version = (Path(path) if path is not None else None), version
        self._old: dict = {}  # key -> (value, stored key) of the last build of this process
        self._new: dict = {}  # key -> (value, stored key) asked for in this build
        self._pending: dict[str, tuple[str, str]] = {}  # stored key -> (value, checksum) not in the file yet
        self._pending_chars = 0
        self._used: set[str] = set()  # stored keys asked for in this build
        self._last_used: set[str] | None = None  # ... in the last build ended; None: none ended
        self._db: sqlite3.Connection | None = None
        self._db_failed = False
        self.computed = 0  # values not found, in this build
        self.dropped = 0  # rows of the file that were damaged or unreadable (worked out again)
        self.builds = 0  # ended in this process
        self.write_error: str | None = None
        # For the loader: what stat said of each file it read with this memo, and what it found,
        # so that a file unchanged since is not read again (corpus/loader.py).
        self.recent: dict[str, tuple] = {}
        # For the loader: each body as typeset (and packed, model.pack), by its file's digest and language.
        self.typeset: dict[str, bytes] = {}
        # And each case file's own fields as typeset, the same way (held only: never written).
        self.texts: dict[str, dict] = {}
        # And what each body refers to (other content, images), found by the loader's scan.
        self.scans: dict[str, Any] = {}
        # Whether values are held in memory for the next build of this process (`mkdocs
        # serve`). A process that builds once (`mkdocs build`) holds none: at 100,000 cases the
        # words of every search field, every file's front matter and checks held to the end of
        # the build were gigabytes that no later build would ask for. Its values go to the file
        # as they are computed, as ever.
        self.holds = True

    def get(self, key: Hashable, compute: Callable[[], T], hold: bool = True) -> T:
        """The value of `key`, computed if need be. `hold=False`: a large value asked for once
        a build (a page's HTML) is not held in memory for the next build of this process, only
        in the file."""
        found = self._new.get(key, _MISSING)
        if found is not _MISSING:
            return found[0]
        found = self._old.pop(key, _MISSING)
        if found is _MISSING:
            text = store.key_text(key)
            value = self._read(text) if text is not None else _MISSING
            if value is _MISSING:
                value = compute()
                self.computed += 1
                if text is not None:
                    self._store(text, value)
            found = (value, text)
        if hold and self.holds:
            self._new[key] = found
        if found[1] is not None:
            self._used.add(found[1])
        return found[0]

    def _store(self, text: str, value) -> None:
        if self.path is None:
            return  # nowhere to write it: _pending would hold every value to the end
        stored = store.dumps(value)
        if stored is None:
            return
        self._pending[text] = (stored, store.checksum(text, stored))
        self._pending_chars += len(stored)
        if self._pending_chars > _FLUSH_CHARS and self.path is not None:
            # Written as the build goes: a build of 100,000 pages does not hold all their HTML
            # until its end. Rows of this build are kept by its end whatever it asks for after.
            rows, self._pending, self._pending_chars = self._pending, {}, 0
            try:
                db = self._writable()
                with db:
                    db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)",
                                   ((k, v, s) for k, (v, s) in rows.items()))
            except (OSError, sqlite3.Error) as e:
                self.write_error = f"{self.path}: {getattr(e, 'strerror', None) or e}"

    def keep(self, key: Hashable) -> bool:
        """Whether `key` has a value; if so, it is kept for this build as if asked for."""
        if key in self._new:
            return True
        found = self._old.pop(key, _MISSING)
        if found is _MISSING:
            text = store.key_text(key)
            value = self._read(text) if text is not None else _MISSING
            if value is _MISSING:
                return False
            found = (value, text)
        if self.holds:
            self._new[key] = found
        if found[1] is not None:
            self._used.add(found[1])
        return True

    def end_build(self, write: bool = True) -> None:
        """The build is done: keep what it used, and write it if that differs from the file
        (`write=False`: later, by `write()`; `mkdocs serve` builds on every edit)."""
        self._old, self._new, self.computed = self._new, {}, 0
        self._last_used, self._used = self._used, set()
        self.builds += 1
        if write:
            self.write()

    def write(self) -> None:
        """To the file: what the last build computed, less what it no longer asks for. A memo
        that cannot be written (a read-only checkout, a full disk) is no error: the next build
        works it out again. Why is kept in `write_error`."""
        if self.path is None or self._last_used is None:
            return
        used, self._last_used = self._last_used, None
        rows = [(k, v, s) for k, (v, s) in self._pending.items() if k in used]
        self._pending, self._pending_chars = {}, 0
        try:
            db = self._writable()
            with db:
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", rows)
                db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
                db.execute("DELETE FROM used")
                db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in used))
                db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM used)")
                db.execute("DELETE FROM used")
            self.write_error = None
        except (OSError, sqlite3.Error) as e:
            self.write_error = f"{self.path}: {getattr(e, 'strerror', None) or e}"

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _read(self, text: str):
        """The value stored under `text`, or _MISSING (none, or damaged: the row is dropped)."""
        pending = self._pending.get(text)
        if pending is not None:  # computed in this build, not written yet (a memo that holds nothing)
            return store.loads(pending[0])
        db = self._connect(create=False)
        if db is None:
            return _MISSING
        try:
            row = db.execute("SELECT value, sum FROM entries WHERE key = ?", (text,)).fetchone()
        except sqlite3.Error:
            return _MISSING
        if row is None:
            return _MISSING
        value, checksum = row
        if isinstance(value, str) and checksum == store.checksum(text, value):
            try:
                return store.loads(value)
            except store.Unreadable:
                pass
        self.dropped += 1
        return _MISSING

    def _writable(self) -> sqlite3.Connection:
        """The open file, made if need be (called only for a memo with a path)."""
        db = self._connect(create=True)
        assert db is not None  # with create=True, the file is opened or made, or an error raised
        return db

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        """The open file; a file that is not this memo's (another version, another format,
        damaged) is replaced by an empty one when written, and read as empty before."""
        if self._db is not None or self.path is None or (self._db_failed and not create):
            return self._db
        if not create and not self.path.exists():
            self._db_failed = True  # none yet: not looked for again until it is written
            return None
        try:
            self._db = self._open(create)
        except (OSError, sqlite3.Error):
            self._db, self._db_failed = None, True
            if create:
                raise
        return self._db

    def _open(self, create: bool) -> sqlite3.Connection | None:
        # One thread at a time, though not always the same: `mkdocs serve` builds first in its
        # main thread, rebuilds in another, and makes a rebuild's search index in a third, which
        # the next rebuild waits for. SQLite's own lock guards the file.
        path = self.path
        assert path is not None  # _connect opens a memo with a path only
        if self._usable(path):
            db = sqlite3.connect(path, timeout=30, check_same_thread=False)
            _harden(db)
            return db
        if not create:
            self._db_failed = True
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        db = sqlite3.connect(path, timeout=30, check_same_thread=False)
        _harden(db)
        with db:
            for _, _, sql in _SCHEMA:
                db.execute(sql)
            db.execute("INSERT INTO meta VALUES ('version', ?)", (self.version,))
        self._db_failed = False
        return db

    def _usable(self, path: Path) -> bool:
        """Whether the file is this code's memo: the very tables it makes and nothing else
        (no view or trigger that would run on our statements), of this version."""
        if not path.exists():
            return False
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
            try:
                _harden(db)
                schema = db.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex_%'"
                                    " ORDER BY name").fetchall()
                if tuple(schema) != _SCHEMA:
                    return False
                version = db.execute("SELECT value FROM meta WHERE name = 'version'").fetchone()
                return version == (self.version,)
            finally:
                db.close()
        except sqlite3.Error:
            return False


def _harden(db: sqlite3.Connection) -> None:
    # SQLite's own advice for files from elsewhere: no function of the schema runs, and the
    # file's shape is not trusted.
    db.execute("PRAGMA trusted_schema = OFF")
    db.execute("PRAGMA synchronous = OFF")  # a cache: a row lost in a power cut is worked out again
    if sys.version_info >= (3, 12) and hasattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE"):  # setconfig: Python 3.12 on
        db.setconfig(sqlite3.SQLITE_DBCONFIG_DEFENSIVE, True)


def recall(memo: Memo | None, key: Hashable | None, compute: Callable[[], T]) -> T:
    """`compute()`, kept in `memo` under `key`; computed each time without a memo, or without a
    key (None or "": a text that was not read from a file has no content hash to key it by)."""
    if memo is None or not key:
        return compute()
    return memo.get(key, compute)


def open_memo(path: Path) -> Memo:
    """The memo kept in `path`, for the code of this process."""
    return Memo(Path(path).resolve(), code_version())


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
    # And the libraries kept pages and search files are made with (markdown-it, Python-Markdown,
    # the segmenter, MkDocs' slugs): every installed one, which is quicker than to choose.
    from importlib import metadata

    h.update(repr(sorted((d.metadata["Name"] or "", d.version) for d in metadata.distributions())).encode())
    return h.hexdigest()


def digest(data: bytes | str) -> str:
    """The content hash that keys results of a file or text."""
    return hashlib.blake2b(data.encode("utf-8") if isinstance(data, str) else data, digest_size=16).hexdigest()
