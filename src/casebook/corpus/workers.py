"""Work on many files shared out to the machine's other cores, in the order given.

A build loads every content file before it can start its other language (corpus/loader.py): at
100,000 cases that was four and a half minutes on one core while the other waited. Each file's
own checks and its typeset body depend on that file and the taxonomy alone, so processes of
their own can do them side by side. The processes are forked: they start in milliseconds with
what this one has imported, and run no module's code again (a spawned process imports the
script that started the parent, which may be anyone's). Forking a process that runs threads can
leave a lock held for ever in the copy, so a process with threads running, a system without
fork, or one where processes cannot be started (no /dev/shm, a sandbox) does the work here, one
file after the other, with the same result.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Loading a file takes about a millisecond: below this many files the processes' start and the
# results' way back cost about what they save.
AT_LEAST = 1_000
_CHUNK = 64


def cores() -> int:
    """The cores this process may run on (a container's or `taskset`'s limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def processes_for(items: int, workers: int | None = None) -> int:
    """How many processes to share `items` out to: `workers` if given (tests), else one per core
    from AT_LEAST items on; 0 or 1 means here, in order."""
    if workers is not None:
        return workers
    return cores() if items >= AT_LEAST else 0


def mapped(work: Callable[[T], R], items: Iterable[T], processes: int) -> Iterator[R]:
    """`work` over `items`, in their order: in `processes` forked processes, or here where there
    are fewer than two or they cannot be forked safely. `work` is sent with every few items (a
    function of a module, or a functools.partial of one with what every item needs)."""
    items = list(items)
    pool = None
    if processes >= 2 and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        try:
            pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("fork"))
        except (OSError, ImportError, NotImplementedError):
            pool = None
    if pool is not None:
        with pool:
            yield from pool.map(work, items, chunksize=_CHUNK)
        return
    yield from map(work, items)
