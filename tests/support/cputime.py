"""`pytest --cpu-times`: the processor time each test file takes, its own and its finished child
processes' (the builds it runs), summed over setup, call and teardown, the slowest files listed at the
end. Unlike wall times it hardly changes when other work shares the machine's cores, so two runs on a
busy machine compare like with like. Processes still running count by what Linux's /proc says they have
taken so far; Chromium's renderers do not (its zygote forks them outside this process tree): compare
browser tests by the wall times of --durations in runs under like load.

Each xdist worker appends its lines to a file in the run's temporary folder; the controller adds them up.
"""

from __future__ import annotations

import collections
import os
import resource
import time
from pathlib import Path

import pytest

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _running_descendants() -> float:
    """Processor time of this process's descendants still running, and of those they have ended."""
    parent, taken = {}, {}
    for entry in Path("/proc").iterdir() if Path("/proc/self/stat").exists() else []:
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError, ValueError):
            continue  # not a process, or one that has just ended
        # After the command's ")": state, ppid, ... utime stime cutime cstime are fields 12-15.
        parent[int(entry.name)] = int(fields[1])
        taken[int(entry.name)] = sum(int(f) for f in fields[11:15]) / TICK
    mine, total = {os.getpid()}, 0.0
    grew = True
    while grew:
        grew = False
        for pid, ppid in parent.items():
            if ppid in mine and pid not in mine:
                mine.add(pid)
                total += taken[pid]
                grew = True
    return total


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


_file_start: dict[str, float] = {}  # test file -> its running descendants' time when its first test began


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--cpu-times", type=int, default=None, metavar="N",
                     help="list the N test files that take the most processor time (0: all)")


def _log(config: pytest.Config) -> Path:
    # The run's folder: a worker's basetemp is a folder of it (support/shared.py).
    base = config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "cpu-times.tsv"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem):
    if item.config.getoption("cpu_times") is None:
        yield
        return
    name = item.nodeid.split("::")[0]
    # /proc is read at the start and end of a file only (reading it takes tens of milliseconds).
    if name not in _file_start:
        _file_start[name] = _running_descendants()
    cpu, wall = _cpu(), time.perf_counter()
    yield
    taken = _cpu() - cpu
    if nextitem is None or nextitem.nodeid.split("::")[0] != name:
        # Less when a process of an earlier file ended meanwhile: that file had its time already.
        taken += max(0.0, _running_descendants() - _file_start[name])
    line = f"{name}\t{taken:.3f}\t{time.perf_counter() - wall:.3f}\n"
    with _log(item.config).open("a", encoding="utf-8") as log:
        log.write(line)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    limit = config.getoption("cpu_times")
    if limit is None or os.environ.get("PYTEST_XDIST_WORKER"):
        return
    log = _log(config)
    cpu: collections.Counter[str] = collections.Counter()
    wall: collections.Counter[str] = collections.Counter()
    for line in log.read_text("utf-8").splitlines() if log.exists() else []:
        name, c, w = line.split("\t")
        cpu[name] += float(c)
        wall[name] += float(w)
    terminalreporter.section("processor time by test file (own and child processes')")
    terminalreporter.write_line(f"{sum(cpu.values()):9.1f} s cpu {sum(wall.values()):9.1f} s wall   all files")
    for name, seconds in cpu.most_common(limit or None):
        terminalreporter.write_line(f"{seconds:9.1f} s cpu {wall[name]:9.1f} s wall   {name}")
