"""When each content file last changed, from git: one `git log` for all files, not one per page."""

from __future__ import annotations

import os
import posixpath
import subprocess
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from casebook.model import Case, Checklist, Content


def last_commit_times(base: Path, relative: Iterable[str]) -> dict[str, int]:
    """Path below `base` (as `content/cases/x.zh.md`) -> Unix time of the last commit that
    touched it; {} outside a git checkout. For 20,000 paths without making a Path of each."""
    return _times(base, relative, first=False)


def first_commit_times(base: Path, relative: Iterable[str]) -> dict[str, int]:
    """As `last_commit_times`, the time of the oldest commit that touched each path: when it
    was added (from the same one `git log`)."""
    return _times(base, relative, first=True)


def _times(base: Path, relative: Iterable[str], first: bool) -> dict[str, int]:
    relative = list(relative)
    base = Path(base).resolve()
    # Resolving each of 20,000 paths took longer than the git log: resolve their folders.
    folders = sorted({str((base / folder).resolve()) for folder in {posixpath.dirname(r) for r in relative}})
    found = _log(folders)
    if found is None:
        return {}
    top, last = found
    times = _firsts[top, tuple(folders)] if first else last
    prefix = Path(os.path.relpath(base, top)).as_posix()
    prefix = "" if prefix == "." else f"{prefix}/"
    return {r: times[prefix + r] for r in relative if prefix + r in times}


_logs: dict[tuple, tuple[str, dict[str, int]]] = {}
_firsts: dict[tuple, dict[str, int]] = {}  # (top, folders) -> path -> time of its oldest commit


def _log(folders: list[str]) -> tuple[str, dict[str, int]] | None:
    """(top of the checkout, path below it -> time of its last commit) for the files in `folders`."""
    if not folders:
        return None
    try:
        top, head = subprocess.run(["git", "rev-parse", "--show-toplevel", "HEAD"], cwd=folders[0],
                                   capture_output=True, text=True, check=True).stdout.splitlines()
        # The dates change only with a commit: `mkdocs serve` asks again after every edit.
        key = (top, head, tuple(folders))
        if key not in _logs:
            out = subprocess.run(["git", "log", "--format=@%ct", "--name-only", "--no-renames", "--", *folders],
                                 cwd=top, capture_output=True, text=True, check=True).stdout
            _logs.clear()
            _firsts.clear()
            _logs[key] = (top, _parse_log(out))
            _firsts[top, tuple(folders)] = _parse_log(out, oldest=True)
    except (OSError, ValueError, subprocess.CalledProcessError):
        return None  # not a checkout, or one without commits
    return _logs[key]


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
    return datetime.fromtimestamp(timestamp, tz=UTC).strftime("%Y-%m-%d")


def last_updated(content: Content, base: Path) -> dict[str, str]:
    """Content file path (as the model holds it, below `base`) -> the day of its last commit."""
    items: list[Case | Checklist] = [*content.cases, *content.checklists]
    texts = [t for item in items for t in item.texts.values()]
    times = last_commit_times(Path(base).resolve(), (str(t.path) for t in texts))
    return {path: day(when) for path, when in times.items()}
