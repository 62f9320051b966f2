"""The interface texts of generated pages, per language, from the package's `strings.yml`."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

import yaml

from casebook.plural import with_plurals


@cache
def strings() -> dict[str, dict]:
    """Interface texts of generated pages, per language (package data `strings.yml`)."""
    return with_plurals(yaml.safe_load(resources.files("casebook").joinpath("strings.yml").read_text("utf-8")))


def join_list(lang: str, items: Iterable[str]) -> str:
    """Items of a list in running text, with the language's one list separator (`list_sep`)."""
    return strings()[lang]["list_sep"].join(items)
