"""When each content file last changed, from git: one `git log` for all files, not one per page."""

from __future__ import annotations

import os
import posixpath
import subprocess
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from casebook.model import Content


class Kept:
    """The last `git log` read, for the next build of the same process (`mkdocs serve` asks
    again after every edit; the dates change only with a commit). Owned by whoever runs the
    builds (the adapter) and passed in; without one, git is asked each time."""

    def __init__(self) -> None:
        self.key: tuple | None = None  # (top of the checkout, HEAD, folders)
        self.top = ""
        self.last: dict[str, int] = {}  # path below the top -> time of its last commit
        self.first: dict[str, int] = {}  # ... of its oldest commit


def last_commit_times(base: Path, relative: Iterable[str], kept: Kept | None = None) -> dict[str, int]:
    """Path below `base` (as `content/cases/x.zh.md`) -> Unix time of the last commit that
    touched it; {} outside a git checkout. For 20,000 paths without making a Path of each."""
    return _times(base, relative, first=False, kept=kept)


def first_commit_times(base: Path, relative: Iterable[str], kept: Kept | None = None) -> dict[str, int]:
    """As `last_commit_times`, the time of the oldest commit that touched each path: when it
    was added (from the same one `git log`)."""
    return _times(base, relative, first=True, kept=kept)


def _times(base: Path, relative: Iterable[str], first: bool, kept: Kept | None) -> dict[str, int]:
    relative = list(relative)
    base = Path(base).resolve()
    # Resolving each of 20,000 paths took longer than the git log: resolve their folders.
    folders = sorted({str((base / folder).resolve()) for folder in {posixpath.dirname(r) for r in relative}})
    log = _log(folders, kept if kept is not None else Kept())
    if log is None:
        return {}
    times = log.first if first else log.last
    prefix = Path(os.path.relpath(base, log.top)).as_posix()
    prefix = "" if prefix == "." else f"{prefix}/"
    return {r: times[prefix + r] for r in relative if prefix + r in times}


def _log(folders: list[str], kept: Kept) -> Kept | None:
    """`kept`, holding the log of the files in `folders` (read again unless it holds it already)."""
    if not folders:
        return None
    try:
        top, head = subprocess.run(["git", "rev-parse", "--show-toplevel", "HEAD"], cwd=folders[0],
                                   capture_output=True, text=True, check=True).stdout.splitlines()
        key = (top, head, tuple(folders))
        if kept.key != key:
            out = subprocess.run(["git", "log", "--format=@%ct", "--name-only", "--no-renames", "--", *folders],
                                 cwd=top, capture_output=True, text=True, check=True).stdout
            kept.key, kept.top = key, top
            kept.last, kept.first = _parse_log(out), _parse_log(out, oldest=True)
    except (OSError, ValueError, subprocess.CalledProcessError):
        return None  # not a checkout, or one without commits
    return kept


def _parse_log(out: str, oldest: bool = False) -> dict[str, int]:
    times: dict[str, int] = {}
    when = 0
    for line in out.splitlines():
        if line.startswith("@"):
            when = int(line[1:])
        elif line:
            if oldest:  # the log runs from the newest commit to the oldest
                times[line] = when
            else:
                times.setdefault(line, when)
    return times


@lru_cache(maxsize=4096)  # many files share the time of one commit
def day(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%d")


def last_updated(content: Content, base: Path, kept: Kept | None = None) -> dict[str, str]:
    """Content file path (as the model holds it, below `base`) -> the day of its last commit."""
    texts = [t for item in (*content.cases, *content.checklists) for t in item.texts.values()]
    times = last_commit_times(Path(base).resolve(), (str(t.path) for t in texts), kept)
    return {path: day(when) for path, when in times.items()}
