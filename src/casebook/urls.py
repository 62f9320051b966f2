"""Where every page and data file lives: source paths, published addresses, links between them.

The same in every language: each language's site has the same paths under its own root, which
is what the language switch relies on.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from typing import Sequence
from urllib.parse import urlencode

from casebook.model import LANGUAGES


def case_path(id: str) -> str:
    return f"cases/{id}.md"


def checklist_path(id: str) -> str:
    return f"checklists/{id}.md"


def unit_path(unit: str) -> str:
    return f"units/{unit}/index.md"


def measure_path(measure: str) -> str:
    return f"measures/{measure}/index.md"


def cell_path(unit: str, measure: str) -> str:
    return f"units/{unit}/{measure}.md"


UNITS, MEASURES, MATRIX = "units/index.md", "measures/index.md", "matrix.md"
CHECKLISTS, GLOSSARY = "checklists/index.md", "glossary.md"
BROWSE, STATS, DATA = "browse.md", "stats.md", "data.md"
HANDOUT, COMPARE = "handout.md", "compare.md"

CASES_JSON, CASES_CSV, CASES_SCRIPT = "data/cases.json", "data/cases.csv", "data/cases.js"
ITEMS_JSON, ITEMS_CSV = "data/checklist-items.json", "data/checklist-items.csv"
DATAPACKAGE = "data/datapackage.json"
BROWSE_SCRIPT = "browse/index.js"
SEARCH_SCRIPT = "search/index.js"


def relative(from_path: str, to_path: str) -> str:
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def page_url(path: str, directory_urls: bool) -> str:
    """Where a page's source path is published, relative to the site root (as MkDocs does)."""
    stem = path[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) == "index":
        return stem[: -len("index")]
    return stem + "/"


@lru_cache(maxsize=1 << 16)  # index pages link to the same unit and category pages hundreds of times
def relative_url(from_path: str, to_path: str, directory_urls: bool) -> str:
    """The link from one page to another, in finished form, for HTML that no generator rewrites."""
    here = page_url(from_path, directory_urls)
    base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    target = page_url(to_path, directory_urls)
    rel = posixpath.relpath(target or ".", base or ".")
    return rel + "/" if (target.endswith("/") or not target) and not rel.endswith("/") else rel


def root_of(path: str, directory_urls: bool) -> str:
    """The language's root seen from a page, as a base for script-built addresses ('..', '.')."""
    here = page_url(path, directory_urls)
    folder = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    return posixpath.relpath(".", folder or ".")


def browse_hash(**chosen: str | Sequence[str]) -> str:
    """The fragment of a filtered browse view, e.g. `#unit=hospital&measure=exchange`."""
    pairs = [(k, v) for k, vs in chosen.items() for v in ([vs] if isinstance(vs, str) else vs)]
    return "#" + urlencode(pairs)


_LANGUAGE_FILE = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})\.md$")


def language_file(name: str) -> tuple[str, str] | None:
    """(stem, language) of a page written in one language, `<stem>.<lang>.md`; None for any other name."""
    m = _LANGUAGE_FILE.match(name)
    return (m["stem"], m["lang"]) if m and m["lang"] in LANGUAGES else None
