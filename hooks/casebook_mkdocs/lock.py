"""One build at a time into a site folder.

Two builds into one folder each empty it and write into it: both could end well with a site
that holds part of each. The folder itself is locked (an advisory lock on the directory, which
MkDocs empties but never removes), from the start of a build to its end; a second build waits.
The lock goes with the process, however it ends.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no lock, as before
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("mkdocs.plugins.casebook")


class FolderLock:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._fd: int | None = None

    def acquire(self) -> None:
        if fcntl is None or self._fd is not None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.folder, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info(f"another build is writing into {self.folder}: waiting for it to end")
            fcntl.flock(fd, fcntl.LOCK_EX)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the only descriptor releases the lock
            self._fd = None
