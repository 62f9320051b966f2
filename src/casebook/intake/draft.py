"""Writing a draft case from a report: the suggestions in the front matter, each with its evidence as a YAML comment."""

from __future__ import annotations

import json
import re
from collections.abc import Set as AbstractSet
from pathlib import PurePath

from casebook.corpus.schema import CASE_FIELDS, CASE_SECTIONS, DRAFT_SECTION, ID_PATTERN, OPTIONAL_SECTIONS
from casebook.corpus.validate import help_key
from casebook.model import Message
from casebook.strings import Said, strings

from .model import Report, Suggestions, written

ID = re.compile(ID_PATTERN)


# Words of a file name that say nothing of the report: r1.txt, scan-002.docx, 新建文档.docx.
_EMPTY_WORDS = {"report", "reports", "doc", "docx", "txt", "file", "files", "new", "copy", "scan", "draft", "final",
                "untitled", "document", "text", "page", "part", "version", "v", "r", "d", "a", "b", "c", "x", "test",
                "tmp", "temp", "download", "downloads", "upload", "zh", "cn", "fwd", "edit", "edited", "work",
                "summary"}


def meaningful(stem: str) -> str | None:
    """The file name's words as an id, where they say something (yuanyang-hospital.docx), not
    where they only number or label a file (r1.txt, report-2.docx, scan.docx)."""
    words = [w for w in re.split(r"[^a-z0-9]+", stem.lower()) if w.isalpha()]
    if not any(len(w) >= 3 and w not in _EMPTY_WORDS for w in words):
        return None
    return "-".join(words)


def slug(name: str | None, unit_type: str | None, place: str | None = None) -> str:
    """An id from the unit's Chinese name in pinyin, the administrative endings and the name's head
    left out, with the unit type in English: 元阳县梯田乡卫生院 -> yuanyang-titian-hospital."""
    import rjieba
    from pypinyin import lazy_pinyin

    from .unit import HEADS

    kind = (unit_type or "unit").replace("_", "-")
    text = name or place or ""
    from .groups import ethnic_groups

    text = re.sub(r"[^\u4e00-\u9fff]", "", text)
    # The groups of an autonomous area's name and a company's legal form say nothing of which unit.
    groups = "|".join(sorted(ethnic_groups(), key=len, reverse=True))
    text = re.sub(rf"(?:{groups}|各族)+(?=自治)|(?:股份)?有限(?:责任)?公司(?=.)|中国共产党|中共", "", text)
    text = re.sub(r"自治(?=[县州区旗])", "", text)
    for head, _ in HEADS:  # longest first
        if text.endswith(head) and len(text) > len(head):
            text = text[: -len(head)]
            break
    words = []
    for token in rjieba.cut(text):
        token = re.sub(r"(?:自治县|自治州|自治区|自治旗|县|市|区|州|乡|镇|旗|盟|地区|省|委)$", "", token)
        word = "".join(lazy_pinyin(token)).lower()
        word = re.sub(r"[^a-z]", "", word.replace("ü", "v"))
        if word:
            words.append(word)
    base = "-".join(words[:3] + [kind]) if words else f"{kind}-report"
    return base if ID.fullmatch(base) else f"{kind}-report"


def draft_id(stem: str, index: int, count: int, given: str | None = None, unit_type: str | None = None,
             taken: AbstractSet[str] = frozenset(), unit: str | None = None, place: str | None = None) -> str:
    """The id `given`, else the file name's words where they say something, else the unit's name
    in pinyin (or its place) with its type; -a, -b ... for the reports of a collection when they
    share one base. An id given out earlier in the same import gets a further letter."""
    from_file = meaningful(stem)
    base = given or from_file or slug(unit, unit_type, place)
    id = base if count == 1 or not (given or from_file) else f"{base}-{_letters(index)}"
    n = 1
    first = id
    while id in taken:
        n += 1
        id = f"{first}-{_letters(n)}"
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


def _said(evidence: Message | str, t: Said) -> str:
    """Evidence as a comment, in the editor's language."""
    return _comment(written(evidence, t.lang))


SECTION_KEYS = ("background", "practice", "results", "ahead")


def render(report: Report, s: Suggestions, id: str, source_file: str, lang: str = "en") -> str:
    """The draft's Markdown: every field of corpus/schema.py with the suggestion and its evidence,
    and every section of the case with what the report gives for it, to be written anew. The
    comments that guide the editor are in the editor's language `lang` (strings.yml, `draft`)."""
    t = Said(lang, "draft")
    out = ["---",
           t("made_by", file=PurePath(report.file).name, index=report.index, count=report.count),
           t("check_1", source=source_file),
           t("check_2"),
           ]
    for spec in CASE_FIELDS:
        out += _FIELDS.get(spec.name, _unsuggested)(spec, report, s, id, source_file, t)
    out.append(t("figures"))
    out += [f"#   {f.text}: {_comment(f.context)}" for f in s.figures] or [t("none")]
    out.append(t("placeholders"))
    seen: dict[str, str] = {}
    for p in s.placeholders:
        seen.setdefault(p.text, p.context)
    out += [f"#   {text}: {_comment(context)}" for text, context in seen.items()] or [t("none")]
    out.append(t("removed"))
    out += [f"#   {r.line}: {_comment(r.text)} ({r.reason})" for r in report.removed] or [t("nothing")]
    out.append("---")
    from .sections import sorted_lines
    from .suggest import simplified

    material = sorted_lines(report.lines, lambda t: simplified(t)[0])
    for key, heading in zip(SECTION_KEYS, CASE_SECTIONS["zh"], strict=True):
        lines = material[key]
        optional = CASE_SECTIONS["zh"].index(heading) >= len(CASE_SECTIONS["zh"]) - OPTIONAL_SECTIONS
        if optional and not lines:
            continue  # the report gives no problems or plans: the section is left out
        out += ["", f"## {heading}", ""]
        out.append(f"待写：{_SECTION_HELP[key]}" + (_EMPTY.get(key, "原文此部分无内容。") if not lines
                                                   else "原文相关内容如下（仅作素材，须改写）："))
        if lines:
            out.append("")
            quoted = [f"> {line.text.strip().lstrip('#').strip()}" for line in lines]
            out += [q for pair in zip(quoted, [">"] * len(quoted), strict=True) for q in pair][:-1]
    # The cleaned report whole (its tables too), for the editor to read and then delete.
    body = report.text.replace("```", "ˋˋˋ")
    out += ["", f"## {DRAFT_SECTION}", "", "```text", body, "```", ""]
    return "\n".join(out)


_EMPTY = {
    "results": "原文没有单列成效：数字和荣誉见“主要做法”的原文和文件头中 figures、honours 的注释。",
    "practice": "原文没有分项写做法：见“背景”的原文。",
}
_SECTION_HELP = {
    "background": "单位、地点、人员构成，这项工作在当地为什么重要。",
    "practice": "具体做法，可以用 ### 分小节。",
    "results": "与原文一致的数字、荣誉。",
    "ahead": "原文承认的不足和打算。",
}


def _unsuggested(spec, report, s, id, source_file, t) -> list[str]:
    return [t("unsuggested", name=spec.name, required=t("required" if spec.required else "optional"),
              help=_comment(Message(help_key(spec, CASE_FIELDS)).text(t.lang)))]


def _id(spec, report, s, id, source_file, t):
    return [f"id: {id}"]


def _title(spec, report, s, id, source_file, t):
    heading = s.title.value
    return [t("title_heading", heading=_comment(heading) if heading else t("none_given"),
              evidence=_said(s.title.evidence, t)),
            f"# title: {_said(s.proposed_title.evidence, t)}",
            f"title: {_q(s.proposed_title.value or heading or '待定标题')}"]


def _unit_type(spec, report, s, id, source_file, t):
    return [f"# unit_type: {_said(s.unit_type.evidence, t)}", f"unit_type: {s.unit_type.value or 'null'}"]


def _measures(spec, report, s, id, source_file, t):
    out = [t("measures")]
    out += [f"#   {m.value}: {_said(m.evidence, t)}" for m in s.measures] or [t("none_found")]
    return out + [f"measures: [{', '.join(str(m.value) for m in s.measures)}]"]


def _unit(spec, report, s, id, source_file, t):
    return [f"# unit: {_said(s.unit.evidence, t)}"] + ([f"unit: {_q(s.unit.value)}"] if s.unit.value else [])


def _region(spec, report, s, id, source_file, t):
    out = ["region:"]
    for level, suggestion in s.region.items():
        out.append(f"  # {level}: {_said(suggestion.evidence, t)}")
        if suggestion.value:
            out.append(f"  {level}: {_q(suggestion.value)}")
    out.append(f"  # locality: {_said(s.locality.evidence, t)}")
    if s.locality.value:
        out.append(f"  locality: {_q(s.locality.value)}")
    return out


def _year(spec, report, s, id, source_file, t):
    return [f"# year: {_said(s.year.evidence, t)}"] + ([f"year: {s.year.value}"] if s.year.value else [])


def _groups(spec, report, s, id, source_file, t):
    said = strings()[t.lang]["check"]["list_sep"].join(written(g.evidence, t.lang) for g in s.ethnic_groups)
    return ["# ethnic_groups: " + (_comment(said) or t("no_groups")),
            f"ethnic_groups: [{', '.join(str(g.value) for g in s.ethnic_groups)}]"]


def _honours(spec, report, s, id, source_file, t):
    if not s.honours:
        return [t("no_honours")]
    out = [t("honours")]
    out += [f"#   {h.value}: {_said(h.evidence, t)}" for h in s.honours]
    return out + ["honours: [" + ", ".join(_q(h.value) for h in s.honours) + "]"]


def _source(spec, report, s, id, source_file, t):
    out = ["source:", f"  file: {source_file}"]
    if s.traditional:
        out.append(t("traditional"))
        out.append("  script: traditional")
    out.append(f"  # kind: {_said(s.source_kind.evidence, t)}")
    if s.source_kind.value:
        out.append(f"  kind: {s.source_kind.value}")
    out.append(f"  # by: {_said(s.by.evidence, t)}")
    if s.by.value:
        out.append(f"  by: {s.by.value}")
    out.append(t("origin"))
    return out


def _summary(spec, report, s, id, source_file, t):
    return [f"summary: {_q('草稿：摘要待编辑依据原文撰写。')}"]


def _draft(spec, report, s, id, source_file, t):
    return ["draft: true"]


_FIELDS = {"id": _id, "title": _title, "unit_type": _unit_type, "measures": _measures, "unit": _unit,
           "region": _region, "year": _year, "ethnic_groups": _groups, "honours": _honours, "source": _source,
           "summary": _summary, "draft": _draft}
