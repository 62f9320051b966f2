"""The files `casebook new` writes, every field and section in place, read from the field
declarations of corpus/schema.py; and the English twin of a finished Chinese case.

TODO stands where the editor has to write, so that `casebook check` keeps saying what is left
until it is done."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from casebook.corpus.schema import CASE_FIELDS, CASE_SECTIONS, CHECKLIST_FIELDS, REGION_KEYS, FieldSpec
from casebook.model import LANGUAGES

TODO = "TODO"
# What a new file does not start with: the marks of a draft and of worked-out figures, and the
# permission to reuse a unit's own wording, which only its editors can give.
_LEFT_OUT = ("draft", "derived", "wording_reuse")


def _front(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100) + "---\n"


def _blank(spec: FieldSpec) -> Any:
    """A field as a new file shows it: TODO where it must be written, empty where it may stay so."""
    if spec.kind == "region":
        return {key: TODO if key == REGION_KEYS[0] else None for key in REGION_KEYS}
    if spec.kind == "source":
        return {"file": TODO, "report": TODO}
    if spec.kind in ("text_list", "measure_list"):
        return []
    if spec.kind == "year":
        return None
    if spec.kind == "items":
        return []
    return TODO


def _fields(fields: Iterable[FieldSpec], given: Mapping[str, Any]) -> dict:
    return {f.name: given[f.name] if given.get(f.name) is not None else _blank(f)
            for f in fields if f.name not in _LEFT_OUT}


def case_files(id: str, titles: dict[str, str], unit_type: str, measures: list[str]) -> dict[str, str]:
    out = {}
    for lang in LANGUAGES:
        meta = _fields(CASE_FIELDS, {"id": id, "title": titles.get(lang), "unit_type": unit_type, "measures": measures})
        sections = "\n".join(f"## {name}\n\n{TODO}\n" for name in CASE_SECTIONS[lang])
        out[lang] = _front(meta) + "\n" + sections
    return out


def checklist_files(id: str, titles: dict[str, str], measures: list[str]) -> dict[str, str]:
    out = {}
    for lang in LANGUAGES:
        items = [{"text": TODO, "measure": m, "cases": []} for m in measures]
        meta = _fields(CHECKLIST_FIELDS, {"id": id, "title": titles.get(lang), "items": items})
        out[lang] = _front(meta) + f"\n{TODO}\n"
    return out


# The English twin ------------------------------------------------------------------------------

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_FIGURE = re.compile(
    r"(?P<near>近|约)?"
    r"(?:(?P<year>\d{4})年(?:(?P<ym>\d{1,2})月(?:(?P<yd>\d{1,2})日)?)?"
    r"|(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?"
    r"|(?P<n>\d+(?:\.\d+)?)(?P<scale>万|亿)?(?P<more>余|多)?(?P<unit>元|%|％)?)")


def _number(text: str) -> str:
    """A whole number with its thousands commas (4,576 residents, 30,000 visitors), a decimal as
    written."""
    return f"{int(text):,}" if "." not in text else text


def _scaled(n: str, scale: str) -> str:
    """3400万 -> 34 million, 12万 -> 120,000, 1.5亿 -> 150 million."""
    value = round(float(n) * (10_000 if scale == "万" else 100_000_000), 6)
    if value >= 1_000_000:
        millions = value / 1_000_000
        return (f"{millions:,.6f}".rstrip("0").rstrip(".") + " million") if millions < 1000 else \
            f"{value / 1e9:,.6f}".rstrip("0").rstrip(".") + " billion"
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def in_english(m: re.Match) -> str:
    """One figure or date of a Chinese text as an English reader writes it."""
    g = m.groupdict()
    if g["year"]:
        if g["ym"] and g["yd"]:
            return f"{int(g['yd'])} {MONTHS[int(g['ym']) - 1]} {g['year']}"
        if g["ym"]:
            return f"{MONTHS[int(g['ym']) - 1]} {g['year']}"
        return g["year"]
    if g["month"]:
        if not 1 <= int(g["month"]) <= 12:
            return g["month"]
        return f"{int(g['day'])} {MONTHS[int(g['month']) - 1]}" if g["day"] else MONTHS[int(g["month"]) - 1]
    figure = _scaled(g["n"], g["scale"]) if g["scale"] else _number(g["n"])
    if g["unit"] in ("%", "％"):
        figure += "%"
    elif g["unit"] == "元":
        figure += " yuan"
    if g["more"]:
        figure = f"more than {figure}"
    if g["near"] == "近":
        figure = f"nearly {figure}"
    elif g["near"] == "约":
        figure = f"about {figure}"
    return figure


def figures(text: str) -> list[str]:
    """Every figure and date of a Chinese text, as English writes them, in order, each once."""
    out: list[str] = []
    for m in _FIGURE.finditer(text):
        said = in_english(m)
        if said not in out:
            out.append(said)
    return out


def _sections(body: str) -> list[tuple[int, str, str]]:
    """(level, heading, text) of each heading of a Markdown body; text before the first is level 0."""
    out: list[tuple[int, str, str]] = []
    lines: list[str] = []
    level, heading = 0, ""
    for line in body.splitlines():
        m = re.match(r"^(#{2,6})\s+(.*?)\s*#*\s*$", line)
        if m:
            out.append((level, heading, "\n".join(lines)))
            level, heading, lines = len(m[1]), m[2], []
        else:
            lines.append(line)
    out.append((level, heading, "\n".join(lines)))
    return [s for s in out if s[0] or s[2].strip()]


def english_body(body: str) -> str:
    """The English body to write: the guide's section headings in English, a sub-heading to
    name for each Chinese one, and under each the figures and dates to state."""
    headings = dict(zip(CASE_SECTIONS["zh"], CASE_SECTIONS["en"], strict=True))
    out = []
    for level, heading, text in _sections(body):
        if level == 2 and heading in headings:
            out.append(f"## {headings[heading]}\n")
        elif level:
            out.append(f"{'#' * level} {TODO}: name this part in English\n")
        found = figures(text)
        said = " Its figures and dates, as English writes them: " + "; ".join(found) + "." if found else ""
        out.append(f"{TODO}: write this part in English." + said + "\n")
    return "\n".join(out)


@cache
def conventions() -> dict[str, str]:
    """The English names of the ethnic groups and provinces (english_names.yml)."""
    data = yaml.safe_load(files("casebook.tools").joinpath("english_names.yml").read_text("utf-8"))
    return {**data["ethnic_groups"], **data["provinces"]}


def english_names(pairs: Iterable[tuple[str, str]], glossary: Iterable[tuple[str, str]] = ()) -> dict[str, str]:
    """Chinese name -> English name: the glossary's terms first, then the conventions of
    english_names.yml, then the names other cases already give in both languages (their places
    below a province), so that every case writes a name alike."""
    names = {**conventions(), **dict(glossary)}
    for zh, en in pairs:
        names.setdefault(zh, en)
    return names


def english_twin(zh_meta: Mapping[str, Any], zh_body: str, names: Mapping[str, str]) -> str:
    """The English file of a Chinese case: the shared fields as they are, the names the casebook
    already gives in English, TODO with the Chinese beside it for what is left to write."""
    def name(value: str) -> str:
        return names.get(value) or f"{TODO}: English for {value}"

    meta: dict[str, Any] = {}
    for spec in CASE_FIELDS:
        if spec.name not in zh_meta or spec.name in ("draft", "derived"):
            continue
        value = zh_meta[spec.name]
        if spec.shared:
            meta[spec.name] = value
        elif spec.kind == "region":
            meta[spec.name] = {k: name(v) for k, v in (value or {}).items() if v}
        elif spec.kind == "text_list":
            meta[spec.name] = [name(v) for v in value or ()]
        elif spec.name == "unit" and value:
            meta[spec.name] = name(value)
        elif spec.name == "summary":
            found = figures(str(value))
            meta[spec.name] = f"{TODO}: one paragraph in English" + (
                f"; its figures and dates: {'; '.join(found)}" if found else "")
        else:
            meta[spec.name] = f"{TODO}: English title" if spec.name == "title" else TODO
    return _front(meta) + "\n" + english_body(zh_body)
