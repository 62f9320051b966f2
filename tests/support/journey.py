"""An editor's work on a draft of `casebook import`, done by a script: the steps the contribution
guide asks for, applied to the school report written for the tests (tests/fixtures/editor-journey).

The report and both finished texts are this project's own writing about an invented school; they
stand for what any editor adds, so that the tests that build them hold for any valid content."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "editor-journey"
REPORT = FIXTURES / "lanxi-middle-school-2023.txt"
ID = "lanxi-middle-school"
TITLE = {"zh": "澜溪县民族中学：混合编班住宿、民族团结课与结对认亲",
         "en": "Lanxi County Ethnic Middle School: mixed classes and dormitories, ethnic-unity lessons and teachers "
               "paired with students"}
SUMMARY = {
    "zh": "云南省澜溪县民族中学是一所寄宿制中学，1862名学生中少数民族占60.5%，来自14个民族。2023年学校由党支部书记牵头"
          "分解创建任务，开设民族团结教育课、建民族文化长廊，各族学生混合编班、混合住宿，组建4个民族文化社团，"
          "教师与312名留守和困难学生结对；当年97名少数民族学生达到本科线，学校获评市级示范学校。",
    "en": "Lanxi County Ethnic Middle School, a boarding school in Yunnan, has 1,862 students, 60.5% of them from 14 "
          "minority peoples. In 2023 its Party secretary shared out the year's ethnic-unity tasks; the school taught "
          "ethnic-unity lessons, opened a corridor of ethnic cultures, mixed students of all groups in classes and "
          "dormitories, ran 4 clubs of ethnic arts and sports, and paired teachers with 312 left-behind and poor "
          "students. That year 97 minority students reached the mark for university, and the city named it a model "
          "school.",
}
GROUPS_EN = {"汉族": "Han", "彝族": "Yi", "哈尼族": "Hani", "傣族": "Dai", "佤族": "Va", "拉祜族": "Lahu"}
HONOURS = {"zh": ["市级民族团结进步示范学校"], "en": ["Model school of ethnic unity (city)"]}


def draft_like(id: str, source_file: str) -> str:
    """What `casebook import` writes for the report (its fields, as tests/site/test_journey.py
    checks it does), for tests that need the draft without running the importer."""
    meta = {"id": id, "draft": True, "title": "澜溪县民族中学2023年民族团结进步创建工作总结", "unit_type": "school",
            "measures": ["publicity_education", "exchange", "leadership"], "unit": "澜溪县民族中学",
            "region": {"province": "云南省"}, "year": 2023,
            "ethnic_groups": ["汉族", "彝族", "哈尼族", "傣族", "佤族", "拉祜族"],
            "source": {"file": source_file}, "summary": "草稿：摘要待编辑依据原文撰写。"}
    body = "## 背景\n\n## 主要做法\n\n## 成效\n\n## 原文（整理后）\n\n```text\n" + REPORT.read_text("utf-8") + "```\n"
    return join(meta, body)


def split(text: str) -> tuple[dict, str]:
    """Front matter (comments dropped, as an editor deletes the draft's evidence) and body."""
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head), body


def join(meta: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n" + body.lstrip()


def finish_zh(draft: str) -> str:
    """The Chinese case: fields checked and completed, the draft line and the report's text removed,
    the summary and sections written in the editor's own words."""
    meta, body = split(draft)
    assert meta.pop("draft") is True
    assert "## 原文（整理后）" in body  # the draft carries the report for the editor to read
    meta["title"] = TITLE["zh"]
    meta["measures"] = [*meta["measures"], *[m for m in ("culturally_adapted_services",) if m not in meta["measures"]]]
    meta["region"]["county"] = "澜溪县"
    meta["honours"] = HONOURS["zh"]
    meta["source"].update(kind="work_summary", by="unit", origin="submitted")
    meta["summary"] = SUMMARY["zh"]
    return join(meta, (FIXTURES / "finished.zh.md").read_text("utf-8"))


def english(zh: str) -> str:
    """The English twin: the shared fields as in Chinese, the rest written in English."""
    meta, _ = split(zh)
    meta.update(title=TITLE["en"], unit="Lanxi County Ethnic Middle School", honours=HONOURS["en"],
                summary=SUMMARY["en"], region={"province": "Yunnan", "county": "Lanxi County"},
                ethnic_groups=[GROUPS_EN[g] for g in meta["ethnic_groups"]])
    return join(meta, (FIXTURES / "finished.en.md").read_text("utf-8"))


def finish(content: Path, start_english=None) -> tuple[Path, Path]:
    """Finish the draft that `casebook import` wrote in `content`; returns the two case files.
    `start_english`: what starts the English file once the Chinese is done (`casebook new en`),
    whose names and shared fields the English keeps."""
    zh_path = content / "cases" / f"{ID}.zh.md"
    zh = finish_zh(zh_path.read_text("utf-8"))
    zh_path.write_text(zh, "utf-8")
    en_path = zh_path.with_name(f"{ID}.en.md")
    finished = english(zh)
    if start_english is not None:
        start_english()
        started, _ = split(en_path.read_text("utf-8"))
        meta, body = split(finished)
        for name in ("id", "unit_type", "measures", "year", "source", "ethnic_groups"):
            assert started[name] == meta[name], name
        assert started["region"]["province"] == meta["region"]["province"]
    en_path.write_text(finished, "utf-8")
    return zh_path, en_path


def has_no_draft_marks(text: str) -> bool:
    return not re.search(r"^draft:|^## 原文", text, re.M)
