"""The Atom feeds of one language's cases (all of them, and those of each unit type and each
category), newest change first, written with feedgen."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Sequence

from feedgen.feed import FeedGenerator


@dataclass(frozen=True, slots=True)
class Entry:
    id: str  # the case's id
    title: str
    summary: str
    link: str  # the case page's address
    updated: str  # YYYY-MM-DD: the day its file last changed in git


def _day(day: str) -> datetime:
    return datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=timezone.utc)


def feed_id(lang: str, case: str | None = None, scope: str = "") -> str:
    """A case's id in the feed: the same whatever the site's address and however the case
    changes, so a reader shows an updated case again rather than a second one (in every feed
    that lists it). A feed of one index has its own id (`scope`, e.g. "unit:hospital")."""
    name = f"casebook:{lang}:case:{case}" if case else f"casebook:{lang}" + (f":{scope}" if scope else "")
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def atom(title: str, root: str, path: str, lang: str, entries: Sequence[Entry], scope: str = "",
         page: str = "") -> bytes:
    """The feed at `root + path`, one entry per case, the newest change first; `scope` names the
    index it follows ("" for the whole casebook), `page` that index's page under `root`."""
    ordered = sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)
    fg = FeedGenerator()
    fg.id(feed_id(lang, scope=scope))
    fg.title(title)
    fg.author({"name": title})
    fg.link(href=root + page, rel="alternate", type="text/html")
    fg.link(href=root + path, rel="self", type="application/atom+xml")
    fg.language(lang)
    # No entries: the feed still needs a date; the epoch keeps builds of one content identical.
    fg.updated(_day(ordered[0].updated) if ordered else datetime(1970, 1, 1, tzinfo=timezone.utc))
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
