"""Theme settings that differ by language: the colour-scheme toggles' names and the 404 page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from casebook.model import DEFAULT_LANGUAGE
from casebook.strings import strings
from casebook.urls import BROWSE, CHECKLISTS, GLOSSARY, MEASURES, UNITS, page_url


def palette(options: Sequence[Mapping], lang: str) -> list[dict]:
    """The palette of mkdocs.yml with each toggle's name, a key of strings.yml, in `lang`."""
    s = strings()[lang]
    out = []
    for option in options:
        option = dict(option)
        if "toggle" in option:
            toggle = dict(option["toggle"])
            toggle["name"] = s.get(toggle["name"], toggle["name"])
            option["toggle"] = toggle
        out.append(option)
    return out


def not_found(lang: str, directory_urls: bool = True) -> dict:
    """The texts of the 404 page in `lang`, and its ways on: (title, address from the language's root)."""
    s = strings()[lang]
    ways = [("home", "index.md"), ("browse", BROWSE), ("by_unit", UNITS), ("by_measure", MEASURES),
            ("checklists", CHECKLISTS), ("glossary", GLOSSARY)]
    return {"title": s["not_found_title"], "text": s["not_found_text"], "search": s["not_found_search"],
            "ways_title": s["not_found_ways"],
            "ways": [{"title": s[key], "url": page_url(path, directory_urls)} for key, path in ways]}


def error_page_base(site_url: str | None, lang: str) -> str:
    """The base address of the 404 page of `lang`: absolute, since a server shows that page at any
    address; the path of site_url (so it works under a sub-path), then the language's folder."""
    path = urlsplit(site_url or "/").path.rstrip("/")
    return path + ("" if lang == DEFAULT_LANGUAGE else f"/{lang}") + "/"


# The theme's files and the site's scripts and styles are the same in every language: the other
# languages' pages fetch the default language's copy (one download, one browser cache entry),
# and their builds write none of their own.
SHARED_FOLDERS = ("assets/", "javascripts/", "stylesheets/")


def is_shared(src_uri: str) -> bool:
    return src_uri.startswith(SHARED_FOLDERS)


def shared_url(path: str, lang: str) -> str:
    """`path` (from a language's root) as seen from that root, pointing into the default
    language's copy where the file is shared: "assets/x.css" -> "../assets/x.css" for English."""
    if lang == DEFAULT_LANGUAGE or not is_shared(path):
        return path
    return "../" + path
