"""`casebook import` on bad input: each file refused with its reason and the limit it passed,
quickly, while the good files of the same batch are imported; and a folder gives only its reports.

Every file is made here (Word files with python-docx, then taken apart); none comes from a report."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from casebook.intake import command
from casebook.intake import read as reading
from casebook.tools.cli import main

GOOD = ["阳光社区民族团结进步创建工作总结",
        "阳光社区位于四川省凉山彝族自治州西昌市，辖区居民3200户，有彝族、藏族、回族等居民。",
        "社区成立民族团结工作领导小组，全年开展宣传活动12次，调解纠纷18件。"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def word_file(path: Path, paragraphs: list[str]) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return path


def rebuilt(source: Path, target: Path, document=None, extra: dict[str, bytes] | None = None) -> Path:
    """The Word file `source` with its document.xml changed and parts added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "word/document.xml" and document is not None:
                data = document(data)
            new.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            new.writestr(name, data)
    return target


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text("\n\n".join(GOOD), "utf-8")
    return folder


def test_a_zip_bomb_docx_is_refused_quickly_and_the_batch_goes_on(capsys, content, batch, monkeypatch):
    good = word_file(batch.parent / "plain.docx", GOOD)
    # Zeros compress a thousandfold: a part that expands past the limit from a file of a few KB.
    monkeypatch.setattr(reading, "MAX_DOCX_EXPANDED", 8 * 1024 * 1024)
    bomb = rebuilt(good, batch / "bomb.docx", extra={"word/media/zeros.bin": bytes(24 * 1024 * 1024)})
    assert bomb.stat().st_size < 200_000
    started = time.monotonic()
    code, out, err = run(capsys, "--dry-run", "--content", str(content), str(batch))
    assert time.monotonic() - started < 30
    assert code == 1
    assert "bomb.docx: its parts expand to more than 8 MB (the limit for a .docx" in err
    assert "good.txt, report 1 of 1" in out
    assert "1 report from 1 file (dry run: nothing written); 1 refused:" in err


def test_a_docx_declaring_entities_is_refused_not_read_without_its_text(capsys, content, batch, tmp_path):
    good = word_file(tmp_path / "plain.docx", GOOD)
    bomb = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    rebuilt(good, batch / "entities.docx",
            document=lambda xml: bomb + xml.split(b"?>", 1)[1].replace("社区成立".encode(), b"&c;", 1))
    code, out, err = run(capsys, "--dry-run", "--content", str(content), str(batch))
    assert code == 1
    assert "entities.docx: word/document.xml declares a DTD or entities, which Word never writes" in err
    assert "good.txt, report 1 of 1" in out


def test_a_docx_with_malformed_xml_is_refused_with_its_reason(capsys, content, batch, tmp_path):
    good = word_file(tmp_path / "plain.docx", GOOD)
    rebuilt(good, batch / "cut.docx", document=lambda xml: xml[: len(xml) // 2])
    code, out, err = run(capsys, "--dry-run", "--content", str(content), str(batch))
    assert code == 1
    assert "cut.docx: not a readable .docx file (XMLSyntaxError:" in err
    assert "good.txt, report 1 of 1" in out


def test_a_huge_text_file_is_refused_by_its_size_and_one_of_many_reports_by_their_number(capsys, content, batch):
    (batch / "huge.txt").write_text("社区民族团结工作总结\n社区开展宣传活动。\n" * 200_000, "utf-8")
    many = "\n".join(f"篇{i}：社区民族团结工作总结\n社区开展宣传活动{i}次。" for i in range(1, 260))
    (batch / "many.txt").write_text(many, "utf-8")
    code, out, err = run(capsys, "--dry-run", "--content", str(content), str(batch))
    assert code == 1
    assert f"huge.txt: 11.3 MB, over the limit of {reading.MAX_TEXT_BYTES // 1024 // 1024} MB for a .txt file" in err
    assert f"many.txt: 259 reports found, over the limit of {command.MAX_REPORTS} for one file" in err
    assert "good.txt, report 1 of 1" in out


def test_a_file_past_the_time_limit_is_refused_and_the_batch_goes_on(capsys, content, batch, monkeypatch):
    (batch / "slow.txt").write_text("\n\n".join(GOOD), "utf-8")
    real = command.import_file

    def slow(path, shown, taxonomy, with_read=False):
        if path.name == "slow.txt":
            time.sleep(5)
        return real(path, shown, taxonomy, with_read)
    monkeypatch.setattr(command, "import_file", slow)
    monkeypatch.setattr(command, "MAX_SECONDS", 1)
    code, out, err = run(capsys, "--dry-run", "--content", str(content), str(batch))
    assert code == 1
    assert "slow.txt: took longer than 1 s, the limit for one file" in err
    assert "good.txt, report 1 of 1" in out


def test_an_unexpected_failure_of_one_file_is_its_refusal_not_a_traceback(capsys, content, batch, monkeypatch):
    (batch / "odd.txt").write_text("\n\n".join(GOOD), "utf-8")
    real = command.import_file

    def failing(path, shown, taxonomy, with_read=False):
        if path.name == "odd.txt":
            raise IndexError("list index out of range")
        return real(path, shown, taxonomy, with_read)
    monkeypatch.setattr(command, "import_file", failing)
    code, out, err = run(capsys, "--dry-run", "--content", str(content), str(batch))
    assert code == 1
    assert "odd.txt: could not be imported (IndexError: list index out of range)" in err
    assert "Traceback" not in err
    assert "good.txt, report 1 of 1" in out


@pytest.mark.parametrize("given", ["../../x", "/etc/passwd", "Hospital", "a/b", "x..y", ""])
def test_an_id_that_is_no_id_is_refused_before_anything_is_read(capsys, content, batch, given):
    code, out, err = run(capsys, "--id", given, "--content", str(content), str(batch / "good.txt"))
    assert code == 2
    assert f"--id: “{given}” is not an id" in err
    assert "Traceback" not in err
    assert not (content / "sources").exists() and list((content / "cases").iterdir()) == []


def test_a_folder_gives_its_reports_not_its_readme_or_notes(capsys, content, batch):
    (batch / "README.md").write_text("# 说明\n\n这个文件夹收了单位的工作报告。\n", "utf-8")
    (batch / "notes.txt").write_text("待办：核对数字。\n", "utf-8")
    (batch / ".hidden.txt").write_text("\n\n".join(GOOD), "utf-8")
    code, out, err = run(capsys, "--dry-run", "--json", "--content", str(content), str(batch))
    assert code == 0, err
    import json

    assert [r["file"] for r in json.loads(out)] == [(batch / "good.txt").as_posix()]
    assert f"skipped: {(batch / 'README.md').as_posix()} (a folder's notes" in err
    assert "notes.txt" in err and ".hidden.txt" in err
    # Named on the command line, a README is read like any file.
    code, out, err = run(capsys, "--dry-run", "--json", "--content", str(content), str(batch / "README.md"))
    assert code == 0 and "这个文件夹" in out


def test_a_file_of_only_noise_is_refused_whatever_its_furniture(capsys, content, batch):
    (batch / "noise.txt").write_text("\n".join([
        "首页 > 范文大全 > 工作总结", "发布时间：2022-12-26 10:32　　浏览次数：1358　　来源：范文网",
        "— 2 —", "本文由会员上传，仅供参考。如需原创文章，请联系客服。", "扫码关注公众号，获取更多范文"]), "utf-8")
    code, out, err = run(capsys, "--dry-run", "--content", str(content), str(batch))
    assert code == 1
    assert "noise.txt: no report text is left once 5 lines of website noise are removed" in err


def test_a_docx_whose_text_expands_past_its_limit_is_refused(capsys, content, batch, tmp_path, monkeypatch):
    good = word_file(tmp_path / "plain.docx", GOOD)
    monkeypatch.setattr(reading, "MAX_DOCX_XML", 2 * 1024 * 1024)
    padding = b"<!-- " + b" " * (3 * 1024 * 1024) + b" -->"
    rebuilt(good, batch / "long.docx", document=lambda xml: xml.replace(b"<w:body>", b"<w:body>" + padding, 1))
    code, out, err = run(capsys, "--dry-run", "--content", str(content), str(batch))
    assert code == 1
    assert ("long.docx: its XML expands to more than 2 MB (the limit for a .docx's text, passed in "
            "word/document.xml)") in err
    assert "good.txt, report 1 of 1" in out
