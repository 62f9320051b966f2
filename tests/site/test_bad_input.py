"""Every kind of broken input an editor can commit gives a clear message naming the file (and
line where there is one), never a traceback and never a silently missing page."""

from __future__ import annotations

import string
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.corpus import frontmatter, loader
from support import CASE, mkdocs_build, write_case


def valid(lang: str = "zh", id: str = "alpha") -> str:
    return CASE[lang].format(id=id, title="标题", unit_type="hospital", measures="exchange")


def problems(content: Path) -> list[str]:
    return [str(p) for p in loader.load(content).problems]


def only(content: Path, path: str) -> list[str]:
    return [p for p in problems(content)
            if p.startswith(path) and "no English version" not in p and "no Chinese version" not in p]


def test_gbk_encoding(content):
    (content / "cases/alpha.zh.md").write_bytes(valid().encode("gbk"))
    (msg,) = only(content, "content/cases/alpha.zh.md")
    assert "is not UTF-8 (it may be GBK" in msg and "save it as UTF-8" in msg


def test_byte_order_mark_and_crlf_are_accepted(content):
    (content / "cases/alpha.zh.md").write_bytes(b"\xef\xbb\xbf" + valid().replace("\n", "\r\n").encode("utf-8"))
    write_case(content, "alpha", "en", measures="exchange")
    assert problems(content) == []
    assert loader.load(content).content.cases[0].texts["zh"].title == "标题"


def test_empty_file(content):
    (content / "cases/alpha.zh.md").write_text("", "utf-8")
    assert only(content, "content/cases/alpha.zh.md") == [
        "content/cases/alpha.zh.md:1: the file is empty; start from `casebook new` or a sibling file"]


def test_only_front_matter(content):
    front = valid().split("## 背景")[0]
    (content / "cases/alpha.zh.md").write_text(front, "utf-8")
    msgs = only(content, "content/cases/alpha.zh.md")
    assert any("body: the file has front matter but no text" in m for m in msgs)


def test_front_matter_not_a_mapping(content):
    (content / "cases/alpha.zh.md").write_text("---\n- a\n- b\n---\n\n## 背景\n", "utf-8")
    assert only(content, "content/cases/alpha.zh.md") == [
        "content/cases/alpha.zh.md:2: the front matter must be a set of 'field: value' lines, not a list"]


def test_yaml_alias_bomb(content):
    bomb = "---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ) + "title: *i\n---\n\n## 背景\n"
    (content / "cases/alpha.zh.md").write_text(bomb, "utf-8")
    (msg,) = only(content, "content/cases/alpha.zh.md")
    assert msg.startswith("content/cases/alpha.zh.md:2: the front matter may not use YAML anchors or aliases")


def test_five_megabyte_file(content):
    (content / "cases/alpha.zh.md").write_text(valid() + "很长的正文。" * 300_000, "utf-8")
    (msg,) = only(content, "content/cases/alpha.zh.md")
    assert "bytes; the limit is 1,000,000" in msg


def test_non_string_title(content):
    write_case(content, "alpha", "zh", text=valid().replace("title: 标题", "title: [a, b]"))
    assert only(content, "content/cases/alpha.zh.md") == [
        "content/cases/alpha.zh.md:3: title: must be a non-empty text, not a list"]


def test_numeric_title_says_how_to_fix(content):
    write_case(content, "alpha", "zh", text=valid().replace("title: 标题", "title: 2019"))
    assert only(content, "content/cases/alpha.zh.md") == [
        'content/cases/alpha.zh.md:3: title: must be a text, not a number; put it in quotes: "2019"']


def test_duplicate_id_across_folders(content):
    write_case(content, "alpha", "zh")
    (content / "checklists/alpha.zh.md").write_text(
        "---\nid: alpha\ntitle: t\nsummary: s\nitems:\n  - text: x\n    measure: exchange\n---\n", "utf-8")
    msgs = only(content, "content/checklists/alpha.zh.md")
    assert msgs == ["content/checklists/alpha.zh.md:2: id: 'alpha' is already used by content/cases/alpha.zh.md; "
                    "ids must be unique across cases and checklists"]


def test_id_unlike_file_name(content):
    write_case(content, "alpha", "zh", text=valid(id="beta"))
    assert only(content, "content/cases/alpha.zh.md")[0].startswith(
        "content/cases/alpha.zh.md:2: id: 'beta' differs from the file name")


def test_link_to_a_case_that_does_not_exist(content):
    write_case(content, "alpha", "zh", text=valid().replace("做法文字。", "见[别处](case:nowhere)。"))
    assert only(content, "content/cases/alpha.zh.md") == [
        "content/cases/alpha.zh.md:22: body: link to a case 'nowhere' that does not exist."]


def test_image_that_does_not_exist(content):
    write_case(content, "alpha", "zh", text=valid().replace("做法文字。", "![照片](../images/missing.png)"))
    assert only(content, "content/cases/alpha.zh.md") == [
        "content/cases/alpha.zh.md:22: body: image '../images/missing.png' does not exist "
        "(looked for content/images/missing.png)"]


def test_image_path_escaping_content(content):
    write_case(content, "alpha", "zh", text=valid().replace("做法文字。", "![x](../../../etc/passwd)"))
    assert only(content, "content/cases/alpha.zh.md") == [
        "content/cases/alpha.zh.md:22: body: image '../../../etc/passwd' points outside content/; "
        "images go in content/images/"]


def test_image_from_the_network(content):
    write_case(content, "alpha", "zh", text=valid().replace("做法文字。", '<img src="https://example.org/a.png">'))
    (msg,) = only(content, "content/cases/alpha.zh.md")
    assert "image 'https://example.org/a.png' is not a file of the casebook" in msg


def test_image_that_exists_is_published(project, content, tmp_path):
    (content / "images").mkdir()
    (content / "images/photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    write_case(content, "alpha", "zh", text=valid().replace("做法文字。", "![照片](../images/photo.png)"))
    write_case(content, "alpha", "en", measures="exchange")
    assert problems(content) == []
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/images/photo.png").exists() and (tmp_path / "out/en/images/photo.png").exists()
    assert 'src="../../images/photo.png"' in (tmp_path / "out/cases/alpha/index.html").read_text("utf-8")


def test_markdown_file_in_the_wrong_folder(content):
    (content / "stray.zh.md").write_text(valid(), "utf-8")
    (content / "cases/sub").mkdir()
    (content / "cases/sub/deep.zh.md").write_text(valid(), "utf-8")
    msgs = problems(content)
    assert ("content/stray.zh.md: a Markdown file outside content/cases/ and content/checklists/ is not published; "
            "move it into one of them") in msgs
    assert any(m.startswith("content/cases/sub/deep.zh.md: a Markdown file outside") for m in msgs)


def test_bad_file_fails_the_build_with_its_message(project, content, tmp_path):
    (content / "cases/alpha.zh.md").write_bytes(valid().encode("gbk"))
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "content/cases/alpha.zh.md" in result.stderr and "is not UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


# ---- property-based: whatever the bytes, a Document or a located FrontMatterError ----

yaml_ish = st.text(alphabet=string.printable + "：，。中文标题&*!|>-[]{}#'\"", max_size=300)


@given(yaml_ish, st.text(max_size=200))
@settings(max_examples=400, deadline=None)
def test_front_matter_parser_never_crashes(front, body):
    try:
        doc = frontmatter.parse(f"---\n{front}\n---\n{body}")
    except frontmatter.FrontMatterError as e:
        assert e.message and (e.line is None or e.line >= 1)
    else:
        assert isinstance(doc.meta, dict)


@given(st.binary(max_size=400))
@settings(max_examples=300, deadline=None)
def test_decoder_never_crashes(raw):
    try:
        text = frontmatter.decode(raw)
    except frontmatter.FrontMatterError as e:
        assert "UTF-8" in str(e.message)
    else:
        assert "\r" not in text


field_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


@given(st.dictionaries(st.sampled_from(["id", "title", "unit_type", "measures", "region", "year", "ethnic_groups",
                                        "honours", "source", "summary", "items", "other"]), field_values))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_checker_reports_problems_for_any_front_matter(content, meta):
    import yaml

    path = content / "cases/alpha.zh.md"
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n## 背景\n\n## 主要做法\n\n## 成效\n",
                    "utf-8")
    result = loader.load(content)  # must not raise
    for problem in result.problems:
        assert problem.path == "content/cases/alpha.zh.md"
        assert problem.message
    if not result.errors:
        assert [c.id for c in result.content.cases] == ["alpha"]
