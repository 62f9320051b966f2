"""The default language's loaded content and indices, handed to the other languages' builds.

Pickled, so that they are not loaded, checked and indexed again.

A build shows the bodies of its own language's texts, and another language's body only where
its own text is missing (the page then says so). The other bodies are left out of the hand-off,
of which they would be much of the size and of the time spent writing and reading it. A
build of one language alone (CASEBOOK_LANGUAGE=en, which loads everything itself) writes the
same files as the build that took the hand-off; tests/site/test_handoff.py holds it to that.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
import pickle
from collections.abc import Callable, Iterable
from typing import IO, Any

from casebook.model import Case, CaseText, Checklist, ChecklistText, Content

_TEXTS = (CaseText, ChecklistText)


class _Pickler(pickle.Pickler):
    def __init__(self, file: IO[bytes], unshown: set[int]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._unshown = unshown

    def reducer_override(self, obj: Any):
        # Called once per object (the pickler remembers what it wrote), so every reference to a
        # text, from the content or from the indices, reads back as the same object.
        cls: type = type(obj)
        fields = _init_fields(cls)
        if fields is None:
            return NotImplemented
        if cls in _TEXTS and id(obj) in self._unshown:
            obj = dataclasses.replace(obj, packed=b"")
        # The class called with its fields, not the state dicts of slotted dataclasses, which
        # Python gets and sets field by field in Python code.
        values = fields(obj)
        encoded = tuple(i for i, v in enumerate(values) if type(v) is str and not v.isascii())
        if encoded:
            # Pickling a str that is not ASCII leaves CPython's UTF-8 copy inside it for as long
            # as it lives, and this build holds the content to its end (23 MB at 2,000 cases):
            # such fields go as UTF-8 bytes, encoded apart.
            return _made, (cls, tuple(v.encode() if i in encoded else v for i, v in enumerate(values)), encoded)
        return cls, values


def _made(cls: type, values: tuple, encoded: tuple[int, ...]) -> Any:
    """A dataclass of the core from its fields, those that were text (at `encoded`) again text."""
    return cls(*(v.decode() if i in encoded else v for i, v in enumerate(values)))


@functools.cache
def _init_fields(cls: type) -> Callable[[Any], tuple] | None:
    """A getter of the fields of the core's dataclasses that their __init__ takes back whole."""
    if not (dataclasses.is_dataclass(cls) and cls.__module__.startswith("casebook.")):
        return None
    fields = dataclasses.fields(cls)
    if not fields or hasattr(cls, "__post_init__") or not all(f.init for f in fields):
        return None
    names = [f.name for f in fields]
    return operator.attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))


def unshown_texts(content: Content, languages: Iterable[str]) -> list:
    """The texts whose bodies no build of `languages` shows: those of an item written in each
    of these languages, in a language outside them."""
    wanted = frozenset(languages)
    items: list[Case | Checklist] = [*content.cases, *content.checklists]
    return [text for item in items if wanted <= item.texts.keys()
            for lang, text in item.texts.items() if lang not in wanted]


def dump(payload: Any, content: Content, languages: Iterable[str], file: IO[bytes]) -> None:
    """`payload` (the loaded content and its indices, which refer to its objects) into `file`
    for the builds of `languages`, without the bodies of `content` that they do not show."""
    unshown = unshown_texts(content, languages)
    # The texts themselves are held in `unshown` while pickling, so their ids stay theirs.
    _Pickler(file, {id(t) for t in unshown}).dump(payload)


def load(file: IO[bytes]) -> Any:
    return pickle.load(file)
