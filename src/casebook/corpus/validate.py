"""Checking one file's front matter against the field declarations in `schema.py`.

Each check returns the cleaned value and the problems it found, each with the path of the
field inside the front matter, so that the caller can name the line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any

from casebook.corpus.schema import ID_PATTERN, REGION_KEYS, REPORT_PATTERN, YEAR_PATTERN, FieldSpec
from casebook.corpus.trace import parse_derived
from casebook.model import ChecklistItem, Region, Source, Taxonomy

_ID = re.compile(ID_PATTERN)
_YEAR = re.compile(YEAR_PATTERN)
_REPORT = re.compile(REPORT_PATTERN)

# (path inside the front matter, message)
Issue = tuple[list[str | int], str]


def suggest(value: object, allowed: Iterable[str]) -> str:
    """' Did you mean 'x'?' for the closest allowed value, or nothing when none is close."""
    allowed = list(allowed)
    if not isinstance(value, str):
        return ""
    lowered = {a.lower(): a for a in allowed}
    close = difflib.get_close_matches(value.lower().replace("-", "_").replace(" ", "_"), list(lowered), n=1, cutoff=0.5)
    return f" Did you mean '{lowered[close[0]]}'?" if close else ""


def _choice(value: object, allowed: list[str], what: str) -> str | None:
    if isinstance(value, str) and value in allowed:
        return None
    shown = f"'{value}'" if isinstance(value, str) else f"a {type(value).__name__}"
    return f"unknown {what} {shown}; allowed: {', '.join(allowed)}.{suggest(value, allowed)}"


def _text(value: object) -> tuple[str | None, list[Issue]]:
    if isinstance(value, str) and value.strip():
        return value.strip(), []
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # YAML reads `title: 2019` as a number; the editor almost surely meant a text.
        return str(value), [([], f"must be a text, not a number; put it in quotes: \"{value}\"")]
    return None, [([], f"must be a non-empty text, not {_describe(value)}")]


def _describe(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, str):
        return "an empty text"
    return f"a {type(value).__name__}"


def _text_list(value: object) -> tuple[tuple[str, ...], list[Issue]]:
    if not isinstance(value, list):
        return (), [([], f"must be a list such as [a, b] (or [] for none), not {_describe(value)}")]
    out: list[str] = []
    issues: list[Issue] = []
    for i, item in enumerate(value):
        if isinstance(item, str) and item.strip():
            out.append(item.strip())
        else:
            issues.append(([i], f"must be a non-empty text, not {_describe(item)}"))
    return tuple(out), issues


def _check_id(value, taxonomy):
    if isinstance(value, str) and _ID.match(value):
        return value, []
    return None, [([], f"must be lower-case ASCII letters joined by hyphens (like 'bihai-community'), not {value!r}")]


def _check_unit_type(value, taxonomy: Taxonomy):
    allowed = [u.id for u in taxonomy.unit_types]
    problem = _choice(value, allowed, "unit type")
    return (None, [([], problem)]) if problem else (value, [])


def _check_measures(value, taxonomy: Taxonomy):
    allowed = [m.id for m in taxonomy.measures]
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        return (), [([], f"must be a list of one or more of: {', '.join(allowed)}")]
    out, issues = [], []
    for i, item in enumerate(value):
        problem = _choice(item, allowed, "measure category")
        if problem:
            issues.append(([i], problem))
        elif item in out:
            issues.append(([i], f"'{item}' is listed twice"))
        else:
            out.append(item)
    return tuple(out), issues


def _check_region(value, taxonomy):
    if not isinstance(value, dict):
        return Region(), [([], f"must be a mapping with some of: {', '.join(REGION_KEYS)}")]
    issues: list[Issue] = []
    parts: dict[str, str] = {}
    for key, part in value.items():
        if key not in REGION_KEYS:
            issues.append(([key], f"unknown part of a region; allowed: {', '.join(REGION_KEYS)}."
                                  f"{suggest(key, REGION_KEYS)}"))
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
    return None, [([], "must be a year such as 2019 or a period such as 2016-2018 (or left out when unknown), "
                       f"not {value!r}")]


def _check_source(value, taxonomy):
    if not isinstance(value, dict):
        return None, [([], "must be a mapping with file: (the source file's name) and, for a file of several "
                           "reports, report: (such as R12)")]
    issues: list[Issue] = []
    file, report, script = value.get("file"), value.get("report"), value.get("script", "simplified")
    if not isinstance(file, str) or not file.strip():
        issues.append((["file"], "must name the source file, such as 004_f8be99e0c8987dd2.txt"))
    elif "/" in file or "\\" in file or file.strip() in (".", ".."):
        issues.append((["file"], f"must be a file's name, not a path ({file!r}): sources are looked up by name "
                                 "in content/sources/ and the configured folders"))
    if report is not None and (not isinstance(report, str) or not _REPORT.match(report)):
        issues.append((["report"], f"must be a report number such as R12, not {report!r}"))
    if script not in ("simplified", "traditional"):
        issues.append((["script"], f"must be 'traditional' or left out, not {script!r}"))
    kind, by, origin = value.get("kind"), value.get("by"), value.get("origin")
    for key, given, allowed in (("kind", kind, [k.id for k in taxonomy.source_kinds]),
                                ("origin", origin, [o.id for o in taxonomy.source_origins])):
        if given is not None and given not in allowed:
            issues.append(([key], f"unknown {key} '{given}'; allowed (content/taxonomy.yml source_{key}s): "
                                  f"{', '.join(allowed)}.{suggest(str(given), allowed)}"))
    if by not in (None, "unit"):
        issues.append((["by"], "must be 'unit' (the case's own unit wrote it) or left out when not stated, "
                               f"not {by!r}"))
    known = ["file", "report", "script", "kind", "by", "origin"]
    for key in value:
        if key not in known:
            issues.append(([key], f"unknown field of source; allowed: {', '.join(known)}.{suggest(key, known)}"))
    if issues:
        return None, issues
    assert isinstance(file, str)  # a file that is not a text is an issue above
    return Source(file.strip(), report, script, kind, by, origin), []


def _check_items(value, taxonomy: Taxonomy):
    if not isinstance(value, list) or not value:
        return (), [([], "must be a list of items, each with text, measure and cases")]
    allowed = [m.id for m in taxonomy.measures]
    out: list[ChecklistItem] = []
    issues: list[Issue] = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            issues.append(([i], "must be a mapping with text, measure and cases"))
            continue
        text, problems = _text(item.get("text"))
        issues += [([i, "text", *p], m) for p, m in problems]
        measure = item.get("measure")
        problem = _choice(measure, allowed, "measure category")
        if problem:
            issues.append(([i, "measure"], problem))
        cases = item.get("cases", [])
        if not isinstance(cases, list) or not all(isinstance(c, str) for c in cases):
            issues.append(([i, "cases"], "must be a list of case ids, such as [bihai-community-guiyang]"))
            cases = []
        for key in item:
            if key not in ("text", "measure", "cases"):
                issues.append(([i, key], "unknown field of a checklist item; allowed: text, measure, cases."
                                         + suggest(key, ["text", "measure", "cases"])))
        if text and not problem and isinstance(measure, str):  # no problem: one of `allowed`
            out.append(ChecklistItem(text, measure, tuple(cases)))
    return tuple(out), issues


def _check_flag(value, taxonomy):
    if isinstance(value, bool):
        return value, []
    return None, [([], f"must be true or false, not {value!r}")]


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


def check_meta(meta: dict, fields: tuple[FieldSpec, ...], taxonomy: Taxonomy) -> tuple[dict[str, Any], list[Issue]]:
    """Every declared field checked; unknown fields reported with the closest known one."""
    values: dict[str, Any] = {}
    issues: list[Issue] = []
    names = [f.name for f in fields]
    for spec in fields:
        if meta.get(spec.name) is None:
            if spec.required:
                issues.append(([spec.name], f"is required ({spec.help})"))
            continue
        value, problems = _CHECKS[spec.kind](meta[spec.name], taxonomy)
        issues += [([spec.name, *p], m) for p, m in problems]
        if value is not None:
            values[spec.name] = value
    for key in meta:
        if key not in names:
            issues.append(([str(key)], f"unknown field; allowed: {', '.join(names)}.{suggest(key, names)}"))
    return values, issues
