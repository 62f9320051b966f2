"""Editors' Markdown rendered to HTML by markdown-it, for the text of case pages.

markdown-it is the Rust markdown-it.rs, through markdown-it-pyrs.

Why not leave it to the site generator: MkDocs renders with Python-Markdown, and a casebook of
thousands of cases in two languages is twice as many case pages, which Python-Markdown alone
takes longer to render than the whole build may; markdown-it.rs renders the same text many
times faster (the figures are on the build benchmark page, docs/benchmark.*.md).

The two engines agree on plain Markdown (paragraphs, headings, lists, emphasis, links, quotes,
rules) but not on everything: Python-Markdown has extensions (admonitions, attribute lists,
footnotes, task lists, definition lists, tables) that the site's pages and editors may use, and
CommonMark reads some things differently (raw HTML, code blocks, indented list content,
emphasis next to punctuation, which Chinese text has everywhere). So `render` takes a text only
when everything in it is in the subset where the two agree, and returns None otherwise; the
page is then left to Python-Markdown as before. tests/site/test_render.py renders every case both
ways and requires the same HTML.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from casebook.corpus import links

# Anywhere in a text, these take it outside the subset where markdown-it and Python-Markdown
# agree: raw HTML and autolinks, tables, fenced code (Python-Markdown here has no fences),
# footnotes, underscore emphasis (intraword rules differ), images (the generator copies and
# checks their files), backslash line breaks (CommonMark only). Plain substring tests: these
# run on every case of every build.
_OUTSIDE_ANYWHERE = ("<", "|", "```", "~~~", "[^", "_", "![", "\\\n")
_ATTRIBUTES_OR_ENTITY = re.compile(r"\{[ \t]*[:#.]|&#?\w+;")  # attribute lists, entities
# At the start of a line (matched line by line: one pattern anchored with re.M would be tried
# at every character).
_OUTSIDE_LINE = re.compile(
    r"""[ \t]*(?:!!!|\?\?\?)         # admonitions, details
    | [ \t]*[-*+][ \t]+\[[ xX]\]    # task lists
    | [ \t]*:[ \t]                   # definition lists
    | \t                             # tabs: the engines count them differently
    | [ \t]*\d+[.)][ \t]             # ordered lists (start numbers and "1)" differ)
    | \#+[^\#\s]                     # "#title": a heading only for Python-Markdown
    | [ \t]*(?:[-*_][ \t]*){3,}$      # rules, which may be read as setext underlines
    | [ \t]*[=-]+[ \t]*$              # setext headings
    | [ \t]*\[[^\]]+\]:              # link reference definitions
    | [ ]{1,3}[-*+][ \t]              # a list nested by 1-3 spaces: a sub-list only for CommonMark
    """,
    re.X,
)
_ITEM = re.compile(r"[ ]*[-*+][ \t]")
# Links are only the content's own (case:, checklist:, glossary:, resolved by the caller) and
# web addresses; links to files are the generator's to resolve and check.
_LINK_TARGET = re.compile(r"\]\(\s*([^)\s]*)")
_OWN_OR_WEB = re.compile(r"(?:case|checklist|glossary):|https?://|mailto:")
_STARS = re.compile(r"\*+")


def _star_beside_punctuation(text: str) -> bool:
    """True where CommonMark cannot open or close a `*` emphasis because of the punctuation
    beside it and Python-Markdown still makes emphasis, as in 学习**《条例》**后 (CommonMark's
    "flanking" rules). Runs are taken as opening and closing in turn within each paragraph; a
    paragraph with an odd number of them is left to Python-Markdown too."""
    for block in _BLOCKS.split(text):
        runs = list(_STARS.finditer(block))
        if len(runs) % 2:
            return True
        for n, m in enumerate(runs):
            before = block[m.start() - 1] if m.start() else " "
            after = block[m.end()] if m.end() < len(block) else " "
            if n % 2 == 0 and not _left_flanking(before, after):
                return True
            if n % 2 == 1 and not _left_flanking(after, before):  # right-flanking: the mirror image
                return True
    return False


def _left_flanking(before: str, after: str) -> bool:
    return not after.isspace() and (not _punctuation(after) or before.isspace() or _punctuation(before))


def _punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


_BLOCKS = re.compile(r"\n[ \t]*\n")


def _blocks_agree(text: str) -> bool:
    """Block structure that both engines read alike.

    Out: a list that starts inside a paragraph or heading block (CommonMark makes it a list,
    Python-Markdown keeps it as text); list items with a blank line between them (CommonMark
    makes the whole list loose, every item a paragraph, Python-Markdown only some); after a
    blank line, an indented line (code for CommonMark, a paragraph of the item for
    Python-Markdown; indented lines right after a line of text continue it in both)."""
    new_block, block_has_items, block_starts_with_item, previous_had_items = True, False, False, False
    for line in text.split("\n"):
        if not line.strip():
            if not new_block:
                previous_had_items = block_has_items
            new_block = True
            continue
        if _OUTSIDE_LINE.match(line):
            return False
        item = _ITEM.match(line) is not None
        if new_block:
            if item and (previous_had_items or line[0] == " "):
                return False
            if not item and line.startswith("    "):
                return False
            new_block, block_has_items, block_starts_with_item = False, item, item
        elif item:
            if not block_starts_with_item:
                return False
            block_has_items = True
    return True

@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class HeadingStyle:
    """How the generator's table-of-contents extension marks headings: their ids and the
    permalink after each. The adapter reads it from the generator's configuration."""

    slugify: Callable[[str], str]
    permalink: str | None = "¶"
    permalink_title: str = "Permanent link"
    # Whether texts in the fast subset are rendered here (`render`) rather than by the generator.
    fast: bool = True

    def ids_after_title(self, title: str) -> set[str]:
        """The ids in use once a page's `# title` has its id."""
        from markdown.extensions.toc import unique

        used: set[str] = set()
        unique(self.slugify(title), used)
        return used


@dataclass(frozen=True, slots=True)
class Rendered:
    html: str
    headings: tuple[Heading, ...]


def in_fast_subset(markdown: str) -> bool:
    """True when markdown-it renders this text as Python-Markdown would."""
    if any(s in markdown for s in _OUTSIDE_ANYWHERE):
        return False
    if ("{" in markdown or "&" in markdown) and _ATTRIBUTES_OR_ENTITY.search(markdown):
        return False
    if "*" in markdown and _star_beside_punctuation(markdown):
        return False
    if "](" in markdown and not all(_OWN_OR_WEB.match(t) for t in _LINK_TARGET.findall(markdown)):
        return False
    return _blocks_agree(markdown)


@cache
def _engine():
    import markdown_it_pyrs

    # CommonMark without raw HTML: the subset above has none, and none may slip through.
    return markdown_it_pyrs.MarkdownIt("zero").enable_many([
        "blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph", "reference",
        "autolink", "backticks", "emphasis", "entity", "escape", "image", "link", "newline"])


_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def render(markdown: str, used_ids: set[str], style: HeadingStyle,
           resolve: Callable[[str, str], str] | None = None) -> Rendered | None:
    """The HTML of `markdown`, or None when it is outside the fast subset. `resolve` gives the
    finished address of each content link (see `links.rewrite`).

    Headings get ids as the toc extension gives them (`style.slugify`, then `_1`, `_2`... to
    keep them unique among `used_ids`, which is updated) and its permalink, so that the page's
    table of contents and anchors do not depend on which engine rendered it."""
    if not in_fast_subset(markdown):
        return None
    if resolve is not None:
        markdown = links.rewrite(markdown, resolve)
    from markdown.extensions.toc import unique

    headings: list[Heading] = []

    def heading(m: re.Match) -> str:
        level, inner = int(m.group(1)), m.group(2)
        text = html.unescape(_TAG.sub("", inner)).strip()
        id = unique(style.slugify(text), used_ids)
        headings.append(Heading(level, id, text))
        return heading_html(level, id, inner, style)

    # A copy goes to the engine: reading a str as UTF-8 (as markdown-it.rs does) leaves CPython's
    # UTF-8 copy inside a text that is not ASCII, for as long as the text lives. The body of every
    # Chinese case, held by the content model, carried 11 KB more each to the end of the build.
    out = _HEADING.sub(heading, _engine().render(markdown if markdown.isascii() else markdown.encode().decode()))
    return Rendered(out, tuple(headings))


def heading_html(level: int, id: str, inner: str, style: HeadingStyle) -> str:
    """A heading as the toc extension marks it: its id and permalink. `inner`: its HTML."""
    link = (f'<a class="headerlink" href="#{id}" title="{html.escape(style.permalink_title)}">{style.permalink}</a>'
            if style.permalink else "")
    return f'<h{level} id="{id}">{inner}{link}</h{level}>'


def unique_id(id: str, used: set[str]) -> str:
    """`id`, or `id_1`, `id_2`... as the toc extension keeps ids unique among `used` (updated)."""
    from markdown.extensions.toc import unique

    return unique(id, used)


def _plain_slugify(text: str) -> str:
    from markdown.extensions.toc import slugify

    return slugify(text, "-")


# Where the generator marks headings in a way the core does not imitate: ids as the toc
# extension's defaults, no permalink; every text left to the generator.
PLAIN_HEADINGS = HeadingStyle(_plain_slugify, None, fast=False)
