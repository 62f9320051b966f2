"""The plain data of an import: a file read, the reports found in it, and what is suggested."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from casebook.model import Message

V = TypeVar("V", covariant=True)  # a suggestion is never changed: one of a str is one of a str | None


class Refusal(Exception):
    """A file or report that cannot be imported; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # in the file as read, from 1
    text: str


@dataclass(frozen=True, slots=True)
class Removed:
    """A line, or part of one, that cleaning dropped: listed, never lost silently."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Read:
    path: str
    encoding: str
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """One report found in a file, cleaned."""

    file: str
    index: int  # 1 for the first report of the file
    count: int  # reports found in the file
    lines: tuple[Line, ...]
    removed: tuple[Removed, ...]
    shared_headings: tuple[str, ...] = ()  # headings every report of the file has: the collection's, not this report's

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines).strip("\n")


@dataclass(frozen=True, slots=True)
class Suggestion(Generic[V]):
    """A value and the words that led to it: a Message of strings.yml's `evidence` (the report's
    own words among its values), written in the editor's language where it is shown."""

    value: V
    evidence: Message | str  # a plain text is shown as it is

    def says(self, key: str) -> bool:
        """Whether the evidence is the text `key` of `evidence` (say, "place_inferred")."""
        return isinstance(self.evidence, Message) and self.evidence.key == f"evidence.{key}"


def written(evidence: Message | str, lang: str) -> str:
    """Evidence as the editor reads it, in `lang`."""
    return evidence.text(lang) if isinstance(evidence, Message) else evidence


@dataclass(frozen=True, slots=True)
class Mention:
    """A figure or a placeholder, with the words around it."""

    text: str
    context: str


@dataclass(frozen=True, slots=True)
class Suggestions:
    traditional: bool
    title: Suggestion[str | None]
    unit: Suggestion[str | None]
    unit_type: Suggestion[str | None]
    measures: tuple[Suggestion, ...]
    region: dict  # province / prefecture / county -> Suggestion (value None when not named)
    year: Suggestion
    ethnic_groups: tuple[Suggestion, ...]
    figures: tuple[Mention, ...]
    placeholders: tuple[Mention, ...]
    honours: tuple[Suggestion, ...] = ()
    locality: Suggestion = Suggestion(None, "")
    source_kind: Suggestion = Suggestion(None, "")
    by: Suggestion = Suggestion(None, "")
    proposed_title: Suggestion = Suggestion(None, "")
