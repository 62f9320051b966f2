"""Traceability of a case's figures: every number it states stands in its source report, the
twins state the same numbers, and a figure the editor worked out carries a reviewed mark."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import chain

from casebook.corpus import figures
from casebook.corpus.frontmatter import Document, as_written
from casebook.corpus.schema import NUMBER_PATTERN
from casebook.model import DEFAULT_LANGUAGE, Case, Checklist, Message, Problem, say

# A decimal point binds digits into one figure (98.7); a thousands comma does not, so a case
# writes 2409 where its source does.
# An Arabic number as a case or a report writes it (after NFKC): 12, 98.7.
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_WHOLE_NUMBER = re.compile(NUMBER_PATTERN)

# (path inside the front matter, message), as validate.py reports issues
Issue = tuple[list[str | int], Message]


def fold(text: str) -> str:
    """NFKC: full-width digits (２０１９) and points as ASCII, so that numbers compare as numbers."""
    return unicodedata.normalize("NFKC", text)


@cache
def _runs() -> re.Pattern:
    """Runs of digits, points and the characters that NFKC makes into text with a digit or point
    (full-width ５, ①, ², ...). Only these runs need folding: folding a whole Chinese text costs
    five times as much. The characters are found once, from the Unicode data (20 ms)."""
    blocks = chain(range(0xA0, 0xD800), range(0xE000, 0x10000), range(0x1D400, 0x1D800),
                   range(0x1F100, 0x1F200), range(0x1FBF0, 0x1FC00))
    foldable = [cp for cp in blocks if (c := chr(cp)) != (f := fold(c)) and any(d in "0123456789." for d in f)]
    spans: list[list[int]] = []
    for cp in foldable:
        if spans and spans[-1][1] == cp - 1:
            spans[-1][1] = cp
        else:
            spans.append([cp, cp])
    return re.compile("[0-9." + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "")
                                        for a, b in spans) + "]+")


def _numbers_at(text: str) -> Iterator[tuple[str, int]]:
    """Each number of a text, as NFKC would write it, with its offset in the text."""
    if unicodedata.is_normalized("NFKC", text):  # most English texts: nothing to fold
        for m in NUMBER.finditer(text):
            yield m.group(), m.start()
        return
    for run in _runs().finditer(text):
        value = run.group()
        for n in NUMBER.findall(value if value.isascii() else fold(value)):
            yield n, run.start()


def numbers(text: str) -> set[str]:
    """Every Arabic number of a text, as written once folded."""
    return {n for n, _ in _numbers_at(text)}


def report_text(text: str, start: str | None, others: Iterable[str] = ()) -> str | None:
    """One report of a source file (`text`, folded): from its start marker to the nearest later
    marker of another report of the file (`others`), or the whole file when `start` is None. None
    when the marker is not in the file."""
    if start is None:
        return text
    at = text.find(fold(start))
    if at < 0:
        return None
    later = [i for i in (text.find(fold(m), at + 1) for m in others if m != start) if i > at]
    return text[at:min(later, default=len(text))]


@dataclass(frozen=True, slots=True)
class Derived:
    """A figure the editor worked out from the source's (a sum, a share, a converted unit), and how."""

    number: str
    how: str


def parse_derived(value: object) -> tuple[tuple[Derived, ...], list[Issue]]:
    """The `derived` field: a list of {number, how}; each mark must say how it was worked out."""
    if not isinstance(value, list):
        return (), [([], say("derived_list"))]
    out: list[Derived] = []
    issues: list[Issue] = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            issues.append(([i], say("derived_mapping")))
            continue
        number, how = item.get("number"), item.get("how")
        if isinstance(number, int) and not isinstance(number, bool):
            number = str(number)
        if isinstance(number, float):
            # YAML has already made 98.70 into 98.7: only the editor knows what the text writes.
            issues.append(([i, "number"], say("derived_quote", number=str(number))))
            number = None
        elif "number" not in item or number is None:
            issues.append(([i, "number"], say("derived_number_required")))
        elif not isinstance(number, str) or not _WHOLE_NUMBER.match(fold(number.strip())):
            issues.append(([i, "number"], say("derived_number_form", given=as_written(number))))
            number = None
        if not isinstance(how, str) or not how.strip():
            issues.append(([i, "how"], say("derived_how_required")))
            how = None
        for key in item:
            if key not in ("number", "how"):
                issues.append(([i, str(key)], say("derived_unknown_field")))
        if isinstance(number, str) and number and how:  # what passed the checks above
            out.append(Derived(fold(number.strip()), how.strip()))
    return tuple(out), issues


@dataclass(frozen=True, slots=True)
class Text:
    """One language's file of a case as the rule reads it: its texts by field, in file order."""

    lang: str
    path: str
    fields: tuple[tuple[str, str], ...]
    derived: tuple[Derived, ...] = ()


# The file line of a field (a path into the front matter, or ["body"]) of a text, and of a number
# in it where one is given; None where unknown.
Locate = Callable[[Text, list, "str | None"], "int | None"]

UNTRACEABLE = "untraceable"
TWIN_NUMBERS = "twin-numbers"
STALE_MARK = "stale-derived"
WRONG_CONVERSION = "twin-conversion"


def _found(text: Text) -> dict[str, str]:
    """Each number of the text and the first field that states it."""
    out: dict[str, str] = {}
    for name, value in text.fields:
        for n in sorted(numbers(value), key=_order):
            out.setdefault(n, name)
    return out


def _order(number: str) -> tuple[float, str]:
    return float(number), number


def check(traced: Text, twins: Sequence[Text], source: frozenset[str] | None, cited: str | Message,
          locate: Locate) -> list[Problem]:
    """The problems of one case. `traced`: the file whose numbers must stand in the source (the
    Chinese one); `source`: the numbers of its report, or None where the source is not present
    (then only the marks are checked against the file's own text); `cited`: the source as the
    messages name it."""
    problems: list[Problem] = []
    stated = _found(traced)
    marked = {d.number for d in traced.derived}
    for i, mark in enumerate(traced.derived):
        if mark.number not in stated:
            problems.append(Problem(traced.path, locate(traced, ["derived", i], None), f"derived[{i}]",
                say("mark_stale", number=mark.number), code=STALE_MARK))
        elif source is not None and mark.number in source:
            problems.append(Problem(traced.path, locate(traced, ["derived", i], None), f"derived[{i}]",
                say("mark_in_source", number=mark.number, cited=cited), code=STALE_MARK))
    for twin in twins:
        if twin.derived:
            problems.append(Problem(twin.path, locate(twin, ["derived"], None), "derived",
                say("mark_in_twin", path=traced.path), code=STALE_MARK))
    if source is None:
        return problems
    for n, name in stated.items():
        if n not in source and n not in marked:
            problems.append(Problem(traced.path, locate(traced, [name], n), name,
                say("not_in_source", number=n, cited=cited), code=UNTRACEABLE))
    for twin in twins:
        problems += _twin_problems(traced, twin, locate)
    return problems


def _figures(text: Text) -> list[tuple[str, figures.Figure]]:
    """The figures of a text with the field that states each, read as its language writes them."""
    read = figures.zh_figures if text.lang == "zh" else figures.en_figures if text.lang == "en" else _arabic
    return [(name, f) for name, value in text.fields
            for f in read(value if unicodedata.is_normalized("NFKC", value) else fold(value))]


def _arabic(value: str) -> Iterator[figures.Figure]:
    for n, at in _numbers_at(value):
        yield figures.Figure(Decimal(n), n, n, at)


def _twin_problems(traced: Text, twin: Text, locate: Locate) -> list[Problem]:
    """The twin states the traced file's figures, each as its own language writes it: every
    figure of the twin is one of the traced file's (3400万 may be 34 million, 10月 October, 十二
    twelve), and every Arabic figure of the traced file is in the twin. A figure whose digits
    are a traced figure's but whose value is not is a conversion that does not hold."""
    problems: list[Problem] = []
    ours = _figures(traced)
    theirs = _figures(twin)
    by_value: dict = {}
    for name, f in ours:
        by_value.setdefault(f.value, []).append((name, f))
    by_digits = {figures.digits(f.value): (name, f) for name, f in reversed(ours) if f.arabic}
    seen: set = set()
    for name, f in theirs:
        if (f.value, f.hedge) in seen:
            continue
        seen.add((f.value, f.hedge))
        here = locate(twin, [name], f.key)
        if f.value not in by_value:
            near = by_digits.get(figures.digits(f.value))
            if near is not None and near[1].value != f.value:
                zname, z = near
                line = locate(traced, [zname], z.key)
                shown = f.shown if _as_written(f) else f"{f.shown} ({figures.plain(f.value)})"
                problems.append(Problem(twin.path, here, name,
                    say("twin_wrong_conversion", shown=shown, theirs=z.shown, at=_at(traced.path, line),
                        described=_described(z)), code=WRONG_CONVERSION))
            else:
                shown = f.shown if _as_written(f) else f"{f.shown} ({figures.plain(f.value)})"
                problems.append(Problem(twin.path, here, name,
                    say("twin_extra_number", shown=shown, path=traced.path), code=TWIN_NUMBERS))
            continue
        hedges = {z.hedge for _, z in by_value[f.value]}
        if f.hedge and None not in hedges and f.hedge not in hedges:
            zname, z = by_value[f.value][0]
            line = locate(traced, [zname], z.key)
            problems.append(Problem(twin.path, here, name,
                say("twin_hedge", said=f"{f.hedge} {f.shown}", theirs=z.shown, at=_at(traced.path, line),
                    described=_described(z)), code=WRONG_CONVERSION))
    problems += _date_problems(traced, twin, locate)
    stated = {f.value for _, f in theirs}
    missing: set = set()
    for name, z in ours:
        if z.arabic and z.value not in stated and z.value not in missing:
            missing.add(z.value)
            line = locate(traced, [name], z.key)
            value = "" if _as_written(z) else say("in_english", described=_described(z, ", or "))
            problems.append(Problem(twin.path, locate(twin, [name], None), name,
                say("twin_missing_number", at=_at(traced.path, line), shown=z.shown, value=value), code=TWIN_NUMBERS))
    return problems


def _dates(text: Text) -> list[tuple[str, figures.Date]]:
    read = figures.zh_dates if text.lang == "zh" else figures.en_dates if text.lang == "en" else None
    return [(name, d) for name, value in text.fields for d in read(value)] if read else []


def _date_problems(traced: Text, twin: Text, locate: Locate) -> list[Problem]:
    """Each day keeps its month: 10月29日 is 29 October, never 29 November, even where the file
    has an 11 and a 29 elsewhere."""
    problems: list[Problem] = []
    ours, theirs = _dates(traced), _dates(twin)
    if not ours and not theirs:
        return problems
    our_days = {(d.month, d.day) for _, d in ours}
    their_days = {(d.month, d.day) for _, d in theirs}
    for name, d in theirs:
        if (d.month, d.day) in our_days:
            continue
        near = next(((n, z) for n, z in ours if z.day == d.day or z.month == d.month), None)
        what = say("date_not_in", date=figures.english_date(d), path=traced.path)
        if near is not None:
            line = locate(traced, [near[0]], near[1].key)
            what = say("date_mismatch", date=figures.english_date(d), theirs=near[1].shown, at=_at(traced.path, line),
                       described=figures.english_date(near[1]))
        problems.append(Problem(twin.path, locate(twin, [name], d.key), name, what, code=WRONG_CONVERSION))
        their_days.add((d.month, d.day))  # said once
    for name, z in ours:
        if (z.month, z.day) not in their_days:
            line = locate(traced, [name], z.key)
            problems.append(Problem(twin.path, locate(twin, [name], None), name,
                say("date_missing", at=_at(traced.path, line), shown=z.shown, date=figures.english_date(z)),
                code=WRONG_CONVERSION))
            their_days.add((z.month, z.day))
    return problems


def _at(path: str, line: int | None) -> str:
    """A place in a file as messages give it: path:line, or the path where the line is unknown."""
    return f"{path}:{line}" if line else path


def _as_written(f: figures.Figure) -> bool:
    """Whether a figure is written as its bare value (1500 or 1,500), with nothing to convert."""
    return f.shown.replace(",", "") == figures.plain(f.value).replace(",", "")


def _described(f: figures.Figure, between: str = " (") -> str:
    """A traced figure as its twin should write it: more than 34 million (34,000,000)."""
    said, full = figures.english(f.value), figures.plain(f.value)
    tail = "" if said == full else f"{between}{full}{')' if between == ' (' else ''}"
    return f"{f.hedge + ' ' if f.hedge else ''}{said}{tail}"


def case_texts(case: Case, derived: Mapping[str, tuple[Derived, ...]]) -> list[Text]:
    """The case's files as the rule reads them, the traced one first: the Chinese file, or the
    only one there is. `derived`: the marks of each file, by its path."""
    out = []
    for lang in sorted(case.texts, key=lambda lang: lang != DEFAULT_LANGUAGE):
        t = case.texts[lang]
        fields = (("title", t.title), ("unit", t.unit or ""), ("region", "\n".join(t.region.parts())),
                  ("year", str(case.year or "")), ("ethnic_groups", "\n".join(t.ethnic_groups)),
                  ("honours", "\n".join(t.honours)), ("summary", t.summary), ("body", t.body))
        out.append(Text(lang, str(t.path), tuple(f for f in fields if f[1]), derived.get(str(t.path), ())))
    return out


def checklist_texts(checklist: Checklist) -> list[Text]:
    """A checklist's files as the twin rule reads them, the Chinese one first."""
    out = []
    for lang in sorted(checklist.texts, key=lambda lang: lang != DEFAULT_LANGUAGE):
        t = checklist.texts[lang]
        fields = (("title", t.title), ("summary", t.summary), ("items", "\n".join(i.text for i in t.items)),
                  ("body", t.body))
        out.append(Text(lang, str(t.path), tuple(f for f in fields if f[1])))
    return out


def checklist_problems(checklists: Iterable[Checklist], locate: Locate) -> list[Problem]:
    """A checklist cites cases rather than a report, so only its twins are compared: each states
    the Chinese file's figures, as its own language writes them (a date, a count of steps)."""
    problems: list[Problem] = []
    for checklist in checklists:
        texts = checklist_texts(checklist)
        for twin in texts[1:]:
            problems += _twin_problems(texts[0], twin, locate)
    return problems


@dataclass(frozen=True, slots=True)
class Lines:
    """Where things stand in one file: each top-level field's line, and the first line of each
    number in each top-level field and in the body, found in one pass over the file."""

    fields: dict[str, int]
    numbers: dict[tuple[str, str], int]


_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:")


def lines_of(doc: Document) -> Lines:
    """The Lines of a file, for the problems found in it."""
    fields: dict[str, int] = {}
    found: dict[tuple[str, str], int] = {}
    key = None
    for i, line in enumerate(doc.yaml_text.split("\n")):
        if line[:1] not in (" ", "\t", "-", "#", ""):
            m = _KEY.match(line)
            key = m.group(1) if m else None
            if key:
                fields.setdefault(key, i + 2)  # the front matter's first line is the file's second
        if key:
            for n, _ in _numbers_at(line):
                found.setdefault((key, n), i + 2)
            for m in figures.WORD_KEYS.finditer(line):
                found.setdefault((key, m.group().lower()), i + 2)
    found.update(_body_lines(doc, ((n, at) for n, at in _numbers_at(doc.body)), found))
    words = ((m.group().lower(), m.start()) for m in figures.WORD_KEYS.finditer(doc.body))
    found.update(_body_lines(doc, words, found))
    return Lines(fields, found)


def _body_lines(doc: Document, keys: Iterable[tuple[str, int]], found: dict) -> dict:
    """The first line of each key in the body, from keys in the order of their offsets."""
    out: dict[tuple[str, str], int] = {}
    line, at = doc.body_line, 0
    for key, offset in keys:
        line += doc.body.count("\n", at, offset)
        at = offset
        if ("body", key) not in found:
            out.setdefault(("body", key), line)
    return out


def locate_in(doc: Document, lines: Lines, path: list, number: str | None) -> int | None:
    """The file line of `number` in the field at `path` of a file, or of the field itself where no
    number is given or it is not found there."""
    if len(path) == 1:
        name = path[0]
        if number is not None and (name, number) in lines.numbers:
            return lines.numbers[name, number]
        return doc.body_line if name == "body" else lines.fields.get(name)
    return doc.line_of(path)  # nested: parsed again, for the few problems that point inside a field
