"""Checking one file's front matter against the field declarations in `schema.py`.

Each check returns the cleaned value and the problems it found, each with the path of the
field inside the front matter, so that the caller can name the line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any

from casebook.corpus.frontmatter import as_written
from casebook.corpus.schema import CHECKLIST_FIELDS, ID_PATTERN, REGION_KEYS, REPORT_PATTERN, YEAR_PATTERN, FieldSpec
from casebook.corpus.trace import parse_derived
from casebook.model import ChecklistItem, Message, Region, Source, Taxonomy, say

_ID = re.compile(ID_PATTERN)
_YEAR = re.compile(YEAR_PATTERN)
_REPORT = re.compile(REPORT_PATTERN)

# (path inside the front matter, message)
Issue = tuple[list[str | int], Message]


def closest(value: object, allowed: Iterable[str]) -> str:
    """The allowed value closest to `value` (a message's `closest`), or "" when none is close."""
    allowed = list(allowed)
    if not isinstance(value, str):
        return ""
    lowered = {a.lower(): a for a in allowed}
    close = difflib.get_close_matches(value.lower().replace("-", "_").replace(" ", "_"), list(lowered), n=1, cutoff=0.5)
    return lowered[close[0]] if close else ""


def _choice(value: object, allowed: list[str], key: str) -> Message | None:
    if isinstance(value, str) and value in allowed:
        return None
    return say(key, given=given(value), allowed=", ".join(allowed), closest=closest(value, allowed))


def given(value: object) -> Message:
    """A value as a message names it: a text in quotes, anything else by its kind."""
    if isinstance(value, str):
        return say("value_quoted", value=value)
    return say("value_of_type", type=type(value).__name__)


def _text(value: object) -> tuple[str | None, list[Issue]]:
    if isinstance(value, str) and value.strip():
        return value.strip(), []
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # YAML reads `title: 2019` as a number; the editor almost surely meant a text.
        return str(value), [([], say("text_not_number", value=str(value)))]
    return None, [([], say("text_required", given=_describe(value)))]


def _describe(value: object) -> Message:
    if value is None:
        return say("value_empty")
    if isinstance(value, str):
        return say("value_empty_text")
    return say("value_of_type", type=type(value).__name__)


def _text_list(value: object) -> tuple[tuple[str, ...], list[Issue]]:
    if not isinstance(value, list):
        return (), [([], say("text_list_required", given=_describe(value)))]
    out: list[str] = []
    issues: list[Issue] = []
    for i, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
        else:
            issues.append(([i], say("text_required", given=_describe(item))))
    return tuple(out), issues


def _check_id(value, taxonomy):
    if isinstance(value, str) and _ID.match(value):
        return value, []
    return None, [([], say("id_form", given=as_written(value)))]


def _check_unit_type(value, taxonomy: Taxonomy):
    allowed = [u.id for u in taxonomy.unit_types]
    problem = _choice(value, allowed, "unknown_unit_type")
    return (None, [([], problem)]) if problem else (value, [])


def _check_measures(value, taxonomy: Taxonomy):
    allowed = [m.id for m in taxonomy.measures]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        return (), [([], say("measures_required", allowed=", ".join(allowed)))]
    out, issues = [], []
    for i, item in enumerate(value):
        problem = _choice(item, allowed, "unknown_measure")
        if problem:
            issues.append(([i], problem))
        elif item in out:
            issues.append(([i], say("listed_twice", value=item)))
        else:
            out.append(item)
    return tuple(out), issues


def _check_region(value, taxonomy):
    if not isinstance(value, dict):
        return Region(), [([], say("region_mapping", allowed=", ".join(REGION_KEYS)))]
    issues: list[Issue] = []
    parts: dict[str, str] = {}
    for key, part in value.items():
        if key not in REGION_KEYS:
            issues.append(([key], say("region_unknown_part", allowed=", ".join(REGION_KEYS),
                                      closest=closest(key, REGION_KEYS))))
            continue
        if part is None:
            continue
        text, problems = _text(part)
        issues += [([key] + p, m) for p, m in problems]
        if text:
            parts[key] = text
    return Region(**parts), issues


def _check_year(value, taxonomy):
    if value is None:
        return None, []
    if isinstance(value, int) and not isinstance(value, bool) and 1949 <= value <= 2100:
        return value, []
    if isinstance(value, str) and _YEAR.match(value.strip()):
        start, _, end = value.strip().partition("-")
        if not end or int(start) < int(end):
            return value.strip(), []
    return None, [([], say("year_form", given=as_written(value)))]


def _check_source(value, taxonomy):
    if not isinstance(value, dict):
        return None, [([], say("source_mapping"))]
    issues: list[Issue] = []
    file, report, script = value.get("file"), value.get("report"), value.get("script", "simplified")
    if not isinstance(file, str) or not file.strip():
        issues.append((["file"], say("source_file_required")))
    elif "/" in file or "\\" in file or file.strip() in (".", ".."):
        issues.append((["file"], say("source_file_path", given=as_written(file))))
    if report is not None and (not isinstance(report, str) or not _REPORT.match(report)):
        issues.append((["report"], say("source_report_form", given=as_written(report))))
    if script not in ("simplified", "traditional"):
        issues.append((["script"], say("source_script_form", given=as_written(script))))
    kind, by, origin = value.get("kind"), value.get("by"), value.get("origin")
    for key, given, allowed in (("kind", kind, [k.id for k in taxonomy.source_kinds]),
                                ("origin", origin, [o.id for o in taxonomy.source_origins])):
        if given is not None and given not in allowed:
            issues.append(([key], say("source_unknown_id", key=key, value=str(given), allowed=", ".join(allowed),
                                      closest=closest(str(given), allowed))))
    if by not in (None, "unit"):
        issues.append((["by"], say("source_by_form", given=as_written(by))))
    known = ["file", "report", "script", "kind", "by", "origin"]
    for key in value:
        if key not in known:
            issues.append(([key], say("source_unknown_field", allowed=", ".join(known), closest=closest(key, known))))
    if issues:
        return None, issues
    assert isinstance(file, str)  # a file that is not a text is an issue above
    return Source(file.strip(), report, script, kind, by, origin), []


def _check_items(value, taxonomy: Taxonomy):
    if not isinstance(value, list) or not value:
        return (), [([], say("items_required"))]
    allowed = [m.id for m in taxonomy.measures]
    out: list[ChecklistItem] = []
    issues: list[Issue] = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            issues.append(([i], say("item_mapping")))
            continue
        text, problems = _text(item.get("text"))
        issues += [([i, "text", *p], m) for p, m in problems]
        measure = item.get("measure")
        problem = _choice(measure, allowed, "unknown_measure")
        if problem:
            issues.append(([i, "measure"], problem))
        cases = item.get("cases", [])
        if not isinstance(cases, list) or not all(isinstance(c, str) for c in cases):
            issues.append(([i, "cases"], say("item_cases_form")))
            cases = []
        for key in item:
            if key not in ("text", "measure", "cases"):
                issues.append(([i, key], say("item_unknown_field", allowed="text, measure, cases",
                                             closest=closest(key, ["text", "measure", "cases"]))))
        if text and not problem and isinstance(measure, str):  # no problem: one of `allowed`
            out.append(ChecklistItem(text, measure, tuple(cases)))
    return tuple(out), issues


def _check_flag(value, taxonomy):
    if isinstance(value, bool):
        return value, []
    return None, [([], say("flag_form", given=as_written(value)))]


_CHECKS: dict[str, Callable[[Any, Taxonomy], tuple[Any, list[Issue]]]] = {
    "id": _check_id,
    "text": lambda v, t: _text(v),
    "text_list": lambda v, t: _text_list(v),
    "unit_type": _check_unit_type,
    "measure_list": _check_measures,
    "region": _check_region,
    "year": _check_year,
    "source": _check_source,
    "items": _check_items,
    "flag": _check_flag,
    "derived": lambda v, t: parse_derived(v),
}


def help_key(spec: FieldSpec, fields: tuple[FieldSpec, ...]) -> str:
    """The message that says what a field holds (its `help`, in the editor's language)."""
    return f"help_{'checklist_' if fields is CHECKLIST_FIELDS else ''}{spec.name}"


def check_meta(meta: dict, fields: tuple[FieldSpec, ...], taxonomy: Taxonomy) -> tuple[dict[str, Any], list[Issue]]:
    """Every declared field checked; unknown fields reported with the closest known one."""
    values: dict[str, Any] = {}
    issues: list[Issue] = []
    names = [f.name for f in fields]
    for spec in fields:
        if meta.get(spec.name) is None:
            if spec.required:
                issues.append(([spec.name], say("required", help=say(help_key(spec, fields)))))
            continue
        value, problems = _CHECKS[spec.kind](meta[spec.name], taxonomy)
        issues += [([spec.name, *p], m) for p, m in problems]
        if value is not None:
            values[spec.name] = value
    for key in meta:
        if key not in names:
            issues.append(([str(key)], say("unknown_field", allowed=", ".join(names), closest=closest(key, names))))
    return values, issues
