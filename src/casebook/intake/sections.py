"""The report's lines sorted under the case's sections (背景, 主要做法, 成效, 问题与下一步), as
material for the editor: what the report gives for each, to be written in the editor's words."""

from __future__ import annotations

import re

from .headings import ENUMERATED, is_heading
from .measures import turns_ahead
from .model import Line

_RESULTS = re.compile(r"成效|成果|效果|成绩|取得的|主要收获")
_BACKGROUND = re.compile(r"基本情况|概况|背景|简介")
_RUN_IN_AHEAD = re.compile(r"^\s*(?:[一二三四五六七八九十]+、)?\s*(?:存在的?问题|存在的?不足|存在的?困难|下一步|下步)")
_HONOURED = re.compile(r"荣获|被评为|被命名为|获评|被授予|记(?:集体)?[一二三]等功")
_CLOSING = re.compile(r"^\s*(?:通过|经过|一年来|几年来|近年来，|多年来，|总之)")


def sorted_lines(lines: tuple[Line, ...], simplify) -> dict[str, list[Line]]:
    """Section key (background, practice, results, ahead) -> the report's lines under it; the
    title lines at the top belong to none."""
    out: dict[str, list[Line]] = {"background": [], "practice": [], "results": [], "ahead": []}
    state = "background"
    started = False
    for line in lines:
        text = simplify(line.text).strip().lstrip("#").strip()
        if not text:
            continue
        heading = is_heading(line.text) or bool(ENUMERATED.match(text) and len(re.split(r"[。；]", text)[0]) <= 30
                                                and is_heading(re.split(r"[。；]", text)[0] + "。"))
        if not started and is_heading(line.text) and not ENUMERATED.match(text):
            continue  # the title
        started = True
        if state != "ahead":
            if (heading and turns_ahead(text)) or _RUN_IN_AHEAD.match(text):
                state = "ahead"
            elif heading and _RESULTS.search(text[:14]):
                state = "results"
            elif heading and _BACKGROUND.search(text[:14]):
                state = "background"
            elif heading and ENUMERATED.match(text):
                state = "practice"
            elif state == "practice" and not heading and _CLOSING.match(text):
                state = "results"
        out[state].append(line)
        # An honour told among the practices is a result too: the line goes under both.
        if state in ("background", "practice") and _HONOURED.search(text):
            out["results"].append(line)
    return out
