"""Limits on a body's Markdown, checked before any Markdown engine sees it.

The engines fail on texts no editor writes: markdown-it.rs overflows its stack (the process
dies with a signal) on 100,000 nested `> ` or list markers, Python-Markdown recurses past
Python's limit on a few hundred nested lists, and it takes quadratic time or worse on brackets
and angle brackets that do not close (15 KB of `<a ` take seconds, 120 KB minutes; 900 KB
of `[` never end). Each limit is far above what a case needs (the casebook's longest texts nest three deep and
hold twenty links) and far below where an engine slows down or falls over.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from casebook.corpus.frontmatter import control_message
from casebook.model import Message, say

MAX_NESTING = 16  # quotes and list markers at the start of one line
MAX_INDENT = 16  # levels of four spaces (or tabs), each a nested list for Python-Markdown
MAX_BRACKETS = 500  # '[' in one text: links, images and footnotes
MAX_TAGS = 500  # '<' in one text: raw HTML and autolinks

# Tried after each line end (and at the start): a pattern anchored with re.M is tried at
# every character, several times slower.
_NESTED = re.compile(r"(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?){%d}" % (MAX_NESTING + 1))
_INDENTED = re.compile(r"(?: {4}|\t){%d}" % (MAX_INDENT + 1))
# The controls of frontmatter.CONTROL: what breaks a text anywhere. Noncharacters, which only
# XML refuses, are left to the front matter (the feeds hold no body): the longer class takes
# four times as long over a Chinese text.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _at_a_line_start(pattern: re.Pattern, text: str) -> int | None:
    """Where `pattern` matches at the start of a line, or None."""
    if pattern.match(text):
        return 0
    m = _after_newline[pattern].search(text)
    return m.start() + 1 if m else None


_after_newline = {p: re.compile(r"\n" + p.pattern) for p in (_NESTED, _INDENTED)}


def check_body(body: str) -> Iterator[tuple[int, Message]]:
    """(line within `body`, 1-based; message) for each limit the body goes past."""

    def line(at: int) -> int:
        return body.count("\n", 0, at) + 1

    bad = _CONTROL.search(body)
    if bad:
        yield line(bad.start()), control_message(bad.group())
    for char, limit, what in (("[", MAX_BRACKETS, say("what_brackets")), ("<", MAX_TAGS, say("what_tags"))):
        if body.count(char) > limit:
            at = -1
            for _ in range(limit + 1):
                at = body.find(char, at + 1)
            yield line(at), say("too_many_brackets", limit=limit, char=char, what=what)
    if ">" in body or "- " in body or "* " in body or "+ " in body or ". " in body or ") " in body:
        deep = _at_a_line_start(_NESTED, body)
        if deep is not None:
            yield line(deep), say("nested_too_deep", limit=MAX_NESTING)
    if "\n    " in body or "\t" in body:
        deep = _at_a_line_start(_INDENTED, body)
        if deep is not None:
            yield line(deep), say("indented_too_deep", limit=MAX_INDENT, spaces=MAX_INDENT * 4)
