"""The processes of a build: the other language's build ends with its parent, nothing is left
in the temporary folder, and two builds into one folder make one whole site, not a mix."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import MKDOCS, differing_files, mkdocs_build, write_case

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _cases(content: Path, n: int) -> None:
    for i in range(n):
        name = "case" + "abcdefghijklmnopqrstuvwxyz"[i % 26] * (i // 26 + 1)
        write_case(content, name)
        write_case(content, name, "en")


def test_the_english_build_ends_with_its_parent_and_leaves_no_file(project, content, tmp_path):
    _cases(content, 30)
    temporary = tmp_path / "tmp"  # the build's own temporary folder: other builds share /tmp
    temporary.mkdir()
    parent = subprocess.Popen([*MKDOCS, "build", "--site-dir", str(tmp_path / "site")], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)})
    deadline = time.monotonic() + 120
    children: list[int] = []
    while not children and time.monotonic() < deadline and parent.poll() is None:
        children = _children(parent.pid)
        time.sleep(0.05)
    assert children, "the build started no child build"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 30
    while any(map(_alive, children)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_alive, children)), "the English build outlived its parent"
    assert list(temporary.iterdir()) == []


def test_two_builds_into_one_folder_leave_one_whole_site(project, content, tmp_path):
    _cases(content, 30)
    alone = tmp_path / "alone"
    assert mkdocs_build(project, alone).returncode == 0
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    builds = [subprocess.Popen([*MKDOCS, "build", "--strict", "--site-dir", str(site)], cwd=project, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for build in builds:
        _, err = build.communicate()
        assert build.returncode == 0, err[-3000:]
    assert differing_files(alone, site) == []
