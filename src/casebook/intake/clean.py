"""Cleaning scraped report text: site furniture, paywall markers and navigation out, every removal listed."""

from __future__ import annotations

import re
from collections import Counter

from .headings import ENUMERATED, PIECE, STRUCTURE, is_heading
from .model import Line, Removed

# Whole lines that belong to the website, not to the report. Kept short and general: these are
# the furniture of sample-essay and document sites, not phrases of any one report. Each applies
# to lines up to a length: a report's own long paragraph that mentions 阅读全文 or a web address
# is the report's, and is kept.
_LINE_NOISE: tuple[tuple[re.Pattern, str, int], ...] = (
    (re.compile(r"^\s*(首页|主页|当前位置|您的位置|你的位置)\s*[:：]?\s*[>›»/]"), "breadcrumb navigation", 200),
    (re.compile(r"^\s*(当前位置|您的位置|你的位置)\s*[:：]"), "breadcrumb navigation", 200),
    (re.compile(r"预览阅读已结束|预览已结束|试读已结束|扫码(联系|关注|下载|阅读|查看)|请扫码|开通(VIP|会员)|"
                r"(免费)?下载(全文|本文|文档|完整版)|阅读全文|展开全文|查看全文|剩余\s*\d+\s*字"),
     "paywall or preview marker", 80),
    (re.compile(r"^\s*(上一篇|下一篇|上一页|下一页|相关推荐|相关文章|热门推荐|猜你喜欢|推荐阅读"
                r"|延伸阅读)\s*[:：>]?"), "site navigation", 200),
    (re.compile(r"版权所有|Copyright|©|免责声明|转载请注明|责任编辑\s*[:：]|本文(来源|来自)\s*[:：]?\s*\S*网"),
     "site footer", 60),
    (re.compile(r"https?://|www\.\S+|\b\S+\.(com|cn|net|org)\b"), "web address", 60),
    (re.compile(r"^\s*[\u4e00-\u9fff]{0,12}(范文网|资源网|学习网|知识网|文秘网|写作网|公文网|秘书网|文档网|作文网"
                r"|文库|网站|官网)\s*$"), "site name", 20),
    # A site's name alone on a short line: a few characters ending in what sites call themselves.
    (re.compile(r"^\s*[\u4e00-\u9fff]{1,6}(网|帮|之家|文库|大全)\s*$"), "site name", 10),
    # The page's own facts: when it was posted, by whom, how often read.
    (re.compile(r"^\s*(发布时间|发布日期|发表时间|更新时间|上传时间|浏览次数|浏览量|阅读次数|阅读量|点击数|点击量"
                r"|点击次数)\s*[:：]"), "page date and counts", 120),
    (re.compile(r"(发布时间|发布日期|浏览次数|阅读次数|点击数)\s*[:：].*(作者|来源|浏览次数|阅读次数"
                r"|点击数)\s*[:：]"), "page date and counts", 120),
    (re.compile(r"本文由(会员|网友|用户|作者)?上传|仅供参考.{0,6}(原创|联系客服)|如需原创|联系客服|关注公众号"
                r"|公众号[:：]"), "site footer", 80),
    # A collection's own title ("…工作总结（精选2篇）") and the site's lead-in to it.
    (re.compile(r"[(（]\s*(精选|通用|优选|热门|推荐)?\s*[0-9一二三四五六七八九十]+\s*篇\s*[)）]\s*$"),
     "title of the collection", 60),
    (re.compile(r"^\s*【\s*(导语|导读|摘要|编者按)\s*】|本站为(大家|您)(整理|收集|精心)"), "site's lead-in", 200),
    # Page numbers of a printed or converted document: "— 2 —", "- 3 -", "第2页 共5页".
    (re.compile(r"^\s*[—\-–－]+\s*[0-9０-９]+\s*[—\-–－]+\s*$|^\s*第\s*[0-9]+\s*页\s*(/|，|,)?\s*共\s*[0-9]+\s*页\s*$"
                r"|^\s*[0-9]+\s*/\s*[0-9]+\s*$"), "page number", 20),
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
        plain = simplify(text)  # Traditional pages have the same furniture (首頁 > 範文大全)
        reason = next((why for pattern, why, longest in _LINE_NOISE
                       if len(plain.strip()) <= longest and pattern.search(plain)), None)
        if reason:
            removed.append(Removed(line.number, text.strip(), reason))
            continue
        if not text.strip() and text != line.text:
            # A marker on a line of its own cut no sentence: the lines around it stay apart.
            continue
        if join_next and text.strip() and kept and not _starts_anew(text):
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


def simplify(text: str) -> str:
    from casebook.script import to_simplified

    return to_simplified()(text)


def _starts_anew(text: str) -> bool:
    """A line that cannot continue a sentence: a heading, a numbered section, a report's marker."""

    return bool(PIECE.match(text) or ENUMERATED.match(text) or is_heading(text))




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
