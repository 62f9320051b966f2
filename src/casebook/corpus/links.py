"""Links between content: `[text](case:<id>)`, `[text](checklist:<id>)`, `[text](glossary:<id>)`.

Editors write these instead of paths, so a link survives any change of page addresses and a
link to something that does not exist is caught by the checker.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from casebook.model import Message, say

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


# ---- images and what a page would load from elsewhere ----
#
# A page must load nothing from another site: it has to work without a network, and a remote
# image tells its owner who reads what. Markdown can name an image inline, `![x](url)`, or by
# reference, `![x][r]`, `![x][]` and `![x]` with `[r]: url` anywhere in the text; raw HTML
# and attribute lists can name any address. All are found here, with their offsets.

_REF_DEF = re.compile(r"(?:^|\n)[ ]{0,3}\[([^\]\n]{1,999})\]:[ \t]*\n?[ \t]*<?([^\s>]*)")


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def _closing_bracket(text: str, start: int) -> int:
    """The index of the ']' that closes the '[' at `start`, or -1 (brackets nest in alt texts)."""
    depth = 0
    i = start
    while True:
        i = min((j for j in (text.find("[", i), text.find("]", i)) if j != -1), default=-1)
        if i == -1:
            return -1
        if text[i] == "[" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif text[i] == "]" and text[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return i
        i += 1


def images(markdown: str) -> Iterator[tuple[int, str]]:
    """(offset, address) of each Markdown image, inline or by reference; a reference with no
    definition is not an image (Markdown leaves it as text)."""
    if "![" not in markdown:
        return
    definitions: dict[str, str] = {}
    if "]:" in markdown:
        for m in _REF_DEF.finditer(markdown):
            definitions.setdefault(_label(m.group(1)), m.group(2))
    at = markdown.find("![")
    while at != -1:
        close = _closing_bracket(markdown, at + 1)
        if close == -1:
            return
        after = markdown[close + 1:close + 2]
        if after == "(":
            target = markdown[close + 2:].lstrip().lstrip("<")
            yield at, re.split(r"[\s)>]", target, maxsplit=1)[0]
        else:
            label = markdown[at + 2:close]
            if after == "[":
                end = markdown.find("]", close + 2)
                if end != -1 and markdown[close + 2:end].strip():
                    label = markdown[close + 2:end]
            defined = definitions.get(_label(label))
            if defined is not None:
                yield at, defined
        at = markdown.find("![", at + 2)


_TAG = re.compile(r"<([a-z][a-z0-9-]*)\b([^>]*)>", re.I)
# Addresses that reach another host (javascript: and data: are the sanitiser's to remove).
_ELSEWHERE = r"(?:(?:https?|ftp|wss?)\s*:|[/\\]{2})"
_ADDRESS_ATTRIBUTE = re.compile(r"""([a-z:-]+)\s*=\s*["']?\s*(%s[^"'\s>]*)""" % _ELSEWHERE, re.I)
_CSS_URL = re.compile(r"""url\(\s*["']?\s*(%s[^"')\s]*)|@import""" % _ELSEWHERE, re.I)
_ATTRIBUTE_LIST = re.compile(r"\{[ \t]*:?[^}\n]*\}")


def remote_loads(markdown: str) -> Iterator[tuple[int, str | Message]]:
    """(offset, what: the tag as written, or a message naming it) for each thing in raw HTML,
    style or attribute lists that a browser would load from an address (other than a link
    someone follows)."""
    if "<" in markdown:
        for tag in _TAG.finditer(markdown):
            name = tag.group(1).lower()
            for attribute in _ADDRESS_ATTRIBUTE.finditer(tag.group(2)):
                if (name, attribute.group(1).lower()) in (("a", "href"), ("img", "src")):
                    continue  # a link loads nothing until followed; an image's src is checked as an image
                yield tag.start(), f"<{name} {attribute.group(1)}=\"{attribute.group(2)}\">"
    if "l(" in markdown or "L(" in markdown or "@" in markdown:  # url( in any case; @import
        for m in _CSS_URL.finditer(markdown):
            yield m.start(), say("what_style", css=m.group(0))
    if "{" in markdown:
        for m in _ATTRIBUTE_LIST.finditer(markdown):
            for attribute in _ADDRESS_ATTRIBUTE.finditer(m.group(0)):
                yield m.start(), say("what_attribute_list", attribute=f"{attribute.group(1)}=\"{attribute.group(2)}\"")
