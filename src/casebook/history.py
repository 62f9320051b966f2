"""When each content file last changed, from git: one `git log` for all files, not one per page."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable


def last_commit_times(paths: Iterable[Path]) -> dict[Path, int]:
    """Path (below the resolved top of the checkout) -> Unix time of the last commit that touched it; {} outside a git checkout."""
    # Resolving each of 20,000 paths took longer than the git log: resolve their folders.
    folders = sorted({str(parent.resolve()) for parent in {Path(p).parent for p in paths}})
    if not folders:
        return {}
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folders[0],
                             capture_output=True, text=True, check=True).stdout.strip()
        out = subprocess.run(["git", "log", "--format=@%ct", "--name-only", "--no-renames", "--", *folders],
                             cwd=top, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    times: dict[Path, int] = {}
    when = 0
    for line in out.splitlines():
        if line.startswith("@"):
            when = int(line[1:])
        elif line:
            times.setdefault(Path(top) / line, when)
    return times


def day(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%d")
