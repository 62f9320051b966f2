"""Values written as data, never as code: the memo's file format.

What a build keeps in `.cache/` may come from anywhere (CI restores `.cache/` between runs; a pull
request or a shared runner can plant a file there), so nothing read from it may decide what code
runs. A value is written as JSON, with a tag for what JSON lacks (tuples, sets, paths, the core's
frozen data classes); reading it back builds only those: a data class is looked up among the
core's own classes already imported, by name, and called with its fields. Any other name, shape
or type is no value at all (`Unreadable`), and the memo works the value out again.

Each row carries a checksum of its key and value: a row damaged on disk (or edited by hand) is
dropped, not shown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import sys
from collections.abc import Callable, Hashable
from pathlib import PurePosixPath
from typing import Any

_PREFIX = "casebook."


class Unreadable(ValueError):
    """A stored value that is not one this module writes."""


def key_text(key: Hashable) -> str | None:
    """The stored form of a memo key; None for a key that is not plain data (never stored)."""
    try:
        return json.dumps(key, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return None


def checksum(key: str, value: str) -> str:
    return hashlib.blake2b(f"{key}\0{value}".encode(), digest_size=16).hexdigest()


def dumps(value: Any) -> str | None:
    """`value` as JSON text; None when it holds something this format does not write."""
    try:
        return json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError):
        return None


def loads(text: str) -> Any:
    """The value `dumps` wrote; Unreadable for anything else."""
    try:
        return _decode(json.loads(text))
    except Unreadable:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError) as e:
        raise Unreadable(str(e)) from None


# Tags: a JSON list is always [tag, ...]; strings, numbers, booleans and null stand for themselves.
# A container of strings alone (most of them: the words of a field, the ids of cases) has its tag
# followed by "$" and is read back whole, without a look at each item.
_PLAIN = {"t$": tuple, "l$": list, "f$": frozenset, "s$": set}


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    kind: type = type(value)
    if kind is tuple or kind is list:
        tag = "t" if kind is tuple else "l"
        if all(type(v) is str for v in value):
            return [tag + "$", *value]
        return [tag, *map(_encode, value)]
    if kind is frozenset or kind is set:
        tag = "f" if kind is frozenset else "s"
        if all(type(v) is str for v in value):
            return [tag + "$", *sorted(value)]
        # Sorted by their stored form, so that one value is always written the same way.
        items = sorted((_encode(v) for v in value), key=lambda v: json.dumps(v, ensure_ascii=False))
        return [tag, *items]
    if kind is dict:
        return ["d", *(_encode(x) for pair in value.items() for x in pair)]
    if isinstance(value, PurePosixPath):
        return ["p", str(value)]
    if kind is dt.date:
        return ["D", value.isoformat()]
    if kind is dt.datetime:
        return ["T", value.isoformat()]
    getter = _fields(kind)
    if getter is not None:
        return ["c", f"{kind.__module__}:{kind.__qualname__}", *map(_encode, getter(value))]
    raise TypeError(f"not stored: {kind.__name__}")


def _decode(value: Any) -> Any:
    if not isinstance(value, list):
        if isinstance(value, dict):
            raise Unreadable("an untagged object")
        return value
    if not value or not isinstance(value[0], str):
        raise Unreadable("an untagged list")
    tag, rest = value[0], value[1:]
    plain = _PLAIN.get(tag)
    if plain is not None:
        if not all(type(v) is str for v in rest):
            raise Unreadable(f"{tag} holds more than strings")
        return plain(rest)
    if tag == "t":
        return tuple(map(_decode, rest))
    if tag == "l":
        return list(map(_decode, rest))
    if tag == "f":
        return frozenset(map(_decode, rest))
    if tag == "s":
        return set(map(_decode, rest))
    if tag == "d":
        items = list(map(_decode, rest))
        if len(items) % 2:
            raise Unreadable("a dict with an odd number of items")
        return dict(zip(items[::2], items[1::2], strict=True))
    if tag == "p" and len(rest) == 1 and isinstance(rest[0], str):
        return PurePosixPath(rest[0])
    if tag == "D" and len(rest) == 1 and isinstance(rest[0], str):
        return dt.date.fromisoformat(rest[0])
    if tag == "T" and len(rest) == 1 and isinstance(rest[0], str):
        return dt.datetime.fromisoformat(rest[0])
    if tag == "c" and rest and isinstance(rest[0], str):
        cls = _known_class(rest[0])
        fields = dataclasses.fields(cls)
        if len(rest) - 1 != len(fields):
            raise Unreadable(f"{rest[0]}: {len(rest) - 1} fields, not {len(fields)}")
        return cls(*map(_decode, rest[1:]))
    raise Unreadable(f"unknown tag {tag!r}")


def _known_class(name: str) -> type:
    """One of the core's data classes, by name, from the modules this process has imported:
    reading a value never imports a module or reaches anything else."""
    module_name, _, qualname = name.partition(":")
    module = sys.modules.get(module_name) if module_name.startswith(_PREFIX) else None
    cls = getattr(module, qualname, None) if module is not None and qualname.isidentifier() else None
    if not isinstance(cls, type) or _fields(cls) is None:
        raise Unreadable(f"not a class this format writes: {name}")
    return cls


@functools.cache
def _fields(cls: type) -> Callable[[Any], tuple] | None:
    """The fields of the core's plain data classes, which their __init__ takes back whole.

    A class's own __post_init__ runs on reading as when the core makes one (a SitePage turns its
    kind back into a PageKind): the core's code, given plain values; a value that it refuses is
    Unreadable. A field that __init__ does not take (worked out from the others) is not data:
    such a class is not written."""
    if not (dataclasses.is_dataclass(cls) and cls.__module__.startswith(_PREFIX)):
        return None
    fields = dataclasses.fields(cls)
    if not all(f.init for f in fields):
        return None
    names = [f.name for f in fields]
    return lambda obj: tuple(getattr(obj, n) for n in names)
