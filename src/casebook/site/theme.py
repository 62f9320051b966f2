"""Theme settings that differ by language: the names of the colour-scheme toggles."""

from __future__ import annotations

from typing import Mapping, Sequence

from casebook.site.pages import strings


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
