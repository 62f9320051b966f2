"""Every message of `casebook` in both languages, from strings.yml, and none that only English can say.

Problems are data (model.Message: a key of strings.yml and its values) written out in the
editor's language where they are shown; these tests hold the catalogue complete and the code
to it, and look at what a Chinese editor reads.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from casebook.corpus import loader, schema
from casebook.corpus.validate import help_key
from casebook.model import LANGUAGES, Message, Problem
from casebook.strings import strings
from casebook.tools.cli import main
from support import ROOT, write_case

SRC = ROOT / "src" / "casebook"
# The texts of the command, apart from the site's (evidence: why `import` suggests a value).
SECTIONS = ("check", "cli", "cli_help", "import", "yaml", "draft", "evidence")
HAN = re.compile(r"[\u4e00-\u9fff]")
CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]")


def _fields(text: str) -> set[str]:
    """The values a text is filled in with ({name} and {name:,}), in every plural form."""
    forms = [text, getattr(text, "one", text)]
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name}


def test_every_message_has_both_languages_with_the_same_values():
    for section in SECTIONS:
        zh, en = strings()["zh"][section], strings()["en"][section]
        assert set(zh) == set(en), f"{section}: only in one language: {sorted(set(zh) ^ set(en))}"
        for key in en:
            if key == "argparse":
                continue
            assert isinstance(zh[key], str) and zh[key] and isinstance(en[key], str) and en[key], (section, key)
            if section == "yaml":  # the parser's own words ({problem}) are English's only
                assert _fields(zh[key]) <= _fields(en[key]), f"{section}.{key}: a value English does not have"
            else:
                assert _fields(zh[key]) == _fields(en[key]), \
                    f"{section}.{key}: the two languages fill in different values"
            if section != "cli_help" and key not in ("list_sep", "times"):  # times: a word and its count, symbols only
                # Chinese says it in Chinese, or with its punctuation (or is a name both languages write alike).
                assert CHINESE.search(zh[key]) or zh[key] == en[key], f"{section}.{key} is not Chinese: {zh[key]!r}"


def test_argparse_own_words_keep_their_placeholders():
    import argparse

    own = set(re.findall(r"_\('((?:[^'\\]|\\.)*)'\)", Path(argparse.__file__).read_text("utf-8")))
    own = {ast.literal_eval(f"'{text}'") for text in own}
    words = strings()["zh"]["cli_help"]["argparse"]
    for text, said in words.items():
        assert text in own, f"argparse has no text {text!r} (in this Python)"
        assert re.findall(r"%\(\w+\)[rs]|%[rs]", said) == re.findall(r"%\(\w+\)[rs]|%[rs]", text), text


def test_the_help_of_every_required_field_is_in_both_languages_and_says_what_the_schema_says():
    for fields in (schema.CASE_FIELDS, schema.CHECKLIST_FIELDS):
        for spec in fields:
            if spec.required:
                key = help_key(spec, fields)
                assert key in strings()["zh"]["check"], key
                # One field, one meaning: the English help is the declaration's (also the JSON Schema's).
                assert Message(key).text("en") == spec.help, key


# ---- the code names only keys the catalogue has, and words no problem itself ----

def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text("utf-8"))) for path in sorted(SRC.rglob("*.py"))]


def _call_name(node: ast.Call) -> str | None:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _pattern(arg: ast.expr) -> re.Pattern | None:
    """The key a call names: a text, or an f-string read as a pattern (its values any word)."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return re.compile(re.escape(arg.value))
    if isinstance(arg, ast.JoinedStr):
        return re.compile("".join(re.escape(v.value) if isinstance(v, ast.Constant) else r"\w+" for v in arg.values))
    return None


def _keys(section: str) -> set[str]:
    return set(strings()["en"][section]) & set(strings()["zh"][section])


# The functions that write a message of a section, where they are called.
_SAYERS = {
    "say": None,  # model.say: "check", or "section.key"
    "_t": "cli",  # tools/cli.py, tools/bundle.py
    "t": "import",  # intake/command.py's run
    "h": "cli_help",  # the parser's help
}


def test_every_key_the_code_names_is_in_the_catalogue():
    named = 0
    for path, tree in _modules():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args and _call_name(node) in _SAYERS):
                continue
            if isinstance(node.func, ast.Attribute):
                continue  # a method of some other object (`self.t(...)`)
            pattern = _pattern(node.args[0])
            if pattern is None:
                continue  # a key passed along (help_key, _t(key)): the callers' keys are checked here
            section = _SAYERS[_call_name(node)]
            if path.name == "draft.py" and section == "import":
                section = "draft"  # the draft's own comments (intake/draft.py's t)
            if section is None:
                section, _, _ = pattern.pattern.partition(r"\.") if r"\." in pattern.pattern else ("check", "", "")
                if section != "check":
                    pattern = re.compile(pattern.pattern.partition(r"\.")[2])
            keys = _keys(section)
            named += 1
            assert any(pattern.fullmatch(k) for k in keys), \
                f"{path.relative_to(ROOT)}:{node.lineno}: no {section} text {pattern.pattern!r} in strings.yml"
    assert named > 150  # the scan found the messages (a rename of `say` would find none)


# Calls that carry what is wrong to the editor: their message must be a Message, never a text
# built where it is found (Refusal: import's, from reading a file to writing its draft).
_CARRIERS = {"Problem": 3, "FrontMatterError": 0, "Unreadable": 0, "_Refused": 0, "Refusal": 0}


def _worded(arg: ast.expr) -> bool:
    """An English text built in place: a literal, an f-string, a concatenation, str(...)."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) or isinstance(arg, ast.JoinedStr):
        return True
    if isinstance(arg, ast.BinOp):
        return _worded(arg.left) or _worded(arg.right)
    return isinstance(arg, ast.Call) and _call_name(arg) in ("str", "format")


def test_no_problem_is_worded_where_it_is_found():
    found = []
    for path, tree in _modules():
        in_intake = path.parent.name == "intake"
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _call_name(node) not in _CARRIERS:
                continue
            name = _call_name(node)
            if name == "Refusal" and not in_intake:
                continue
            if name == "Unreadable" and path.parent.name == "incremental":
                continue  # the memo's own (store.Unreadable): a stored value read again, never shown
            at = _CARRIERS[name]
            arg = node.args[at] if len(node.args) > at else next(
                (k.value for k in node.keywords if k.arg in ("message", "problem")), None)
            if arg is not None and _worded(arg):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}({ast.unparse(arg)[:60]})")
    assert found == [], "say it with a key of strings.yml (model.say), not in English only:\n" + "\n".join(found)


def test_problem_carries_a_message():
    # mypy holds every caller to the type; this holds the type.
    assert Problem.__annotations__["message"] in (Message, "Message")


# ---- what an editor reads ----

BROKEN = """---
id: broken-one
title: 2019
unit_type: hospitl
measures: [publicity_educaton]
region: {province: 云南省, town: 某镇}
year: 20x9
ethnic_groups: []
source: {file: a.txt, kind: report}
summary: TODO
colour: red
---

## 背景

一段话。<script>alert(1)</script>

## 成果

![图](http://example.com/a.png)
"""


@pytest.fixture
def broken(content: Path) -> Path:
    (content / "cases" / "broken-one.zh.md").write_text(BROKEN, "utf-8")
    write_case(content, "alpha", "zh")
    write_case(content, "alpha", "en", title="Case alpha on 10月29日")
    (content / "cases" / "notes.zh.md").write_text("---\nid: [unclosed\n---\n", "utf-8")
    (content / "glossary.yml").write_text("terms:\n  - id: x\n    term: {zh: 词}\n", "utf-8")
    (content / "images").mkdir()
    (content / "images" / "a.svg").write_text("<svg/>", "utf-8")
    return content


def _check(content: Path, lang: str, capsys) -> list[str]:
    code = main(["--lang", lang, "check", "--content", str(content)])
    assert code == 1
    return capsys.readouterr().out.splitlines()


_LINE = re.compile(r"^(?P<where>content/[^:\s]+(?::\d+)?): (?P<tag>警告：|提示：|warning: |info: )?"
                   r"(?:(?P<field>[\w.\[\]]+): )?(?P<message>.+)$")


def test_a_chinese_check_of_broken_files_speaks_chinese_in_the_file_line_field_shape(broken, capsys):
    english, chinese = _check(broken, "en", capsys), _check(broken, "zh", capsys)
    assert len(english) == len(chinese) > 12
    assert chinese[-1].startswith("未通过：") and english[-1].startswith("FAILED: ")
    places = []
    for en, zh in zip(english[:-1], chinese[:-1], strict=True):
        m_en, m_zh = _LINE.match(en), _LINE.match(zh)
        assert m_en and m_zh, (en, zh)
        # The same place and field in both languages; the message itself in the editor's.
        assert (m_zh["where"], m_zh["field"]) == (m_en["where"], m_en["field"]), (en, zh)
        assert HAN.search(m_zh["message"]) and m_zh["message"] != m_en["message"], zh
        assert not re.search(r"\b(?:must|unknown|is not|the file|allowed|Did you mean)\b", m_zh["message"]), zh
        places.append(m_zh["where"])
    assert any(p.startswith("content/cases/broken-one.zh.md:") for p in places)
    # The closest value, in either language's words.
    assert any("unknown unit type 'hospitl'" in line and line.endswith("Did you mean 'hospital'?") for line in english)
    assert any("未知的单位类型“hospitl”" in line and line.endswith("是不是“hospital”？") for line in chinese)
    assert any(": measures[0]: " in line and "是不是“publicity_education”？" in line for line in chinese)
    assert any(": region.town: " in line and "未知的地区字段" in line for line in chinese)
    assert any(line.startswith("content/cases/alpha.en.md:") and ": 警告：" in line and "中文日期“10月29日”" in line
               for line in chinese)
    assert any(line.startswith("content/images/a.svg: SVG 不予发布") for line in chinese)


def test_every_problem_of_the_broken_files_is_said_in_both_languages(broken):
    loaded = loader.load(broken)
    assert len(loaded.problems) > 12
    for p in (*loaded.problems, *loaded.notes):
        texts = {lang: p.text(lang) for lang in LANGUAGES}
        assert texts["en"] == str(p) and texts["zh"] != texts["en"], texts


def test_the_help_and_argparse_speak_chinese(capsys):
    for args in (["--help"], ["check", "--help"], ["new", "--help"], ["import", "--help"]):
        with pytest.raises(SystemExit):
            main(["--lang", "zh", *args])
        out = capsys.readouterr().out
        assert out.startswith("用法：casebook") and "选项" in out and "显示本帮助并退出" in out, out
    with pytest.raises(SystemExit):
        main(["--lang", "zh", "--help"])
    assert "检查每个案例和清单，列出每个问题" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--lang", "zh", "chekc"])
    err = capsys.readouterr().err
    assert "casebook：错误：参数 命令：无效的选项：'chekc'" in err, err
    # English as before, and argparse left as it was found.
    with pytest.raises(SystemExit):
        main(["--lang", "en", "check", "--help"])
    assert "Exits with 1 when there are errors" in capsys.readouterr().out
    import argparse

    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]


def test_import_speaks_chinese(content, tmp_path, capsys):
    report = tmp_path / "report.txt"
    report.write_text("某某医院2023年民族团结进步创建工作总结\n\n医院为少数民族患者提供翻译服务。\n", "utf-8")
    (tmp_path / "empty.txt").write_text("", "utf-8")
    code = main(["--lang", "zh", "import", "--dry-run", "--content", str(content), str(report),
                 str(tmp_path / "empty.txt")])
    captured = capsys.readouterr()
    assert code == 1
    assert "1个文件中的1篇报告（试运行：未写任何文件）；拒绝了 1 个：" in captured.err, captured.err
    assert "字段" in captured.out and "依据" in captured.out and "（试运行）" in captured.out
