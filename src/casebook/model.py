"""Plain data classes of the content model.

Everything here is immutable data: loading, validation and rendering are functions elsewhere
that take these and return new values.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Literal

from casebook.strings import message_text, strings

# The first language is the default one, served at the site root.
LANGUAGES: tuple[str, ...] = ("zh", "en")
DEFAULT_LANGUAGE = LANGUAGES[0]

# info: said for the editor to know, never counted against the content.
Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Label:
    """A text in every language of the site."""

    zh: str
    en: str

    def __call__(self, lang: str) -> str:
        return getattr(self, lang)


@dataclass(frozen=True, slots=True)
class Group:
    """One of the official groups of creation work (机关、企业、社区 ...)."""

    id: str
    label: Label


@dataclass(frozen=True, slots=True)
class UnitType:
    id: str
    label: Label
    description: Label
    group: str | None
    # For `casebook import`: the words that name such a unit (医院), other words that point to it
    # (患者), and the level of place (county ...) whose name, where a report names one, counts too.
    names: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    place: str | None = None


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    label: Label
    description: Label
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceTerm:
    """A kind of source document (work summary, survey report...) or where sources come from."""
    id: str
    label: Label


@dataclass(frozen=True, slots=True)
class Taxonomy:
    groups: tuple[Group, ...]
    unit_types: tuple[UnitType, ...]
    measures: tuple[Measure, ...]
    source_kinds: tuple[SourceTerm, ...] = ()
    source_origins: tuple[SourceTerm, ...] = ()
    # Each list by id, made once with the taxonomy: small, but looked up for every card and
    # chip of every page. Not a field that compares, prints or hashes.
    _by_id: dict = field(init=False, repr=False, compare=False, hash=False, default_factory=dict)

    def __post_init__(self) -> None:
        lists = ("groups", "unit_types", "measures", "source_kinds", "source_origins")
        object.__setattr__(self, "_by_id", {name: {item.id: item for item in getattr(self, name)} for name in lists})

    def unit_type(self, id: str) -> UnitType:
        return self._by_id["unit_types"][id]

    def measure(self, id: str) -> Measure:
        return self._by_id["measures"][id]

    def group(self, id: str) -> Group:
        return self._by_id["groups"][id]

    # The one way from an id to its label, for every page, data file and search entry.
    def unit_label(self, id: str, lang: str) -> str:
        return self.unit_type(id).label(lang)

    def measure_label(self, id: str, lang: str) -> str:
        return self.measure(id).label(lang)

    def source_kind(self, id: str) -> SourceTerm:
        return self._by_id["source_kinds"][id]

    def source_origin(self, id: str) -> SourceTerm:
        return self._by_id["source_origins"][id]


@dataclass(frozen=True, slots=True)
class Region:
    """As much of the place as the source says; every part may be unknown."""

    province: str | None = None
    prefecture: str | None = None
    county: str | None = None
    locality: str | None = None

    def parts(self) -> tuple[str, ...]:
        return tuple(p for p in (self.province, self.prefecture, self.county, self.locality) if p)


@dataclass(frozen=True, slots=True)
class Source:
    file: str
    report: str | None  # None: the file holds one report
    script: Literal["simplified", "traditional"] = "simplified"
    # What the source is, for readers; None where unknown. kind and origin: ids of the
    # taxonomy's source_kinds and source_origins; by: "unit" when the case's own unit wrote it.
    kind: str | None = None
    by: Literal["unit"] | None = None
    origin: str | None = None


def pack(body: str) -> bytes:
    """A body as a text holds it (`CaseText.packed`): its UTF-8, compressed."""
    return zlib.compress(body.encode("utf-8"), 1) if body else b""


def unpack(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8") if packed else ""


@dataclass(frozen=True, slots=True)
class CaseText:
    """The part of a case that is written per language: one file.

    Its body is held compressed (`pack`) and unpacked each time it is read: the bodies were
    more than half of what a build holds once the content is loaded (15 KB a file, read by
    the index pages, the search index and the case page only), a third of that compressed."""

    lang: str
    path: PurePosixPath
    title: str
    summary: str
    packed: bytes  # the Markdown body, typeset, as `pack` gives it: read `body`
    body_line: int
    digest: str = ""  # of the file it is read from: keys what is kept between builds (memo.py)
    unit: str | None = None
    region: Region = field(default_factory=Region)
    ethnic_groups: tuple[str, ...] = ()
    honours: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        return unpack(self.packed)


@dataclass(frozen=True, slots=True)
class Case:
    """A case in all the languages it is written in; `texts` may lack a language."""

    id: str
    unit_type: str
    measures: tuple[str, ...]
    year: int | str | None
    source: Source
    texts: Mapping[str, CaseText]
    draft: bool = False  # loaded only where drafts are shown (`mkdocs serve`), never published

    def text(self, lang: str) -> CaseText:
        """The text in `lang`, or the one that exists when `lang` is missing."""
        return self.texts.get(lang) or next(iter(self.texts.values()))


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    text: str
    measure: str
    cases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ChecklistText:
    lang: str
    path: PurePosixPath
    title: str
    summary: str
    packed: bytes  # the Markdown body, typeset, as `pack` gives it: read `body`
    body_line: int
    items: tuple[ChecklistItem, ...]

    @property
    def body(self) -> str:
        return unpack(self.packed)


@dataclass(frozen=True, slots=True)
class Checklist:
    id: str
    texts: Mapping[str, ChecklistText]

    def text(self, lang: str) -> ChecklistText:
        return self.texts.get(lang) or next(iter(self.texts.values()))


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    id: str
    term: Label
    explanation: Label
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def forms(self, lang: str) -> tuple[str, ...]:
        """Every written form of the term in `lang`, longest first."""
        forms = {self.term(lang), *self.aliases.get(lang, ())}
        return tuple(sorted(forms, key=lambda f: (-len(f), f)))


@dataclass(frozen=True, slots=True)
class Synonyms:
    """Words readers use for one thing, in groups (content/synonyms.yml): a search for one word
    of a group also searches the others."""
    zh: tuple[tuple[str, ...], ...] = ()
    en: tuple[tuple[str, ...], ...] = ()

    def groups(self, lang: str) -> tuple[tuple[str, ...], ...]:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True, slots=True)
class Content:
    taxonomy: Taxonomy
    cases: tuple[Case, ...]
    checklists: tuple[Checklist, ...]
    glossary: tuple[GlossaryTerm, ...]
    synonyms: Synonyms = Synonyms()


@dataclass(frozen=True, slots=True)
class Message:
    """What a problem says, as data: a key of the `check` texts of strings.yml (or `section.key`
    of another section) and the values that fill it in, written out in a language only where it
    is shown (`text`). A value may be a Message itself (written in the same language);
    `closest`, the allowed value nearest to what was given, becomes the language's "did you
    mean" (or nothing when there is none)."""

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str = "en") -> str:
        section, _, key = self.key.rpartition(".")  # "import.late": a text of another section
        return message_text(lang, section or "check", key, dict(self.values))

    def __str__(self) -> str:
        return self.text("en")


def say(key: str, /, **values: Any) -> Message:
    """The message `key` (strings.yml, `check`) with its values."""
    return Message(key, tuple(values.items()))


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can; what it says is a
    Message, written in the editor's language by whoever shows it."""

    path: str
    line: int | None
    field: str | None
    message: Message
    severity: Severity = "error"
    code: str | None = None  # for tools that treat one kind of problem apart

    def text(self, lang: str = "en") -> str:
        """`file:line: field: message`, the severity of a warning named, in `lang`."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f"{self.field}: " if self.field else ""
        colon = ": " if lang == "en" else "："
        tag = "" if self.severity == "error" else strings()[lang]["cli"][self.severity] + colon
        return f"{where}: {tag}{what}{self.message.text(lang)}"

    def __str__(self) -> str:
        return self.text("en")
