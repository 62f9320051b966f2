"""A generated page as data: its path, title, Markdown and the finished HTML to put in it."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from casebook.pages.render import Heading


class PageKind(StrEnum):
    """What a generated page is. Declared here alone: the pages, the adapter and the tests name a
    kind by its member, never by its text (`tests/unit/test_declared_once.py`). A str, so that it
    reads as its value wherever it is written out (the memo, a page's data script)."""

    HOME = "home"
    BROWSE = "browse"
    STATS = "stats"
    DATA = "data"
    MATRIX = "matrix"
    GLOSSARY = "glossary"
    UNITS = "units"  # the list of unit types
    UNIT = "unit"  # the cases of one unit type
    MEASURES = "measures"
    MEASURE = "measure"
    CELL = "cell"  # the cases of one unit type and category: a matrix cell
    CASE = "case"
    CHECKLISTS = "checklists"
    CHECKLIST = "checklist"
    HANDOUT = "handout"
    COMPARE = "compare"


# The pages the navigation never lists: one per case, checklist or cell, and the selection pages.
UNLISTED = frozenset({PageKind.CASE, PageKind.CHECKLIST, PageKind.CELL, PageKind.HANDOUT, PageKind.COMPARE})


class Mark(StrEnum):
    """Marker paragraphs: a paragraph holding one of these alone stands in a page's Markdown where
    finished HTML goes after rendering and sanitising (`SitePage.fragments`, `fill`). Declared here
    alone, as the page kinds are; the numbered ones are written with `at`."""

    FRAGMENT = "CASEBOOKFRAGMENT"  # numbered: cards (`writer.Fragments`), a case page's two parts
    WIDGET = "CASEBOOKWIDGET"  # numbered: forms and charts (`writer.widget`)
    HOME = "CASEBOOKHOME"  # numbered: the front page's four blocks
    ASSESS = "CASEBOOKFRAGMENTASSESS"  # a checklist's self-assessment texts
    SELECTION = "CASEBOOKFRAGMENTSELECTION"  # the handout's and the comparison's box

    def at(self, n: int) -> str:
        """The marker of the n-th fragment of its scheme on one page."""
        return f"{self.value}{n}"


@dataclass(frozen=True, slots=True)
class SitePage:
    path: str
    title: str
    markdown: str
    kind: PageKind
    # The content file the page shows (for "edit this page"), and the language it is written
    # in when the page's own language is missing.
    source: str | None = None
    fallback_from: str | None = None
    # HTML put in place of a marker paragraph after the Markdown is rendered and sanitised: long
    # lists of cards, which Markdown's HTML-block parser would take seconds to re-read, and the
    # forms and inline SVG that the sanitiser (there for editors' HTML) would strip. The core
    # builds all of it whole from escaped values.
    fragments: Mapping[str, str] = field(default_factory=dict)
    # The headings of HTML put in as a fragment, for the page's table of contents.
    headings: tuple[Heading, ...] = ()
    # The whole page is in its fragments, finished by the core: editors' text in it escaped, and
    # the HTML that `render` made of their Markdown sanitised already (`case.case_page`). The
    # generator's HTML of its Markdown (the front matter alone) needs no sanitising again.
    escaped_only: bool = False
    # Marker of a fragment of cards -> the ids of the cases it lists, in order.
    cards: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A page read back from the memo has its kind as the plain text the memo stores.
        object.__setattr__(self, "kind", PageKind(self.kind))

    @property
    def in_navigation(self) -> bool:
        """Whether the navigation lists the page: index pages only, never one page per case,
        checklist or cell, so that the navigation does not grow with the content."""
        return self.kind not in UNLISTED

    def fill(self, html: str) -> tuple[str, tuple[str, ...]]:
        """The rendered page with its fragments in place of their markers, and the ids of the
        cases whose cards went in: what the page lists, for the build's reconciliation."""
        listed: list[str] = []
        for marker, fragment in self.fragments.items():
            paragraph = f"<p>{marker}</p>"
            if paragraph not in html:  # a marker given an id (a case's title, `case.case_page`)
                found = re.search(f'<p id="[^"<>]*">{marker}</p>', html)
                paragraph = found.group() if found else paragraph
            if paragraph in html:
                html = html.replace(paragraph, fragment, 1)
                listed += self.cards.get(marker, ())
        return html, tuple(listed)


@dataclass(frozen=True, slots=True)
class NavItem:
    title: str
    path: str | None = None
    children: tuple[NavItem, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class PageStub:
    """A page known by its address before it is written; `make()` writes it. A generator
    that renders only what changed (`mkdocs serve --dirty`) then writes only those pages."""

    path: str
    kind: PageKind
    source: str
    make: Callable[[], SitePage]
