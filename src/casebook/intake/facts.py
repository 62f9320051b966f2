"""What a report says of itself beyond the taxonomy: its honours, the locality below its county,
what kind of document it is, and whether the unit wrote it. Each with the words that show it."""

from __future__ import annotations

import re

from casebook.model import Taxonomy, say

from .model import Suggestion

# An honour is given: 荣获…, 被评为…, 被命名为…, 授予…称号, 记集体三等功.
_GIVEN = re.compile(r"(?:荣获|获得|获评|被评为|被命名为|命名为|评为|授予|被授予|被表彰为|荣膺)")
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,40})[”\"」』](?:称号|荣誉称号|奖|光荣称号)?")
_HONOUR_ENDS = (r"(?:先进集体|先进单位|先进个人|示范单位|示范区|示范市|示范县|示范乡|示范镇|示范村|"
                r"示范社区|示范学校|示范企业|示范点|示范基地|模范集体|模范单位|文明单位|称号|一等奖|二等奖|三等奖|优秀奖|奖)")
# The shortest name that ends like an honour, and the end right after it too (…示范区示范单位).
_NAMED = re.compile(rf"[\u4e00-\u9fff（）()]{{2,36}}?{_HONOUR_ENDS}{_HONOUR_ENDS}?")
_MERIT = re.compile(r"记(?:集体)?[一二三]等功")


def honours(sentences: list[str]) -> tuple[Suggestion, ...]:
    """Honours the report says the unit received (not those it aims at: 争创, 力争)."""
    out: dict[str, str] = {}
    for sentence in sentences:
        if re.search(r"争创|力争|争取|创建成为|计划|将", sentence):
            continue
        for m in _GIVEN.finditer(sentence):
            # "3个社区被命名为…": other units of its area were honoured, not the unit.
            clause = re.split(r"[，,；;]", sentence[:m.start()])[-1]
            if re.search(r"[0-9一二三四五六七八九十]+\s*(?:个|家|所)", clause):
                continue
            rest = sentence[m.end():m.end() + 60]
            quoted = _QUOTED.search(rest[:50])
            named = _NAMED.match(re.sub(r"^[^\u4e00-\u9fff“\"]+", "", rest))
            honour = None
            # Whichever comes first: 评为州级…示范单位，产科被评为“巾帼文明岗” gives the first.
            at_start = named is not None and not rest.lstrip().startswith(("“", "\""))
            if quoted and quoted.start() < 30 and not at_start:
                honour = quoted.group(1)
            elif named:
                honour = named.group(0)
            if honour and honour not in out:
                out[honour] = sentence.strip()
        for m in _MERIT.finditer(sentence):
            out.setdefault(m.group(0)[1:], sentence.strip())
    return tuple(Suggestion(h, say("evidence.honour", sentence=_short(s))) for h, s in out.items())


_LOCALITY = re.compile(r"([\u4e00-\u9fff]{1,5}?(?:乡|镇|街道|苏木))(?=[\u4e00-\u9fff]{0,12}(?:村|社区|卫生院|学校"
                       r"|小学|中学|幼儿园|所|站|寺|堂|公司)|[，。、东西南北中部]|$)")


def locality(anchor: str, county_forms: list[str], unit_name: str | None, unit_type: str | None) -> Suggestion:
    """The township, town or street office the unit lies in, where the report writes it after
    its county (福贡县云台乡, 澜沧拉祜族自治县惠民镇) or in the unit's name (梯田乡卫生院)."""
    if unit_type in ("county", "prefecture_department", "county_department", "township", "street_office",
                     "association"):
        return Suggestion(None, say("evidence.locality_whole_area"))
    texts = ([unit_name] if unit_name else []) + [anchor]
    for text in texts:
        for form in county_forms:
            at = text.find(form)
            if at < 0:
                continue
            m = _LOCALITY.match(text, at + len(form))
            if m:
                return Suggestion(m.group(1), say("evidence.locality_after_county", words=text[at:m.end()]))
        if text is unit_name:
            m = re.match(r"^(?:[\u4e00-\u9fff]{2,8}?(?:县|市|区|旗))?([\u4e00-\u9fff]{2,5}?(?:乡|镇|街道))"
                         r"(?=[\u4e00-\u9fff]{2,})", text)
            if m:
                return Suggestion(m.group(1), say("evidence.locality_in_name", name=text))
    return Suggestion(None, say("evidence.locality_none"))


# A document's kind by the words its title ends on; the first that fits decides.
_KINDS: tuple[tuple[str, str], ...] = (
    (r"调研报告|调查报告", "survey_report"),
    (r"实施方案|工作方案", "implementation_plan"),
    (r"工作制度|制度$", "work_rules"),
    (r"经验材料|经验交流|典型材料|事迹材料", "experience_material"),
    (r"汇报材料|工作汇报|情况汇报|汇报$", "briefing_material"),
    (r"工作报告", "work_report"),
    (r"总结", "work_summary"),
)


def source_kind(title: str | None, year: object, taxonomy: Taxonomy) -> Suggestion:
    """The kind of document, from its title: 汇报材料 a briefing paper, 调研报告 a survey report;
    a summary of a whole year's work (2019年…工作总结, 年度) an annual report, of a campaign or a
    half-year (活动总结, 上半年) a work summary."""
    known = {k.id for k in taxonomy.source_kinds}
    if not title:
        return Suggestion(None, say("evidence.kind_no_title"))
    for pattern, kind in _KINDS:
        m = re.search(pattern, title)
        if not m:
            continue
        why = say("evidence.kind_title_says", words=m.group(0))
        whole_year = re.search(r"年度", title) or (year and re.search(r"(?:19|20)[0-9]{2}\s*年", title))
        if kind == "work_summary" and whole_year and not re.search(r"上半年|下半年|活动|月", title):
            kind, why = "annual_report", say("evidence.kind_whole_year", words=m.group(0))
        if kind in known:
            return Suggestion(kind, why)
    return Suggestion(None, say("evidence.kind_unknown"))


def written_by_unit(self_reference: tuple[str, int] | None, we: int, own_title: str | None = None,
                    kind: str | None = None, reports: bool = False) -> Suggestion:
    """The unit wrote the report where it speaks of itself (我院 ×6, 我们 ×3), or where its title
    is the unit's own name on a summary or briefing of its work and the text reports it
    (现将…总结如下)."""
    if self_reference and self_reference[1] >= 1:
        return Suggestion("unit", say("evidence.calls_itself", word=self_reference[0], n=self_reference[1]))
    if we >= 2:
        return Suggestion("unit", say("evidence.speaks_as_we", n=we))
    if own_title and reports and kind in ("work_summary", "annual_report", "briefing_material", "work_report"):
        return Suggestion("unit", say("evidence.by_own_title", title=own_title))
    return Suggestion(None, say("evidence.by_unstated"))


def proposed_title(unit: str | None, unit_label: str, place: str | None, measure_labels: list[str]) -> Suggestion:
    """A title in the casebook's style: who, then what it is known for (肃北县蒙医院：…)."""
    who = unit or (f"{place}一家{unit_label}（原文未具名）" if place else f"一家{unit_label}（原文未具名）")
    what = "、".join(measure_labels[:3])
    return Suggestion(f"{who}：{what}" if what else who, say("evidence.proposed_title"))


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width] + "…"
