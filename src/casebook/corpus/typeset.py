"""Chinese set as Chinese: the line breaks and quotation marks of the content's texts, made right
once, as the content is loaded, so that every page, card, snippet, feed and data file inherits it.

Chinese is written without spaces. An editor's line break between two Chinese characters (a soft
break in a paragraph, a folded line of `summary: >-`) would reach the reader as a space in the
middle of a word: here it becomes nothing, as Pandoc's `east_asian_line_breaks` and markdown-it's
`cjk-breaks` do it. Straight double quotes around Chinese words in a Chinese text become the
Chinese “” (an editor's keyboard types the straight ones).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Quotation marks, dashes and the ellipsis are of ambiguous width: Chinese only beside a character
# that is Chinese for certain.
_AMBIGUOUS = frozenset("“”‘’—…·")


@lru_cache(maxsize=4096)
def is_wide(char: str) -> bool:
    """A character set in a full square: Chinese characters and Chinese punctuation."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _joins(before: str, after: str) -> bool:
    """Whether white space between these two characters is a stray one."""
    if is_wide(before):
        return is_wide(after) or after in _AMBIGUOUS
    return before in _AMBIGUOUS and is_wide(after)


# White space with a non-space character on each side: candidates, ruled on by _joins.
_SPACE = re.compile(r"(?<=\S)\s+(?=\S)")


def join_text(text: str) -> str:
    """A plain text (a front-matter field) without white space between two Chinese characters:
    YAML folds a line break into a space, which is never wanted between them."""
    if text.isascii():
        return text
    return _SPACE.sub(lambda m: "" if _joins(text[m.start() - 1], text[m.end()]) else m.group(), text)


# White space (a line break, or spaces on one line) with a character beyond ASCII on each side, looking through what inline Markdown
# puts between a line's last visible character and the break (emphasis, a link's bracket and
# address, attributes) and between the break and the next line's first (emphasis, a bracket).
# Most lines of most files have none: the search is the whole cost for them.
_CANDIDATE = re.compile(r"(?P<before>[^\x00-\x7f])(?:[*_~]|\]\([^()\s]*\)(?:\{[^{}\n]*\})?|\])*"
                        r"(?P<brk>[ \t]*\n[ \t]*|[ \t]+)(?=[*_~\[]*(?P<after>[^\x00-\x7f]))")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)
# A line after which a break is not inside a paragraph (a heading, a table row, an admonition's
# title, HTML) or one that starts a block of its own.
_NOT_PARAGRAPH = re.compile(r"^[ \t]*(?:#|!!!|\?\?\?|<|:)|\|")


def join_markdown(body: str) -> str:
    """A Markdown body without white space between two Chinese characters (soft line breaks, and
    spaces such as the one after a bold run-in head), outside code. Only line breaks inside a
    paragraph (or a list item's paragraph) are joined: a heading, a table row, an admonition's
    title or a line of HTML keeps its line end. Hard breaks (two spaces or a backslash at the
    end of a line) stay."""
    if body.isascii():
        return body
    fences = _fenced(body) if ("```" in body or "~~~" in body) else ()
    parts: list[str] = []
    at = 0
    for m in _CANDIDATE.finditer(body):
        start, end = m.span("brk")
        if not _joins(m["before"], m["after"]) or any(a <= start < b for a, b in fences):
            continue
        line_start = body.rfind("\n", 0, start) + 1
        previous = body[line_start:start]
        if "\n" not in m["brk"]:
            # Spaces on one line: all but those inside inline code or an HTML tag.
            if previous.count("`") % 2 or previous.rfind("<") > previous.rfind(">"):
                continue
        else:
            next_end = body.find("\n", end)
            following = body[end:None if next_end < 0 else next_end]
            if body.startswith("  ", start) or _NOT_PARAGRAPH.search(previous) or _NOT_PARAGRAPH.search(following):
                continue
        marks = body[m.end("before"):start]
        if marks and marks.strip("*_") == "" and unicodedata.category(m["before"]).startswith("P"):
            # "**知晓度不平衡。** 示范村": without the space, CommonMark (and the fast renderer)
            # could not close the emphasis between punctuation and a letter; the mark moves out
            # of it instead ("**知晓度不平衡**。示范村"), which both engines read alike.
            parts.append(body[at:m.start("before")] + marks + m["before"])
        else:
            parts.append(body[at:start])
        at = end
    if not parts:
        return body
    parts.append(body[at:])
    return "".join(parts)


def _fenced(body: str) -> list[tuple[int, int]]:
    """The spans of fenced code blocks."""
    spans, opened = [], None
    for m in _FENCE.finditer(body):
        if opened is None:
            opened = m
        elif m.group(1)[0] == opened.group(1)[0] and len(m.group(1)) >= len(opened.group(1)):
            spans.append((opened.start(), m.end()))
            opened = None
    if opened is not None:
        spans.append((opened.start(), len(body)))
    return spans


# A pair of straight double quotes on one line around words that hold a Chinese character, and
# no Markdown or HTML that uses quotes (attributes, link titles) between them.
_QUOTED = re.compile(r'"([^"\n<>=(){}`]{1,80})"')


def quote_marks(text: str) -> str:
    """Straight double quotes around Chinese words made the Chinese “”, outside code, HTML tags,
    attribute lists and link addresses (where quotes are syntax)."""
    if '"' not in text or text.isascii():
        return text
    parts = _PROTECTED.split(text)
    for i in range(0, len(parts), 2):
        if '"' in parts[i]:
            parts[i] = _QUOTED.sub(_curly, parts[i])
    return "".join(parts)


# Code (fenced and inline), admonitions' titles, HTML tags, {: attribute lists } and the address of a link: kept as
# they are. The split keeps them at the odd indexes.
_PROTECTED = re.compile(r"((?:^|\n) {0,3}(?:`{3,}|~{3,})[\s\S]*?(?:\n {0,3}(?:`{3,}|~{3,})[^\n]*|$)"
                        r"|(?:^|\n)[!?]{3}[^\n]*"
                        r"|`[^`\n]*`|<[^<>\n]*>|\{[^{}\n]*\}|\]\([^()\n]*\))")


def _curly(m: re.Match) -> str:
    inner = m.group(1)
    if not any(is_wide(c) for c in inner) or inner != inner.strip():
        return m.group()
    return f"“{inner}”"


def typeset_markdown(markdown: str, lang: str) -> str:
    """A Markdown text of `lang` set as its language is set: white space between Chinese
    characters joined in every language, straight quotes made Chinese in Chinese only."""
    # Quotes first: a space beside a quotation mark is judged by the mark it becomes.
    return join_markdown(quote_marks(markdown) if lang == "zh" else markdown)


def typeset_text(text: str, lang: str) -> str:
    """As typeset_markdown, for a plain text (a front-matter field)."""
    return join_text(quote_marks(text) if lang == "zh" else text)
