"""Chinese set as Chinese: the line breaks and quotation marks of the content's texts, made right
once, as the content is loaded, so that every page, card, snippet, feed and data file inherits it.

Chinese is written without spaces. An editor's line break between two Chinese characters (a soft
break in a paragraph, a folded line of `summary: >-`) would reach the reader as a space in the
middle of a word: here it becomes nothing (and so does a space typed between them), as Pandoc's
`east_asian_line_breaks` and markdown-it's `cjk-breaks` do it. Straight double quotes around
Chinese words in a Chinese text become the Chinese “” (an editor's keyboard types the straight
ones).
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


# A line after which a break is not inside a paragraph (a heading, a table row, an admonition's
# title, HTML) or one that starts a block of its own.
_NOT_PARAGRAPH = re.compile(r"^[ \t]*(?:#|!!!|\?\?\?|<|:)|\|")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_EMPHASIS = "*_~"
# A space beside a character beyond ASCII (through emphasis or a link's bracket): most lines have
# none, and are done with this one search.
_NEAR_SPACE = re.compile(r"[^\x00-\x7f][*_~\])]* | [*_~\[]*[^\x00-\x7f]")
# What may stand between a line's last or first visible character and its end.
_TRAIL, _LEAD = frozenset("*_~])}"), frozenset("*_~[")


def join_markdown(body: str) -> str:
    """A Markdown body without white space between two Chinese characters (soft line breaks, and
    spaces such as the one after a bold run-in head), outside fenced code and inline code. Only
    line breaks inside a paragraph (or a list item's paragraph) are joined: a heading, a table
    row, an admonition's title or a line of HTML keeps its line end. Hard breaks (two spaces or
    a backslash at the end of a line) stay.

    Line by line with the string methods, not one pattern over the whole text: a pattern tried at
    every character of a Chinese text costs more than the rest of loading the file."""
    return _typeset_lines(body, False)


def _typeset_lines(body: str, quotes: bool) -> str:
    if body.isascii():
        return body
    out: list[str] = []
    fence: str | None = None
    changed = False
    for line in body.split("\n"):
        if fence is not None or (line[:4].lstrip(" ")[:1] in "`~" and _FENCE.match(line)):
            m = _FENCE.match(line)
            if fence is None:
                assert m is not None  # outside a fence, only a fence's start comes here
                fence = m.group(1)
            elif m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if line.isascii():
            out.append(line)
            continue
        was = line
        if quotes and '"' in line:
            line = _quote_line(line)
        if " " in line and _NEAR_SPACE.search(line):
            line = _join_spaces(line)
        if out and _joinable(out[-1], line):
            out[-1] = _join(out[-1].rstrip(" \t"), line.lstrip(" \t"))
            changed = True
            continue
        changed = changed or line is not was
        out.append(line)
    return "\n".join(out) if changed else body


def _before(text: str, end: int) -> int:
    """The index of the last character a reader sees before `end`, looking through emphasis
    marks, a link's closing bracket and its address: -1 where there is none."""
    j = end - 1
    while j >= 0 and text[j] in _EMPHASIS:
        j -= 1
    if j >= 0 and text[j] == ")":
        k = text.rfind("](", 0, j)
        if k != -1 and not any(c in text[k + 2:j] for c in " ()"):
            j = k
    if j >= 0 and text[j] == "]":
        j -= 1
    while j >= 0 and text[j] in _EMPHASIS:
        j -= 1
    return j


def _after(text: str, start: int) -> str:
    """The first character a reader sees from `start`, past emphasis marks and a link's bracket."""
    n = len(text)
    while start < n and text[start] in "*_~[":
        start += 1
    return text[start] if start < n else ""


def _join(left: str, right: str) -> str:
    """`left` and `right` with nothing between. "**知晓度不平衡。** 示范村": with the space gone,
    CommonMark (and so the fast renderer) could not close the emphasis between a punctuation mark
    and a letter; the mark moves out of it ("**知晓度不平衡**。示范村"), which every engine reads
    alike."""
    j = _before(left, len(left))
    marks = left[j + 1:]
    if j >= 0 and marks and not marks.strip("*_") and unicodedata.category(left[j]).startswith("P"):
        return left[:j] + marks + left[j] + right
    return left + right


def _joinable(previous: str, line: str) -> bool:
    last, first = previous.rstrip(" \t"), line.lstrip(" \t")
    if not last or not first or previous.endswith("  ") or last.endswith("\\"):
        return False  # a blank line, or a hard break the editor asked for
    if (last[-1].isascii() and last[-1] not in _TRAIL) or (first[0].isascii() and first[0] not in _LEAD):
        return False  # most lines: a list item, a heading, English
    if _NOT_PARAGRAPH.search(previous) or _NOT_PARAGRAPH.search(first):
        return False
    j = _before(last, len(last))
    return j >= 0 and _joins(last[j], _after(first, 0))


def _join_spaces(line: str) -> str:
    """A line without spaces between two Chinese characters, but for those in inline code or an
    HTML tag, and the indentation that starts it."""
    i = line.find(" ")
    lead = len(line) - len(line.lstrip(" \t"))
    while i != -1:
        j = i
        while j < len(line) and line[j] == " ":
            j += 1
        if i >= lead and j < len(line) and not (line[i - 1].isascii() and line[i - 1] not in _TRAIL
                                                and line[j].isascii() and line[j] not in _LEAD):
            k = _before(line, i)
            if (k >= 0 and _joins(line[k], _after(line, j)) and not line.count("`", 0, i) % 2
                    and line.rfind("<", 0, i) <= line.rfind(">", 0, i)):
                left = _join(line[:i], "")
                line = left + line[j:]
                j = len(left)
        i = line.find(" ", j)
    return line


# A pair of straight double quotes on one line around words that hold a Chinese character, and
# no Markdown or HTML that uses quotes (attributes, link titles) between them.
_QUOTED = re.compile(r'"([^"\n<>=(){}`]{1,80})"')


def quote_marks(text: str) -> str:
    """Straight double quotes around Chinese words made the Chinese “”, outside code, HTML tags,
    attribute lists, link addresses and admonitions' titles (where quotes are syntax)."""
    if '"' not in text or text.isascii():
        return text
    if "\n" not in text:
        return _quote_line(text)
    return _typeset_quotes(text)


def _typeset_quotes(text: str) -> str:
    out, fence = [], None
    for line in text.split("\n"):
        m = _FENCE.match(line)
        if fence is not None or m:
            if fence is None:
                assert m is not None  # outside a fence, only a fence's start comes here
                fence = m.group(1)
            elif m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
        elif '"' in line and not line.isascii():
            line = _quote_line(line)
        out.append(line)
    return "\n".join(out)


def _quote_line(line: str) -> str:
    if line.lstrip(" ")[:3] in ("!!!", "???"):
        return line
    parts = _PROTECTED.split(line)
    for i in range(0, len(parts), 2):
        if '"' in parts[i]:
            parts[i] = _QUOTED.sub(_curly, parts[i])
    return "".join(parts)


# Inline code, HTML tags, {: attribute lists } and the address of a link: kept as they are. The
# split keeps them at the odd indexes.
_PROTECTED = re.compile(r"(`[^`]*`|<[^<>]*>|\{[^{}]*\}|\]\([^()]*\))")


def _curly(m: re.Match) -> str:
    inner = m.group(1)
    if not any(is_wide(c) for c in inner) or inner != inner.strip():
        return m.group()
    return f"“{inner}”"


def typeset_markdown(markdown: str, lang: str) -> str:
    """A Markdown text of `lang` set as its language is set: white space between Chinese
    characters joined in every language, straight quotes made Chinese in Chinese only (first:
    a space beside a quotation mark is judged by the mark it becomes). One pass over the lines."""
    return _typeset_lines(markdown, lang == "zh")


def typeset_text(text: str, lang: str) -> str:
    """As typeset_markdown, for a plain text (a front-matter field)."""
    return join_text(quote_marks(text) if lang == "zh" else text)
