"""What a dirty build (`mkdocs serve --dirty`) must write again.

The files changed since the last one, the languages they touch and the index pages and data
files whose text changed.

The last dirty build leaves a mark in its site folder, dated when it began (an edit saved while
it ran is new to the next build) and holding the digest of each index page's and data file's text.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from casebook.urls import language_file

MARK = ".casebook-dirty-build"  # in the site folder of dirty builds only (never published)


def changed_files(site_dir: Path, watched: Iterable[Path]) -> list[Path] | None:
    """The files under `watched` changed since the last dirty build into `site_dir`; None: no
    such build."""
    mark = site_dir / MARK
    if not mark.exists():
        return None
    since = mark.stat().st_mtime
    changed = []
    for root in watched:
        # os.walk and os.stat, not Path.rglob: this runs after every edit.
        for path in [str(root)] if root.is_file() else _files_under(str(root)):
            try:
                if os.stat(path).st_mtime > since:
                    changed.append(Path(path))
            except OSError:  # removed meanwhile, or a broken link
                continue
    return changed


def _files_under(folder: str) -> Iterator[str]:
    for parent, folders, names in os.walk(folder):
        # Byte code that Python writes while it builds is no source of the site.
        folders[:] = [f for f in folders if f != "__pycache__"]
        yield from (os.path.join(parent, name) for name in names)


def _content_page(content_dir: Path, path: Path) -> tuple[str, str] | None:
    """(stem, language) of a case or checklist file in `content_dir`; None for any other file."""
    named = language_file(path.name)
    return named if named and path.parent.parent == content_dir else None


def touches(content_dir: Path, changed: list[Path] | None, lang: str) -> bool:
    """Whether a file that the `lang` site is made from is among `changed` (None: unknown, so yes).

    An editor who saves a Chinese case while `mkdocs serve --dirty` runs waits only for the
    Chinese site: the English one is made from the English file, unless there is none."""
    if changed is None:
        return True
    for path in changed:
        named = _content_page(content_dir, path)
        if not named or named[1] == lang:
            return True  # this language's file, or one that every language is made from
        if not path.with_name(f"{named[0]}.{lang}.md").exists():
            return True  # this language shows the other's text in its place
    return False


def previous_digests(site_dir: Path, content_dir: Path, changed: list[Path] | None) -> dict[str, str]:
    """Index page or data file -> digest of its text at the last dirty build, where only content pages
    changed since; otherwise {} (every page is written again)."""
    if changed is None or any(_content_page(content_dir, p) is None for p in changed):
        return {}
    try:
        return json.loads((site_dir / MARK).read_text("utf-8") or "{}")
    except (OSError, ValueError):
        return {}


def page_digest(markdown: str, fragments: Iterable[str]) -> str:
    text = "\0".join([markdown, *fragments])
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def leave_mark(site_dir: Path, digests: Mapping[str, str], started: float) -> None:
    mark = site_dir / MARK
    mark.write_text(json.dumps(digests), "utf-8")
    os.utime(mark, (started, started))
