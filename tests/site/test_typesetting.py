"""Chinese set as Chinese on the built site: no white space between two Chinese characters in
what a reader sees (outside code), Chinese colons after Chinese labels, Chinese quotation marks,
and the theme's own texts in Chinese on Chinese pages (issue 22)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString

from casebook.corpus.typeset import is_wide, join_markdown, join_text, quote_marks

HIDDEN = {"script", "style", "template", "noscript", "svg", "title", "head"}
CODE = {"code", "pre", "kbd", "samp"}
BLOCKS = {"p", "li", "div", "ul", "ol", "table", "tr", "td", "th", "dd", "dt", "dl", "h1", "h2", "h3", "h4",
          "h5", "h6", "figcaption", "figure", "nav", "header", "footer", "main", "article", "section",
          "blockquote", "details", "summary", "label", "button", "form", "fieldset", "legend", "body", "html"}
# Elements drawn as boxes of their own (chips, badges): the space beside one is not in a text.
BOXES = {"cb-chip", "cb-unit", "cb-facet__mode", "cb-count", "md-button", "task-list-control"}
_GAP = re.compile(r"(?<=\S)\s+(?=\S)")


def chinese_pages(site: Path) -> list[Path]:
    """Every built HTML page of the Chinese site (the English one is under en/)."""
    return [p for p in sorted(site.rglob("*.html")) if p.relative_to(site).parts[0] != "en"]


def runs(page: BeautifulSoup) -> list[str]:
    """The page's visible text as it runs on inside each block: the texts of inline elements
    joined (an inline element's edge is no space); code kept as a mark that is not Chinese, for
    code is not looked into and a space beside it is right."""
    out: dict[int, list[str]] = {}
    order: list[int] = []
    for node in page.descendants:
        is_break = getattr(node, "name", None) == "br"  # what follows is a line of its own
        if not is_break and type(node) is not NavigableString:
            continue
        parents = list(node.parents)
        if any(p.name in HIDDEN for p in parents):
            continue
        block = next(p for p in parents
                     if p.name in BLOCKS or p.name == "[document]" or BOXES & set(p.get("class") or ()))
        text = "|" if is_break else "#" if any(p.name in CODE for p in parents) else str(node)
        if text.isspace() and any(_is_box(n) for n in (node.previous_sibling, node.next_sibling)):
            text = "|"  # the gap beside a box
        if id(block) not in out:
            out[id(block)] = []
            order.append(id(block))
        out[id(block)].append(text)
    return ["".join(out[i]) for i in order]


def _is_box(node) -> bool:
    return getattr(node, "name", None) is not None and (
        node.name in BLOCKS or bool(BOXES & set(node.get("class") or ())))


def stray_spaces(text: str) -> list[str]:
    return [text[max(m.start() - 6, 0):m.end() + 7] for m in _GAP.finditer(text)
            if is_wide(text[m.start() - 1]) and is_wide(text[m.end()])]


def test_no_white_space_between_two_chinese_characters(site):
    found = {}
    for path in chinese_pages(site):
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        gaps = [g for run in runs(page) for g in stray_spaces(run)]
        if gaps:
            found[str(path.relative_to(site))] = gaps
    pages = len(chinese_pages(site))
    shown = "\n".join(f"{p}: {g[:4]}" for p, g in list(found.items())[:25])
    assert not found, f"{sum(map(len, found.values()))} stray spaces on {len(found)} of {pages} Chinese pages:\n{shown}"


def visible_text(page: BeautifulSoup) -> str:
    return "\n".join(runs(page))


def test_chinese_labels_end_in_a_chinese_colon(site):
    ascii_colon = re.compile(r"[\u4e00-\u9fff]: ")
    found = []
    for path in chinese_pages(site):
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for m in ascii_colon.finditer(visible_text(page.body or page)):
            found.append(f"{path.relative_to(site)}: {m.string[max(m.start() - 8, 0):m.end() + 8]}")
    assert not found, "\n".join(found[:20])


def test_chinese_text_uses_chinese_quotation_marks(site):
    straight = re.compile(r'"[^"\n]{0,40}[\u4e00-\u9fff][^"\n]{0,40}"')
    found = []
    for path in chinese_pages(site):
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for m in straight.finditer(visible_text(page.body or page)):
            found.append(f"{path.relative_to(site)}: {m.group()}")
    assert not found, "\n".join(found[:20])


@pytest.mark.parametrize("path", ["index.html", "cases/badong-county-survey/index.html", "glossary/index.html"])
def test_the_theme_speaks_chinese_on_chinese_pages(site, path):
    page = BeautifulSoup((site / path).read_text("utf-8"), "html.parser")
    # The permalinks' title, which casebook-search.js gives the links it adds to the headings.
    config = json.loads(page.select_one("script#__config").string)
    assert config["casebook"]["permalink"] == "本节的链接" and not page.select("a.headerlink")
    assert "Made with" not in page.get_text()


# The function itself, on what editors write.

def test_a_folded_line_between_chinese_characters_becomes_nothing():
    assert join_text("发放问卷400份， 有效问卷385份") == "发放问卷400份，有效问卷385份"
    assert join_text("开设少数民族 服务窗口") == "开设少数民族服务窗口"
    assert join_text("covers 12 units in 贵阳") == "covers 12 units in 贵阳"
    assert join_text("the 三个离不开 formula") == "the 三个离不开 formula"


def test_soft_breaks_in_a_body_are_joined_inside_paragraphs_only():
    body = "## 背景\n开展调研\n\n- 第一项\n  继续写\n- 第二项\n\n见\n[巴东县](case:badong)\n和**重点**\n内容。\n"
    assert join_markdown(body) == (
        "## 背景\n开展调研\n\n- 第一项继续写\n- 第二项\n\n见[巴东县](case:badong)和**重点**内容。\n")
    assert join_markdown("- **知晓度不平衡。** 示范村") == "- **知晓度不平衡**。示范村"
    assert join_markdown("中文  \n硬换行") == "中文  \n硬换行"  # a hard break the editor asked for
    assert join_markdown("表 | 头\n中 | 文\n") == "表 | 头\n中 | 文\n"
    assert join_markdown("```\n代码\n保留\n```\n") == "```\n代码\n保留\n```\n"
    assert join_markdown("English line\nnext line") == "English line\nnext line"


def test_straight_quotes_around_chinese_words_become_chinese_ones():
    assert quote_marks('与"走过场"') == "与“走过场”"
    assert quote_marks('见 `"代码"` 和 <a title="标题">') == '见 `"代码"` 和 <a title="标题">'
    assert quote_marks('!!! note "提示"\n    "内容"') == '!!! note "提示"\n    “内容”'
    assert quote_marks('"legal system"') == '"legal system"'
