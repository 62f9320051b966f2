"""A feed carries the newest changes, not every case (pages/feed.py)."""

import xml.etree.ElementTree as ET

from casebook.pages import feed

NS = {"a": "http://www.w3.org/2005/Atom"}


def test_a_feed_carries_the_newest_changed_cases_newest_first():
    entries = [feed.Entry(f"case-{i:03}", f"Case {i}", "A summary.", f"https://e.org/cases/{i}/",
                          f"2026-{1 + i % 12:02}-{1 + i % 28:02}") for i in range(feed.NEWEST + 30)]
    root = ET.fromstring(feed.atom("Casebook", "https://e.org/", "feed.xml", "en", entries))
    shown = root.findall("a:entry", NS)
    assert len(shown) == feed.NEWEST
    newest = sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)[: feed.NEWEST]
    assert [e.find("a:title", NS).text for e in shown] == [e.title for e in newest]
    assert root.find("a:updated", NS).text.startswith(newest[0].updated)
