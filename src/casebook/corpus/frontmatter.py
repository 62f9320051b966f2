"""Reading a Markdown file with YAML front matter, and finding the line of a field in it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

import yaml

# The C loader is several times faster; fall back where libyaml is missing.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FieldPath = Sequence[str | int]


class FrontMatterError(Exception):
    """The file cannot be read as front matter plus body; `line` is 1-based in the file."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True, slots=True)
class Document:
    meta: dict[str, Any]
    body: str
    body_line: int  # the file line on which the body starts
    yaml_text: str  # kept so that a field's line can be found when it is wrong

    def line_of(self, path: FieldPath) -> int | None:
        return line_of(self.yaml_text, path, first_line=2)


def decode(raw: bytes) -> str:
    """UTF-8 text with any byte-order mark dropped and line ends made `\\n`."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise FrontMatterError(
            "the file is not UTF-8 (it may be GBK or another legacy encoding); "
            "save it as UTF-8 in your editor",
            line,
        ) from None
    # Looked for in the bytes: a scan of the decoded text costs more.
    return text.replace("\r\n", "\n").replace("\r", "\n") if b"\r" in raw else text


_CLOSE = re.compile(r"^[ \t]*(?:---|\.\.\.)[ \t]*$", re.M)


def parse(text: str) -> Document:
    first, newline, rest = text.partition("\n")
    if first.strip() != "---":
        raise FrontMatterError("the file must start with a line '---' that opens the front matter", 1)
    # Found in the text, not by splitting the whole file into lines: the body is most of it.
    close = _CLOSE.search(rest) if newline else None
    if close is None:
        raise FrontMatterError("the front matter opened on line 1 is never closed by a line '---'", 1) from None
    yaml_text = rest[: max(close.start() - 1, 0)]
    end = yaml_text.count("\n") + 1 + (1 if close.start() else 0)  # the closing line's index
    _refuse_aliases(yaml_text)
    try:
        meta = yaml.load(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 2 if mark else 1
        raise FrontMatterError(f"the front matter is not valid YAML: {e.problem or e}", line) from None
    except yaml.YAMLError as e:
        raise FrontMatterError(f"the front matter is not valid YAML: {e}", 1) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(
            f"the front matter must be a set of 'field: value' lines, not a {type(meta).__name__}", 2
        )
    body = rest[close.end() + 1:]
    return Document(meta=meta, body=body, body_line=end + 2, yaml_text=yaml_text)


_MAYBE_ANCHOR = re.compile(r"[&*][^\s]")


def _refuse_aliases(yaml_text: str) -> None:
    """Anchors and aliases (& and *) have no use in front matter, and nested aliases can make a
    few lines expand to billions of values (the "billion laughs"): refuse them outright."""
    if not _MAYBE_ANCHOR.search(yaml_text):
        return
    try:
        for event in yaml.parse(yaml_text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise FrontMatterError("the front matter may not use YAML anchors or aliases (& and *); "
                                       "write each value out", event.start_mark.line + 2)
    except yaml.YAMLError:
        return  # reported by the parse that follows, with its line


def line_of(yaml_text: str, path: FieldPath, first_line: int = 1) -> int | None:
    """The line of the value at `path` (or of its nearest existing parent).

    Only called for fields that have a problem, so the slower node-composing parse is paid
    for by bad files alone.
    """
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    line = node.start_mark.line
    for step in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == step:
                    child, line = value, key.start_mark.line
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            child = node.value[step]
            line = child.start_mark.line
        if child is None:
            break
        node = child
    return line + first_line
