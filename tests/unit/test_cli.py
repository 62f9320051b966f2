"""The `casebook` command as an editor uses it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import jsonschema
import yaml

from casebook.corpus import frontmatter, loader
from casebook.tools.cli import main
from support import ROOT, write_case


def run(*args: str, cwd=None, lang: str = "C.UTF-8") -> subprocess.CompletedProcess:
    """The command as an editor runs it, in the locale `lang` (English unless it is a Chinese one)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    return subprocess.run([sys.executable, "-m", "casebook.tools.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env={**env, "LANG": lang})


def test_check_prints_every_problem_and_a_summary_and_fails(content):
    write_case(content, "alpha", "zh", unit_type="hospitl")
    write_case(content, "beta", "zh", measures="nope")
    result = run("check", "--content", str(content))
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    first = next(line for line in lines if "unit_type" in line)
    assert first.startswith("content/cases/alpha.zh.md:4: unit_type: unknown unit type 'hospitl'; allowed: hospital,")
    assert first.endswith("Did you mean 'hospital'?")
    assert any(line.startswith("content/cases/beta.zh.md:5: measures[0]: unknown measure category 'nope'")
               for line in lines)
    assert lines[-1] == "FAILED: 2 errors, 1 warning in 1 case and 0 checklists"


def test_check_passes_with_warnings_only(content):
    write_case(content, "alpha", "zh")
    result = run("check", "--content", str(content))
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == "OK: 0 errors, 1 warning in 1 case and 0 checklists"


def test_check_json_for_tools(content):
    write_case(content, "alpha", "zh", unit_type="hospitl")
    result = run("check", "--content", str(content), "--format", "json")
    problems = json.loads(result.stdout)
    error = next(p for p in problems if p["severity"] == "error")
    # The message in the editor's language, and as data (its key and values) for a tool that words it itself.
    assert error == {"path": "content/cases/alpha.zh.md", "line": 4, "field": "unit_type", "severity": "error",
                     "code": None, "message": error["message"], "key": "unknown_unit_type", "values": error["values"]}
    assert "Did you mean 'hospital'?" in error["message"]
    assert error["values"]["given"] == "'hospitl'" and error["values"]["closest"] == "hospital"


def test_new_case_writes_both_files_with_every_field_and_section(content):
    code = main(["new", "case", "--content", str(content), "--id", "new-hospital", "--title-zh", "新医院",
                 "--title-en", "A new hospital", "--unit-type", "hospital", "--measures", "exchange,leadership",
                 "--no-input"])
    assert code == 0
    for lang in ("zh", "en"):
        doc = frontmatter.parse((content / f"cases/new-hospital.{lang}.md").read_text("utf-8"))
        assert doc.meta["id"] == "new-hospital" and doc.meta["unit_type"] == "hospital"
        assert doc.meta["measures"] == ["exchange", "leadership"]
        assert set(doc.meta) >= {"title", "unit", "region", "year", "ethnic_groups", "honours", "source", "summary"}
    result = loader.load(content)
    assert result.errors, "a fresh template is not finished content"
    assert all("TODO" in str(p.message) or p.field == "source.report" for p in result.errors)
    assert {p.field for p in result.errors} >= {"summary", "body", "unit", "province", "file"}


def test_new_refuses_unknown_choices_with_a_suggestion(content, capsys):
    try:
        main(["new", "case", "--content", str(content), "--id", "x-y", "--title-zh", "a", "--title-en", "b",
              "--unit-type", "hospitl", "--measures", "exchange", "--no-input"])
    except SystemExit as e:
        assert "unknown unit type 'hospitl'" in str(e.code) and "Did you mean 'hospital'?" in str(e.code)
    else:
        raise AssertionError("no error")


def test_new_checklist_then_filled_in_is_green(content):
    write_case(content, "alpha", "zh")
    write_case(content, "alpha", "en")
    main(["new", "checklist", "--content", str(content), "--id", "drill", "--title-zh", "演练", "--title-en", "Drill",
          "--measures", "exchange", "--no-input"])
    for lang in ("zh", "en"):
        path = content / f"checklists/drill.{lang}.md"
        path.write_text(path.read_text("utf-8").replace("summary: TODO", "summary: s").replace(
            "text: TODO", "text: do it").replace("cases: []", "cases: [alpha]").replace(
            "\nTODO\n", "\nIntro.\n"), "utf-8")
    assert loader.load(content).problems == ()


def test_status_lists_missing_translations_and_counts(content):
    write_case(content, "alpha", "zh")
    write_case(content, "beta", "zh", unit_type="community")
    write_case(content, "beta", "en", unit_type="community")
    out = run("status", "--content", str(content)).stdout
    assert "case alpha: no English version" in out
    assert "3 of 4 pages written in both languages' files; 1 missing" in out
    assert "      1  hospital (医院 / Hospital)" in out and "      1  community (社区 / Community)" in out


def test_committed_schema_is_current_and_validates_the_content(tmp_path):
    assert main(["schema", "--content", str(ROOT / "content"), "--output", str(tmp_path)]) == 0
    for kind in ("case", "checklist"):
        generated = json.loads((tmp_path / f"{kind}.schema.json").read_text("utf-8"))
        committed = json.loads((ROOT / f"schema/{kind}.schema.json").read_text("utf-8"))
        assert generated == committed, "run `casebook schema` and commit schema/"
        folder = ROOT / "content" / (kind + "s")
        for path in folder.glob("*.md"):
            jsonschema.validate(frontmatter.parse(path.read_text("utf-8")).meta, generated)
    case_schema = json.loads((tmp_path / "case.schema.json").read_text("utf-8"))
    bad = yaml.safe_load("id: x\ntitle: t\nunit_type: hospitl\n")
    messages = [e.message for e in jsonschema.Draft202012Validator(case_schema).iter_errors(bad)]
    assert any("'hospitl' is not one of" in m for m in messages)
    assert any("'summary' is a required property" in m for m in messages)


def test_help_in_plain_words():
    out = run("--help").stdout + run("new", "--help").stdout + run("check", "--help").stdout
    assert "start a new case or checklist in both languages" in out
    assert "Exits with 1 when there are errors" in out


def test_figures_and_dates_as_english_writes_them():
    from casebook.tools.templates import figures

    text = ("投入3400万元，接诊12万人次，覆盖1700余人、近300户，占60.5%；10月29日举办，2019年5月启动，"
            "2023年12月20日总结；1862名学生")
    assert figures(text) == ["34 million yuan", "120,000", "more than 1,700", "nearly 300", "60.5%", "29 October",
                             "May 2019", "20 December 2023", "1,862"]
    assert figures("201.8万元，1.5亿元") == ["2.018 million yuan", "150 million yuan"]


def test_new_en_writes_the_english_twin_from_the_chinese_file(content):
    from support import journey

    (content / "cases" / "lanxi-middle-school.zh.md").write_text(
        journey.finish_zh(journey.draft_like(journey.ID, "lanxi.txt")), "utf-8")
    result = run("new", "en", journey.ID, "--content", str(content))
    assert result.returncode == 0, result.stderr
    en = frontmatter.parse((content / "cases" / f"{journey.ID}.en.md").read_text("utf-8"))
    zh = frontmatter.parse((content / "cases" / f"{journey.ID}.zh.md").read_text("utf-8"))
    # Shared fields as in Chinese; names by the casebook's conventions; what is left, TODO.
    for name in ("id", "unit_type", "measures", "year", "source"):
        assert en.meta[name] == zh.meta[name]
    assert en.meta["region"] == {"province": "Yunnan", "county": "TODO: English for 澜溪县"}
    assert en.meta["ethnic_groups"] == ["Han", "Yi", "Hani", "Dai", "Va", "Lahu"]
    assert en.meta["title"].startswith("TODO")
    assert [line for line in en.body.splitlines() if line.startswith("## ")] == \
        ["## Background", "## What they did", "## Results", "## Problems and next steps"]
    assert "Its figures and dates, as English writes them: 2023; 97; 15; 2." in en.body
    # The check lists what is left to write, at its line.
    problems = [str(p) for p in loader.load(content).problems if p.path.endswith(".en.md")]
    assert any(p.startswith(f"content/cases/{journey.ID}.en.md:") and "TODO" in p for p in problems), problems
    # It never overwrites an English file unasked.
    again = run("new", "en", journey.ID, "--content", str(content))
    assert again.returncode == 1 and "already exists; overwrite it with --force" in again.stderr
    assert run("new", "en", "nobody", "--content", str(content)).returncode == 1


def test_the_command_speaks_the_editors_language(content):
    write_case(content, "alpha", "zh", unit_type="hospitl")
    write_case(content, "alpha", "en")
    english = run("check", "--content", str(content)).stdout.splitlines()
    chinese = run("check", "--content", str(content), lang="zh_CN.UTF-8").stdout.splitlines()
    assert english[-1] == "FAILED: 1 error, 1 warning in 1 case and 0 checklists"
    assert chinese[-1] == "未通过：1个案例、0份清单中有1个错误、1个警告"
    assert any(": 警告：" in line for line in chinese) and any(": warning: " in line for line in english)
    # --lang wins over the locale; the problems keep their place and field in either language.
    assert run("--lang", "en", "check", "--content", str(content), lang="zh_CN.UTF-8").stdout.splitlines() == english
    assert run("--lang", "zh", "check", "--content", str(content)).stdout.splitlines() == chinese
    assert [line.split(": ")[0] for line in chinese[:-1]] == [line.split(": ")[0] for line in english[:-1]]
    new = run("new", "case", "--content", str(content), "--no-input", lang="zh_CN.UTF-8")
    assert new.returncode == 1 and new.stderr.strip() == (
        "casebook new：缺少编号（小写英文单词，用连字符连接）；请用选项给出（见 --help）")
