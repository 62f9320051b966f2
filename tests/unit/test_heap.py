"""heap.give_back: memory freed between objects that live on goes back to the system (glibc
keeps it otherwise), as the build's loading leaves it (65 MB of 173 MB at 2,000 cases)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from casebook_mkdocs import heap

# In a fresh process, so that what this one holds does not blur its memory: 300 MB of 1.5 KB
# objects (malloc's, not Python's own allocator's), one in fifty kept, the rest freed.
PROBE = """
from casebook_mkdocs import heap
rss = lambda: int(open("/proc/self/statm").read().split()[1]) * 4096 // 1_000_000
kept, freed = [], []
for i in range(200_000):
    (kept if i % 50 == 0 else freed).append(bytes(1500))
freed.clear()
before = rss()
heap.give_back()
print(before, rss())
"""


@pytest.mark.skipif(heap._TRIM is None or not sys.platform.startswith("linux"), reason="glibc's malloc_trim only")
def test_memory_freed_between_kept_objects_is_given_back():
    before, after = map(int, subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                                            check=True).stdout.split())
    assert before > 250
    assert before - after > 200, (before, after)


def test_the_pacer_gives_back_every_so_many_pages(monkeypatch):
    calls = []
    monkeypatch.setattr(heap, "give_back", lambda: calls.append(1) or True)
    pacer = heap.Pacer(every=3)
    for _ in range(10):
        pacer.tick()
    assert len(calls) == 3


def test_the_hand_off_gives_back_what_its_pickling_freed(monkeypatch):
    """With the languages in turn the default build writes nothing while the other builds: the
    pickler's record of every object it handed off is given back as the hand-off ends."""
    import io

    from casebook.corpus import loader
    from casebook.derive import indices
    from casebook_mkdocs import languages
    from support import ROOT

    loaded = loader.load(ROOT / "content")
    calls = []
    monkeypatch.setattr(heap, "give_back", lambda: calls.append(1) or True)
    pipe = io.BytesIO()
    languages._hand_off(pipe, loaded, indices.build(loaded.content), ["en"])
    assert pipe.getvalue() and calls == [1]


# In a fresh process: what settle sets aside stays aside for the whole process.
SETTLE = """
import gc, weakref
from casebook_mkdocs import heap

class Page:  # as MkDocs' pages and files, in a cycle
    pass

def cycle():
    page, file = Page(), Page()
    page.file, file.page = file, page
    return page

held = cycle()
dropped = weakref.ref(cycle())  # garbage of the build before
heap.settle()
print(dropped() is None, gc.get_freeze_count() > 0, gc.collect() == 0)
# The next build lets go of what the last one held: settled again, it is collected, not kept
# aside for ever.
gone = weakref.ref(held)
del held
gc.collect()
print(gone() is not None)
heap.settle()
print(gone() is None)
"""


def test_settle_sets_the_living_aside_from_the_collector_and_frees_the_last_builds_cycles():
    result = subprocess.run([sys.executable, "-c", SETTLE], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True", "True"], result.stdout
