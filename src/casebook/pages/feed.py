"""The Atom feeds of one language's cases (all of them, and those of each unit type and each
category), newest change first, written with feedgen.

A feed carries the newest changes only (NEWEST): a feed reader asks for it again and again and
shows what is new since it last asked, and the casebook's pages, browse page and open data
hold every case. A feed of every case would be a megabyte at 1,000 cases and 10 at 10,000,
fetched in full by every subscriber at every poll; the 54 of a site, a tenth of its size."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator


@dataclass(frozen=True, slots=True)
class Entry:
    id: str  # the case's id
    title: str
    summary: str
    link: str  # the case page's address
    updated: str  # YYYY-MM-DD: the day its file last changed in git


# As many as a reader shows at once; what a casebook changes between two polls, many times over.
NEWEST = 50


def newest(entries: Sequence[Entry], n: int = NEWEST) -> list[Entry]:
    """The `n` entries changed last, the newest first (by id where two changed on one day)."""
    return sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)[:n]


def _day(day: str) -> datetime:
    return datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=UTC)


def feed_id(lang: str, case: str | None = None, scope: str = "") -> str:
    """A case's id in the feed: the same whatever the site's address and however the case
    changes, so a reader shows an updated case again rather than a second one (in every feed
    that lists it). A feed of one index has its own id (`scope`, e.g. "unit:hospital")."""
    name = f"casebook:{lang}:case:{case}" if case else f"casebook:{lang}" + (f":{scope}" if scope else "")
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def atom(title: str, root: str, path: str, lang: str, entries: Sequence[Entry], scope: str = "",
         page: str = "") -> bytes:
    """The feed at `root + path`, one entry per case of the NEWEST changed, the newest first;
    `scope` names the index it follows ("" for the whole casebook), `page` that index's page
    under `root`."""
    ordered = newest(entries)
    fg = FeedGenerator()
    fg.id(feed_id(lang, scope=scope))
    fg.title(title)
    fg.author({"name": title})
    fg.link(href=root + page, rel="alternate", type="text/html")
    fg.link(href=root + path, rel="self", type="application/atom+xml")
    fg.language(lang)
    # No entries: the feed still needs a date; the epoch keeps builds of one content identical.
    fg.updated(_day(ordered[0].updated) if ordered else datetime(1970, 1, 1, tzinfo=UTC))
    fg.generator("Casebook")
    # feedgen puts the entry added last first: add the oldest first.
    for e in reversed(ordered):
        fe = fg.add_entry()
        fe.id(feed_id(lang, e.id))
        fe.title(e.title)
        fe.summary(e.summary)
        fe.link(href=e.link, rel="alternate", type="text/html")
        fe.updated(_day(e.updated))
    return fg.atom_str(pretty=True)
