"""Writing a draft case from a report: the suggestions in the front matter, each with its evidence as a YAML comment."""

from __future__ import annotations

import json
import re
from pathlib import PurePath

from casebook.corpus.schema import ID_PATTERN
from .model import Report, Suggestions

ID = re.compile(ID_PATTERN)


def draft_id(stem: str, index: int, count: int, given: str | None = None, unit_type: str | None = None,
             taken: set[str] = frozenset()) -> str:
    """Lower-case ASCII words from the file name (or `given`), with -a, -b ... for the reports of
    a collection. Ids have no digits, and a Chinese file name gives no words: then the unit type
    names it (hospital-report). An id given out earlier in the same import gets a further letter."""
    words = "-".join(w for w in re.split(r"[^a-z0-9]+", stem.lower()) if w.isalpha())
    base = given or words or f"{(unit_type or 'unit').replace('_', '-')}-report"
    id = base if count == 1 else f"{base}-{_letters(index)}"
    n = 1
    while id in taken:
        n += 1
        id = f"{base if count == 1 else f'{base}-{_letters(index)}'}-{_letters(n)}"
    return id


def _letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[r] + out
    return out


def _q(value) -> str:
    # JSON is YAML: strings come out quoted, so that a title such as "2019年…" stays a text.
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(str(text).split())


def render(report: Report, s: Suggestions, id: str, source_file: str) -> str:
    """The draft's Markdown: front matter, the case's sections to write, and the cleaned report."""
    out = ["---", f"id: {id}",
           f"# draft: made by `casebook import` from {PurePath(report.file).name}, report {report.index} of {report.count}.",
           "# An editor checks every field against the report, writes the summary and the sections in",
           "# their own words, deletes \"## 原文（整理后）\", and then removes the draft line.",
           "draft: true",
           f"# title: {_comment(s.title.evidence)}",
           f"title: {_q(s.title.value or '待定标题（原文无标题）')}",
           f"# unit_type: {_comment(s.unit_type.evidence)}",
           f"unit_type: {s.unit_type.value or 'null'}",
           "# measures, each with the words found:"]
    out += [f"#   {m.value}: {_comment(m.evidence)}" for m in s.measures] or ["#   none found"]
    out.append(f"measures: [{', '.join(str(m.value) for m in s.measures)}]")
    out.append(f"# unit: {_comment(s.unit.evidence)}")
    if s.unit.value:
        out.append(f"unit: {_q(s.unit.value)}")
    out.append("region:")
    for level, suggestion in s.region.items():
        out.append(f"  # {level}: {_comment(suggestion.evidence)}")
        if suggestion.value:
            out.append(f"  {level}: {_q(suggestion.value)}")
    out.append(f"# year: {_comment(s.year.evidence)}")
    if s.year.value:
        out.append(f"year: {s.year.value}")
    out.append("# ethnic_groups: " + (_comment("; ".join(g.evidence for g in s.ethnic_groups)) or "none of the 56 names"))
    out.append(f"ethnic_groups: [{', '.join(str(g.value) for g in s.ethnic_groups)}]")
    out += ["source:", f"  file: {source_file}"]
    if s.traditional:
        out.append("  # the report is in Traditional script: analysed through OpenCC, kept as written")
        out.append("  script: traditional")
    out.append(f"summary: {_q('草稿：摘要待编辑依据原文撰写。')}")
    out.append("# figures: every Arabic number of the report, with its words (a case states only these):")
    out += [f"#   {f.text}: {_comment(f.context)}" for f in s.figures] or ["#   none"]
    out.append("# placeholders: values the source left out (unknown: never write them as facts):")
    out += [f"#   {p.text}: {_comment(p.context)}" for p in s.placeholders] or ["#   none"]
    out.append("# removed while cleaning (line in the imported file: text, why):")
    out += [f"#   {r.line}: {_comment(r.text)} ({r.reason})" for r in report.removed] or ["#   nothing"]
    out.append("---")
    body = report.text.replace("```", "ˋˋˋ")
    out += ["", "## 背景", "", "## 主要做法", "", "## 成效", "", "## 原文（整理后）", "", "```text", body, "```", ""]
    return "\n".join(out)
