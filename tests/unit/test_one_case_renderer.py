"""The printed handbook writes each case with the case pages' own renderer (`pages.case.case_html`):
the same metadata rows, source in words and related cases, in the same order. It once kept its own
list of rows and its own copies of interface texts, so that a row added to the page, or a fix to
its text, missed the handbook."""

from __future__ import annotations

import html
import re

import pytest

from casebook.derive import indices
from casebook.model import LANGUAGES
from casebook.pages.case import case_pages
from casebook.tools.handbook import handbook
from support import real

CONTENT = real.loaded().content
INDICES = indices.build(CONTENT)
_TAG = re.compile(r"<[^>]+>")
_COMPARE = re.compile(r' · <a class="cb-related__compare"[^>]*>.*?</a>')


def _texts(block: str) -> list[str]:
    """What a reader reads in a block of HTML, one entry per <dt>, <dd> and <li>."""
    items = re.findall(r"<(dt|dd|li)\b[^>]*>(.*?)</\1>", block, re.S)
    return [" ".join(html.unescape(_TAG.sub("", inner)).split()) for _, inner in items]


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_handbook_shows_each_case_as_its_page_does(lang):
    book = handbook(CONTENT, INDICES, lang, lambda markdown: f"<p>{html.escape(markdown)}</p>")
    sections = re.findall(r'<section class="hb-case">\n(.*?)</section>\n', book, re.S)
    assert len(sections) == len(CONTENT.cases)
    for case, section, stub in zip(CONTENT.cases, sections, case_pages(CONTENT, INDICES, lang), strict=True):
        # The page offers to compare two cases side by side, which paper cannot.
        page = _COMPARE.sub("", "".join(stub.make().fragments.values()))
        assert _texts(_between(section, "<dl>", "</dl>")) == _texts(_between(page, "<dl>", "</dl>")), case.id
        related = '-related">'
        if related in page:
            assert _texts(_between(section, related, "</ul>")) == _texts(_between(page, related, "</ul>")), case.id
