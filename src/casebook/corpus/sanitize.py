"""Keeping editors' raw HTML from reaching readers as script.

Policy: content may use the markup that Markdown and Material produce (admonitions, tables,
task lists, footnotes, details, definition lists, code, images) and plain formatting tags.
Everything else is *removed* from the built page by `clean_html` (nh3, the Ammonia sanitiser),
and `risky_html` lets `casebook check` warn the editor, with the line, about each thing that
will be removed. Scripts, frames, objects, forms and style sheets are dropped with their
content; event handlers, inline styles and `javascript:`/`data:` addresses are dropped, and so
are ids and names of the theme's own elements (`__config`...), which would stand in for them.
Only the content's HTML is cleaned, never the theme's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache

import nh3

from casebook.model import Message, say

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label", "li", "mark", "ol", "p",
    "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var", "wbr",
}
# Dropped together with what is inside them, not only their tags.
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "form", "noscript",
                        "template", "svg", "math", "frame", "frameset", "applet"}
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "input": {"type", "checked", "disabled"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start", "type"},
    "details": {"open"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


# Ids and names that the theme's elements have and its scripts look up (Material's "__config",
# "__search", "__drawer", "__palette_0"..., the site's "cb-search-results"): an element of the
# content carrying one comes first in the page and takes the lookup (DOM clobbering).
_RESERVED = re.compile(r"\s*(?:__|md-|cb-)", re.I)
# The tags to look at in nh3's output, which writes attributes as name="value" with '"', '<' and
# '>' in a value as entities: every input, and tags with a reserved id or name.
_SUSPECT = re.compile(r'<input\b[^>]*>|<[a-z][a-z0-9]*(?:\s[^>]*?)?\s(?:id|name)="\s*(?:__|md-|cb-)[^>]*>', re.I)
_TAG = re.compile(r'<([a-z][a-z0-9]*)((?:\s[^\s="/>]+(?:="[^"]*")?)*)\s*(/?)>')
_ATTRIBUTE = re.compile(r'\s([^\s="/>]+)(?:="([^"]*)")?')


def clean_html(html: str) -> str:
    # One pattern over nh3's output rather than a filter that it calls back for every
    # attribute: a third faster.
    return _SUSPECT.sub(_checked_tag, _cleaner().clean(html))


def _checked_tag(m: re.Match) -> str:
    tag = _TAG.fullmatch(m.group())
    if tag is None:  # not as nh3 writes tags: leave nothing to chance
        return ""
    found = _ATTRIBUTE.findall(tag.group(2))
    # Task lists need <input type="checkbox">; any other input could pose as a form.
    if tag.group(1).lower() == "input" and ("type", "checkbox") not in found:
        return ""
    kept = "".join(f' {name}="{value}"' for name, value in found
                   if not (name in ("id", "name") and _RESERVED.match(value)))
    return f"<{tag.group(1)}{kept}{' /' if tag.group(3) else ''}>"


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


# Linear in the text: a tag's attributes are looked for only up to the next "<" or ">", so no
# "<" starts a scan over the text that the scans from the "<"s after it walk again (with
# `<[^>]*`, 40 KB of "<a " took 15 s).
_RISKS = (
    (re.compile(r"<\s*(script|style|iframe|object|embed|form|frame|frameset|applet|svg|math|noscript|template"
                r"|link|meta|base)\b", re.I),
     "html_tag_removed"),
    (re.compile(r"<[^<>]*\s(on[a-z]+)\s*=", re.I), "html_handler_removed"),
    (re.compile(r"<[^<>]*\s(style)\s*=", re.I), "html_style_removed"),
    (re.compile(r"(javascript|vbscript|data)\s*:", re.I), "html_scheme_removed"),
    (re.compile(r"<[^<>]*\s(id|name)\s*=\s*[\"']?\s*(?:__|md-|cb-)", re.I), "html_reserved_removed"),
)


def risky_html(markdown: str) -> Iterator[tuple[int, Message]]:
    """(line, message) for each piece of raw HTML in `markdown` that `clean_html` will remove."""
    has_tag, has_scheme = "<" in markdown, _has_scheme(markdown)
    if not has_tag and not has_scheme:
        return
    line = _Lines(markdown)
    for pattern, key in _RISKS:
        if not (has_scheme if pattern is _RISKS[3][0] else has_tag):
            continue
        for m in pattern.finditer(markdown):
            if pattern is _RISKS[3][0] and not _inside_link_or_tag(markdown, m.start()):
                continue
            yield line.of(m.start()), say(key, name=m.group(1).lower())


class _Lines:
    """The line of an offset, from the offsets of the line breaks found once (counting them
    from the start for every match is quadratic in a text of many matches)."""

    def __init__(self, text: str):
        self.text = text
        self.breaks: list[int] | None = None

    def of(self, at: int) -> int:
        if self.breaks is None:
            self.breaks = [m.start() for m in re.finditer("\n", self.text)]
        return bisect.bisect_left(self.breaks, at) + 1


_SCHEMES = ("javascript", "vbscript", "data")


def _has_scheme(text: str) -> bool:
    """Whether a scheme of _RISKS[3] stands before some ':'. Looking back from each colon is
    much quicker than lower-casing the whole text or an IGNORECASE search: texts hold
    few colons (Chinese prose writes '：') and regular expressions with no literal to start
    from walk every character."""
    at = text.find(":")
    while at != -1:
        end = at
        while end and text[end - 1].isspace():  # as the pattern's \s* between scheme and ':'
            end -= 1
        if text[max(0, end - 10):end].lower().endswith(_SCHEMES):
            return True
        at = text.find(":", at + 1)
    return False


def _inside_link_or_tag(text: str, at: int) -> bool:
    """True where a scheme stands as an address: after '(' of a Markdown link, or in a tag."""
    before = text[max(0, at - 12):at].rstrip(" \"'")
    return before.endswith(("(", "=", "<"))
