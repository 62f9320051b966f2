"""The English style rule of `casebook check` (english_style.py): Chinese dates, "wan" and Chinese
characters outside brackets in an English file are warned about with the file's line; the real
content and the hand-written English pages have none."""

from __future__ import annotations

from pathlib import Path

from casebook.corpus import english_style, loader
from support import ROOT, real

CASE = """---
id: alpha
title: Exchange activities in Riverside community
unit_type: community
measures: [exchange]
region:
  province: A province
ethnic_groups: []
source:
  file: riverside.txt
summary: >-
  The community held a meeting on 29 October (10月29日) and spent 12 wan yuan.
---

## Background

A pairing mechanism (结对帮扶) links families; the 结对 work goes on.

## What they did

A term glossed over two lines (三创
一办) is fine. In May (5月) the 民族 month began.

```
code may quote 民族团结 and 10月29日
```

## Results

The `民族团结医院` query is code.
"""


def warnings(path: str, text: str) -> list[str]:
    return [str(p) for p in english_style.check_file(path, text)]


def test_chinese_dates_wan_and_chinese_outside_brackets_are_warned_with_their_line():
    assert warnings("alpha.en.md", CASE) == [
        "alpha.en.md:12: warning: Chinese date '10月29日' in English: "
        "write it as English does (10月29日 is 29 October, "
        "5月 is May)",
        "alpha.en.md:12: warning: 'wan' in English: multiply it out (3400万元 is 34 million yuan, 12万 is 120,000)",
        "alpha.en.md:17: warning: Chinese characters outside brackets in English ('结对'): write the English, and "
        "give the Chinese term in brackets after it where it helps",
        "alpha.en.md:22: warning: Chinese date '5月' in English: write it as English does (10月29日 is 29 October, "
        "5月 is May)",
        "alpha.en.md:22: warning: Chinese characters outside brackets in English ('民族'): write the English, and "
        "give the Chinese term in brackets after it where it helps",
    ]


def test_natural_english_passes():
    assert warnings("a.en.md", "On 29 October it spent 34 million yuan; a wand and Wang Wan's tea are fine.\n") == []


def test_a_figure_without_its_thousands_commas_is_warned_and_years_standards_and_numbers_are_not():
    text = ("It took 2409 calls and dealt with all 2,409; 12000 yuan, 1907 households, 2000 yuan.\n"
            "In 2019 its staff and in 2020-2021 its members met ISO 9000, filed No. 1234, scored 1234.5 and "
            "0.12345, code G3180.\n")
    assert [str(p).split("warning: ")[1].split(" (")[0] for p in english_style.check_file("a.en.md", text)] == [
        "figure '2409' without its thousands commas: English writes 2,409",
        "figure '12000' without its thousands commas: English writes 12,000",
        "figure '1907' without its thousands commas: English writes 1,907",
        "figure '2000' without its thousands commas: English writes 2,000",
    ]


def test_code_that_runs_on_into_the_next_line_is_not_prose():
    text = "Run `benchmarks/run.py 10000 --skip-search\n--skip-plain` for 12000 cases.\n\nNot `code 12000.\n"
    assert [str(p).split("warning: ")[1].split(" without")[0] for p in english_style.check_file("a.en.md", text)] == [
        "figure '12000'"]


def test_casebook_check_reports_them_for_english_files_only(content: Path):
    (content / "cases/alpha.en.md").write_text(CASE, "utf-8")
    (content / "cases/alpha.zh.md").write_text(
        CASE.replace("## Background", "## 背景").replace("## What they did", "## 主要做法")
        .replace("## Results", "## 成效"),
        "utf-8")
    found = [p for p in loader.load(content).problems if p.code == english_style.CODE]
    assert {p.path for p in found} == {"content/cases/alpha.en.md"}
    assert all(p.severity == "warning" for p in found) and len(found) == 5


def test_the_glossary_english_is_checked_and_its_chinese_is_not():
    glossary = ("terms:\n  - id: x\n    zh: 结对帮扶\n    en: Pairing assistance (结对帮扶)\n    explanation:\n"
                "      zh: >-\n        结对帮扶，5月开展。\n      en: >-\n        Pairing, held in 5月,\n"
                "        by 干部.\n    aliases:\n      zh: []\n      en: [\"pairing\"]\n")
    assert [(p.line, str(p.message).split(" in English")[0])
            for p in english_style.check_glossary("g.yml", glossary)] == [
        (9, "Chinese date '5月'"), (9, "Chinese characters outside brackets"),
        (10, "Chinese characters outside brackets")]


def test_the_real_content_and_the_hand_written_english_pages_are_clean():
    loaded = real.loaded()
    assert [str(p) for p in loaded.problems if p.code == english_style.CODE] == []
    for page in sorted((ROOT / "docs").glob("*.en.md")):
        assert warnings(page.relative_to(ROOT).as_posix(), page.read_text("utf-8")) == []


def test_a_glossary_in_any_yaml_layout_lends_no_chinese_to_the_english():
    # Flow style and keys in any order, as yaml.safe_dump writes them: the Chinese stays Chinese.
    glossary = ("terms:\n- en: Term 1\n  explanation: {en: Explained here, zh: 解释}\n  id: t\n  zh: 术语\n"
                "- {en: 'Two (两)', id: u, zh: 二, explanation: {en: 在 English, zh: 解释}}\n")
    found = [(p.line, str(p.message).split(" in English")[0]) for p in english_style.check_glossary("g.yml", glossary)]
    assert found == [(6, "Chinese characters outside brackets")]
