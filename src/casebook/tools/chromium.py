"""Which Chromium prints the handbook (and drives the tests and screenshots), with which flags.

The headless shell comes first: the same Blink and the same printing, without the full browser's
windowing, and what Playwright itself launches for a headless run. Debian packages it as
`chromium-headless-shell`; through the test suite it takes about a third less processor time than
the full `chromium` (issue 29), which is still taken where the shell is not installed.
"""

from __future__ import annotations

import os
import shutil

NAMES = ("chromium-headless-shell", "chromium", "chromium-browser")
# Off the network whatever a page asks for, and no sandbox (containers and CI runners have none).
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def executable() -> str | None:
    """CASEBOOK_CHROMIUM, else the first of NAMES on the PATH; None leaves the choice to
    Playwright (its own, which `playwright install chromium` downloads)."""
    return os.environ.get("CASEBOOK_CHROMIUM") or next(filter(None, map(shutil.which, NAMES)), None)
