"""Who writes a report: the unit's own name (in its title, its first sentences, its signature, or
as 我院/我所/我局…) and the unit type read from the head of that name.

A unit names itself; a report also names the county it works in, the bureau above it and the
partners it visits. The name's head (…派出所, …卫生院, …清真寺, …支行) says what the unit is,
whatever else the report talks about; keyword counts are left for reports that give no name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The head a unit's name ends on -> its unit type. "department" is a bureau, court, office or
# party department: county or prefecture department by the place it names. Longest heads first.
HEADS: tuple[tuple[str, str], ...] = tuple(sorted((
    # hospitals
    ("医院", "hospital"), ("卫生院", "hospital"), ("中医院", "hospital"), ("保健院", "hospital"),
    ("妇幼保健院", "hospital"), ("妇幼保健计划生育服务中心", "hospital"), ("卫生服务中心", "hospital"),
    ("卫生服务站", "hospital"), ("卫生室", "hospital"),
    # schools
    ("学校", "school"), ("中学", "school"), ("小学", "school"), ("大学", "school"), ("学院", "school"),
    ("幼儿园", "school"), ("职业学校", "school"), ("职业中学", "school"), ("完全中学", "school"), ("中心校", "school"),
    # religious venues
    ("寺", "religious_venue"), ("清真寺", "religious_venue"), ("寺院", "religious_venue"),
    ("寺庙", "religious_venue"), ("教堂", "religious_venue"), ("礼拜堂", "religious_venue"),
    ("宫观", "religious_venue"), ("道观", "religious_venue"), ("庙", "religious_venue"), ("观", "religious_venue"),
    # enterprises
    ("公司", "enterprise"), ("企业", "enterprise"), ("分公司", "enterprise"), ("集团", "enterprise"),
    ("银行", "enterprise"), ("分行", "enterprise"), ("支行", "enterprise"), ("营业部", "enterprise"),
    ("合作社", "enterprise"), ("厂", "enterprise"),
    # associations
    ("促进会", "association"), ("商会", "association"), ("总商会", "association"), ("工商联", "association"),
    ("工商业联合会", "association"), ("联谊会", "association"), ("协会", "association"), ("研究会", "association"),
    # aid teams
    ("工作队", "aid_team"), ("工作组", "aid_team"), ("工作团", "aid_team"),
    # communities, street offices, townships, villages
    ("社区", "community"), ("居委会", "community"), ("居民委员会", "community"), ("社区居委会", "community"),
    ("街道", "street_office"), ("街道办", "street_office"), ("街道办事处", "street_office"),
    ("街道党工委", "street_office"),
    ("乡", "township"), ("镇", "township"), ("民族乡", "township"), ("苏木", "township"),
    ("乡人民政府", "township"), ("镇人民政府", "township"), ("乡党委", "township"), ("镇党委", "township"),
    ("村", "village"), ("嘎查", "village"), ("村委会", "village"), ("村民委员会", "village"), ("村党支部", "village"),
    # the Corps: a company (连) of a regiment (团) of a division (师)
    ("连", "corps"), ("连队", "corps"), ("团", "corps"), ("团场", "corps"),
    # departments
    ("局", "department"), ("分局", "department"), ("派出所", "department"), ("司法所", "department"),
    ("法院", "department"), ("人民法院", "department"), ("检察院", "department"), ("人民检察院", "department"),
    ("统战部", "department"), ("宣传部", "department"), ("组织部", "department"), ("民宗委", "department"),
    ("民委", "department"), ("民族宗教事务委员会", "department"), ("民族事务委员会", "department"),
    ("办公室", "department"),
    # areas as a whole
    ("县", "area"), ("市", "area"), ("区", "area"), ("旗", "area"), ("自治县", "area"), ("县委", "area"),
    ("县人民政府", "area"), ("县委县政府", "area"), ("市委", "area"),
), key=lambda h: -len(h[0])))
_HEAD = dict(HEADS)
_HEAD_RE = "|".join(re.escape(h) for h, _ in HEADS)

# How a unit speaks of itself: 我院, 我所, 本局, 我们工作队.
SELF: dict[str, str] = {
    "院": "院", "所": "department", "局": "department", "部": "department", "委": "department",
    "寺": "religious_venue", "堂": "religious_venue", "校": "school", "园": "school",
    "村": "village", "乡": "township", "镇": "township", "连": "corps", "团": "corps", "会": "association",
    "公司": "enterprise", "行": "enterprise", "社区": "community", "街道": "street_office",
    "县": "area", "市": "area", "区": "area", "旗": "area",
    "队": "aid_team", "工作队": "aid_team", "组": "aid_team", "工作组": "aid_team",
}
_SELF_RE = re.compile(r"(?:我|本)(工作队|工作组|公司|社区|街道"
                      r"|[院所局部委寺堂校园村乡镇连团会行县市区旗队组])(?![\u4e00-\u9fff]{0,0}[长员])")

# Words that make a name generic (边境派出所, 民营企业, 县税务局): a kind of unit, not one unit.
_GENERIC = re.compile(r"^(边境|民营|国有|基层|农村|城市|城区|驻村|某|本|该|我|各|全|县|乡|镇|村|州|市|区|中心|示范"
                      r"|少数民族|[XxＸｘ]+)*$")
# What a name may not hold: it is then a topic, not a unit.
_NOT_NAME = re.compile(r"[把将被的]|进驻|组织|要求|根据|按照|通过|围绕|民族团结|创建|工作总结|汇报|情况|关于|开展"
                       r"|加强|推进|活动|建设|铸牢|共同体|先进|荣获|被评为|和谐")
# What may follow a unit's name in its title.
_AFTER_TITLE = re.compile(r"^(?:(?:19|20)[0-9Xx]{2}|民族|创建|统战|统一战线|工作|关于|年度|上半年|下半年|宣传|开展|争创"
                          r"|“|《|$)")
# What follows a unit's name where a sentence introduces it.
_INTRODUCED = (r"(?:是|位于|地处|坐落|隶属|现有|共有|下辖|辖|成立于|始建于|创建于|建于|始终|多年来|近年来|（|\(|在"
               r"|作为|坚持|以|紧紧|认真|把|积极|于)")
_YEAR = re.compile(r"(?:19|20)[0-9Xx]{2}\s*年(?:度|上半年|下半年)?")


@dataclass(frozen=True, slots=True)
class Name:
    name: str  # as written (Simplified)
    head: str
    kind: str  # a unit type id, or "department", "area", "corps", "院"
    where: str  # title, opening, signature, self
    generic: bool
    placeholder: bool


def _name(candidate: str, where: str) -> Name | None:
    m = re.search(rf"({_HEAD_RE})$", candidate)
    if not m:
        return None
    head = m.group(1)
    rest = candidate[: -len(head)]
    # A name begins with itself, not with a preposition or a verb (在全县…, 关于…, 对全乡…): one
    # that is a word of its own (和平街道, 和田地区, 于都县 begin with a name, 和县委… with 和).
    if re.match(r"[在于对为从向按据由把将以和与及给让使经就当]", candidate) and _first_word(candidate) == candidate[0]:
        return None
    if _NOT_NAME.search(rest) and not _HEAD.get(head) == "association":
        return None
    kind = _HEAD[head]
    if kind == "corps" and head in ("连", "团") and not re.search(r"[师团]", rest):
        return None  # 连 and 团 name a Corps unit only under its division or regiment (第四师六十四团五连)
    if kind == "religious_venue" and head in ("寺", "庙", "观") and len(rest) < 1:
        return None
    # 观 heads a Taoist temple's name (青云观), not a view (景观, 参观) or an outlook (民族观, 价值观).
    if head == "观" and re.search(r"(?:景|参|值|界|生|族|史|家|化|教|主|念)观$", candidate):
        return None
    placeholder = bool(re.search(r"[XxＸｘ]{1,4}|[*＊#]{2,}", candidate))
    # 县税务局, 州民宗委: a level and a kind of office, not one unit's name.
    stripped = re.sub(r"^(边境|民营|国有|基层|农村|城市|城区|驻村|某|本|该|我|各|全|中心|示范|少数民族)+", "", rest)
    generic = bool(_GENERIC.match(rest)) or placeholder or stripped[:1] in tuple("县乡镇州市区旗村")
    return Name(candidate, head, kind, where, generic, placeholder)


def _first_word(text: str) -> str:
    import rjieba

    return next(iter(rjieba.cut(text)), "")


def in_title(title: str) -> Name | None:
    """The unit's name at the start of its title: "元阳县梯田乡卫生院2019年…总结" -> 元阳县梯田乡卫生院;
    the first name followed by a year, else the longest followed by what the report is about. A
    title with a motto and a subtitle (编织…纽带——街道办事处民族工作情况汇报) names it in the subtitle."""
    parts = [p for p in re.split(r"[—―]{1,2}|－－|--", re.sub(r"^\s*#+\s*", "", title or "")) if p.strip()]
    for part in reversed(parts[1:]):
        found = _in_title(part)
        if found is not None:
            return found
    return _in_title(parts[0]) if parts else None


def _in_title(title: str) -> Name | None:
    title = title.strip()
    title = _YEAR.sub("", title, count=1) if _YEAR.match(title) else title
    best = None
    for m in re.finditer(_HEAD_RE, title):
        end = m.end()
        after = title[end:]
        if not _AFTER_TITLE.match(after):
            continue
        found = _name(title[:end], "title")
        if found is None:
            continue
        if _YEAR.match(after):
            return found
        if best is None or len(found.name) > len(best.name):
            best = found
    return best


_OPENING = re.compile(rf"(?:^|(?<=[。；！？\n，,：:]))\s*((?:[\u4e00-\u9fff0-9XxＸｘ]){{1,28}}?(?:{_HEAD_RE}))"
                      rf"(?={_INTRODUCED})", re.M)


def in_opening(text: str) -> list[Name]:
    """Names that introduce the unit at the start of a sentence: 青岭镇地处…, 国家税务总局…税务局现有…"""
    out = []
    for m in _OPENING.finditer(text):
        candidate = re.sub(r"^(?:(?:19|20)[0-9]{2}年(?:以来)?|今年以来|一年来|近年来|多年来)", "", m.group(1))
        found = _name(candidate, "opening") if len(candidate) >= 2 else None
        # A pronoun or a date before it (我县…, 该局…); a preposition _name has judged already.
        if found is not None and not re.match(r"[我本全各该此也年月日他其]", candidate):
            out.append(found)
    return out


def signature(lines: list[str]) -> Name | None:
    """A name alone on one of the last lines, above or beside the date: the report's signature."""
    for line in reversed(lines[-3:]):
        text = re.sub(r"\s*(?:19|20)[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日\s*$", "", line.strip())
        if 2 <= len(text) <= 30 and re.fullmatch(r"[\u4e00-\u9fff（）()XxＸｘ]+", text or "-"):
            found = _name(text, "signature")
            if found is not None:
                return found
    return None


def self_reference(text: str) -> tuple[str, int] | None:
    """The most frequent 我X the report calls itself (我院 ×6), with its count. An office speaks of
    its area as 我区/我县 and of itself as 我局; an area never calls itself 我局: an office named
    twice or more is the writer, however often the area is named."""
    from collections import Counter

    counts = Counter(m.group(1) for m in _SELF_RE.finditer(text))
    if not counts:
        return None
    offices = [(w, n) for w, n in counts.most_common() if SELF[w] != "area" and n >= 2]
    return offices[0] if offices else counts.most_common(1)[0]
