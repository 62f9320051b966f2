"""The project's own content, loaded and checked once per test process.

Some thirty test files read the real cases at import; each load checks every file and traces
every case to its source report (about half a second), so loading it in each file made pytest's
collection take longer on each xdist worker than the site's build. What is loaded is frozen
data (tuples of frozen data classes): a test cannot change it for the next one.
"""

from __future__ import annotations

import functools

from casebook.corpus import loader
from support.project import ROOT


@functools.cache
def loaded() -> loader.Loaded:
    """`loader.load` of the project's content folder, as the build loads it."""
    return loader.load(ROOT / "content")
