"""What a line of a report is: a heading, a numbered section, a collection's marker (篇N), a title."""

from __future__ import annotations

import re

# Rows of a table and items of a list (as read from .docx) repeat by nature: never noise, never titles.
STRUCTURE = re.compile(r"^\s*(\||[-*+]\s|[0-9]+\.\s)")

_NUMERAL = "0-9０-９一二三四五六七八九十百"
# "篇1：标题", "第二篇 标题", "标题 篇3": the numbered headings of a collection of reports.
PIECE = re.compile(rf"^\s*(篇\s*[{_NUMERAL}]+\s*([:：、.．\s]|$)"
                   rf"|[【\[〔(（]?\s*第\s*[{_NUMERAL}]+\s*篇\s*[】\]〕)）]?)|^.{{2,40}}\s篇\s*[{_NUMERAL}]+\s*$")
# Section headings ("一、", "1.", "（一）", "⑴", "第一") recur in every report: never report titles.
ENUMERATED = re.compile(rf"^\s*([{_NUMERAL}]+\s*[、.．:：)）]|[（(]\s*[{_NUMERAL}]+\s*[)）]|[⑴-⒇①-⑳]"
                        rf"|第[{_NUMERAL}]+[、，,\s章节部分阶段条])")
_SENTENCE = re.compile(r"[。！？；!?]")
# A report's own title ends in what it is: a new such line after a report's body starts the next
# report, even where the collection marks nothing (two reports pasted one after the other).
TITLE_END = re.compile(r"(总结|汇报|报告|材料|总结报告|交流材料)\s*$")
MAX_HEADING = 40


def is_heading(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > MAX_HEADING or STRUCTURE.match(text):
        return False
    # "二、加强组织领导，周密安排。" is a heading; a short line ending in 。 otherwise is a sentence.
    return not _SENTENCE.search(text[:-1] if ENUMERATED.match(text) else text)


