"""Interface texts that change with a number: strings.yml's {one: ..., other: ...} as one string."""

from __future__ import annotations

from typing import Any


class Plural(str):
    """The "other" form ("{n} cases"), which it is wherever it is used as a plain string; its
    `format(n=1)` gives the "one" form ("1 case"). English needs the two; Chinese has one form."""

    one: str

    def __new__(cls, one: str, other: str) -> Plural:
        text = super().__new__(cls, other)
        text.one = one
        return text

    def format(self, *args: Any, **values: Any) -> str:
        return (self.one if values.get("n") == 1 else str(self)).format(*args, **values)

    def __reduce__(self):  # pickled with the build's hand-off like any string
        return (Plural, (self.one, str(self)))


def with_plurals(tree: Any) -> Any:
    """The texts with every mapping of exactly `one` and `other` made a Plural."""
    if isinstance(tree, dict):
        if set(tree) == {"one", "other"}:
            return Plural(tree["one"], tree["other"])
        return {k: with_plurals(v) for k, v in tree.items()}
    return tree
