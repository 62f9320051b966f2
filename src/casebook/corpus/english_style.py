"""The English style rule of `casebook check`: an English file reads as an English reader writes.

It warns, with the file's line, on what makes English read like a gloss of the Chinese:
- a Chinese date (10月29日, 5月): English writes 29 October, May;
- "wan": English multiplies it out (3400万元 is 34 million yuan, 12万 is 120,000);
- Chinese characters outside brackets: a Chinese term may stand glossed in brackets where it
  helps ("a pairing mechanism (结对帮扶)"), never in the running English.
Code (`...` and fenced blocks) is not prose and is left alone. Warnings, not errors: the editor
judges, and a page is never held back for its style.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from casebook.model import Problem

CODE = "english-style"

_NUMERAL = "0-9０-９〇一二三四五六七八九十"
CHINESE_DATE = re.compile(rf"[{_NUMERAL}]+\s*月(?:\s*[{_NUMERAL}]+\s*日)?|[0-9０-９]+\s*日")
WAN = re.compile(r"\bwan\b")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_OPEN, _CLOSE = "([（【", ")]）】"
_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`\n]*`")


def lines_of_prose(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """The lines with code taken out: fenced blocks dropped, inline code blanked."""
    fenced = False
    for number, line in lines:
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, _INLINE_CODE.sub(lambda m: " " * len(m.group()), line)


def check_lines(path: str, lines: Iterable[tuple[int, str]], field: str | None = None) -> list[Problem]:
    """The style warnings of numbered English lines. Brackets may span lines (a gloss that wraps)."""
    problems: list[Problem] = []
    depth = 0
    for number, line in lines_of_prose(lines):
        for m in CHINESE_DATE.finditer(line):
            problems.append(Problem(path, number, field,
                f"Chinese date '{m.group()}' in English: write it as English does (10月29日 is 29 October, 5月 is May)",
                "warning", CODE))
        for _ in WAN.finditer(line):
            problems.append(Problem(path, number, field,
                "'wan' in English: multiply it out (3400万元 is 34 million yuan, 12万 is 120,000)", "warning", CODE))
        outside: list[str] = []
        for c in line:
            if c in _OPEN:
                depth += 1
            elif c in _CLOSE:
                depth = max(depth - 1, 0)
            elif depth == 0 and HAN.match(c):
                outside.append(c)
        if outside:
            problems.append(Problem(path, number, field,
                f"Chinese characters outside brackets in English ('{''.join(outside)[:20]}'): write the English, "
                f"and give the Chinese term in brackets after it where it helps", "warning", CODE))
        if not line.strip():
            depth = 0  # a paragraph ends every bracket left open by mistake
    return problems


def check_file(path: str, text: str) -> list[Problem]:
    """An English content file (front matter and body)."""
    return check_lines(path, enumerate(text.split("\n"), 1))


_EN_KEY = re.compile(r"^(\s*)(?:-\s+)?en:\s*(.*)$")


def check_glossary(path: str, text: str) -> list[Problem]:
    """The English of the glossary: the lines of every `en:` field, wherever it stands."""
    english: list[tuple[int, str]] = []
    indent: int | None = None
    for number, line in enumerate(text.split("\n"), 1):
        if indent is not None and line.strip() and len(line) - len(line.lstrip()) > indent:
            english.append((number, line))
            continue
        indent = None
        m = _EN_KEY.match(line)
        if m:
            indent = len(m.group(1))
            english.append((number, m.group(2)))
    return check_lines(path, english, "en")
