"""`mkdocs serve` told of saved files by the system instead of polling for them.

MkDocs' server polls: every half second it lists and stats every file under the watched folders.
At 10,000 cases (20,000 files in content/) that kept 44 % of a core busy for as long as the
server ran, in the process that builds (its thread holding the interpreter against a rebuild),
and saw a saved file only at its next pass. The system's own notices (inotify, FSEvents,
ReadDirectoryChangesW: watchdog's native observer) cost nothing while nothing changes.

They do not reach every folder: one on a network share, or mounted into a container or WSL from
another system, sends none. CASEBOOK_WATCH=poll keeps MkDocs' polling there (README); so does a
system whose notices cannot be set up (a full inotify quota), with a warning.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
)
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.casebook")

WATCH = "CASEBOOK_WATCH"  # "poll": MkDocs' own polling
# What a save is made of. Not the opening or reading of a file: each build reads every content
# file, and MkDocs rebuilds on any event it is told of, so a build would start the next one.
CHANGES = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
           DirCreatedEvent, DirDeletedEvent, DirMovedEvent]


class _Notified(Observer):  # type: ignore[misc,valid-type]  # the platform's observer class
    """The native observer, told of changes only, and started by on_serve: MkDocs' serve starts
    its observer again, which a thread refuses."""

    def schedule(self, event_handler: Any, path: Any, *, recursive: bool = False, **kwargs: Any) -> Any:
        kwargs.setdefault("event_filter", CHANGES)
        return super().schedule(event_handler, path, recursive=recursive, **kwargs)

    def start(self) -> None:
        if not self.is_alive():
            super().start()


def watch_natively(server: Any) -> bool:
    """Moves what MkDocs' live-reload `server` watches to the system's notices, and starts them;
    whether it did (it leaves the server polling otherwise)."""
    if os.environ.get(WATCH, "").strip().lower() == "poll" or Observer is PollingObserver:
        return False
    watched = getattr(server, "_watched_paths", None)  # MkDocs' LiveReloadServer: path -> times asked
    if not isinstance(watched, dict) or not isinstance(getattr(server, "observer", None), PollingObserver):
        return False  # another server than MkDocs 1.6's: left as it is
    counts = dict(watched)
    notified = _Notified()
    _move(server, counts, notified)
    try:
        notified.start()
    except OSError as error:  # no inotify instance or watch left, and the like
        log.warning(f"the system cannot tell `mkdocs serve` of saved files ({error}); it looks for them "
                    f"every half second instead, as with {WATCH}=poll")
        _move(server, counts, PollingObserver(timeout=0.5))
        return False
    return True


def _move(server: Any, counts: dict[str, int], observer: Any) -> None:
    for path, times in counts.items():
        for _ in range(times):
            server.unwatch(path)
    server.observer = observer
    for path, times in counts.items():
        for _ in range(times):
            server.watch(path)
