"""An editor's pull request cannot leak the building machine's files, load anything from another
site or take the build down (issue 23): each hostile file below is refused by `casebook check`
and by the build with a `file:line` message (the line where there is one), never followed,
never a traceback or a death by signal, and nothing from outside content/ reaches the site.

Sizes are the real attacks' where they are refused at once, and smaller ones elsewhere that
still go past each limit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casebook.corpus import assets, bounds, frontmatter, loader
from support import CASE, mkdocs_build, write_case

CASE_FILE = "content/cases/alpha.zh.md"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + (64).to_bytes(4, "big") * 2 + b"\x08\x02\0\0\0"


def valid(lang: str = "zh", id: str = "alpha") -> str:
    return CASE[lang].format(id=id, title="标题", unit_type="hospital", measures="exchange")


def errors(content: Path) -> list[str]:
    return [str(p) for p in loader.load(content).errors]


def refused(content: Path, text: str) -> list[str]:
    """The checker's errors about alpha.zh.md holding `text`."""
    write_case(content, "alpha", "zh", text=text)
    return [e for e in errors(content) if e.startswith(CASE_FILE)]


# ---- links: never followed, wherever they point ----

LINKS = {
    "images/passwd.png": "/etc/passwd",
    "images/env.png": "/proc/self/environ",
    "images/etc": "/etc",  # a linked folder
    "cases/zero.zh.md": "/dev/zero",  # read to the end, it never ends
    "cases/beta.zh.md": "alpha.zh.md",  # even a link within content/
    "taxonomy-copy.yml": "taxonomy.yml",
}


@pytest.mark.parametrize("name", sorted(LINKS))
def test_a_symbolic_link_anywhere_in_content_is_refused_and_never_read(content, name):
    write_case(content, "alpha", "zh", text=valid())
    link = content / name
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(LINKS[name])
    assert f"content/{name}: is a symbolic link (to {LINKS[name]}); the casebook never follows links" \
        in "\n".join(errors(content))


def test_a_source_report_linked_to_a_device_is_never_read(content):
    """Sources are read to trace each figure of a case: a link there is refused like any other."""
    write_case(content, "alpha", "zh", text=valid())
    (content / "sources").mkdir()
    (content / "sources/000_8f9b5cc39caff20b.txt").symlink_to("/dev/zero")
    assert "content/sources/000_8f9b5cc39caff20b.txt: is a symbolic link (to /dev/zero)" in "\n".join(errors(content))
    (content / "sources/000_8f9b5cc39caff20b.txt").unlink()
    (content / "sources/000_8f9b5cc39caff20b.txt").write_text("甘肃省 2019 年", "utf-8")
    (content / "sources/reports.yml").write_text("reports: " + "[" * 5000 + "]" * 5000 + "\n", "utf-8")
    assert "content/sources/reports.yml:1: nests lists and mappings more than 12 deep" in "\n".join(errors(content))


def test_a_name_with_a_control_character_is_refused_and_shown_escaped(content):
    (content / "images").mkdir()
    (content / "images/a\x1b[2Jb.png").write_bytes(PNG)
    (content / "images/c.png").symlink_to("/etc/\x1b[2J")
    assert errors(content) == ["content/images/a\\x1b[2Jb.png: its name holds an invisible character; rename it",
                               "content/images/c.png: " + str(assets._link_message(content / "images/c.png"))]
    said = assets._link_message(content / "images/c.png")
    assert "\x1b" not in said.text("en") and "\x1b" not in said.text("zh")
    assert assets.publishable(content) == []


def test_an_editor_lock_link_is_passed_over(content):
    write_case(content, "alpha", "zh", text=valid())
    (content / "cases/.#alpha.zh.md").symlink_to("editor@host.1234:1700000000")  # Emacs, while editing
    assert errors(content) == []


def test_a_linked_content_folder_is_refused(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "content").symlink_to(tmp_path / "elsewhere")
    assert any(e.startswith("content: is a symbolic link") for e in errors(tmp_path / "content"))


def test_a_pipe_or_device_is_never_opened(content):
    os.mkfifo(content / "cases/alpha.zh.md")  # opening a pipe for reading waits for a writer
    assert errors(content) == ["content/cases/alpha.zh.md: is not a regular file (a device, pipe or socket); remove it"]
    assert "is not a regular file" in str(
        pytest.raises(assets.Unreadable, assets.read_regular, Path("/dev/zero"), 100).value)


def test_a_file_is_refused_by_its_size_before_it_is_read(content):
    with open(content / "cases/alpha.zh.md", "wb") as f:
        f.truncate(loader.MAX_FILE_BYTES + 1)  # sparse: nothing is written
    assert errors(content) == [f"content/cases/alpha.zh.md: is {loader.MAX_FILE_BYTES + 1:,} bytes; "
                               f"the limit is {loader.MAX_FILE_BYTES:,}. Split it, or remove pasted material"]


# ---- assets: an allow-list of types, checked by their first bytes ----

@pytest.mark.parametrize("name, data, message", [
    ("evil.js", b"alert(1)", "'.js' files are not published from content/images/ (a browser could run them)"),
    ("evil.html", b"<script>alert(1)</script>", "'.html' files are not published"),
    ("evil.htm", b"<script>alert(1)</script>", "'.htm' files are not published"),
    ("evil.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
     "SVG is not published: it can hold script"),
    ("evil.png", b"<script>alert(1)</script>", "is named .png but is not a PNG image"),
    ("evil.jpg", PNG, "is named .jpg but is not a JPEG image"),
    ("evil.pdf", b"<html>", "is named .pdf but is not a PDF file"),
    ("script.pdf", b"%PDF-1.7\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
     "is a PDF with /JavaScript (script, actions or embedded files"),
    ("huge.png", PNG[:16] + (100_000).to_bytes(4, "big") * 2, "has 10,000,000,000 pixels; the limit is 40,000,000"),
    ("noname", b"x", "'noname' files are not published"),
])
def test_only_images_and_pdfs_are_published(content, name, data, message):
    write_case(content, "alpha", "zh", text=valid())
    (content / "images/sub").mkdir(parents=True)
    (content / "images/sub" / name).write_bytes(data)
    (content / "images/ok.png").write_bytes(PNG)
    (content / "images/ok.jpeg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(20))
    (content / "images/ok.pdf").write_bytes(b"%PDF-1.7\n")
    (content / "images/.gitkeep").write_bytes(b"")
    (msg,) = errors(content)
    assert msg.startswith(f"content/images/sub/{name}: {message}"), msg
    assert [p.name for p in assets.publishable(content)] == ["ok.jpeg", "ok.pdf", "ok.png"]


def test_an_image_over_the_size_limit(content):
    (content / "images").mkdir()
    with open(content / "images/big.png", "wb") as f:
        f.write(PNG)
        f.truncate(assets.MAX_IMAGE_BYTES + 1)
    assert (f"content/images/big.png: is {assets.MAX_IMAGE_BYTES + 1:,} bytes; the limit for a PNG image"
            in "\n".join(errors(content)))


# ---- front matter: bounded, and no control characters ----

CONTROL = [
    ("title: 标\0题", "U+0000 (NUL)"),
    ("title: 标\x1b[31m题", "U+001B (ESC)"),
    ("title: 标\x7f题", "U+007F (DEL)"),
    ('title: "标\\0题"', "U+0000 (NUL)"),
    ('title: "标\\e[31m题"', "U+001B (ESC)"),
    ('title: "标\\x7f题"', "U+007F (DEL)"),
    ('title: "标\\x80题"', "U+0080"),
    ('title: "标\\x9b题"', "U+009B"),
    ('title: "标\\uffff题"', "U+FFFF"),
    ('title: "标\\ud800题"', None),  # refused by the YAML parser itself
]


@pytest.mark.parametrize("line, char", CONTROL, ids=[repr(c[0]) for c in CONTROL])
def test_a_control_character_in_front_matter_is_refused_with_its_line(content, line, char):
    (msg,) = refused(content, valid().replace("title: 标题", line))
    expected = f"title: holds the invisible character {char}" if char else "the front matter is not valid YAML"
    assert msg.startswith(f"{CASE_FILE}:3: {expected}"), msg


def test_a_control_character_in_a_list_or_the_body_is_refused_with_its_line(content):
    (msg,) = refused(content, valid().replace("ethnic_groups: [蒙古族]", 'ethnic_groups: [蒙古族, "回\\x85族"]'))
    assert msg.startswith(f"{CASE_FILE}:9: ethnic_groups: holds the invisible character U+0085"), msg
    (msg,) = refused(content, valid().replace("做法文字。", "做法\0文字。"))
    assert msg.startswith(f"{CASE_FILE}:22: body: holds the invisible character U+0000 (NUL)"), msg


@pytest.mark.parametrize("year, message", [
    ("9" * 5000, "year: holds a number of 5,000 digits, which is no year or count"),
    ("0x" + "f" * 5000, "year: holds a number of 5,002 digits, which is no year or count"),
    ("1" * 20, "year: holds the number 11111111111111111111, which is no year or count"),
    ("1:0:0:0:0:0:0:0:0:0:0:0", "year: holds the number"),  # YAML 1.1's base 60
])
def test_a_huge_integer_is_refused_with_its_line(content, year, message):
    (msg,) = refused(content, valid().replace("year: 2019", f"year: {year}"))
    assert msg.startswith(f"{CASE_FILE}:8: {message}"), msg


@pytest.mark.parametrize("nested, line", [
    ("[" * 50_000 + "]" * 50_000, 2),  # the real attack: refused by its size
    ("[" * 30_000 + "]" * 30_000, 8),
    ("{a: " * 20 + "x" + "}" * 20, 8),
    ("\n" + "".join(" " * i + "- \n" for i in range(0, 60, 2)), 20),  # the thirteenth level's line
    ("\n" + "- " * 30 + "x", 9),
])
def test_deep_nesting_is_refused_before_the_parser_recurses(content, nested, line):
    (msg,) = refused(content, valid().replace("year: 2019", f"year: {nested}"))
    assert msg.startswith(f"{CASE_FILE}:{line}: the front matter "), msg
    assert "characters long; the limit is 64,000" in msg or f"more than {frontmatter.MAX_DEPTH} deep" in msg


def test_taxonomy_files_are_held_to_the_same_bounds(content):
    (content / "glossary.yml").write_text("terms:\n  - id: " + "[" * 5000 + "]" * 5000 + "\n", "utf-8")
    assert any(e.startswith("content/glossary.yml:2: nests lists and mappings more than") for e in errors(content))


def test_a_byte_order_mark_before_a_heading_or_the_front_matter_is_dropped(content):
    write_case(content, "alpha", "en", measures="exchange")
    text = "\ufeff\ufeff" + valid().replace("## 主要做法", "\ufeff## 主要做法")
    assert refused(content, text) == []
    assert loader.load(content).content.cases[0].texts["zh"].body.count("\ufeff") == 0


# ---- bodies: bounded before any Markdown engine sees them ----

@pytest.mark.parametrize("payload, line, message", [
    ("> " * 100_000 + "x", 24, "nests quotes and lists more than 16 deep on one line"),  # markdown-it.rs: SIGSEGV
    ("".join("> " * i + "x\n" for i in range(20)), 24 + 17, "nests quotes and lists more than 16 deep"),
    ("- " * 100_000 + "x", 24, "nests quotes and lists more than 16 deep"),
    ("1. " * 20 + "x", 24, "nests quotes and lists more than 16 deep"),
    ("".join("    " * i + "- a\n" for i in range(20)), 24 + 17,
     "is indented more than 16 levels (64 spaces)"),  # RecursionError
    ("<a " * 13_334, 24, "holds more than 500 '<' (HTML tags and autolinks)"),  # 40 KB: minutes in Python-Markdown
    ("<a " * 40_000, 24, "holds more than 500 '<'"),  # 120 KB
    ("[" * 900_000, 24, "holds more than 500 '[' (links, images and footnotes)"),  # 900 KB: never ends
    ("![a](\n" * 600, 24 + 500, "holds more than 500 '['"),  # the line of the 501st
])
def test_a_body_out_of_bounds_is_refused_with_its_line(content, payload, line, message):
    (msg,) = refused(content, valid().replace("做法文字。", "做法文字。\n\n" + payload))
    assert msg.startswith(f"{CASE_FILE}:{line}: body: {message}"), msg[:300]


def test_both_engines_render_a_body_at_the_limits():
    import markdown
    import markdown_it_pyrs

    at_limits = ("> " * 16 + "x\n\n" + "".join("    " * i + "- a\n" for i in range(17)) + "\n"
                 + "[a](" * 250 + "<a " * 500)
    assert list(bounds.check_body(at_limits)) == []
    markdown.markdown(at_limits,
                      extensions=["admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables"])
    markdown_it_pyrs.MarkdownIt("commonmark").render(at_limits)


def test_the_bounds_leave_real_nesting_alone():
    ordinary = "> - a\n>   - b\n>     > c\n\n1. x\n    - y\n        - z\n\n" + "[链接](case:a) " * 100
    assert list(bounds.check_body(ordinary)) == []


# ---- nothing loads from another site ----

REMOTE = [
    ("![x][r]\n\n[r]: https://evil.example/t.png", "image 'https://evil.example/t.png' is not a file of the casebook"),
    ("![r]\n\n[R]:\n  <//evil.example/t.png>", "image '//evil.example/t.png' is not a file of the casebook"),
    ("![x][]\n\n[x]: http://evil.example/t.png \"t\"", "image 'http://evil.example/t.png'"),
    ("![a [b] c](https://evil.example/t.png)", "image 'https://evil.example/t.png'"),
    ('<iframe src="https://evil.example/"></iframe>', '<iframe src="https://evil.example/"> loads from another site'),
    ("<script src=//evil.example/x.js></script>", '<script src="//evil.example/x.js"> loads from another site'),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link href=\"https://evil.example/x.css\"> loads"),
    ("<style>@font-face{src:url(https://evil.example/f.woff2)}</style>",
     "style url(https://evil.example/f.woff2 loads"),
    ('<img srcset="https://evil.example/t.png 2x" alt="">', '<img srcset="https://evil.example/t.png"> loads'),
    ('<span style="background: url(//evil.example/t.png)">x</span>', "style url(//evil.example/t.png loads"),
    ('[x](case:alpha){: style="x" data-src="https://evil.example/t.png" }',
     'attribute list data-src="https://evil.example/t.png" loads'),
]


@pytest.mark.parametrize("payload, message", REMOTE, ids=[r[0][:30] for r in REMOTE])
def test_anything_loaded_from_another_site_is_refused_with_its_line(content, payload, message):
    found = refused(content, valid().replace("做法文字。", "做法文字。\n\n" + payload))
    assert found and all(m.startswith(f"{CASE_FILE}:24: body: ") for m in found), found
    assert any(message in m for m in found), found


def test_links_to_other_sites_are_still_links(content):
    write_case(content, "alpha", "en", measures="exchange")
    text = ("[站点](https://example.org/) 与 [引用][r] 和 <https://example.org/a> 及 <a href=\"https://example.org/\">a</a>"
            "\n\n[r]: https://example.org/r")
    assert refused(content, valid().replace("做法文字。", text)) == []


# ---- the build: refuses them all together, never follows a link, never dies ----

def test_the_build_refuses_every_hostile_file_with_its_line_and_publishes_nothing(project, content, tmp_path):
    write_case(content, "alpha", "zh", text=valid())
    write_case(content, "alpha", "en", measures="exchange")
    hostile = {
        "fm-deep": valid(id="fm-deep").replace("year: 2019", "year: " + "[" * 30_000 + "]" * 30_000),
        "fm-int": valid(id="fm-int").replace("year: 2019", "year: " + "9" * 5000),
        "fm-ctl": valid(id="fm-ctl").replace("title: 标题", 'title: "<img src=x onerror=alert(1)>\\x80"'),
        "quotes": valid(id="quotes").replace("做法文字。", "> " * 100_000),
        "angles": valid(id="angles").replace("做法文字。", "<a " * 13_334),
        "brackets": valid(id="brackets").replace("做法文字。", "[" * 900_000),
        "remote": valid(id="remote").replace("做法文字。", "![x][r]\n\n[r]: https://evil.example/t.png"),
    }
    for id, text in hostile.items():
        write_case(content, id, "zh", text=text)
    (content / "images").mkdir()
    (content / "images/ok.png").write_bytes(PNG)
    (content / "images/passwd.png").symlink_to("/etc/passwd")
    (content / "images/environ.png").symlink_to("/proc/self/environ")
    (content / "images/etc").symlink_to("/etc")
    (content / "images/evil.js").write_text("alert(1)", "utf-8")
    (content / "cases/zero.zh.md").symlink_to("/dev/zero")
    site = tmp_path / "out"
    result = mkdocs_build(project, site)
    assert result.returncode == 1, (result.returncode, result.stderr[-3000:])  # not killed by a signal
    assert "Traceback" not in result.stderr
    for expected in ("content/cases/fm-deep.zh.md:8: the front matter nests lists and mappings more than 12 deep",
                     "content/cases/fm-int.zh.md:8: year: holds a number of 5,000 digits",
                     "content/cases/fm-ctl.zh.md:3: title: holds the invisible character U+0080",
                     "content/cases/quotes.zh.md:22: body: nests quotes and lists more than 16 deep",
                     "content/cases/angles.zh.md:22: body: holds more than 500 '<'",
                     "content/cases/brackets.zh.md:22: body: holds more than 500 '['",
                     "content/cases/remote.zh.md:22: body: image 'https://evil.example/t.png' "
                     "is not a file of the casebook",
                     "content/images/passwd.png: is a symbolic link (to /etc/passwd)",
                     "content/images/environ.png: is a symbolic link (to /proc/self/environ)",
                     "content/images/etc: is a symbolic link (to /etc)",
                     "content/images/evil.js: '.js' files are not published",
                     "content/cases/zero.zh.md: is a symbolic link (to /dev/zero)"):
        assert expected in result.stderr, expected
    published = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert not [p for p in published if p.name in ("passwd.png", "environ.png", "evil.js") or "etc" in p.parts]


def test_a_build_never_copies_a_linked_or_active_image_even_unchecked(content):
    (content / "images").mkdir()
    (content / "images/ok.png").write_bytes(PNG)
    (content / "images/passwd.png").symlink_to("/etc/passwd")
    (content / "images/etc").symlink_to("/etc")
    (content / "images/evil.js").write_text("alert(1)", "utf-8")
    (content / "images/evil.svg").write_text("<svg onload=alert(1)>", "utf-8")
    assert assets.publishable(content) == [content / "images/ok.png"]


def test_a_link_in_docs_stops_the_build(project, content, tmp_path):
    write_case(content, "alpha", "zh", text=valid())
    write_case(content, "alpha", "en", measures="exchange")
    (project / "docs/assets/passwd.txt").symlink_to("/etc/passwd")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "docs/assets/passwd.txt: is reached through a symbolic link; the site never follows links" in result.stderr
    assert not (tmp_path / "out/assets/passwd.txt").exists()


def test_a_hand_written_page_out_of_bounds_stops_the_build(project, content, tmp_path):
    write_case(content, "alpha", "zh", text=valid())
    write_case(content, "alpha", "en", measures="exchange")
    page = project / "docs/about.en.md"
    page.write_text(page.read_text("utf-8") + "\n" + "> " * 100_000 + "\n", "utf-8")
    line = page.read_text("utf-8").count("\n")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"docs/about.en.md:{line}: nests quotes and lists more than 16 deep" in result.stderr


@pytest.mark.parametrize("front, message", [
    ("title: [<img src=x onerror=alert(1)>",
     "docs/about.en.md:3: the front matter is not valid YAML: did not find expected ',' or ']'; "
     "MkDocs cannot read it, and the page is not built from the raw file"),
    ('description: "<img src=x onerror=alert(1)>\x7f"',
     "docs/about.en.md:2: holds the invisible character U+007F (DEL)"),
])
def test_a_page_whose_front_matter_mkdocs_cannot_read_stops_the_build(project, content, tmp_path, front, message):
    """Never a page rendered from the raw file, front matter and all."""
    write_case(content, "alpha", "zh", text=valid())
    write_case(content, "alpha", "en", measures="exchange")
    page = project / "docs/about.en.md"
    page.write_text(f"---\n{front}\n---\n\n" + page.read_text("utf-8"), "utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert message in result.stderr, result.stderr[-2000:]
    assert not (tmp_path / "out/en/about/index.html").exists()


def test_the_checker_survives_every_payload_in_its_own_process(project, content):
    """`casebook check` as editors run it: an exit code of 1, never a signal."""
    write_case(content, "alpha", "zh", text=valid().replace("做法文字。", "> " * 100_000))
    write_case(content, "beta", "zh",
               text=valid(id="beta").replace("year: 2019", "year: " + "[" * 30_000 + "]" * 30_000))
    result = subprocess.run([sys.executable, "-m", "casebook.tools.cli", "check"],
                            capture_output=True, text=True, cwd=project)
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "content/cases/alpha.zh.md:22: body: nests quotes" in result.stdout + result.stderr


# ---- property-based: whatever the body, a located problem or a page the engines can render ----

markdownish = st.text(alphabet="[]()<>!-*+>#`_ \n\t1.a中\ufeff\x00\x1b", max_size=3000)


@given(markdownish)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_body_is_checked_without_a_traceback(content, body):
    write_case(content, "alpha", "zh", text=valid().replace("做法文字。", body))
    for problem in loader.load(content).problems:  # must not raise
        assert problem.path == CASE_FILE and problem.message


@given(st.text(alphabet="[]()<>!-*+> \n1.a", max_size=1500))
@settings(max_examples=25, deadline=None)
def test_a_body_within_bounds_renders_in_python_markdown(body):
    """Within the limits, Python-Markdown (MkDocs' engine) neither recurses too deep nor fails."""
    import markdown

    if list(bounds.check_body(body)):
        return
    markdown.markdown(body,
                      extensions=["admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"])
