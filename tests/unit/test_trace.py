"""Traceability of figures as a rule of `casebook check`, on small sources and cases written here
(invented text, not taken from any real report)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from casebook.corpus import english_style, loader, trace
from casebook.tools.jsonschema import front_matter_schema
from support import mkdocs_build

SOURCE = "河畔社区20２1年共有居民3200人，其中少数民族480人。全年举办交流活动12次，参加群众1500人次。\n"

ZH = """---
id: alpha
title: 河畔社区的交流活动
unit_type: community
measures: [exchange]
region:
  province: 某省
ethnic_groups: []
source:
  file: {file}
{report}summary: >-
  河畔社区有居民3200人，
  其中少数民族480人。
{derived}---

## 背景

社区共有居民3200人。

## 主要做法

全年举办交流活动12次。

## 成效

参加群众{figure}人次。
"""

EN = """---
id: alpha
title: Exchange activities in Riverside community
unit_type: community
measures: [exchange]
region:
  province: A province
ethnic_groups: []
source:
  file: {file}
{report}summary: >-
  Riverside community has 3,200 residents,
  480 of them from minority groups.
---

## Background

The community has 3,200 residents.

## What they did

It held 12 exchange activities in the year.

## Results

{figure} people took part.
"""


@pytest.fixture(autouse=True)
def no_configured_sources(monkeypatch):
    """Only the folders a test names: none from the environment of the run."""
    monkeypatch.delenv("CASEBOOK_SOURCES", raising=False)


def write(content: Path, figure: str = "1500", en_figure: str | None = None, derived: str = "",
          file: str = "riverside.txt", report: str | None = None) -> None:
    fill = dict(file=file, report=f"  report: {report}\n" if report else "")
    (content / "cases/alpha.zh.md").write_text(ZH.format(figure=figure, derived=derived, **fill), "utf-8")
    (content / "cases/alpha.en.md").write_text(EN.format(figure=en_figure or figure, **fill), "utf-8")


def source(content: Path, text: str = SOURCE, name: str = "riverside.txt") -> Path:
    folder = content / "sources"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, "utf-8")
    return folder


def problems(content: Path, **kwargs) -> list[str]:
    """What the load says, but for the English style warnings (test_english_style.py's): these
    fixtures write some figures as the Chinese does (1500)."""
    return [str(p) for p in loader.load(content, **kwargs).problems if p.code != english_style.CODE]


def test_a_case_whose_figures_all_stand_in_its_source_passes(content):
    source(content)
    write(content)
    loaded = loader.load(content)
    assert problems(content) == [] and loaded.notes == ()


def test_a_missing_figure_is_named_with_its_file_line_and_field(content):
    source(content)
    write(content, figure="1520")
    found = problems(content)
    assert found == [
        "content/cases/alpha.zh.md:26: body: 1520 is not in the source (content/sources/riverside.txt); state the "
        "source's figures as it writes them, or, for a figure worked out from them, add "
        '{number: "1520", how: ...} to derived:']
    assert "参加群众1520人次" in (content / "cases/alpha.zh.md").read_text("utf-8").splitlines()[25]


def test_a_figure_in_a_folded_summary_is_found_on_its_own_line(content):
    source(content, SOURCE.replace("480", "490"))
    write(content)
    (msg,) = problems(content)
    assert msg.startswith("content/cases/alpha.zh.md:13: summary: 480 is not in the source")


def test_full_width_digits_are_folded_on_both_sides(content):
    source(content)  # its year is written 20２1
    write(content, figure="１５００")
    zh = content / "cases/alpha.zh.md"
    zh.write_text(zh.read_text("utf-8").replace("社区共有居民3200人。", "社区在2021年共有居民3200人。"), "utf-8")
    en = content / "cases/alpha.en.md"
    en.write_text(en.read_text("utf-8").replace("The community has", "In 2021 the community had"), "utf-8")
    assert problems(content) == []
    assert trace.numbers("２０２１年，９８．７％") == {"2021", "98.7"}
    # Only runs of digits are folded, for speed: the same numbers as folding the whole text.
    mixed = "第①项，面积5²米，占¼，⒈5倍，３．５万，㍘开会，2024年12月，共7.5%。Plain 12.5 and 3."
    assert trace.numbers(mixed) == set(re.findall(r"[0-9]+(?:\.[0-9]+)?", unicodedata.normalize("NFKC", mixed)))


def test_the_english_twin_must_state_the_same_numbers(content):
    source(content)
    write(content, en_figure="1600")
    assert problems(content) == [
        "content/cases/alpha.en.md:26: body: 1600 is not in content/cases/alpha.zh.md; "
        "both languages state the same numbers",
        "content/cases/alpha.en.md:15: body: content/cases/alpha.zh.md:26 states 1500, this file does not; "
        "both languages state the same numbers",
    ]


def test_a_derived_figure_is_accepted_with_its_reason(content):
    source(content)
    write(content, figure="3680", derived='derived:\n  - number: "3680"\n    how: 居民3200人加少数民族480人（示例）\n')
    assert problems(content) == []


def test_a_derived_figure_without_a_reason_is_refused(content):
    source(content)
    write(content, figure="3680", derived='derived:\n  - number: "3680"\n')
    assert problems(content) == [
        'content/cases/alpha.zh.md:15: derived[0].how: is required: say how the figure is worked out from the '
        'source\'s own figures (such as "1353 + 119" or "385 of 390"), for the reviewer to check',
        "content/cases/alpha.zh.md:28: body: 3680 is not in the source (content/sources/riverside.txt); state the "
        "source's figures as it writes them, or, for a figure worked out from them, add "
        '{number: "3680", how: ...} to derived:',
    ]


def test_a_derived_number_written_as_a_float_must_be_quoted(content):
    write(content, derived="derived:\n  - {number: 98.70, how: x}\n")
    assert any('alpha.zh.md:15: derived[0].number: put the number in quotes, as the text writes it: "98.7"' in p
               for p in problems(content))


def test_marks_no_longer_needed_are_flagged(content):
    source(content)
    write(content, derived='derived:\n  - {number: "480", how: a}\n  - {number: "7", how: b}\n')
    assert problems(content) == [
        "content/cases/alpha.zh.md:15: derived[0]: 480 stands in the source (content/sources/riverside.txt) as it is: "
        "the mark is not needed; remove it",
        "content/cases/alpha.zh.md:16: derived[1]: 7 no longer appears in this file: the mark is not needed; remove it",
    ]


def test_a_mark_in_the_english_file_is_flagged(content):
    source(content)
    write(content)
    en = content / "cases/alpha.en.md"
    en.write_text(en.read_text("utf-8").replace("summary:", 'derived: [{number: "1500", how: x}]\nsummary:'), "utf-8")
    assert problems(content) == [
        "content/cases/alpha.en.md:11: derived: marks of derived figures go in content/cases/alpha.zh.md, the file "
        "traced to the source; this file states the same numbers, unmarked"]


MULTI = ("篇一 东湖社区\n东湖社区有居民2600人。\n"
         "篇二 西山村\n西山村有农户310户，举办活动12次，参加群众1500人次，居民3200人，少数民族480人。\n")


def test_a_multi_report_source_is_compared_with_the_cited_report_only(content, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "two.txt").write_text(MULTI, "utf-8")
    (folder / "reports.yml").write_text(
        "reports:\n  - {report: R01, file: two.txt, start: 篇一 东湖社区}\n"
        "  - {report: R02, file: two.txt, start: 篇二 西山村}\n",
        "utf-8")
    write(content, file="two.txt", report="R02")
    assert problems(content, sources=[folder]) == []
    write(content, figure="2600", file="two.txt", report="R02")  # a figure of the other report
    (msg,) = problems(content, sources=[folder])
    assert msg.startswith(
        f"content/cases/alpha.zh.md:27: body: 2600 is not in the source ({folder}/two.txt, report R02)")
    write(content, file="two.txt", report="R01")
    wrong = problems(content, sources=[folder])
    assert [tuple(p.split(": ")[1:3]) for p in wrong] == [
        ("summary", f"480 is not in the source ({folder}/two.txt, report R01); state the source's figures as it "
                    "writes them, or, for a figure worked out from them, add {number"),
        ("summary", f"3200 is not in the source ({folder}/two.txt, report R01); state the source's figures as it "
                    "writes them, or, for a figure worked out from them, add {number"),
        ("body", f"12 is not in the source ({folder}/two.txt, report R01); state the source's figures as it "
                 "writes them, or, for a figure worked out from them, add {number"),
        ("body", f"1500 is not in the source ({folder}/two.txt, report R01); state the source's figures as it "
                 "writes them, or, for a figure worked out from them, add {number"),
    ]


def test_a_readme_table_lists_reports_as_the_seeds_folder_does(content, tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "two.txt").write_text(MULTI, "utf-8")
    (folder / "README.md").write_text(
        "| # | file | where it starts | what |\n|---|---|---|---|\n"
        "| R01 | two.txt | `篇一 东湖社区` | a |\n| R02 | two.txt | `篇二 西山村` | b |\n", "utf-8")
    write(content, file="two.txt", report="R02")
    assert problems(content, sources=[folder]) == []
    write(content, file="two.txt")
    assert problems(content, sources=[folder]) == [
        f"content/cases/alpha.zh.md:9: source: two.txt holds 2 reports (R01, R02, as {folder}/README.md lists them); "
        "name the one this case is written from with report:"]


def test_a_report_that_does_not_fit_its_file_is_an_error(content, tmp_path):
    source(content)
    write(content, report="R03")
    assert problems(content) == [
        "content/cases/alpha.zh.md:11: source.report: riverside.txt is one report (no reports.yml or README.md beside "
        "it lists reports in it): leave report out"]


def test_a_listed_start_missing_from_its_file_is_said_where_it_is_listed(content, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "two.txt").write_text(MULTI, "utf-8")
    (folder / "reports.yml").write_text(
        "reports:\n  - {report: R01, file: two.txt, start: 篇一 东湖社区}\n"
        "  - {report: R02, file: two.txt, start: 篇三}\n", "utf-8")
    write(content, file="two.txt", report="R02")
    assert problems(content, sources=[folder]) == [
        f"{folder}/reports.yml:3: R02: the start `篇三` is not in {folder}/two.txt; "
        "copy the words the report starts with"]


def test_an_absent_source_is_skipped_with_one_note_never_an_error(content):
    write(content, figure="1520")
    (content / "cases/beta.zh.md").write_text(
        (content / "cases/alpha.zh.md").read_text("utf-8").replace("id: alpha", "id: beta"), "utf-8")
    (content / "cases/beta.en.md").write_text(
        (content / "cases/alpha.en.md").read_text("utf-8").replace("id: alpha", "id: beta"), "utf-8")
    loaded = loader.load(content)
    assert problems(content) == []
    assert [str(n) for n in loaded.notes] == [
        "content/cases: info: source not present: riverside.txt (looked in content/sources (absent)) — "
        "traceability skipped for 2 cases"]


def run(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    import os
    env = {k: v for k, v in os.environ.items() if k != "CASEBOOK_SOURCES"} | (env or {})
    return subprocess.run([sys.executable, "-m", "casebook.tools.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env=env)


def test_check_fails_on_an_untraceable_figure_and_finds_sources_by_option_variable_and_configuration(content, tmp_path):
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "riverside.txt").write_text(SOURCE, "utf-8")
    write(content, figure="1520", en_figure="1,520")
    project = content.parent
    absent = run("check", cwd=project)
    assert absent.returncode == 0
    assert "content/cases: info: source not present: riverside.txt (looked in content/sources (absent)) — " \
           "traceability skipped for 1 case" in absent.stdout.splitlines()
    by_option = run("check", "--sources", str(folder), cwd=project)
    by_variable = run("check", cwd=project, env={"CASEBOOK_SOURCES": str(folder)})
    (project / "pyproject.toml").write_text('[tool.casebook]\nsources = ["elsewhere"]\n', "utf-8")
    by_configuration = run("check", cwd=project)
    for result in (by_option, by_variable, by_configuration):
        assert result.returncode == 1, result.stdout
        assert "content/cases/alpha.zh.md:26: body: 1520 is not in the source (" in result.stdout
        assert "riverside.txt); state the source's figures" in result.stdout
        assert result.stdout.splitlines()[-1] == "FAILED: 1 error, 0 warnings in 1 case and 0 checklists"
    as_json = json.loads(run("check", "--format", "json", cwd=project).stdout)
    assert [p["code"] for p in as_json] == ["untraceable"]


def test_the_json_schema_declares_derived_marks(content):
    taxonomy = loader.load(content).content.taxonomy
    schema = front_matter_schema("case", taxonomy)
    validator = jsonschema.Draft202012Validator({**schema, "required": []})
    assert not list(validator.iter_errors({"derived": [{"number": "98.7", "how": "385 of 390"}]}))
    assert list(validator.iter_errors({"derived": [{"number": "98.7"}]}))
    assert list(validator.iter_errors({"derived": [{"number": "about 90", "how": "x"}]}))
    assert not list(validator.iter_errors({"source": {"file": "riverside.txt"}}))


def test_a_strict_build_shows_nothing_of_a_mark_and_fails_on_an_untraceable_figure(project, content, tmp_path):
    source(content)
    write(content, figure="3680", en_figure="3,680",
          derived='derived:\n  - number: "3680"\n    how: 居民与少数民族人数相加的演示理由\n')
    built = mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr[-3000:]
    for page in ("cases/alpha/index.html", "en/cases/alpha/index.html"):
        html = (tmp_path / "site" / page).read_text("utf-8")
        text = BeautifulSoup(html, "html.parser").get_text()
        assert "3680" in text or "3,680" in text
        assert "演示理由" not in html and "derived" not in text
    write(content, figure="3690", en_figure="3,690",
          derived='derived:\n  - number: "3680"\n    how: 居民与少数民族人数相加的演示理由\n')
    failed = mkdocs_build(project, tmp_path / "site2")
    assert failed.returncode != 0
    assert "content/cases/alpha.zh.md:29: body: 3690 is not in the source" in failed.stderr


def test_a_report_list_with_a_bad_or_repeated_number_is_refused(content, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "two.txt").write_text(MULTI, "utf-8")
    (folder / "reports.yml").write_text(
        "reports:\n  - {report: R01, file: two.txt, start: 篇一 东湖社区}\n"
        "  - {report: R01, file: two.txt, start: 篇二 西山村}\n"
        "  - {report: first, file: two.txt, start: 篇二}\n  - {file: two.txt}\n", "utf-8")
    write(content, file="two.txt", report="R01")
    assert problems(content, sources=[folder]) == [
        f"{folder}/reports.yml:3: reports[1].report: 'R01' must be a number such as R01 that no other report of "
        "the folder has",
        f"{folder}/reports.yml:4: reports[2].report: 'first' must be a number such as R01 that no other report of "
        "the folder has",
        f"{folder}/reports.yml:5: reports[3]: must have report, file and start; the list is a list `reports:` of "
        "{report: R01, file: <file>, start: <the words the report starts with>}",
    ]


def test_a_source_named_by_a_path_is_refused(content):
    (content.parent / "secret.txt").write_text("3200 480 12 1500", "utf-8")
    write(content, file="../secret.txt")
    assert ("content/cases/alpha.zh.md:10: source.file: must be a file's name, not a path ('../secret.txt'): "
            "sources are looked up by name in content/sources/ and the configured folders") in problems(content)


# -- The English twin writes figures as an English reader does (figures.py) -------------------------

from decimal import Decimal  # noqa: E402

from casebook.corpus import figures  # noqa: E402

# Worded apart from the case (the figures, not the sentences, carry over: copied runs are an error).
WAN_SOURCE = ("收入：3400万元。增幅：1000万元。门诊量：12万余人次。拨款：201.8万元。投资：1.2亿元。"
              "资料：3万余份。参加者：近千人。会期：10月29日。篇章：十二个。\n")
WAN_ZH = ("全年收入3400万元，比上年多1000万元；门诊12万余人次，拨款201.8万元，总投资1.2亿元。"
          "发放资料3万余份，近千人参加。10月29日召开大会，编成十二个篇章")
WAN_EN = ("It took in 34 million yuan, 10 million more than the year before, had more than 120,000 outpatient "
          "visits, received a grant of 2.018 million yuan and an investment of 120 million yuan. It gave out "
          "more than 30,000 leaflets and nearly a thousand people took part. On 29 October it held a meeting, "
          "and the book has twelve chapters")


def write_wan(content: Path, zh: str = WAN_ZH, en: str = WAN_EN) -> None:
    source(content, SOURCE + WAN_SOURCE)
    write(content)
    for lang, sentence, old in (("zh", zh, "参加群众1500人次"), ("en", en, "1500 people took part")):
        path = content / f"cases/alpha.{lang}.md"
        path.write_text(path.read_text("utf-8").replace(old, old + ("。" if lang == "zh" else ". ") + sentence),
                        "utf-8")


def values(found) -> list[tuple[str, str | None]]:
    return [(f"{f.value.normalize():f}", f.hedge) for f in found]


def test_chinese_figures_are_read_with_their_scale_and_hedge():
    assert values(figures.zh_figures(
        "3400万元，12万余人次，201.8万，1.2亿，30余个，近千人，上万名，十二个篇章，三四亩")) == [
        ("34000000", None), ("120000", "more than"), ("2018000", None), ("120000000", None),
        ("30", "more than"), ("1000", "nearly"), ("10000", "more than"), ("12", None), ("3", None), ("4", None)]
    assert [f.arabic for f in figures.zh_figures("3万余份，十二个")] == [True, False]


def test_english_figures_are_read_as_an_english_reader_writes_them():
    text = ("34 million yuan, 2.018 million, 120,000 visits, 1,353 people, 98.7%, twelve chapters, "
            "twenty-five rooms, nearly a thousand people, more than 30,000 copies, 29 October, in May 2019")
    assert values(figures.en_figures(text)) == [
        ("34000000", None), ("2018000", None), ("120000", None), ("1353", None), ("98.7", None),
        ("12", None), ("25", None), ("1000", "nearly"), ("30000", "more than"), ("29", None), ("2019", None),
        ("10", None), ("5", None)]
    # "one" is a pronoun far more often than a figure, and "may" a verb unless a date is near.
    assert values(figures.en_figures("One of the staff may help. May the work go on.")) == []
    assert figures.english(Decimal("34000000")) == "34 million"
    assert figures.english(Decimal("2018000")) == "2.018 million"
    assert figures.english(Decimal("120000")) == "120,000"


def test_an_english_twin_may_multiply_out_wan_and_write_dates_and_words_as_english_does(content):
    write_wan(content)
    assert problems(content) == []


def test_a_conversion_that_does_not_hold_names_both_figures(content):
    write_wan(content, en=WAN_EN.replace("34 million", "3.4 million"))
    assert problems(content) == [
        "content/cases/alpha.en.md:26: body: 3.4 million (3,400,000) does not convert 3400万 of "
        "content/cases/alpha.zh.md:26, which is 34 million (34,000,000); both languages state the same figures",
        "content/cases/alpha.en.md:15: body: content/cases/alpha.zh.md:26 states 3400万 (in English 34 million, or "
        "34,000,000), this file does not; both languages state the same numbers"]


def test_a_figure_left_in_wan_is_a_conversion_that_does_not_hold(content):
    write_wan(content, en=WAN_EN.replace("34 million yuan", "3400 wan yuan"))
    found = [str(p) for p in loader.load(content).problems if p.severity == "error"]
    assert found[0] == ("content/cases/alpha.en.md:26: body: 3400 does not convert 3400万 of "
                        "content/cases/alpha.zh.md:26, which is 34 million (34,000,000); both languages state the "
                        "same figures")
    assert "states 3400万 (in English 34 million, or 34,000,000), this file does not" in found[1]


def test_a_figure_neither_in_the_chinese_nor_a_conversion_of_one_is_an_error(content):
    write_wan(content, en=WAN_EN + ", in seven volumes")
    assert problems(content) == [
        "content/cases/alpha.en.md:26: body: seven (7) is not in content/cases/alpha.zh.md; both languages "
        "state the same numbers"]


def test_a_hedge_that_contradicts_the_chinese_is_an_error(content):
    write_wan(content, en=WAN_EN.replace("more than 30,000", "nearly 30,000"))
    assert problems(content) == [
        'content/cases/alpha.en.md:26: body: "nearly 30,000" contradicts 3万余 of content/cases/alpha.zh.md:26, '
        "which is more than 30,000"]


def test_a_chinese_date_must_be_given_in_the_english(content):
    write_wan(content, en=WAN_EN.replace("On 29 October it", "It"))
    assert problems(content) == [
        "content/cases/alpha.en.md:15: body: content/cases/alpha.zh.md:26 gives the date 10月29日 (29 October), this "
        "file does not; both languages give the same dates",
        "content/cases/alpha.en.md:15: body: content/cases/alpha.zh.md:26 states 10, this file does not; both "
        "languages state the same numbers",
        "content/cases/alpha.en.md:15: body: content/cases/alpha.zh.md:26 states 29, this file does not; both "
        "languages state the same numbers"]


def test_percentages_and_ranges_are_traced_whichever_way_english_writes_them(content):
    zh = WAN_ZH + "。有效率98.7%，受访者12—70岁，每户种三四亩"
    en = (WAN_EN + ". The valid rate was 98.7 per cent, respondents were aged 12 to 70, and each household farms "
          "three or four mu")
    source(content, SOURCE + WAN_SOURCE + "问卷有效率：98.7%。年龄：12—70岁。户均：三四亩。\n")
    write(content)
    for lang, sentence, old in (("zh", zh, "参加群众1500人次"), ("en", en, "1500 people took part")):
        path = content / f"cases/alpha.{lang}.md"
        path.write_text(path.read_text("utf-8").replace(old, old + ("。" if lang == "zh" else ". ") + sentence),
                        "utf-8")
    assert problems(content) == []
    en_path = content / "cases/alpha.en.md"
    en_path.write_text(en_path.read_text("utf-8").replace("98.7 per cent", "97.8 per cent"), "utf-8")
    assert problems(content) == [
        "content/cases/alpha.en.md:26: body: 97.8 is not in content/cases/alpha.zh.md; "
        "both languages state the same numbers",
        "content/cases/alpha.en.md:15: body: content/cases/alpha.zh.md:26 states 98.7, this file does not; both "
        "languages state the same numbers"]


CHECKLIST = ("---\nid: drill\ntitle: {title}\nsummary: {summary}\nitems:\n"
             "  - text: {item}\n    measure: exchange\n    cases: []\n---\n\n{body}\n")


def test_a_checklists_english_states_the_chinese_figures_in_its_own_way_without_any_source(content):
    """No source needed: a checklist's twins are compared with each other, as cases' twins are."""
    zh = dict(title="筹备阶段", summary="9月1日至9月30日筹备", item="每季度开一次会，走访12户", body="共分三个阶段。")
    en = dict(title="Preparation", summary="Preparation from 1 to 30 September",
              item="Meet every quarter, visit twelve households", body="There are three phases.")
    for lang, fields in (("zh", zh), ("en", en)):
        (content / f"checklists/drill.{lang}.md").write_text(CHECKLIST.format(**fields), "utf-8")
    assert problems(content) == []
    en["item"] = "Meet every quarter, visit 21 households"
    (content / "checklists/drill.en.md").write_text(CHECKLIST.format(**en), "utf-8")
    assert problems(content) == [
        "content/checklists/drill.en.md:6: items: 21 is not in content/checklists/drill.zh.md; both languages state "
        "the same numbers",
        "content/checklists/drill.en.md:5: items: content/checklists/drill.zh.md:6 states 12, this file does not; both "
        "languages state the same numbers"]


def test_a_day_keeps_its_month(content):
    """29 November for 10月29日 passes the figure check where the file has an 11 elsewhere; the date check
    does not let it."""
    zh = WAN_ZH + "。另于11月3日至5日复查10户"
    en = WAN_EN + ". A review of 10 households followed from 3 to 5 November"
    source(content, SOURCE + WAN_SOURCE + "复查：11月3日至5日，10户。\n")
    write(content)
    for lang, sentence, old in (("zh", zh, "参加群众1500人次"), ("en", en, "1500 people took part")):
        path = content / f"cases/alpha.{lang}.md"
        path.write_text(path.read_text("utf-8").replace(old, old + ("。" if lang == "zh" else ". ") + sentence),
                        "utf-8")
    assert problems(content) == []
    assert [(d.month, d.day) for d in figures.zh_dates("10月29日；3月7日至8日；黔民宗发[2017]50号")] == [
        (10, 29), (3, 7), (3, 8)]
    assert [(d.month, d.day) for d in figures.en_dates("29 October, 1 to 30 September, May 2019, October 29")] == [
        (10, 29), (9, 1), (9, 30), (10, 29)]
    en_path = content / "cases/alpha.en.md"
    en_path.write_text(en_path.read_text("utf-8").replace("On 29 October", "On 29 November"), "utf-8")
    assert problems(content) == [
        "content/cases/alpha.en.md:26: body: 29 November does not match 10月29日 of content/cases/alpha.zh.md:26, "
        "which is 29 October; both languages give the same dates",
        "content/cases/alpha.en.md:15: body: content/cases/alpha.zh.md:26 gives the date 10月29日 (29 October), this "
        "file does not; both languages give the same dates"]


def test_digits_that_end_a_latin_name_are_no_figure_in_either_language():
    # G20 or a list label L0 is a name: the English does not read it as a figure, nor may the Chinese.
    from casebook.corpus.figures import en_figures, zh_figures

    assert list(zh_figures("L0 峰会在G20期间召开")) == list(en_figures("L0 summit during the G20")) == []
    assert [f.value for f in zh_figures("共20人")] and [f.value for f in en_figures("20 people")]
