"""Suggesting a report's metadata from its words, each suggestion with the words that led to it."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from casebook.corpus.trace import NUMBER
from casebook.model import Message, Taxonomy, say
from casebook.script import to_simplified

from . import facts
from . import unit as naming
from .groups import ethnic_groups
from .headings import ENUMERATED, is_heading
from .measures import measures as done_measures
from .measures import sentences, turns_ahead
from .model import Mention, Report, Suggestion, Suggestions
from .places import gazetteer, inferred, region, written_forms
from .split import heading_text

# Anonymised values: X, XX, 20XX, ### and ** stand for what the source left out (X光 is an X-ray),
# and so does a blank before a measure word that cannot begin a word itself (辖属 个居委会, not
# 少数民族 个人) or a unit with no number (总面积平方公里).
# A Markdown heading's ## (from a Word heading) is none; 马某某, an anonymised name, is one.
PLACEHOLDER = re.compile(
    r"(?:19|20)[XxＸｘ]{2}|(?<![A-Za-z])[XxＸｘ]{1,4}(?![A-Za-z光线射])|(?<=[^\n#])#{2,}|^#{2,}(?![#\s])|[*＊]{2,}|_{3,}|"
    r"[\u4e00-\u9fff]?某某|"
    r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=(?:个(?!人|别|性|体)|名|户|次|件|余|万元|平方公里|公里|亩|人次)[\u4e00-\u9fff])|"
    r"(?<=面积)(?=平方公里|平方米|亩)",
    re.M,
)
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年"
                   r"(度|全年|上半年|下半年|[0-9]{1,2}月|[一二三四五六七八九十]{1,3}月|以来)?")
_TRADITIONAL_SHARE = 0.01


def simplified(text: str) -> tuple[str, bool]:
    """The text in Simplified script for analysis, and whether it was written in Traditional."""
    converted = to_simplified()(text)
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff") or 1
    # A phrase may convert to one of another length: a share counted up to the first such is enough.
    changed = sum(1 for a, b in zip(text, converted, strict=False) if a != b)
    return converted, changed / cjk >= _TRADITIONAL_SHARE


def context(text: str, start: int, end: int, width: int = 14) -> str:
    return re.sub(r"\s+", " ", text[max(0, start - width):end + width]).strip()


_ATTACHED = re.compile(r"(?:[%％]|年|名|个|人次|人|户|次|处|件|余|万元|元)")


def _attached(text: str, m: re.Match) -> str:
    """A placeholder with the word it stands in: XX社区, X名, 20xx年, XX村清真寺 (the blank of
    辖 个村民小组 with its words on both sides)."""
    token = m.group(0)
    after = text[m.end():m.end() + 8]
    if token.endswith("某某"):
        return token  # an anonymised name is whole (马某某被评为…: nothing after it is its word)
    if not token.strip():
        before = text[max(0, m.start() - (1 if token else 2)):m.start()]
        run = re.match(r"[\u4e00-\u9fff]{0,5}", after)
        assert run is not None  # {0,5} matches the empty string at least
        return (before + token + run.group(0)) or "(blank)"
    word = _ATTACHED.match(after)
    if word:
        return token + word.group(0)
    places = "|".join(re.escape(h) for h, _ in naming.HEADS)
    kinds = ("hospital", "school", "religious_venue", "enterprise", "association", "department")
    institutions = "|".join(re.escape(h) for h, kind in naming.HEADS if kind in kinds)
    # The shortest name that ends on a head (XX村, XX街道), carried on to an institution in it (XX村清真寺).
    named = re.match(rf"[\u4e00-\u9fff]{{0,4}}?(?:{places})", after)
    if not named:
        return token
    more = re.match(rf"[\u4e00-\u9fff]{{0,3}}?(?:{institutions})", after[named.end():])
    return token + named.group(0) + (more.group(0) if more else "")


def placeholders(text: str) -> tuple[Mention, ...]:
    return tuple(Mention(_attached(text, m), context(text, m.start(), m.end())) for m in PLACEHOLDER.finditer(text))


def masked(text: str) -> str:
    """The text with every placeholder blanked out, so that 20XX gives no number 20."""
    return PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), text)


def figures(text: str) -> tuple[Mention, ...]:
    plain = masked(unicodedata.normalize("NFKC", text))
    return tuple(Mention(m.group(0), context(plain, m.start(), m.end())) for m in NUMBER.finditer(plain))


def _count(words: tuple[str, ...], text: str) -> Counter:
    """Occurrences of each word, longest first and not overlapping (社区居委会 is not also 社区)."""
    if not words:
        return Counter()
    pattern = re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))
    return Counter(pattern.findall(text))


def _evidence(counts: Counter, limit: int = 6) -> tuple[Message, ...]:
    return tuple(say("evidence.times", word=w, n=n) for w, n in counts.most_common(limit))


def suggest(report: Report, taxonomy: Taxonomy) -> Suggestions:
    original = report.text
    text, traditional = simplified(original)
    lines = [l for l in text.split("\n") if l.strip()]
    shared = {simplified(h)[0] for h in report.shared_headings}
    own = [l for l in lines if heading_text(l) not in shared]
    title = _title(lines, shared)
    # The opening lines say what the unit is; the headings say what it did.
    own_title = title.value if title.says("title_heading") else ""
    opening = "\n".join([own_title or ""] + own[:3])
    body = masked("\n".join(own))
    found = _who(own_title or "", own, body)
    anchor = _anchor(own_title or "", found, own)
    places = region(body, anchor)
    unit, unit_type = _unit_and_type(taxonomy, found, places, opening, body)
    if unit_type.value == "prefecture_department" or (found.name and _level_of(found.name.name) == "prefecture"):
        places = region(body, anchor, deepest="prefecture")
    measures = done_measures(taxonomy, body,
                             lambda l: is_heading(l) or bool(ENUMERATED.match(l) and len(l.strip()) <= 60))
    groups = _ethnic_groups(body)
    year = _year(own)
    said = [s for s, heading, done in sentences(body, is_heading) if not heading]
    county = places["county"]
    county_forms = (sorted(written_forms("county", county.value), key=len, reverse=True)
                    if county.value and not inferred(county) else [])
    kind_label = taxonomy.unit_type(str(unit_type.value)).label("zh") if unit_type.value else "单位"
    place = next((places[level].value for level in ("county", "prefecture", "province")
                  if places[level].value and not inferred(places[level])), None)
    labels = [taxonomy.measure(str(m.value)).label("zh") for m in measures]
    kind = facts.source_kind(title.value if title.says("title_heading") else None, year.value, taxonomy)
    return Suggestions(
        traditional=traditional,
        title=title,
        unit=unit,
        unit_type=unit_type,
        measures=measures,
        region=places,
        year=year,
        ethnic_groups=groups,
        figures=figures(original),
        placeholders=placeholders(original),
        honours=facts.honours(said),
        locality=facts.locality(anchor, county_forms, unit.value, unit_type.value),
        source_kind=kind,
        by=facts.written_by_unit(found.self_ref, len(re.findall(r"我们", body)),
                                 found.name.name if found.name and found.name.where == "title" else None, kind.value,
                                 bool(re.search(r"现(?:将|就)[^。]{0,40}(?:总结|汇报|报告)如下", body))),
        proposed_title=facts.proposed_title(unit.value, kind_label, place, labels),
    )


@dataclass(frozen=True, slots=True)
class _Found:
    name: naming.Name | None  # the name the unit gives itself
    kind_from: naming.Name | None  # the name that decides the kind (may be generic: 妇幼保健院, 县税务局)
    self_ref: tuple | None  # ("院", 6)


def _who(title: str, lines: list[str], body: str) -> _Found:
    """The unit's own name and what kind of unit it is, from its title, its opening sentences,
    its signature and what it calls itself, in that order."""
    from_title = naming.in_title(title) if title else None
    body_lines = [l for l in lines if not is_heading(l) or len(l) > 40]
    opening = "\n".join(body_lines[:3])[:600]
    openings = naming.in_opening(opening)
    sig = naming.signature(lines)
    named = [n for n in (from_title, *openings, sig) if n is not None]
    proper = [n for n in named if not n.generic]
    name = None
    if from_title:
        # The fullest form of the title's unit: a name of its kind in the opening with the same
        # head or the same start (县税务局 -> 国家税务总局…税务局, 吴忠市工商联 -> 吴忠市工商业联合会).
        same = [n for n in proper if n.kind == from_title.kind
                and (from_title.generic or n.head == from_title.head or n.name[:2] == from_title.name[:2])]
        name = max(same, key=lambda n: len(n.name)) if same else None
    elif proper:
        name = proper[0]
    kind_from = from_title or (openings[0] if openings else None) or sig
    return _Found(name, kind_from, naming.self_reference(body))


def _anchor(title: str, found: _Found, lines: list[str]) -> str:
    """Where the report says where the unit is: its title, its name, its first sentence and the
    sentences that place it (位于, 地处, 隶属, 坐落, 所在地)."""
    body = [l for l in lines if not is_heading(l)]
    first = re.split(r"(?<=[。；！？])", body[0])[0] if body else ""
    placing = [s for l in body for s in re.split(r"(?<=[。；！？])", l)
               if re.search(r"位于|地处|隶属|坐落|所在地|地处", s)
               and re.search(r"^.{0,30}(位于|地处|隶属|坐落|是)", s)]
    return "\n".join([title, found.name.name if found.name else "", first, *placing[:2]])


def _level_of(name: str) -> str | None:
    """The level of the place a department's name carries: 阿坝州民宗委 prefecture, 美姑县人民法院 county."""
    names, matcher = gazetteer()
    levels = {d.level for _, a, b in matcher.find_matches_as_indexes(name) for d, _ in names[name[a:b]]}
    if "county" in levels:
        return "county"
    if re.search(r"县|旗|(?<!自治)(?<!地)区(?!域)|派出所|司法所", name):
        return "county"
    if "prefecture" in levels or re.search(r"州|盟|地区", name):
        return "prefecture"
    return None


def _gazetteer_level(name: str) -> str | None:
    names, matcher = gazetteer()
    levels = {d.level for _, a, b in matcher.find_matches_as_indexes(name) for d, _ in names[name[a:b]]}
    return next((level for level in ("county", "prefecture", "province") if level in levels), None)


def _unit_and_type(taxonomy: Taxonomy, found: _Found, places: dict, opening: str,
                   body: str) -> tuple[Suggestion[str | None], Suggestion[str | None]]:
    known = {u.id for u in taxonomy.unit_types}
    name = found.name
    unit = (Suggestion(name.name, say("evidence.unit_own_name", where=say(f"evidence.where_{name.where}")))
            if name else
            Suggestion(None, say("evidence.unit_no_name")))
    kind: str | None = None
    why: Message | None = None  # set with the kind
    source = found.kind_from
    if source is not None:
        kind, why = source.kind, say("evidence.type_name_ends", where=say(f"evidence.where_{source.where}"),
                                     head=source.head, name=source.name)
    elif found.self_ref and found.self_ref[1] >= 2:
        # Once may be a quotation or a slip; a unit that calls itself 我院 does so again and again.
        word, n = found.self_ref
        kind, why = naming.SELF[word], say("evidence.calls_itself", word=word, n=n)
    if kind == "院":
        kind = ("department" if re.search(r"法院|检察院|审判|检察", body) else
                "school" if body.count("学生") + body.count("学院") > body.count("患者") + body.count("医院")
                else "hospital")
        why = say(f"evidence.yuan_{kind}", why=why)
    if kind == "department":
        level = _level_of(name.name if name else source.name if source else "")
        if level is None:
            # A bureau without a name speaks of its own area: 全州, 州委, 州直 or 全县, 县委, 县直.
            up = len(re.findall(r"全州|州委|州政府|州直|全市|市委|市政府|市直|全盟|盟委|地委|行署", body))
            down = len(re.findall(r"全县|县委|县政府|县直|全旗|旗委|全区|区委", body))
            county = places.get("county")
            if up != down:
                level = "prefecture" if up > down else "county"
                why = say("evidence.level_by_area", why=why, level=say(f"evidence.level_{level}"), up=up, down=down)
            else:
                level = "county" if county is not None and county.value and not inferred(county) else "prefecture"
                why = say("evidence.level_by_places", why=why, level=say(f"evidence.level_{level}"))
        else:
            why = say("evidence.level_by_name", why=why, level=say(f"evidence.level_{level}"))
        kind = f"{level}_department"
    elif kind == "corps":
        kind = "corps_company"
    elif kind == "area":
        # An area names itself by a place of the gazetteer: 积石山县, 芒市 (要求各县 is none).
        kind = "county" if source and _gazetteer_level(source.name) == "county" else None
    if kind in known and why is not None:
        return unit, Suggestion(kind, why)
    return unit, _unit_type(taxonomy, "", opening, body, places)


def _title(lines: list[str], shared: set[str]) -> Suggestion[str | None]:
    heads = []
    for line in lines[:4]:
        if not is_heading(line) or ENUMERATED.match(line):
            break
        heads.append(heading_text(line))
    own = [h for h in heads if h and h not in shared]
    if own:
        return Suggestion("".join(own) if len(own) > 1 and all(len(h) < 24 for h in own) else own[0],
                          say("evidence.title_heading"))
    if heads:
        return Suggestion(heads[0], say("evidence.title_collection"))
    first = re.split(r"[，。,；;！？]", lines[0].strip() if lines else "")[0][:30]
    return Suggestion(None, say("evidence.title_none", first=first))


def _unit_type(taxonomy: Taxonomy, title: str, opening: str, body: str, places: dict) -> Suggestion[str | None]:
    # A title names the unit that writes just before what the text is ("…街道办事处民族工作情况汇报"):
    # the last unit word of the report's own title decides.
    words = {k: u.id for u in taxonomy.unit_types for k in u.names}
    alternation = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    in_title = re.findall(alternation, title) if title and words else []
    if in_title:
        return Suggestion(words[in_title[-1]], say("evidence.type_title", word=in_title[-1]))
    scores = {}
    for unit in taxonomy.unit_types:
        unit_words = unit.names + unit.keywords
        counts = _count(unit_words, opening)
        counts = Counter({w: n * 5 for w, n in counts.items()}) + _count(unit_words, body)
        # A unit that is an area (a county) names itself by that area's name, again and again.
        named = places.get(unit.place) if unit.place else None
        if named is not None and named.value:
            counts[str(named.value)] += body.count(str(named.value))
        if counts:
            scores[unit.id] = (sum(counts.values()), counts)
    if not scores:
        return Suggestion(None, say("evidence.type_none"))
    ranked = sorted(scores.items(), key=lambda kv: -kv[1][0])
    best, (score, counts) = ranked[0]
    runner = say("evidence.type_runner", id=ranked[1][0], score=ranked[1][1][0]) if len(ranked) > 1 else ""
    return Suggestion(best, say("evidence.type_score", words=_evidence(counts), score=score, runner=runner))


def _ethnic_groups(body: str) -> tuple[Suggestion, ...]:
    names = ethnic_groups()
    alternation = "|".join(sorted(names, key=len, reverse=True))
    # A group named only inside an autonomous area's name (恩施土家族苗族自治州) is a place, not a
    # group the report is about.
    pattern = re.compile(rf"({alternation})(?!(?:{alternation})*自治)")
    # The policy's two sides in a slogan or in general (汉族离不开少数民族; 少数民族与汉族之间) name no
    # group of the unit's own.
    counts = Counter(pattern.findall(_TWO_SIDES.sub("", body)))
    evidence = {name: say("evidence.count", word=name, n=n) for name, n in counts.items()}
    # Reports also name groups by their first characters in a list: 蒙、汉两个民族; 土家、苗、布依等19个少数民族.
    for m in _SHORT_LIST.finditer(body):
        items = m.group(1).split("、")
        # The list's first item may follow other words (…蒙医院是蒙、汉), its last run into the
        # count (汉两个民族): the longest end, and the longest start, that name a group.
        first = next((_by_short_name(items[0][i:], names) for i in range(len(items[0]))
                      if _by_short_name(items[0][i:], names)), None)
        last = next((_by_short_name(items[-1][:j], names) for j in range(len(items[-1]), 0, -1)
                     if _by_short_name(items[-1][:j], names)), None)
        found = [first] + [_by_short_name(item, names) for item in items[1:-1]] + [last]
        if all(found):
            for name in found:
                if name not in counts:
                    evidence[name] = say("evidence.quoted", words=m.group(0).strip())
                counts[name] += 1
    # …and by a pair of first characters joined to 汉 where people are meant (藏汉一家亲, 回汉群众,
    # 汉维干部), not a pair of languages (蒙汉双语).
    for m in _HAN_PAIR.finditer(body):
        other = _by_short_name(m.group(1) or m.group(2), names)
        if other:
            for name in (other, "汉族"):
                if name not in counts:
                    evidence[name] = say("evidence.quoted", words=m.group(0))
                counts[name] += 1
    return tuple(Suggestion(name, evidence[name]) for name in names if counts[name])


_TWO_SIDES = re.compile(r"汉族(?:和|与|同)?(?:各)?少数民族之间|少数民族(?:和|与|同)汉族之间"
                        r"|(?:汉族|少数民族)离不开(?:汉族|少数民族)")
# The word after the pair says people are meant; a place before it (西藏, 援藏) is then no matter:
# 援藏汉族干部 has 族 after 藏汉, not one of these words.
_HAN_PAIR = re.compile(r"(?:([\u4e00-\u9fff])汉|汉([\u4e00-\u9fff]))"
                       r"(?=民族|一家亲|两族|各族|两个民族|群众|干部|职工|员工|同胞|居民|村民|牧民|农牧民|兄弟|姐妹|学生|师生"
                       r"|教师|青年|儿童|妇女|家庭|党员|医护|患者)")


_SHORT_LIST = re.compile(r"((?:[\u4e00-\u9fff]{1,4}、)+[\u4e00-\u9fff]{1,4})(?:等)?"
                         r"\s*(?:[0-9一二三四五六七八九十]+\s*[个种])?[\u4e00-\u9fff]{0,3}?(?:少数)?民族")


def _by_short_name(item: str, names: tuple[str, ...]) -> str | None:
    if item + "族" in names:
        return item + "族"
    matches = [n for n in names if n.startswith(item)]
    return matches[0] if len(matches) == 1 else None


# Where a report turns to what is left to do: years from there on are plans, not the year reported.
_PLAN = re.compile(r"将|计划|拟|打算|力争|争取|确保|要|预计|目标")
_OPENS = re.compile(r"(?:^|(?<=[。；！？\n]))\s*(?:现将\s*)?((?:19|20)[0-9]{2})\s*年(?:度)?[，,]")
_OPENS_CLAUSE = re.compile(r"(?<=[，,])\s*((?:19|20)[0-9]{2})\s*年(?:度)?[，,](?=\S)")
_CLOSING_DATE = re.compile(r"^\s*((?:19|20)[0-9]{2})\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*$")
_REPORTED = re.compile(r"现将\s*((?:19|20)[0-9]{2})\s*年")
_DOCUMENT = re.compile(r"《((?:19|20)[0-9]{2})\s*年[^》]{2,40}(?:方案|计划|安排|要点)》")


def _year(lines: list[str]) -> Suggestion[int | None]:
    """The year the report is about: in its title (3), opening a sentence of what was done
    (“2020年，我院…”, “现将2020年…”) or in the closing date (2), with a month or a period of
    the year (1), in the name of the year's own plan (1). A year from where the report turns to
    problems and plans, one in a clause of what will be done (将, 力争, 确保到…), one quoted in
    passing (2015年的2100元) is not the report's."""
    found: Counter = Counter()
    ahead = False
    for i, line in enumerate(lines):
        plain = masked(line)
        if is_heading(line) and turns_ahead(line) and i > 1:
            ahead = True
        if ahead:
            continue
        if i < 2 and is_heading(line):
            for m in _YEAR.finditer(plain):
                found[m.group(1)] += 3
            continue
        if i >= len(lines) - 2 and (closing := _CLOSING_DATE.match(plain)):
            found[closing.group(1)] += 2
            continue
        for m in _OPENS.finditer(plain):
            clause = re.split(r"[。；！？]", plain[m.end():], maxsplit=1)[0][:20]
            if not _PLAN.search(clause):
                found[m.group(1)] += 2
        # The same after a comma (…经营，2019年，公司招收…) counts once.
        for m in _OPENS_CLAUSE.finditer(plain):
            clause = re.split(r"[。；！？，]", plain[m.end():], maxsplit=1)[0][:20]
            if not _PLAN.search(clause) and not _PLAN.search(plain[max(0, m.start() - 4):m.start()]):
                found[m.group(1)] += 1
        for m in _REPORTED.finditer(plain):
            found[m.group(1)] += 2
        for m in _DOCUMENT.finditer(plain):
            found[m.group(1)] += 1
        for m in _YEAR.finditer(plain):
            clause_before = plain[max(0, m.start() - 6):m.start()]
            if m.group(2) and m.group(2) != "以来" and not _PLAN.search(clause_before):
                found[m.group(1)] += 1
    if not found:
        return Suggestion(None, say("evidence.year_none"))
    year, n = max(found.items(), key=lambda kv: (kv[1], kv[0]))
    others = say("evidence.year_others", years=tuple(y for y in found if y != year)) if len(found) > 1 else ""
    return Suggestion(int(year), say("evidence.year", year=year, n=n, others=others))
