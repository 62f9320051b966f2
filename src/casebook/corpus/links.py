"""Links between content: `[text](case:<id>)`, `[text](checklist:<id>)`, `[text](glossary:<id>)`.

Editors write these instead of paths, so a link survives any change of page addresses and a
link to something that does not exist is caught by the checker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

LINK = re.compile(r"\]\((case|checklist|glossary):([^)#\s]*)(#[^)\s]*)?\)")


@dataclass(frozen=True, slots=True)
class Ref:
    scheme: str
    target: str
    line: int  # 1-based within the text it was found in


def find_refs(markdown: str) -> Iterator[Ref]:
    for m in LINK.finditer(markdown):
        yield Ref(m.group(1), m.group(2), markdown.count("\n", 0, m.start()) + 1)


def rewrite(markdown: str, resolve: Callable[[str, str], str]) -> str:
    """Each content link replaced by `resolve(scheme, target)` (a path), keeping any #anchor."""
    if "](" not in markdown:
        return markdown
    return LINK.sub(lambda m: f"]({resolve(m.group(1), m.group(2))}{m.group(3) or ''})", markdown)
