"""Why `casebook import` suggests a value (its table's evidence column, the draft's comments) is
said in the editor's language: every evidence a Message of strings.yml's `evidence`, the report's
own words among its values, never translated. The reports here are written for these tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from casebook.corpus.taxonomy import parse_taxonomy
from casebook.intake.model import Report, Suggestion, Suggestions
from casebook.intake.read import read
from casebook.intake.split import split
from casebook.intake.suggest import suggest
from casebook.model import Message
from casebook.tools.cli import main
from support import ROOT

# A school names itself in its title, its county and town, its groups, an honour, a whole year's summary.
SCHOOL = """武定县猫街镇中心学校2022年民族团结进步创建工作总结

2022年，我校坚持以铸牢中华民族共同体意识为主线，深入开展民族团结进步创建，现将全年工作总结如下。

一、抓好宣传教育
我校每月开展一次民族团结主题班会，组织全校师生学习党的民族政策，举办民族团结进步宣传月活动，发放宣传资料800份。

二、促进各族学生交往交流交融
我校彝族、苗族、汉族学生占比分别为46%、21%、33%。我校组织各族学生结对120对，开展“石榴籽”手拉手活动。

三、取得的成效
2022年，学校被评为“州级民族团结进步示范学校”。

武定县猫街镇中心学校
2022年12月20日
"""

# A bureau with no heading and no name, at prefecture level by the area it speaks of, two years.
BUREAU = """2021年，我局在州委、州政府领导下，围绕全州民族团结进步创建，开展了以下工作。

我局组织州直各部门干部学习民族政策，举办培训班3期，培训干部260人次。我局在古尔邦节、春节期间走访慰问各族困难群众。\
我们建立了民族事务联络员制度，全州各乡镇都有联络员。我们会同州司法局化解涉及民族因素的矛盾纠纷12起。

2020年我局被评为全州民族团结进步先进集体。2021年全州创建工作继续推进。
"""

REPORTS = {"maojie-school.txt": SCHOOL, "bureau.txt": BUREAU}
TAXONOMY, _ = parse_taxonomy("content/taxonomy.yml", (ROOT / "content" / "taxonomy.yml").read_text("utf-8"))
IDS = {u.id for u in TAXONOMY.unit_types} | {m.id for m in TAXONOMY.measures} | {k.id for k in TAXONOMY.source_kinds}
WORD = re.compile(r"[A-Za-z_]{3,}")
HAN = re.compile(r"[\u4e00-\u9fff]")


def english(text: str) -> list[str]:
    """The English words of a text: ASCII words of three letters or more that are no id."""
    return [w for w in WORD.findall(text) if w not in IDS]


@pytest.fixture
def reports(tmp_path: Path) -> list[Path]:
    paths = []
    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text, "utf-8")
        paths.append(tmp_path / name)
    return paths


def _suggestions(path: Path) -> list[Suggestion]:
    found: tuple[Report, ...] = split(read(path, path.name))
    out: list[Suggestion] = []
    for report in found:
        s: Suggestions = suggest(report, TAXONOMY)
        out += [s.title, s.proposed_title, s.unit, s.unit_type, s.year, s.locality, s.source_kind, s.by,
                *s.measures, *s.region.values(), *s.ethnic_groups, *s.honours]
    return out


def test_every_evidence_is_a_message_of_the_evidence_texts(reports):
    for path in reports:
        for suggestion in _suggestions(path):
            assert isinstance(suggestion.evidence, Message), suggestion
            assert suggestion.evidence.key.startswith("evidence."), suggestion


def _evidence(data) -> list[str]:
    if isinstance(data, dict):
        return [text for value in data.values() for text in _evidence(value)]
    return [data] if isinstance(data, str) else []


def _json(lang: str, reports: list[Path], content: Path, capsys) -> list[dict]:
    assert main(["--lang", lang, "import", "--json", "--dry-run", "--content", str(content),
                 *map(str, reports)]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_evidence_is_chinese_for_a_chinese_editor_and_english_for_an_english_one(reports, content, capsys):
    zh, en = _json("zh", reports, content, capsys), _json("en", reports, content, capsys)
    assert len(zh) == len(en) == 2
    for said_zh, said_en in zip(zh, en, strict=True):
        texts_zh, texts_en = _evidence(said_zh["evidence"]), _evidence(said_en["evidence"])
        assert len(texts_zh) == len(texts_en) > 10
        for text in texts_zh:
            assert HAN.search(text) and not english(text), text
        # Where the evidence is more than the report's quoted words, English says it in English.
        for field in ("title", "unit", "unit_type", "year", "source_kind", "by", "proposed_title"):
            assert said_en["evidence"][field] != said_zh["evidence"][field], field
            assert english(said_en["evidence"][field]), (field, said_en["evidence"][field])
    school_zh, school_en = (next(x for x in said if x["id"] == "maojie-school") for said in (zh, en))
    # The report's words stay as written, in both.
    assert school_zh["evidence"]["by"] == "自称“我校”4次" and school_en["evidence"]["by"] == "it calls itself “我校” ×4"
    assert all("“武定县猫街镇”" in school["evidence"]["locality"] for school in (school_zh, school_en))
    assert school_zh["evidence"]["region"]["province"].startswith("由地名表推出")
    assert school_en["evidence"]["region"]["province"].startswith("inferred from the gazetteer")


def _evidence_column(table: str) -> list[str]:
    """The evidence column of the import table (rich's box: field │ suggestion │ evidence)."""
    rows = [line.split("│") for line in table.splitlines() if line.startswith("│")]
    return [row[3].strip() for row in rows if len(row) == 5]


def _draft_evidence(draft: str) -> list[str]:
    """The evidence comments of a draft: `# field: why` above each suggested field."""
    fields = r"title|unit|unit_type|year|province|prefecture|county|locality|kind|by|ethnic_groups"
    return [m.group(1) for m in re.finditer(rf"^\s*#\s*(?:{fields}): (.+)$", draft, re.M)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_table_and_the_draft_write_the_evidence_in_the_editors_language(reports, content, capsys,
                                                                              monkeypatch, lang):
    monkeypatch.setenv("COLUMNS", "400")  # one line a row: the column read whole
    assert main(["--lang", lang, "import", "--content", str(content), *map(str, reports)]) == 0
    column = _evidence_column(capsys.readouterr().out)
    assert len(column) > 30
    said = [text for text in column if text and not re.fullmatch(r"[\d. …]+", text)]  # figures: numbers only
    for name in ("maojie-school", "bureau"):
        draft = (content / "cases" / f"{name}.zh.md").read_text("utf-8")
        comments = _draft_evidence(draft)
        assert len(comments) >= 8, draft
        said += comments
    if lang == "zh":
        assert all(not english(text) for text in said), [t for t in said if english(t)]
        assert "自称“我校”4次" in said and any("从所说的范围看是州市一级" in t for t in said)
    else:
        assert "it calls itself “我校” ×4" in said and any("at prefecture level by the area" in t for t in said)
