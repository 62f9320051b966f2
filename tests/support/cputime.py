"""`pytest --cpu-times`: the processor time each test file takes, its own and its finished child
processes' (the builds it runs), summed over setup, call and teardown, the slowest files listed at the
end. Unlike wall times it hardly changes when other work shares the machine's cores, so two runs on a
busy machine compare like with like. A browser's time is not in it: Chromium runs the whole session
in a process no test waits for.

Each xdist worker appends its lines to a file in the run's temporary folder; the controller adds them up.
"""

from __future__ import annotations

import collections
import os
import resource
import time
from pathlib import Path

import pytest


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


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
    cpu, wall = _cpu(), time.perf_counter()
    yield
    line = f"{item.nodeid.split('::')[0]}\t{_cpu() - cpu:.3f}\t{time.perf_counter() - wall:.3f}\n"
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
