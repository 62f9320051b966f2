"""The source reports: the seeds README's table of R01-R18 and each report's own text."""

from __future__ import annotations

import os
import re
import unicodedata
from functools import cache
from pathlib import Path

from support.project import ROOT

SEEDS = Path(os.environ.get("CASEBOOK_SEEDS", ROOT.parent / "shared" / "seeds"))
_ROW = re.compile(r"^\| (R\d\d) \| (\S+) \| `([^`]+)` \|", re.M)
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


@cache
def reports() -> dict[str, tuple[str, str]]:
    """Report number -> (seed file name, start marker), as the seeds README lists them."""
    readme = SEEDS / "README.md"
    if not readme.exists():
        raise FileNotFoundError(f"{readme} is missing: the fidelity tests need ../shared/seeds beside the project")
    return {m[1]: (m[2], m[3]) for m in _ROW.finditer(readme.read_text("utf-8"))}


@cache
def report_text(report: str) -> str:
    """The text of one report: from its start marker to the next report's marker in that file."""
    file, marker = reports()[report]
    text = normalise((SEEDS / file).read_text("utf-8"))
    start = text.index(normalise(marker))
    later = [text.find(normalise(m), start + 1) for f, m in reports().values() if f == file]
    end = min([i for i in later if i > start], default=len(text))
    return text[start:end]


def normalise(text: str) -> str:
    """Full-width digits and punctuation as ASCII, so that numbers compare as numbers."""
    return unicodedata.normalize("NFKC", text)


def numbers(text: str) -> set[str]:
    return set(NUMBER.findall(normalise(text)))
