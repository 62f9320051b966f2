"""`casebook` run as an editor runs it, reading what it prints: the language chosen from the
system locale or `--lang`, and every path of the command said in it (check, the YAML an editor
gets wrong, new, new en, status, schema, compress, import, --help; bundle in tests/site)."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import write_case

HAN = re.compile(r"[\u4e00-\u9fff]")
# Words of English sentences (not field names, paths or values, which both languages write alike).
ENGLISH = re.compile(r"\b(?:the|is|are|not|must|found|expected|allowed|wrote|could|cannot|did|file|run)\b")


def run(*args: str, cwd: Path | None = None, **locale: str) -> subprocess.CompletedProcess:
    """The command in a process of its own with only the locale variables given (none: C)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    return subprocess.run([sys.executable, "-m", "casebook.tools.cli", *args], capture_output=True, text=True,
                          cwd=cwd, env={**env, **locale}, timeout=300)


def said(result: subprocess.CompletedProcess) -> list[str]:
    return (result.stdout + result.stderr).splitlines()


def chinese(line: str) -> bool:
    """A line a Chinese editor reads: Chinese words, no English sentence."""
    return bool(HAN.search(line)) and not ENGLISH.search(re.sub(r"\S*[/\\.]\S*|`[^`]*`|'[^']*'|--\w[\w-]*", "", line))


# ---- how the language is chosen ----

@pytest.mark.parametrize(("locale", "expected"), [
    ({}, "OK"),  # no locale at all: English
    ({"LANG": "C.UTF-8"}, "OK"),
    ({"LANG": "en_GB.UTF-8"}, "OK"),
    ({"LANG": "zh_CN.UTF-8"}, "通过"),
    ({"LANG": "zh_TW.UTF-8"}, "通过"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "通过"),  # messages' own category first
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}, "OK"),  # LC_ALL over LANG, as gettext reads them
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}, "通过"),  # the list of languages first
    ({"LANG": "C", "LC_ALL": "POSIX"}, "OK"),
])
def test_the_language_comes_from_the_locale(content, locale, expected):
    write_case(content, "alpha", "zh")
    result = run("check", "--content", str(content), **locale)
    assert result.returncode == 0
    last = result.stdout.splitlines()[-1]
    assert last.startswith(f"{expected}：" if expected == "通过" else f"{expected}: "), last


@pytest.mark.parametrize("args", [
    ["--lang", "zh", "check"], ["check", "--lang", "zh"], ["check", "--lang=zh"],
    ["--lang", "en", "check", "--lang", "zh"],
])
def test_lang_chooses_it_before_or_after_the_command(content, args):
    write_case(content, "alpha", "zh")
    result = run(*args, "--content", str(content), LANG="en_US.UTF-8")
    assert result.returncode == 0 and result.stdout.splitlines()[-1].startswith("通过："), said(result)


def test_lang_en_wins_over_a_chinese_locale(content):
    write_case(content, "alpha", "zh")
    result = run("check", "--lang", "en", "--content", str(content), LANG="zh_CN.UTF-8")
    assert result.stdout.splitlines()[-1].startswith("OK: "), said(result)


def test_a_wrong_lang_is_refused_in_the_locales_language(content):
    result = run("--lang", "fr", "check", LANG="zh_CN.UTF-8")
    assert result.returncode == 2
    assert "casebook：错误：" in result.stderr and "'fr'" in result.stderr, result.stderr


# ---- the YAML an editor gets wrong ----

# The front matter, the line the parser puts it on (the file's first is '---') and a word of its cause.
BROKEN_YAML = {
    "colon": ("title: 会议: 总结\n", 2, "“: ”"),
    "unclosed-list": ("measures: [exchange, services\nyear: 2019\n", 3, "“]”"),
    "tab": ("id: tab\n\tyear: 2019\n", 3, "制表符"),
    "indent": ("measures:\n  - exchange\n - services\n", 4, "缩进"),
    "escape": ('title: "a\\qb"\n', 2, "反斜杠"),
    "at-sign": ("title: @home\n", 2, "引号"),
    "tag": ("title: !重要 会议\n", 2, "“!”"),
    "after-quote": ('title: "会议" 总结\n', 2, "引号"),
}


@pytest.mark.parametrize("name", sorted(BROKEN_YAML))
def test_front_matter_that_is_not_yaml_is_said_in_chinese_with_its_line(content, name):
    text, line, hint = BROKEN_YAML[name]
    (content / "cases" / f"{name}.zh.md").write_text(f"---\n{text}---\n\n## 背景\n\n一段话。\n", "utf-8")
    zh = [x for x in said(run("check", "--content", str(content), LANG="zh_CN.UTF-8")) if f"{name}.zh.md" in x]
    en = [x for x in said(run("check", "--content", str(content), LANG="C.UTF-8")) if f"{name}.zh.md" in x]
    assert len(zh) == len(en) == 1, (zh, en)
    assert zh[0].startswith(f"content/cases/{name}.zh.md:{line}: 文件头不是有效的 YAML：") and hint in zh[0], zh
    assert chinese(zh[0]), zh
    # English as the parser says it, on the same line.
    assert en[0].startswith(f"content/cases/{name}.zh.md:{line}: the front matter is not valid YAML: "), en


def test_a_broken_taxonomy_is_said_in_chinese(content):
    (content / "taxonomy.yml").write_text("unit_types: [hospital\n", "utf-8")
    for args in (["check"], ["new", "case", "--no-input"], ["schema", "--output", str(content.parent / "s")]):
        result = run(*args, "--content", str(content), LANG="zh_CN.UTF-8")
        problem = next(x for x in said(result) if "taxonomy.yml:" in x)
        assert result.returncode == 1, said(result)
        assert re.match(r"\S*content/taxonomy\.yml:2: 不是有效的 YAML：方括号列表缺少", problem), problem
        assert chinese(problem), problem


# ---- every other path of the command ----

def test_new_speaks_chinese_when_it_refuses_and_when_it_writes(content):
    write_case(content, "alpha", "zh")
    zh = {"LANG": "zh_CN.UTF-8"}
    base = ["new", "case", "--content", str(content), "--no-input", "--title-zh", "甲", "--title-en", "A"]
    for extra, expected in (
        (["--id", "Bad Id"], "casebook new：编号“Bad Id”只能由小写英文字母和连字符组成"),
        (["--id", "alpha"], "casebook new：编号“alpha”已被"),
        (["--id", "gamma", "--measures", "exchnage", "--unit-type", "hospital"], "是不是“exchange”？"),
        (["--id", "gamma", "--measures", "exchange", "--unit-type", "hospitl"], "是不是“hospital”？"),
    ):
        result = run(*base, *extra, **zh)
        assert result.returncode == 1 and expected in result.stderr and chinese(result.stderr.strip()), result.stderr
    result = run(*base, "--id", "gamma", "--measures", "exchange", "--unit-type", "hospital", **zh)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"已写出 {content.as_posix()}/cases/gamma.{lang}.md" for lang in ("zh", "en")], lines
    assert all(chinese(x) for x in lines), lines


def at_a_terminal(args: list[str], answers: str, interrupt_at: str | None = None) -> tuple[int, str]:
    """The command in a pseudo-terminal under a Chinese locale, `answers` typed ahead: its
    return code and all it wrote to the terminal (the answers echoed among it). `interrupt_at`:
    the prompt at which the editor presses Ctrl-C (a SIGINT: the terminal is not the command's
    controlling one, so the key itself would not send it)."""
    controller, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    with subprocess.Popen([sys.executable, "-m", "casebook.tools.cli", *args],
                          stdin=terminal, stdout=terminal, stderr=terminal, env={**env, "LANG": "zh_CN.UTF-8"},
                          # Ctrl-C reaches it as at a shell's prompt, even where these tests run in the
                          # background (which ignores SIGINT, and a child inherits that).
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)) as process:
        os.close(terminal)
        os.write(controller, answers.encode())
        seen = b""
        interrupted = False
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # a command that waits for more answers fails, never hangs
            if not select.select([controller], [], [], 1)[0]:
                if process.poll() is not None:
                    break
                if interrupted:  # pressed again: one press can land before the prompt reads the terminal
                    process.send_signal(signal.SIGINT)
                continue
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the command has ended and closed the terminal
                break
            if not chunk:
                break
            seen += chunk
            if interrupt_at and interrupt_at.encode() in seen and not interrupted:
                process.send_signal(signal.SIGINT)
                interrupted = True
        if process.poll() is None:
            process.kill()
        code = process.wait(timeout=60)
    os.close(controller)
    return code, seen.decode().replace("\r\n", "\n")


def test_new_asks_in_chinese_at_a_terminal(content):
    """`casebook new case` at a terminal: its prompts, the allowed values and a wrong answer's
    problem in Chinese, then the files written."""
    answers = "gamma\n丙医院\nHospital C\nexchange\nhospitl\nhospital\n"
    code, out = at_a_terminal(["new", "case", "--content", str(content)], answers)
    assert code == 0, out
    assert "单位类型：hospital, community" in out and "工作类别：leadership" in out, out
    prompts = ("编号（小写英文单词，用连字符连接）：", "中文标题：", "英文标题：",
               "工作类别（用逗号分隔）：", "单位类型：")
    for prompt in prompts:
        assert prompt in out, (prompt, out)
    assert "未知的单位类型“hospitl”" in out and "是不是“hospital”？" in out, out
    assert f"已写出 {content.as_posix()}/cases/gamma.zh.md" in out
    assert (content / "cases" / "gamma.en.md").is_file()


def test_new_stopped_at_a_prompt_says_so_without_a_traceback(content):
    code, out = at_a_terminal(["new", "case", "--content", str(content)], "gamma\n\x04")  # Ctrl-D
    assert code == 1 and "casebook new：缺少中文标题；请用选项给出（见 --help）" in out, out
    code, out = at_a_terminal(["new", "case", "--content", str(content)], "gamma\n", interrupt_at="中文标题：")
    assert code == 130 and "Traceback" not in out and "KeyboardInterrupt" not in out, out
    assert not (content / "cases" / "gamma.zh.md").exists()


def test_new_en_speaks_chinese(content):
    zh = {"LANG": "zh_CN.UTF-8"}
    result = run("new", "en", "--content", str(content), **zh)
    assert result.returncode == 1 and result.stderr.strip() == "casebook new en：请写明案例编号：casebook new en <编号>"
    result = run("new", "en", "nothing", "--content", str(content), **zh)
    assert result.returncode == 1 and "找不到" in result.stderr and chinese(result.stderr.strip()), result.stderr
    (content / "cases" / "bad.zh.md").write_text("---\ntitle: [a\n---\n", "utf-8")
    result = run("new", "en", "bad", "--content", str(content), **zh)
    assert result.returncode == 1
    where = f"{content.as_posix()}/cases/bad.zh.md:3: "
    assert result.stderr.strip().startswith(f"{where}文件头不是有效的 YAML："), result.stderr
    write_case(content, "alpha", "zh")
    result = run("new", "en", "alpha", "--content", str(content), **zh)
    assert result.returncode == 0, said(result)
    assert result.stdout.startswith(f"已写出 {content.as_posix()}/cases/alpha.en.md"), said(result)
    assert all(chinese(x) for x in result.stdout.splitlines() if x.strip()), result.stdout
    result = run("new", "en", "alpha", "--content", str(content), **zh)
    assert result.returncode == 1 and "已经存在" in result.stderr or "已存在" in result.stderr, result.stderr


def test_status_schema_and_compress_speak_chinese(content, tmp_path):
    write_case(content, "alpha", "zh")
    zh = {"LANG": "zh_CN.UTF-8"}
    status = run("status", "--content", str(content), **zh)
    assert status.returncode == 0
    headings = [x for x in status.stdout.splitlines() if x and not x.startswith(" ")]
    assert len(headings) >= 4 and all(chinese(x) for x in headings), headings
    assert "  案例 alpha：没有英文版" in status.stdout.splitlines(), status.stdout
    schema = run("schema", "--content", str(content), "--output", str(tmp_path / "schema"), **zh)
    written = [f"已写出 {tmp_path.as_posix()}/schema/{kind}.schema.json" for kind in ("case", "checklist")]
    assert schema.stdout.splitlines() == written, schema.stdout
    compress = run("compress", str(tmp_path / "nowhere"), **zh)
    assert compress.returncode == 1 and "请先构建网站" in compress.stderr and chinese(compress.stderr.strip())


def test_help_speaks_the_locales_language():
    zh, en = run("--help", LANG="zh_CN.UTF-8"), run("--help", LANG="C.UTF-8")
    assert zh.stdout.startswith("用法：casebook") and "显示本帮助并退出" in zh.stdout, zh.stdout
    assert en.stdout.startswith("usage: casebook") and "show this help message and exit" in en.stdout, en.stdout
    for command in ("check", "new", "status", "schema", "bundle", "compress", "import"):
        text = run(command, "--help", LANG="zh_CN.UTF-8").stdout
        described = [x for x in text.splitlines() if x.strip() and not x.strip().startswith(("-", "用法", "casebook"))]
        assert text.startswith(f"用法：casebook {command}") and "--lang" in text, text
        assert HAN.search(" ".join(described)), text


REPORT = """某某中学2023年民族团结进步创建工作总结

一、主要做法
学校开展民族团结教育主题班会12次，组织各族学生结对46对。

二、问题与打算
部分活动形式单一，下一步将丰富活动内容。
"""


def test_import_speaks_chinese_when_it_writes_and_when_it_refuses(content, tmp_path):
    report = tmp_path / "school-report.txt"
    report.write_text(REPORT, "utf-8")
    (tmp_path / "empty.txt").write_text("", "utf-8")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    zh = {"LANG": "zh_CN.UTF-8"}
    result = run("import", "--content", str(content), str(report), **zh)
    assert result.returncode == 0, said(result)
    assert result.stderr.strip().startswith("1个文件中的1篇报告。请逐一审阅草稿"), result.stderr
    assert "字段" in result.stdout and "依据" in result.stdout and "来源类型" in result.stdout
    # What the report does not give (its unit's name is a placeholder) is said so, not as Python's None.
    assert "（未找到）" in result.stdout and not re.search(r"\bNone\b", result.stdout), result.stdout
    # The draft's own guidance in the editor's language (the evidence beside it is the importer's).
    draft = (content / "cases" / "school-report.zh.md").read_text("utf-8")
    assert "# 草稿：由 `casebook import` 根据 school-report.txt 写出（第 1 篇，共 1 篇）。" in draft
    assert "# 对照报告（content/sources/school-report.txt）逐项核对每个字段" in draft
    assert "# wording_reuse：选填；只用于本单位编辑导入的本单位自己的报告" in draft
    english = r"Check every field|not suggested by the importer|every Arabic number|where the report comes from"
    assert not re.search(english, draft)
    check = run("check", "--content", str(content), **zh)  # a draft in Chinese is still a draft the checker reads
    assert check.returncode == 0, said(check)
    assert any(x.startswith("content/cases/school-report.zh.md：草稿") for x in check.stdout.splitlines()), said(check)
    # The id taken: refused, in Chinese, nothing overwritten.
    again = run("import", "--content", str(content), str(report), **zh)
    assert again.returncode == 1 and "拒绝了 1 个" in again.stderr, again.stderr
    refused = [x for x in again.stderr.splitlines() if "school-report" in x and "已" in x]
    assert refused and all(chinese(x) for x in refused), again.stderr
    # A bad --id, and files the readers refuse.
    bad = run("import", "--content", str(content), "--id", "../x", str(report), **zh)
    assert bad.returncode == 2 and chinese(bad.stderr.strip()), bad.stderr
    files = [str(tmp_path / name) for name in ("empty.txt", "old.doc", "gone.txt")]
    unread = run("import", "--dry-run", "--content", str(content), *files, **zh)
    assert unread.returncode == 1 and "拒绝了 3 个" in unread.stderr, unread.stderr
    reasons = [x for x in unread.stderr.splitlines() if x.startswith("已拒绝：")]
    assert len(reasons) == 3 and all(chinese(x) for x in reasons), reasons
    assert any(x.endswith("gone.txt: 找不到这个文件") for x in reasons), reasons


def test_check_json_says_the_message_in_the_editors_language_and_its_key_for_tools(content):
    write_case(content, "alpha", "zh", unit_type="hospitl")
    zh = json.loads(run("check", "--format", "json", "--content", str(content), LANG="zh_CN.UTF-8").stdout)
    en = json.loads(run("check", "--format", "json", "--content", str(content), LANG="C.UTF-8").stdout)
    pick = [next(p for p in said if p["field"] == "unit_type") for said in (zh, en)]
    assert pick[0]["message"].startswith("未知的单位类型“hospitl”"), pick
    assert pick[1]["message"].startswith("unknown unit type 'hospitl'"), pick
    # What a tool reads is the same in either language: the place and the key (values that are
    # words themselves, such as the quoted value, are written in the language).
    same = ("path", "line", "field", "severity", "code", "key")
    assert [pick[0][k] for k in same] == [pick[1][k] for k in same]
    assert pick[0]["values"]["closest"] == pick[1]["values"]["closest"] == "hospital"


def test_a_value_as_written_is_quoted_as_the_language_quotes(content):
    case = write_case(content, "alpha", "zh")
    text = case.read_text("utf-8").replace("id: alpha", "id: 'Bad_Id'").replace("year: 2019", "year: 20x9")
    case.write_text(text, "utf-8")
    zh = run("check", "--content", str(content), LANG="zh_CN.UTF-8").stdout
    en = run("check", "--content", str(content), LANG="C.UTF-8").stdout
    assert ": id: 应由小写英文字母和连字符组成（如 bihai-community），而不是“Bad_Id”" in zh, zh
    assert ": id: must be lower-case ASCII letters joined by hyphens (like 'bihai-community'), not 'Bad_Id'" in en, en
    assert "；而不是“20x9”" in zh and "(or left out when unknown), not '20x9'" in en, (zh, en)


def test_the_sections_are_listed_as_chinese_lists_them(content):
    case = write_case(content, "alpha", "zh")
    text = case.read_text("utf-8")
    case.write_text(text.replace("## 主要做法", "## 做法"), "utf-8")
    zh = run("check", "--content", str(content), LANG="zh_CN.UTF-8").stdout
    assert "案例依次有：## 背景、## 主要做法、## 成效、## 问题与下一步" in zh, zh
