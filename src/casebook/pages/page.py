"""A generated page as data: its path, title, Markdown and the finished HTML to put in it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Mapping

from casebook.pages.render import Heading


@dataclass(frozen=True, slots=True)
class SitePage:
    path: str
    title: str
    markdown: str
    kind: str
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

    @property
    def in_navigation(self) -> bool:
        """Whether the navigation lists the page: index pages only, never one page per case,
        checklist or cell, so that the navigation does not grow with the content."""
        return self.kind not in ("case", "checklist", "cell", "handout", "compare")

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
    children: tuple["NavItem", ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class PageStub:
    """A page known by its address before it is written; `make()` writes it. A generator
    that renders only what changed (`mkdocs serve --dirty`) then writes only those pages."""

    path: str
    kind: str
    source: str
    make: Callable[[], SitePage]
