"""`casebook import`: reading, cleaning, splitting, suggestions with evidence, drafts, refusals.

Every fixture is written here from invented sentences; none is taken from a real report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from casebook.tools.cli import main
from support import mkdocs_build, write_case

SCHOOL = [
    "阳光小学民族团结进步创建工作总结",
    "我校位于云南省大理白族自治州宾川县，现有学生860名，其中白族、彝族学生占42%。",
    "学校成立民族团结进步创建领导小组，建立工作制度和台账，每学期考核一次。",
    "全校开展民族团结教育月活动，举办讲座6场，制作宣传展板20块。",
]

NOISY = """首页 > 范文大全 > 工作总结
2023-05-06

篇1：河谷社区民族团结工作总结

河谷社区位于四川省凉山彝族自治州西昌市，辖区居民3200户，有彝族、藏族、回族等居民。

社区成立民族团结工作领导小组，建立流动人口信息登记台账，全年登记流动人口156人。##paidbegin##

社区组织各族居民开展联谊活动和文艺演出，共度火把节，参加居民达到1200人次。

矛盾纠纷排查调解做到早发现早化解，全年调解纠纷#from 本文来自某某范文网 end#

18件，调解成功率100%。()

范文网

篇2：石桥镇民族团结创建工作汇报

石桥镇党委把民族团结进步创建纳入议事日程，制定工作方案，明确专人负责。

全镇开展结对认亲活动，干部与困难户结对帮扶，送去慰问金和生活用品。

范文网

组织各族群众参加技能培训，帮助就业，增加收入。

镇政府在网站www.example.org开设民族团结专栏，刊登各村开展结对认亲、技能培训和联谊活动的情况，供各族群众阅读全文、留言交流，全年更新专栏文章四十多篇。

预览阅读已结束，若您需要下载全文，请扫码联系客服！
上一篇：某某工作计划 下一篇：某某心得体会

范文网
"""

PLACEHOLDERS = """XX社区民族团结工作汇报

XX社区位于###街道，辖属 个居民小组，总面积平方公里。

20XX年，社区成立民族团结工作领导小组，制定工作制度，组织居民学习民族政策，开展宣传活动X余次，受益群众**人。

社区卫生室配备了X光机，为少数民族 个人建立健康档案。
"""

TRADITIONAL = """醫院民族團結工作總結

本院堅持民族團結教育，組織醫務人員學習黨的民族政策，開展宣傳活動12次。

醫院為少數民族患者提供翻譯服務，尊重回族患者的飲食習慣，設立清真食堂。

全院組織醫護人員下鄉義診8次，為困難群眾送醫送藥。
"""


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def imported(capsys, *args: str) -> list[dict]:
    code, out, err = run(capsys, "--json", *args)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def gbk_file(tmp_path: Path) -> Path:
    path = tmp_path / "school-report.txt"
    path.write_bytes("\n\n".join(SCHOOL).encode("gbk"))
    return path


def test_json_has_every_key_and_suggestions_from_the_taxonomy_and_the_gazetteer(capsys, content, gbk_file):
    [report] = imported(capsys, "--dry-run", "--content", str(content), str(gbk_file))
    for key in ("file", "title", "unit_type", "measures", "region", "year", "ethnic_groups", "numbers",
                "placeholders", "removed", "text"):
        assert key in report, key
    assert report["text"] == "\n\n".join(SCHOOL)  # GBK read as it was written
    assert report["title"] == SCHOOL[0]
    assert report["unit_type"] == "school"
    assert {"leadership", "publicity_education"} <= set(report["measures"])
    assert report["region"] == {"province": "云南省", "prefecture": "大理白族自治州", "county": "宾川县"}
    # 白族 is named as a group of pupils, not only inside the prefecture's name.
    assert report["ethnic_groups"] == ["彝族", "白族"]
    assert report["year"] is None
    assert report["numbers"] == ["860", "42", "6", "20"]
    assert "gazetteer" in report["evidence"]["region"]["county"]


def test_a_noisy_collection_is_split_and_every_removed_line_is_listed(capsys, content, tmp_path):
    path = tmp_path / "collection.txt"
    path.write_text(NOISY, "utf-8")
    first, second = imported(capsys, "--dry-run", "--content", str(content), str(path))
    assert first["title"] == "河谷社区民族团结工作总结" and second["title"] == "石桥镇民族团结创建工作汇报"
    removed = [r["text"] for r in first["removed"] + second["removed"]]
    for noise in ("首页 > 范文大全 > 工作总结", "2023-05-06", "##paidbegin##", "#from 本文来自某某范文网 end#", "()",
                  "预览阅读已结束，若您需要下载全文，请扫码联系客服！", "上一篇：某某工作计划 下一篇：某某心得体会"):
        assert noise in removed, noise
    assert removed.count("范文网") == 3  # a running footer
    for report in (first, second):
        for noise in ("首页", "paid", "#from", "()", "预览", "上一篇", "范文网"):
            assert noise not in report["text"], noise
    # The watermark cut a sentence in two: it is one sentence again, and no figure is lost.
    assert "全年调解纠纷18件，调解成功率100%。" in first["text"]
    assert first["numbers"] == ["3200", "156", "1200", "18", "100"]
    assert first["unit_type"] == "community" and second["unit_type"] == "township"
    assert first["region"]["prefecture"] == "凉山彝族自治州" and first["region"]["county"] == "西昌市"
    assert first["ethnic_groups"] == ["回族", "藏族", "彝族"]
    assert {"floating_population", "exchange", "rights_mediation"} <= set(first["measures"])
    assert {"pairing", "livelihood"} <= set(second["measures"])
    # A report's own paragraph that mentions a web address and 阅读全文 is the report's.
    assert "镇政府在网站www.example.org开设民族团结专栏" in second["text"]


def test_placeholders_are_reported_and_never_become_facts(capsys, content, tmp_path):
    path = tmp_path / "anonymised.txt"
    path.write_text(PLACEHOLDERS, "utf-8")
    [report] = imported(capsys, "--dry-run", "--content", str(content), str(path))
    found = [p["text"] for p in report["placeholders"]]
    # Each with the word it stands in, as it stands in the text.
    assert {"XX社区", "###街道", "20XX年", "X余", "**人"} <= set(found)
    assert {"属 个居民小组", "面积平方公里"} <= set(found)  # blanks; not 少数民族 个人
    assert [f for f in found if f.startswith("X") and not f.startswith("XX")] == ["X余"]  # X光机 is an X-ray machine
    assert report["year"] is None
    assert report["numbers"] == []  # not 20 from 20XX
    assert report["unit"] is None or "X" not in report["unit"]
    assert all(v is None for v in report["region"].values())


def test_traditional_script_is_analysed_in_simplified_and_kept_as_written(capsys, content, tmp_path):
    path = tmp_path / "hospital-big5.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    [report] = imported(capsys, "--dry-run", "--content", str(content), str(path))
    assert report["script"] == "traditional"
    assert report["text"] == TRADITIONAL.strip()
    assert report["unit_type"] == "hospital"
    assert {"culturally_adapted_services", "publicity_education", "livelihood"} <= set(report["measures"])
    assert report["ethnic_groups"] == ["回族"]


def test_docx_keeps_headings_lists_and_tables(capsys, content, tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("红柳村民族团结进步创建工作总结", level=1)
    document.add_paragraph("红柳村村委会组织村民开展民族团结一家亲活动，结对帮扶困难户25户。")
    document.add_paragraph("召开村民大会宣传民族政策", style="List Bullet")
    document.add_paragraph("建立矛盾纠纷排查调解台账", style="List Bullet")
    for _ in range(2):  # two tables with the same header row: no running header, no new report
        table = document.add_table(rows=2, cols=2)
        cells = [c for row in table.rows for c in row.cells]
        for cell, text in zip(cells, ["活动", "次数", "文艺演出", "4"], strict=True):
            cell.text = text
    path = tmp_path / "village.docx"
    document.save(path)
    [report] = imported(capsys, "--dry-run", "--content", str(content), str(path))
    lines = report["text"].split("\n")
    assert lines[0] == "# 红柳村民族团结进步创建工作总结"
    assert report["title"] == "红柳村民族团结进步创建工作总结"
    assert "- 召开村民大会宣传民族政策" in lines and "- 建立矛盾纠纷排查调解台账" in lines
    assert "| 活动 | 次数 |" in lines and "| 文艺演出 | 4 |" in lines
    assert report["unit_type"] == "village"
    assert report["numbers"] == ["25", "4", "4"]
    assert report["removed"] == []


def test_a_draft_carries_the_evidence_and_is_left_out_by_check(capsys, content, gbk_file):
    code, out, err = run(capsys, "--content", str(content), str(gbk_file))
    assert code == 0, err
    assert "school-report.txt, report 1 of 1" in out and "宾川县" in out  # the table
    draft = content / "cases/school-report.zh.md"
    source = content / "sources/school-report.txt"
    assert source.read_text("utf-8").strip() == "\n\n".join(SCHOOL)
    text = draft.read_text("utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["draft"] is True
    # The unit speaks as 我校 and the title says 工作总结 (no year: not an annual report).
    assert meta["source"] == {"file": "school-report.txt", "kind": "work_summary", "by": "unit"}
    assert meta["unit_type"] == "school" and meta["region"]["county"] == "宾川县"
    assert "# unit_type: its name in the title ends on “小学” (阳光小学)" in text
    assert "  # county: “宾川县” ×1 (gazetteer: 云南省大理白族自治州宾川县" in text
    assert "#   860: " in text  # every figure with its words
    assert "year:" not in text.replace("# year:", "")  # not stated: left out, with the reason as a comment
    assert SCHOOL[1] in text  # the working material below the sections
    assert main(["check", "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert "content/cases/school-report.zh.md: draft (draft: true): not checked and not published" in out
    assert "1 draft left out" in out


def test_dry_run_writes_nothing(capsys, content, gbk_file):
    before = sorted(p.relative_to(content) for p in content.rglob("*"))
    code, out, err = run(capsys, "--dry-run", "--content", str(content), str(gbk_file))
    assert code == 0 and "(dry run" in out + err
    assert sorted(p.relative_to(content) for p in content.rglob("*")) == before


def test_refusals_name_the_file_and_do_not_stop_the_batch(capsys, content, tmp_path, gbk_file):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_text("", "utf-8")
    (folder / "only-noise.txt").write_text("首页 > 范文 > 总结\n\n预览阅读已结束，请扫码联系\n", "utf-8")
    (folder / "broken.docx").write_bytes(b"PK not really a zip")
    (folder / "good.md").write_text("\n\n".join(SCHOOL), "utf-8")
    code, out, err = run(capsys, "--dry-run", "--content", str(content), str(folder))
    assert code == 1
    assert "old.doc: an old Word .doc file" in err and "save it as .docx" in err
    assert "binary.txt: not text in a known encoding" in err
    assert "empty.txt: the file is empty" in err
    assert "only-noise.txt: no report text is left once 2 lines of website noise are removed" in err
    assert "broken.docx: not a readable .docx file" in err
    assert "good.md, report 1 of 1" in out  # the good file was imported all the same
    assert "1 report from 1 file (dry run: nothing written); 5 refused:" in err
    # An id that is taken is refused unless --force.
    assert run(capsys, "--content", str(content), str(gbk_file))[0] == 0
    code, out, err = run(capsys, "--content", str(content), str(gbk_file))
    assert code == 1 and "the id 'school-report' is taken (" in err and "--force" in err
    assert run(capsys, "--force", "--content", str(content), str(gbk_file))[0] == 0


def test_a_strict_build_publishes_no_draft(capsys, project, content, tmp_path, gbk_file):
    write_case(content, "alpha", "zh")
    write_case(content, "alpha", "en")
    assert run(capsys, "--content", str(content), str(gbk_file))[0] == 0
    site = tmp_path / "out"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "content/cases/school-report.zh.md: draft, not published" in result.stderr
    assert (site / "cases/alpha/index.html").exists()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".js", ".json", ".csv", ".xml", ".txt"):
            text = path.read_text("utf-8", errors="replace")
            assert "school-report" not in text and "阳光小学" not in text, path


def test_serving_shows_a_draft_with_its_banner(content, gbk_file, capsys):
    from casebook.corpus import loader
    from casebook.derive import indices
    from casebook.pages import catalog

    assert run(capsys, "--content", str(content), str(gbk_file))[0] == 0
    loaded = loader.load(content, drafts=True)
    assert not loaded.errors  # what the draft lacks is a warning while it is shown
    [case] = loaded.content.cases
    assert case.draft
    page = next(p for p in catalog.site_pages(loaded.content, indices.build(loaded.content), "zh")
                if p.path.startswith("cases/school-report"))
    # The banner is written with the case's metadata, as HTML put in after the Markdown.
    banner = '<div class="admonition danger cb-draft">\n<p>草稿：由 casebook import 生成'
    assert banner in "".join(page.fragments.values())


def test_the_evaluation_on_the_seed_reports_finds_every_report_and_keeps_no_noise(monkeypatch):
    from casebook.intake.evaluate import evaluate, table
    from support import ROOT
    from support.seeds import SEEDS

    if not (SEEDS / "README.md").exists():
        pytest.skip(f"the seed reports are not at {SEEDS} "
                    "(../shared/seeds beside the project, or a folder named in CASEBOOK_SOURCES)")
    monkeypatch.setenv("CASEBOOK_SOURCES", str(SEEDS))
    result = evaluate(ROOT)
    assert result["found"] == result["expected"] == 18
    assert result["split_right"] == 18
    per = [p for p in result["per"] if p["found"]]
    assert sum(p["noise_kept"] for p in per) == 0
    assert sum(p["placeholders_as_facts"] for p in per) == 0
    assert "| reports found | 18 (expected 18)" in table(result)
    # No worse than the bar of issue 25 (unit type 16/18, measures recall 0.75 before it), with a
    # report's margin below what the rules reach now (contributing guide's table).
    assert sum(1 for p in per if p["unit_type"][0] == p["unit_type"][1]) >= 17
    hits, got, want = (sum(p["measures"][i] for p in per) for i in range(3))
    assert hits / got >= 0.82 and hits / want >= 0.85, (hits, got, want)
    assert sum(1 for p in per if p["year"][0] == p["year"][1]) >= 17
    assert sum(1 for p in per if p["groups"][0] == p["groups"][1]) >= 17


def test_reports_of_files_with_chinese_names_get_distinct_ids_and_a_file_is_written_whole(capsys, content, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "阳光小学总结.txt").write_text("\n\n".join(SCHOOL), "utf-8")
    (folder / "另一所学校.txt").write_text("\n\n".join(SCHOOL), "utf-8")
    reports = imported(capsys, "--content", str(content), str(folder))
    # A Chinese file name gives no id: the unit's name in pinyin with its type does.
    assert sorted(r["id"] for r in reports) == ["yangguang-school", "yangguang-school-b"]
    # Imported again: each id is taken, each file refused, nothing half-written.
    code, out, err = run(capsys, "--content", str(content), str(folder))
    assert code == 1 and err.count("is taken") == 2


def test_an_indented_paragraph_under_its_heading_is_no_new_report(capsys, content, tmp_path):
    text = ("红柳村民族团结工作总结\n\n一、基本情况\n"
            "\u3000\u3000红柳村有村民420户，其中维吾尔族、汉族、回族村民共同生活。\n\n"
            "二、主要做法\n\u3000\u3000村党支部建立民族团结工作制度，组织村民开展联谊活动。\n")
    path = tmp_path / "village.txt"
    path.write_text(text, "utf-8")
    [report] = imported(capsys, "--dry-run", "--content", str(content), str(path))
    assert report["title"] == "红柳村民族团结工作总结" and report["unit_type"] == "village"


REPORT_WITH_EVERYTHING = """临溪县河口乡卫生院2021年民族团结进步创建工作总结

河口乡卫生院位于贵州省黔东南苗族侗族自治州雷山县河口乡，现有职工38人，其中苗族职工21人。2021年，我院把民族团结进步创建融入医疗服务。

一、加强组织领导

我院成立创建工作领导小组，制定实施方案，全年召开专题会议4次。

二、提供双语服务

我院组织懂苗语的医护人员8名组成双语服务小组，全年提供翻译服务900余人次。

三、取得的成效

通过一年的努力，我院被州民宗委评为“州级民族团结进步示范单位”。

四、存在的问题和下一步打算

一是双语人员不足；二是经费紧张。下一步，我院将争取开设民族医药诊室。
"""


@pytest.mark.parametrize("stem, expected", [
    ("r1", "linxi-hekou-hospital"), ("report-2", "linxi-hekou-hospital"), ("scan", "linxi-hekou-hospital"),
    ("河口乡卫生院", "linxi-hekou-hospital"), ("hekou-health-centre", "hekou-health-centre"),
])
def test_the_id_comes_from_a_meaningful_file_name_else_from_the_units_name(capsys, content, tmp_path, stem, expected):
    path = tmp_path / f"{stem}.txt"
    path.write_text(REPORT_WITH_EVERYTHING, "utf-8")
    [report] = imported(capsys, "--dry-run", "--content", str(content), str(path))
    assert report["id"] == expected


def test_the_draft_has_every_section_and_field_with_what_the_report_gives(capsys, content, tmp_path):
    from casebook.corpus.schema import CASE_FIELDS, CASE_SECTIONS, DRAFT_SECTION

    path = tmp_path / "r1.txt"
    path.write_text(REPORT_WITH_EVERYTHING, "utf-8")
    code, out, err = run(capsys, "--content", str(content), str(path))
    assert code == 0, err
    text = (content / "cases" / "linxi-hekou-hospital.zh.md").read_text("utf-8")
    front, body = text.split("\n---\n", 1)
    meta = yaml.safe_load(front.removeprefix("---\n"))
    # Every field of the schema is there: as a value, or as a comment saying what it is for.
    for spec in CASE_FIELDS:
        assert f"{spec.name}:" in front, spec.name
    assert meta["unit"] == "临溪县河口乡卫生院" and meta["unit_type"] == "hospital"
    assert meta["region"]["locality"] == "河口乡"
    assert meta["honours"] == ["州级民族团结进步示范单位"]
    assert meta["source"]["kind"] == "annual_report" and meta["source"]["by"] == "unit"
    assert "by: it calls itself “我院” ×" in front
    # A title in the casebook's style, the report's heading beside it.
    assert meta["title"].startswith("临溪县河口乡卫生院：")
    assert "# title: the report's heading: 临溪县河口乡卫生院2021年民族团结进步创建工作总结" in front
    # Every section, each with the report's lines for it as material.
    headings = [line[3:] for line in body.splitlines() if line.startswith("## ")]
    assert headings == [*CASE_SECTIONS["zh"], DRAFT_SECTION]  # and the cleaned report whole, to read and delete
    sections = dict(zip(headings, body.split("\n## ")[1:], strict=True))
    assert "河口乡卫生院位于贵州省" in sections["背景"]
    assert "双语服务小组" in sections["主要做法"] and "双语服务小组" not in sections["成效"]
    assert "州级民族团结进步示范单位" in sections["成效"]
    assert "民族医药诊室" in sections["问题与下一步"] and "民族医药诊室" not in sections["主要做法"]
    assert sections[DRAFT_SECTION].count("```") == 2 and "州级民族团结进步示范单位" in sections[DRAFT_SECTION]
    # A plan is not a practice: 开设民族医药诊室 is only planned.
    assert "culturally_adapted_services" in meta["measures"]


def test_the_evaluation_on_the_development_corpus_meets_the_bar_of_issue_25(monkeypatch):
    """The fictional reports of ../shared/intake-dev, scored against their truth.yaml."""
    from casebook.corpus.taxonomy import parse_taxonomy
    from casebook.intake import devcorpus
    from support import ROOT

    folder = devcorpus.corpus_dir(ROOT)
    if not (folder / "truth.yaml").exists():
        pytest.skip(f"the development corpus is not at {folder} "
                    "(../shared/intake-dev beside the project, or CASEBOOK_INTAKE_DEV)")
    taxonomy, _ = parse_taxonomy("taxonomy.yml", (ROOT / "content" / "taxonomy.yml").read_text("utf-8"))
    result = devcorpus.evaluate_corpus(folder, taxonomy)
    assert all(f["right"] for f in result["files"]), [f for f in result["files"] if not f["right"]]
    s = devcorpus.scores(result["per"])
    n = s["n"]
    assert s["unit_type"] >= n - 2 and s["year"] >= n - 2 and s["groups"] >= n - 2, s
    right, named, _ = s["places"]
    assert right / named >= 0.98, s["places"]
    hits, got, want = s["measures"]
    assert hits / got >= 0.9 and hits / want >= 0.85, s["measures"]
    assert s["noise_kept"] == 0 and s["placeholders_as_facts"] == 0
    assert "| files split right |" in devcorpus.table(result, "today")
