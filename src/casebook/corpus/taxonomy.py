"""Reading `content/taxonomy.yml`, `content/glossary.yml` and `content/synonyms.yml`."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from casebook.corpus import frontmatter
from casebook.corpus.frontmatter import line_of
from casebook.corpus.schema import ID_PATTERN
from casebook.model import (
    LANGUAGES,
    GlossaryTerm,
    Group,
    Label,
    Measure,
    Message,
    Problem,
    SourceTerm,
    Synonyms,
    Taxonomy,
    UnitType,
    say,
)

_TAXONOMY_ID = re.compile(r"^[a-z]+(_[a-z]+)*$")
_TERM_ID = re.compile(ID_PATTERN)


class _Reader:
    """Collects problems while picking fields out of a YAML file, each placed at its line."""

    def __init__(self, path: str, text: str):
        self.path, self.text = path, text
        self.problems: list[Problem] = []

    def problem(self, where: list, message: Message) -> None:
        field = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in where).replace(".[", "[")
        self.problems.append(Problem(self.path, line_of(self.text, where), field or None, message))

    def text_field(self, data: Any, where: list) -> str:
        value = data.get(where[-1]) if isinstance(data, dict) else None
        if not isinstance(value, str) or not value.strip():
            self.problem(where, say("nonempty_text"))
            return ""
        return value.strip()

    def label(self, data: dict, where: list) -> Label:
        return Label(**{lang: self.text_field(data, where + [lang]) for lang in LANGUAGES})

    def entries(self, data: Any, key: str, pattern: re.Pattern, build: Callable[[dict, list], Any]):
        items = data.get(key) if isinstance(data, dict) else None
        if not isinstance(items, list) or not items:
            self.problem([key], say("nonempty_list"))
            return ()
        seen: set[str] = set()
        out = []
        for i, item in enumerate(items):
            where = [key, i]
            if not isinstance(item, dict):
                self.problem(where, say("entry_mapping"))
                continue
            id = item.get("id")
            if not isinstance(id, str) or not pattern.match(id):
                self.problem(where + ["id"], say("id_pattern", pattern=pattern.pattern))
                continue
            if id in seen:
                self.problem(where + ["id"], say("duplicate_id", id=str(id)))
                continue
            seen.add(id)
            out.append(build(item, where))
        return tuple(out)


def _load_yaml(path: str, text: str) -> tuple[Any, list[Problem]]:
    # Held to the front matter's bounds (nesting, numbers, control characters) but its length:
    # the loader's limit on a file's size holds for these files.
    try:
        return frontmatter.load_yaml(text, 1, frontmatter.THE_FILE, max_chars=len(text)), []
    except frontmatter.FrontMatterError as e:
        return None, [Problem(path, e.line, e.field, frontmatter.of_the_file(e.message))]


def parse_taxonomy(path: str, text: str) -> tuple[Taxonomy, list[Problem]]:
    data, problems = _load_yaml(path, text)
    if problems:
        return Taxonomy((), (), ()), problems
    r = _Reader(path, text)
    groups = r.entries(data, "groups", _TAXONOMY_ID, lambda d, w: Group(d["id"], r.label(d, w)))
    group_ids = {g.id for g in groups}

    def keywords(d: dict, w: list, key: str = "keywords") -> tuple[str, ...]:
        words = d.get(key, [])
        if not isinstance(words, list) or not all(isinstance(k, str) and k.strip() for k in words):
            r.problem(w + [key], say("word_list"))
            return ()
        return tuple(k.strip() for k in words)

    def unit_type(d: dict, w: list) -> UnitType:
        group = d.get("group")
        if group is not None and group not in group_ids:
            r.problem(w + ["group"], say("unknown_group", group=str(group), allowed=", ".join(sorted(group_ids))))
            group = None
        place = d.get("place")
        if place not in (None, "province", "prefecture", "county"):
            r.problem(w + ["place"], say("unknown_place_level", place=str(place)))
            place = None
        return UnitType(d["id"], r.label(d, w), r.label(d.get("description") or {}, w + ["description"]), group,
                        keywords(d, w, "names"), keywords(d, w), place)

    units = r.entries(data, "unit_types", _TAXONOMY_ID, unit_type)
    measures = r.entries(
        data,
        "measures",
        _TAXONOMY_ID,
        lambda d, w: Measure(d["id"], r.label(d, w), r.label(d.get("description") or {}, w + ["description"]),
                             keywords(d, w)),
    )
    # Kinds of source document and where sources come from: optional lists, for citing sources in words.
    terms = {key: r.entries(data, key, _TAXONOMY_ID, lambda d, w: SourceTerm(d["id"], r.label(d, w)))
             if isinstance(data, dict) and key in data else () for key in ("source_kinds", "source_origins")}
    return Taxonomy(groups, units, measures, terms["source_kinds"], terms["source_origins"]), r.problems


def parse_glossary(path: str, text: str) -> tuple[tuple[GlossaryTerm, ...], list[Problem]]:
    data, problems = _load_yaml(path, text)
    if problems:
        return (), problems
    r = _Reader(path, text)

    def term(d: dict, w: list) -> GlossaryTerm:
        aliases = d.get("aliases") or {}
        clean: dict[str, tuple[str, ...]] = {}
        for lang in LANGUAGES:
            forms = (aliases.get(lang) or []) if isinstance(aliases, dict) else []
            if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
                r.problem(w + ["aliases", lang], say("text_list"))
                forms = []
            clean[lang] = tuple(f.strip() for f in forms)
        return GlossaryTerm(
            d["id"],
            Label(**{lang: r.text_field(d, w + [lang]) for lang in LANGUAGES}),
            r.label(d.get("explanation") or {}, w + ["explanation"]),
            clean,
        )

    terms = r.entries(data, "terms", _TERM_ID, term)
    return terms, r.problems


_HAN = re.compile(r"[\u3400-\u9fff]")


def parse_synonyms(path: str, text: str) -> tuple[Synonyms, list[Problem]]:
    """Per language, a list of groups, each a list of two or more words that mean one thing to
    a reader; a word in one group only; Chinese words in Chinese, English words without it."""
    data, problems = _load_yaml(path, text)
    if problems:
        return Synonyms(), problems
    r = _Reader(path, text)
    if not isinstance(data, dict) or set(data) - set(LANGUAGES):
        r.problem([], say("synonyms_mapping"))
        return Synonyms(), r.problems
    out = {}
    for lang in LANGUAGES:
        groups: list[tuple[str, ...]] = []
        seen: dict[str, int] = {}
        items = data.get(lang) or []
        if not isinstance(items, list):
            r.problem([lang], say("synonym_groups"))
            items = []
        for i, group in enumerate(items):
            where = [lang, i]
            if (not isinstance(group, list) or len(group) < 2
                    or not all(isinstance(w, str) and w.strip() for w in group)):
                r.problem(where, say("synonym_group"))
                continue
            words = tuple(dict.fromkeys(w.strip() for w in group))
            for w in words:
                key = w.lower()
                if (lang == "zh") != bool(_HAN.search(w)):
                    r.problem(where, say(f"not_{lang}_word", word=w))
                elif key in seen:
                    r.problem(where, say("word_in_group", word=w, group=seen[key]))
                seen.setdefault(key, i)
            groups.append(words)
        out[lang] = tuple(groups)
    return Synonyms(**out), r.problems
