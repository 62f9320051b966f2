"""Profiling probe: with this folder on PYTHONPATH and CASEBOOK_PROFILE set to a folder, every
Python process of a build (the default language's and each child language's, which inherit the
environment) runs under cProfile and writes `<folder>/<pid>.prof` at exit.

    CASEBOOK_PROFILE=/tmp/prof PYTHONPATH=src:hooks:benchmarks/profile mkdocs build
    python -m pstats /tmp/prof/<pid>.prof

A child build ends with os._exit when its parent is gone, which skips this; a build that ends
normally writes its profile, and so does `mkdocs serve` stopped by SIGTERM (benchmarks/run.py
stops it so).
"""

from __future__ import annotations

import atexit
import cProfile
import os
import signal
import sys

_FOLDER = os.environ.get("CASEBOOK_PROFILE")

if _FOLDER:
    _profile = cProfile.Profile()
    _profile.enable()

    def _dump() -> None:
        _profile.disable()
        os.makedirs(_FOLDER, exist_ok=True)
        _profile.dump_stats(os.path.join(_FOLDER, f"{os.getpid()}.prof"))

    atexit.register(_dump)
    # SIGTERM ends the process through sys.exit, so that atexit runs.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
