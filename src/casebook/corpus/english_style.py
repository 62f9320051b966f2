"""The English style rule of `casebook check`: an English file reads as an English reader writes.

It warns, with the file's line, on what makes English read like a gloss of the Chinese:
- a Chinese date (10月29日, 5月): English writes 29 October, May;
- "wan": English multiplies it out (3400万元 is 34 million yuan, 12万 is 120,000);
- Chinese characters outside brackets: a Chinese term may stand glossed in brackets where it
  helps ("a pairing mechanism (结对帮扶)"), never in the running English;
- a figure of four or more digits without its commas (4576 residents): English groups thousands
  (4,576), where Chinese writes them run together; years (1900 to 2100, unless a count follows:
  1907 households), standards (ISO 9000) and document numbers (No. 1234) stay as they are.
Code (`...` and fenced blocks) is not prose and is left alone. Warnings, not errors: the editor
judges, and a page is never held back for its style.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from casebook.model import Problem, say

CODE = "english-style"

_NUMERAL = "0-9０-９〇一二三四五六七八九十"
CHINESE_DATE = re.compile(rf"[{_NUMERAL}]+\s*月(?:\s*[{_NUMERAL}]+\s*日)?|[0-9０-９]+\s*日")
WAN = re.compile(r"\bwan\b")
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
HAN = re.compile(f"[{_HAN}]")
_OPEN, _CLOSE = "([（【", ")]）】"
# What the bracket count reads of a line: its brackets and Chinese characters alone, found by one
# search (a test of every character took two thirds of the loading of an English casebook).
_BRACKET_OR_HAN = re.compile(f"[{re.escape(_OPEN + _CLOSE)}{_HAN}]")
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`\n]*`")
# Four or more digits run together, whole: not part of a word, a decimal, a range, a standard or a
# document number ("No. 1234").
# (The look-ahead first: a place that is not four digits fails at once, before the look-behinds.)
_UNGROUPED = re.compile(r"(?=\d{4})(?<![\w.,/#-])(?<!No\. )(?<!No )(?<!ISO )(\d{4,})(?![\w/-]|[.,]\d)")
# What a year is not followed by: what is counted ("1907 households", "2000 yuan"); a plain
# plural would take "in 2023 its plan" for a count.
_COUNTED = re.compile(r" (?:more |new |minority |ethnic )?(?:yuan|people|persons|residents|households|families|"
                      r"students|pupils|members|workers|staff|cadres|villagers|volunteers|patients|visits|"
                      r"copies|cases|times|calls|enquiries|mu|hectares|square|metres|kilometres)\b")


def lines_of_prose(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """The lines with code taken out: fenced blocks dropped, inline code blanked, also where a
    code span runs on into the next line of its paragraph, as Markdown lets it."""
    fenced, open_code = False, False
    for number, line in lines:
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        if not line.strip():
            open_code = False  # a code span ends with its paragraph
        if open_code:
            end = line.find("`")
            if end < 0:
                yield number, " " * len(line)
                continue
            line, open_code = " " * (end + 1) + line[end + 1:], False
        line = _INLINE_CODE.sub(lambda m: " " * len(m.group()), line)
        if "`" in line:  # a span opened here and closed on a later line
            start = line.index("`")
            line, open_code = line[:start] + " " * (len(line) - start), True
        yield number, line


def check_lines(path: str, lines: Iterable[tuple[int, str]], field: str | None = None) -> list[Problem]:
    """The style warnings of numbered English lines. Brackets may span lines (a gloss that wraps)."""
    problems: list[Problem] = []
    depth = 0
    for number, line in lines_of_prose(lines):
        # Each search only where its word can be (a date needs 月 or 日): most lines have neither.
        for m in CHINESE_DATE.finditer(line) if "月" in line or "日" in line else ():
            problems.append(Problem(path, number, field,
                say("style_chinese_date", date=m.group()), "warning", CODE))
        for _ in WAN.finditer(line) if "wan" in line else ():
            problems.append(Problem(path, number, field,
                say("style_wan"), "warning", CODE))
        outside: list[str] = []
        for m in _BRACKET_OR_HAN.finditer(line):
            c = m.group()
            if c in _OPEN:
                depth += 1
            elif c in _CLOSE:
                depth = max(depth - 1, 0)
            elif depth == 0:
                outside.append(c)
        for m in _UNGROUPED.finditer(line):
            figure = m.group(1)
            year = len(figure) == 4 and 1900 <= int(figure) <= 2100 and not _COUNTED.match(line, m.end())
            if not year:
                problems.append(Problem(path, number, field, say(
                    "style_thousands", figure=figure, written=f"{int(figure):,}"), "warning", CODE))
        if outside:
            problems.append(Problem(path, number, field,
                say("style_han", text="".join(outside)[:20]), "warning", CODE))
        if not line.strip():
            depth = 0  # a paragraph ends every bracket left open by mistake
    return problems


def check_file(path: str, text: str) -> list[Problem]:
    """An English content file (front matter and body)."""
    return check_lines(path, enumerate(text.split("\n"), 1))


def check_glossary(path: str, text: str) -> list[Problem]:
    """The English of the glossary: the value of every `en:` key, wherever it stands (a term's
    name, an explanation, in block or flow style), placed on the lines it is written on. Read
    from YAML's own node tree, so that no layout of the file can hide a value or lend one
    another's lines."""
    import yaml

    english: list[tuple[int, str]] = []

    def lines_of(node) -> None:
        """A value's lines as written in the file (a folded value keeps its lines there)."""
        if isinstance(node, yaml.SequenceNode):  # aliases: a list of names
            for item in node.value:
                lines_of(item)
            return
        source = text[node.start_mark.index:node.end_mark.index].split("\n")
        first = node.start_mark.line + 1
        if node.style in ("|", ">"):  # its first line holds only the indicator (>-)
            source, first = source[1:], first + 1
        english.extend((first + i, line) for i, line in enumerate(source))

    def walk(node) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == "en" and not isinstance(value, yaml.MappingNode):
                    lines_of(value)
                else:
                    walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    try:
        walk(yaml.compose(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return []  # the loader reports a glossary it cannot read, with its line
    return check_lines(path, english, "en")
