"""What a page gets from a script it shares with other pages (casebook_mkdocs/theme.py
script_that_writes: the navigation of case pages, the scheme toggles, the search box)."""

from __future__ import annotations

import json
from pathlib import Path

PREFIX = 'document.currentScript.insertAdjacentHTML("beforebegin", '


def written_by(page: Path, src: str) -> str:
    """The HTML that the script at `src` (as the page at `page` names it) puts in that page."""
    text = (page.parent / src).resolve().read_text("utf-8")
    assert text.startswith(PREFIX), f"{src}: not a script that writes HTML"
    return json.loads(text[len(PREFIX):].rstrip().removesuffix(");"))
