"""Cleaning scraped report text: site furniture, paywall markers and navigation out, every removal listed."""

from __future__ import annotations

import re
from collections import Counter

from .model import Line, Removed

# Whole lines that belong to the website, not to the report. Kept short and general: these are
# the furniture of sample-essay and document sites, not phrases of any one report. Each applies
# to lines up to a length: a report's own long paragraph that mentions 阅读全文 or a web address
# is the report's, and is kept.
_LINE_NOISE: tuple[tuple[re.Pattern, str, int], ...] = (
    (re.compile(r"^\s*(首页|主页|当前位置|您的位置|你的位置)\s*[:：]?\s*[>›»/]"), "breadcrumb navigation", 200),
    (re.compile(r"^\s*(当前位置|您的位置|你的位置)\s*[:：]"), "breadcrumb navigation", 200),
    (re.compile(r"预览阅读已结束|预览已结束|试读已结束|扫码(联系|关注|下载|阅读|查看)|请扫码|开通(VIP|会员)|"
                r"(免费)?下载(全文|本文|文档|完整版)|阅读全文|展开全文|查看全文|剩余\s*\d+\s*字"), "paywall or preview marker", 80),
    (re.compile(r"^\s*(上一篇|下一篇|上一页|下一页|相关推荐|相关文章|热门推荐|猜你喜欢|推荐阅读|延伸阅读)"
                r"\s*[:：>]?"), "site navigation", 200),
    (re.compile(r"版权所有|Copyright|©|免责声明|转载请注明|责任编辑\s*[:：]|本文(来源|来自)\s*[:：]?\s*\S*网"), "site footer", 60),
    (re.compile(r"https?://|www\.\S+|\b\S+\.(com|cn|net|org)\b"), "web address", 60),
    (re.compile(r"^\s*[\u4e00-\u9fff]{0,12}"
                r"(范文网|资源网|学习网|知识网|文秘网|写作网|公文网|秘书网|文档网|作文网|文库|网站|官网)\s*$"), "site name", 20),
    # Web pages print their own date on a line of its own, in the ISO form that reports never use.
    (re.compile(r"^\s*\d{4}-\d{2}-\d{2}(\s+\d{2}:\d{2}(:\d{2})?)?\s*$"), "page date", 30),
)

# Markers that sites put inside a line; the rest of the line is the report's.
_INLINE_NOISE: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"##\s*paid(begin|end)\s*##", re.I), "paywall marker"),
    (re.compile(r"#\s*from\b.*?\bend\s*#", re.I), "site watermark"),
    (re.compile(r"[(（]\s*[)）]"), "empty brackets"),
)

_SENTENCE_END = "。！？!?；;：:”\"’）)》】…"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def clean_lines(lines: tuple[Line, ...]) -> tuple[list[Line], list[Removed]]:
    """Noise lines and markers out; a sentence that a marker cut in two is joined again."""
    kept: list[Line] = []
    removed: list[Removed] = []
    join_next = False
    for line in lines:
        text = line.text
        cut_at_end = False
        # Markers first: a watermark inside a sentence must not take the sentence with it.
        for pattern, why in _INLINE_NOISE:
            for m in list(pattern.finditer(text)):
                removed.append(Removed(line.number, m.group(0), why))
                cut_at_end = cut_at_end or not text[m.end():].strip()
            text = pattern.sub("", text)
        reason = next((why for pattern, why, longest in _LINE_NOISE if len(text.strip()) <= longest and pattern.search(text)), None)
        if reason:
            removed.append(Removed(line.number, text.strip(), reason))
            continue
        if not text.strip() and text != line.text:
            join_next = join_next or cut_at_end
            continue
        if join_next and text.strip() and kept:
            # The marker stood in the middle of a sentence: its two halves are one paragraph.
            while kept and not kept[-1].text.strip():
                kept.pop()
            kept[-1] = Line(kept[-1].number, kept[-1].text + text.strip())
            join_next = False
            continue
        kept.append(Line(line.number, text))
        if text.strip():
            join_next = cut_at_end and bool(_CJK.search(text[-1:])) and text.rstrip()[-1] not in _SENTENCE_END
    return kept, removed


# Rows of a table and items of a list (as read from .docx) repeat by nature: never noise, never titles.
STRUCTURE = re.compile(r"^\s*(\||[-*+]\s|[0-9]+\.\s)")


def repeated_lines(lines: list[Line], keep: set[str], times: int = 3) -> set[str]:
    """Short lines that come back again and again (running headers and footers), except `keep`."""
    counts = Counter(line.text.strip() for line in lines
                     if 0 < len(line.text.strip()) <= 40 and not STRUCTURE.match(line.text))
    return {text for text, n in counts.items() if n >= times and text not in keep}


def drop(lines: list[Line], texts: set[str], reason: str) -> tuple[list[Line], list[Removed]]:
    kept, removed = [], []
    for line in lines:
        if line.text.strip() in texts:
            removed.append(Removed(line.number, line.text.strip(), reason))
        else:
            kept.append(line)
    return kept, removed
