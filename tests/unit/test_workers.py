"""Loading shared out to other processes (corpus/workers.py) gives what loading in one gives:
the same content and the same problems in the same order, memo and all."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from casebook.corpus import workers
from support import ROOT, write_case

# Forking is refused in a process that runs threads, and a test process may (a browser's driver,
# a server of another test): the shared paths run in a fresh interpreter, which runs none.
FRESH = """
import json, os, sys, threading
from pathlib import Path
from casebook.corpus import loader, workers
from casebook.incremental.memo import Memo
assert threading.active_count() == 1
"""


def _fresh(code: str) -> Any:
    """What `code` (after FRESH) prints as JSON, run by this Python in a new process."""
    result = subprocess.run([sys.executable, "-c", FRESH + code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def _pid(_item: int) -> int:
    return os.getpid()


def test_the_work_runs_in_other_processes_in_the_order_given():
    here, pids, values = _fresh("""
def pid(_item):
    return os.getpid()
print(json.dumps([os.getpid(), sorted(set(workers.mapped(pid, range(300), 2))),
                  list(workers.mapped(abs, [-3, 2, -1] * 100, 2))]))
""")
    assert pids and here not in pids
    assert values == [3, 2, 1] * 100


def test_a_process_running_threads_does_the_work_itself():
    # Forked, a copy could wait for ever on a lock another thread held at the fork.
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert set(workers.mapped(_pid, range(10), 2)) == {os.getpid()}
    finally:
        stop.set()
        thread.join()


def test_shared_out_only_at_scale_unless_asked():
    assert workers.processes_for(workers.AT_LEAST - 1) == 0
    assert workers.processes_for(workers.AT_LEAST) == workers.cores()
    assert workers.processes_for(10, 2) == 2


def _troubled(tmp_path: Path) -> Path:
    """The real content with what editors get wrong beside it."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    write_case(content, "bad-unit", "zh", unit_type="hospitl")
    write_case(content, "bad-unit", "en", unit_type="hospitl")
    (content / "cases" / "not-yaml.zh.md").write_text("---\ntitle: [unclosed\n---\n\n## 背景\n\n字。\n", "utf-8")
    (content / "cases" / "empty.en.md").write_text("", "utf-8")
    write_case(content, "pictured", "zh", text=None)
    pictured = content / "cases" / "pictured.zh.md"
    pictured.write_text(pictured.read_text("utf-8") + "\n![图](../images/missing.png)\n", "utf-8")
    draft = write_case(content, "drafted", "zh")
    draft.write_text(draft.read_text("utf-8").replace("summary:", "draft: true\nsummary:", 1), "utf-8")
    (content / "stray.md").write_text("# stray\n", "utf-8")
    return content


def test_loading_shared_out_finds_the_same_content_and_problems(tmp_path):
    content = _troubled(tmp_path)
    same = _fresh(f"""
content = Path({str(content)!r})
here, shared = loader.load(content, processes=1), loader.load(content, processes=2)
assert here.errors and here.warnings and here.drafts, "the troubles were met"
print(json.dumps([shared.content == here.content, [str(p) for p in shared.problems] == [str(p) for p in here.problems],
                  shared.drafts == here.drafts and shared.notes == here.notes, len(here.problems)]))
""")
    assert same[:3] == [True, True, True] and same[3] >= 5


def test_a_memo_filled_by_a_shared_load_serves_the_next_load(tmp_path):
    content = _troubled(tmp_path)
    computed, same = _fresh(f"""
memo = Memo(Path({str(tmp_path / "memo.sqlite")!r}))
memo.holds = False  # as in `mkdocs build`
first = loader.load(Path({str(content)!r}), memo, processes=2)
memo.end_build()
again = loader.load(Path({str(content)!r}), memo, processes=1)
print(json.dumps([memo.computed, again.content == first.content and again.problems == first.problems]))
""")
    assert computed == 0, "each file's checks came from the memo"
    assert same
