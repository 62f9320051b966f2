"""The core's own rendering of case pages (casebook.render) gives the HTML that Python-Markdown
gives, wherever it renders a text at all, and leaves every other text to Python-Markdown."""

from __future__ import annotations

import re
import shutil

import markdown
import pytest
from bs4 import BeautifulSoup
from markdown.extensions.toc import slugify

from casebook.corpus import links
from casebook.pages import render
from casebook.tools.siteconfig import markdown_extensions
from support import ROOT, mkdocs_build, real

STYLE = render.HeadingStyle(lambda text: slugify(text, "-"))
SITE_EXTENSIONS, SITE_SETTINGS = markdown_extensions(ROOT / "mkdocs.yml")
# As the site marks headings (mkdocs.yml: its permalinks are added by a script, not written).
SITE_STYLE = render.HeadingStyle(lambda text: slugify(text, "-"),
                                 "¶" if SITE_SETTINGS.get("toc", {}).get("permalink") else None)


def python_markdown(text: str) -> str:
    md = markdown.Markdown(extensions=SITE_EXTENSIONS, extension_configs=SITE_SETTINGS)
    return md.convert(text)


def same_dom(a: str, b: str) -> str:
    """HTML with the whitespace between and around tags, which no browser shows, taken out."""
    text = re.sub(r"\s+", " ", str(BeautifulSoup(a, "html.parser")))
    return text.replace("> <", "><").replace(" <", "<").replace("> ", ">")


def test_plain_markdown_is_rendered_with_ids_and_permalinks_like_the_toc_extension():
    text = "## 背景\n\n一段**文字**，见[案例](https://example.org/x)。\n\n- 一\n    - 二\n- 三\n\n## Results\n\nMore.\n"
    used = STYLE.ids_after_title("标题")
    out = render.render(text, used, STYLE)
    assert out is not None
    assert [(h.level, h.id, h.text) for h in out.headings] == [(2, "_2", "背景"), (2, "results", "Results")]
    assert '<h2 id="_2">背景<a class="headerlink" href="#_2" title="Permanent link">¶</a></h2>' in out.html
    assert same_dom(out.html, python_markdown("# 标题\n\n" + text).split("</h1>", 1)[1])


@pytest.mark.parametrize("text", [
    "a <b>bold</b> word",                       # raw HTML
    "see <https://example.org>",                # autolink
    "!!! note\n    admonition",
    "text\n{: .class }",                        # attribute list
    "a footnote[^1]\n\n[^1]: note",
    "- [ ] a task",
    "term\n:   definition",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "```\ncode\n```",
    "para\n\n    indented code",
    "1. first\n2. second",
    "#heading without a space",
    "line\\\nbreak",
    "_underscore_ emphasis",
    "![image](../images/x.png)",
    "[a file](../checklists/x.md)",
    "学习**《条例》**后",                         # CommonMark cannot close ** before 后
    "text\n- a list inside a paragraph",
    "- one\n\n- two",                            # loose list
    "- one\n  - nested by two spaces",
    "a &amp; entity",
    "Title\n=====",
])
def test_text_outside_the_shared_subset_is_left_to_python_markdown(text):
    assert render.render(text, set(), STYLE) is None


@pytest.mark.parametrize("text", [
    "**“四个必访”**：困难户必访。",                  # opens after punctuation, closes before it
    "- **Uneven awareness.** In the model villages",
    "See [the glossary](glossary:three-inseparables) and [a case](case:x).",
    "- one\n    - nested by four\n- two\n  continued",
])
def test_common_case_text_is_rendered(text):
    out = render.render(text, set(), STYLE, lambda scheme, target: f"../../{scheme}/{target}/")
    assert out is not None
    assert "case:" not in out.html and "glossary:" not in out.html


def test_every_real_case_renders_as_python_markdown_renders_it():
    content = real.loaded().content
    resolve = lambda scheme, target: f"../../{scheme}/{target}/"
    rendered = 0
    for case in content.cases:
        for text in case.texts.values():
            for part in (text.summary, text.body):
                out = render.render(part, set(), SITE_STYLE, resolve)
                part = links.rewrite(part, resolve)
                if out is None:
                    continue
                rendered += 1
                assert (same_dom(out.html, python_markdown(part))
                        == same_dom(python_markdown(part), python_markdown(part))), text.path
    # The real cases are all in the shared subset; a change that pushed them out would lose the speed.
    assert rendered == 2 * sum(len(c.texts) for c in content.cases)


def test_the_site_is_the_same_with_every_page_left_to_python_markdown(site, tmp_path):
    project = tmp_path / "project"
    for name in ("docs", "content"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "src" / "casebook").mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert "      fast_render: true" in config
    (project / "mkdocs.yml").write_text(config.replace("      fast_render: true", "      fast_render: false"), "utf-8")
    slow = tmp_path / "slow"
    result = mkdocs_build(project, slow)
    assert result.returncode == 0, result.stderr[-3000:]
    pages = sorted(p.relative_to(site) for p in site.rglob("cases/*/index.html"))
    assert len(pages) == 2 * len(list((ROOT / "content" / "cases").glob("*.zh.md")))
    for page in pages:
        fast_html = (site / page).read_text("utf-8")
        slow_html = (slow / page).read_text("utf-8")
        # "Updated" dates come from git, which the copy does not have.
        fast_html = re.sub(r"<dt>(更新于|Last updated)</dt>\s*<dd>[^<]*</dd>", "", fast_html)
        # So do the dates in "cite this case" (pages/cite.py).
        fast_html, slow_html = (re.sub(r'<div class="cb-cite"[^>]*>.*?</div>', "", h, flags=re.S)
                                for h in (fast_html, slow_html))
        assert same_dom(fast_html, slow_html) == same_dom(slow_html, slow_html), page


def test_one_renderer_writes_a_case_page_on_either_path(project, content):
    """A case whose text the core cannot render (a table) and one it can: the same title,
    notices, metadata, summary and related cases around the text, the same heading ids, the
    title first in the table of contents; the editors' file is data of the block, not a row."""
    from support import CASE, write_case

    table = "\n\n| 项目 | 数量 |\n|---|--:|\n| 甲 | 1 |\n"
    for id, extra in (("slow", table), ("fast", "")):
        for lang in ("zh", "en"):
            text = CASE[lang].format(id=id, title="背景" if lang == "zh" else "Background", unit_type="hospital",
                                     measures="exchange")
            write_case(content, id, lang, text=text.replace("做法文字。", "做法文字。" + extra))
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    shapes = {}
    for id in ("slow", "fast"):
        page = BeautifulSoup((project / "site/cases" / id / "index.html").read_text("utf-8"), "html.parser")
        article = page.select_one("article")
        # The title's anchor is the case's id; the body's headings take theirs after it, on both paths.
        assert [(h.name, h.get("id")) for h in article.select("h1, h2")] == [
            ("h1", id), ("h2", "_1"), ("h2", "_2"), ("h2", "_3"), ("h2", "related"), ("h2", "cite")]
        # The table of contents is listed from these headings by casebook-cite.js (test_browser.py).
        assert page.select_one(".md-sidebar--secondary nav.md-nav--secondary[hidden]:empty")
        # The comparison's link is made by casebook-cite.js from these two (pages/case.py).
        related = article.select_one(".cb-related")
        assert related["data-compare"].endswith(f"compare/#cases={id},")
        assert related.select_one("li > a")["href"] == {"slow": "../fast/", "fast": "../slow/"}[id]
        block = article.select_one(".cb-meta")
        assert block["data-source-file"] == "000_8f9b5cc39caff20b.txt" and block["data-source-report"] == "R01"
        assert "000_8f9b5cc39caff20b" not in article.get_text()
        assert article.select_one("h1 + .cb-meta + p.cb-summary").get_text() == "一段摘要。"
        shapes[id] = [e.name for e in article.select_one("h1").find_next_siblings()]
    assert shapes["slow"] == [*shapes["fast"][:6], "table", *shapes["fast"][6:]]


@pytest.mark.parametrize("title", ["标题：“引号”与'撇号'", "<img src=x onerror=alert(1)>",
                                   "a\x7fb\x80c\x9fd\ufeffe\uffff", "--- x\n---", "a: b # c", "\\ \" \u2028 🙂"])
def test_a_case_page_front_matter_is_read_whatever_its_title(title):
    """The generator reads the title of every case page; none is rendered from its raw file."""
    from mkdocs.utils.meta import get_data

    from casebook.pages.case import front_matter
    from casebook.pages.page import Mark

    rest, meta = get_data(front_matter(title) + Mark.FRAGMENT.at(0) + "\n")
    assert meta == {"title": title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")}
    assert rest.strip() == Mark.FRAGMENT.at(0)
