"""Copied runs: no case repeats 20 or more Chinese characters of its source report, nor follows
a sentence of it with a few words swapped, across Traditional/Simplified and full-/half-width,
outside a short reviewed list of names, titles, slogans and lists of figures
(content/review/copied-runs.yml). The rule is `casebook check`'s (corpus/wording.py)."""

from __future__ import annotations

import random
import shutil

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.corpus import copied, frontmatter, loader, sources, validate, wording
from casebook.corpus.schema import CASE_FIELDS
from support import ROOT, real
from support.seeds import SEEDS

LOADED = real.loaded()
CASES = LOADED.content.cases
EXCEPTIONS_FILE = ROOT / "content/review/copied-runs.yml"
KINDS = set(wording.KINDS)
EXCEPTIONS = yaml.safe_load(EXCEPTIONS_FILE.read_text("utf-8"))["exceptions"]
needs_seeds = pytest.mark.skipif(
    not (SEEDS / "README.md").exists(),
    reason=f"the source reports are not at {SEEDS} (../shared/seeds beside the checkout, "
           "or a folder named in CASEBOOK_SOURCES)")


def _identity(text: str) -> str:
    return text


# The algorithm, on small invented strings -------------------------------------------------

def test_a_run_of_twenty_chinese_characters_is_found_and_nineteen_is_not():
    twenty = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"
    source = f"开头的话。{twenty}。结尾的话"
    runs = copied.shared_runs(f"我们写的：{twenty}，然后", source)
    assert [(r.text, r.han) for r in runs] == [(twenty, 20)]
    assert copied.shared_runs(f"我们写的：{twenty[1:]}，然后", source) == ()


def test_the_run_is_reported_as_the_case_writes_it_with_its_place():
    source = "某社区制作展板２２块、学习专栏５块，发放宣传资料５０００余份，效果很好。"
    case = "# 做法\n\n单位**制作展板22块**，学习专栏5块、发放宣传资料5000余份。"
    (run,) = copied.shared_runs(case, source, min_han=10)
    # Full-width digits fold to ASCII; punctuation and Markdown marks do not hide the run.
    assert run.text == "制作展板22块**，学习专栏5块、发放宣传资料5000余份"
    assert case[run.start:run.end] == run.text
    assert run.han == 18


def test_traditional_script_in_the_source_matches_simplified_in_the_case():
    source = "醫院黨委堅持統一戰線工作與業務工作同部署同落實同檢查。"
    case = "该单位党委坚持统一战线工作与业务工作同部署同落实同检查，成效明显。"
    assert copied.longest_run(case, source) == "党委坚持统一战线工作与业务工作同部署同落实同检查"
    assert copied.shared_runs(case, source)[0].han == 24


def test_full_width_letters_and_digits_match_half_width():
    assert copied.longest_run("ABC123民族团结", "ａｂｃ１２３民族团结") == "ABC123民族团结"


def test_a_barrier_ends_a_run_so_fields_are_compared_one_by_one():
    source = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸"
    case = f"一二三四五六七八九十{copied.BARRIER}甲乙丙丁戊己庚辛壬癸"
    assert copied.shared_runs(case, source) == ()
    assert copied.shared_runs(case.replace(copied.BARRIER, "\n\n"), source) != ()


def test_an_exception_covers_only_its_own_text():
    title = "关于进一步深入推进示范区建设的实施意见"
    prose = "全体干部职工认真学习并逐条抓好落实各项工作"
    source = f"根据《{title}》，{prose}。"
    assert copied.shared_runs(f"依据《{title}》。", source, exceptions=[title]) == ()
    # The prose around an excepted title is still checked.
    (run,) = copied.shared_runs(f"依据《{title}》，{prose}。", source, exceptions=[title])
    assert run.text == prose


def test_runs_that_cannot_grow_are_reported_once_each():
    a, b = "春夏秋冬东南西北上下左右前后", "金木水火土天地玄黄宇宙洪荒日月"
    source = f"{a}{b}。另一处：{b}"
    runs = copied.shared_runs(f"{a}{b}", source, min_han=5)
    assert [r.text for r in runs] == [a + b]


def test_a_sentence_that_follows_its_source_with_words_swapped_is_a_near_copy():
    a, b, c = "春夏秋冬东南西北上下左右", "金木水火土天地玄黄宇宙洪", "荒日月盈昃辰宿列张寒来暑"
    source = f"{a}甲{b}乙{c}。"
    # Three runs of 12, a word swapped between them: no run of 20, yet the source's sentence.
    case = f"开头。{a}丙{b}丁{c}。结尾的一句完全是我们自己的话没有抄袭任何东西。"
    assert copied.shared_runs(case, source) == ()
    (near,) = copied.near_copies(case, source)
    assert near.text == f"{a}丙{b}丁{c}" and case[near.start:near.end] == near.text
    assert (near.han, near.covered) == (38, 36)
    # One run of 12 in a sentence of 40 is a shared phrase, not a near-copy.
    own = "这是我们自己写的一整句话用来说明情况" + a + "并且后面还有很多自己的话"
    assert copied.near_copies(own, source) == ()
    # A reviewed exception counts neither as copied nor as the sentence's.
    assert copied.near_copies(case, source, exceptions=[a, b]) == ()
    # Runs shorter than 12 do not count, however many.
    short = "春夏秋冬东南西北上下左丙金木水火土天地玄黄宇宙丁荒日月盈昃辰宿列张寒来"
    assert copied.near_copies(short, source) == ()


@settings(max_examples=200, deadline=None)
@given(st.text("abc", max_size=30), st.text("abc", max_size=30))
def test_match_lengths_equal_the_longest_suffix_found_by_brute_force(source, text):
    index = copied.automaton(source)
    expected = [max(k for k in range(i + 2) if text[i + 1 - k:i + 1] in source) for i in range(len(text))]
    assert copied.match_lengths(index, text) == expected


def test_longest_run_agrees_with_brute_force_on_random_chinese_texts():
    rng = random.Random(18)
    alphabet = "民族团结进步创建社区医院"
    for _ in range(50):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        best = max((len(a[i:j]) for i in range(len(a)) for j in range(i, len(a) + 1) if a[i:j] in b), default=0)
        assert len(copied.longest_run(a, b, t2s=_identity)) == best


# The casebook against its sources ----------------------------------------------------------
# As `casebook check` applies the rule (corpus/wording.py): to every case whose source is present,
# in content/sources/ or beside the checkout, whatever report it comes from.

def _checked(case) -> bool:
    """Whether the case's wording must be its own: no `wording_reuse` in its front matter."""
    path = ROOT / case.texts["zh"].path
    return not frontmatter.parse(path.read_text("utf-8")).meta.get("wording_reuse")


def _sourced() -> list:
    """The checked cases whose source report is present, as the check finds it."""
    found, _ = sources.read(sources.folders(ROOT / "content"), {c.source.file for c in CASES})
    return [c for c in CASES if c.source.file in found and _checked(c)]


def test_exception_list_names_cases_kinds_and_reasons():
    ids = {c.id for c in CASES}
    for entry in EXCEPTIONS:
        assert set(entry) == {"case", "run", "kind", "reason"}, entry
        assert entry["case"] in ids, entry
        assert entry["kind"] in KINDS, entry
        assert entry["reason"].strip(), entry


@needs_seeds
def test_no_case_written_from_the_scraped_seed_reports_declares_its_wording_reusable():
    """R01-R18 are third parties' reports taken from the web: none of them is a unit's own."""
    from support.seeds import reports, seed_cases

    seeded = seed_cases(CASES)
    assert {c.source.report for c in seeded} == set(reports())
    assert [c.id for c in seeded if not _checked(c)] == []


def test_wording_reuse_is_a_documented_text_field_that_the_checker_accepts():
    spec = next(f for f in CASE_FIELDS if f.name == "wording_reuse")
    assert not spec.required and spec.shared and "own report" in spec.help
    taxonomy = real.loaded().content.taxonomy
    _, issues = validate.check_meta({"wording_reuse": "the unit's own report; its editors allow reuse"}, (spec,),
                                    taxonomy)
    assert issues == []
    _, issues = validate.check_meta({"wording_reuse": True}, (spec,), taxonomy)
    assert ([(where, str(message)) for where, message in issues]
            == [(["wording_reuse"], "must be a non-empty text, not a bool")])


def test_no_case_copies_a_run_of_its_source():
    if not _sourced():
        pytest.skip("no case's source report is present (content/sources/, ../shared/seeds or CASEBOOK_SOURCES)")
    found = [str(p) for p in LOADED.problems if p.code in (wording.COPIED, wording.NEAR_COPY)]
    assert found == [], "restate in your own words, or list in content/review/copied-runs.yml if it is a name, " \
        "a document's title, a slogan or a list of figures:\n" + "\n".join(found)


def test_exceptions_are_still_needed():
    """An exception is stale when the case no longer has it, or when the case would pass without it."""
    checked = {c.id: c for c in _sourced()}
    if not checked:
        pytest.skip("no case's source report is present")
    found, _ = sources.read(sources.folders(ROOT / "content"), {c.source.file for c in checked.values()})
    for i, entry in enumerate(EXCEPTIONS):
        case = checked.get(entry["case"])
        if case is None:
            continue
        zh = case.texts["zh"]
        fields = (("title", zh.title), ("summary", zh.summary), ("body", zh.body))
        assert copied.fold(entry["run"]).text in copied.fold(copied.BARRIER.join(t for _, t in fields)).text, \
            f"{entry['case']}: no longer in the case: {entry['run']}"
        text, _, wrong = sources.report_text(found[case.source.file], case.source.report)
        assert wrong is None and text is not None
        others = [e["run"] for j, e in enumerate(EXCEPTIONS) if j != i and e["case"] == case.id]
        assert wording.findings(fields, copied.automaton(copied.fold(text).text), others), \
            f"{entry['case']}: the case passes without the exception: {entry['run']}"


def test_check_reports_a_copied_run_and_a_near_copy_of_a_new_cases_own_source_with_file_and_line(tmp_path):
    """A case made from a unit's own report in content/sources/ is checked like any other."""
    from support import journey

    content = tmp_path / "content"
    (content / "cases").mkdir(parents=True)
    (content / "sources").mkdir()
    for name in ("taxonomy.yml", "glossary.yml"):
        shutil.copy(ROOT / "content" / name, content)
    report = journey.REPORT.read_text("utf-8")
    (content / "sources" / f"{journey.ID}.txt").write_text(report, "utf-8")
    draft = journey.draft_like(journey.ID, f"{journey.ID}.txt")
    zh = journey.finish_zh(draft)
    # A sentence of the report copied whole, and one with a word swapped in each of its clauses.
    copied_line = "学校调整了民族团结进步创建工作领导小组，由党支部书记任组长，校长任副组长。"
    near_line = "组建芦笙、葫芦丝、民族舞蹈和传统体育4个社团，共吸纳学生420人，其中汉族学生136人。"
    assert copied_line.rstrip("。") in report and near_line.replace("共", "") in report
    zh = zh.replace("## 主要做法\n", f"## 主要做法\n\n{copied_line}\n\n{near_line}\n", 1)
    path = content / "cases" / f"{journey.ID}.zh.md"
    path.write_text(zh, "utf-8")
    (content / "cases" / f"{journey.ID}.en.md").write_text(journey.english(zh), "utf-8")
    lines = zh.splitlines()
    problems = [p for p in loader.load(content).problems if p.code in (wording.COPIED, wording.NEAR_COPY)]
    assert [(p.code, p.severity, lines[p.line - 1]) for p in problems] == [
        (wording.COPIED, "error", copied_line), (wording.NEAR_COPY, "warning", near_line)], [str(p) for p in problems]
    assert str(problems[0]).startswith(f"content/cases/{journey.ID}.zh.md:{problems[0].line}: body: ")
    assert f"(content/sources/{journey.ID}.txt)" in str(problems[0].message)
    # In the editor's language, as `casebook check` writes it: the same problem, worded in Chinese.
    assert problems[0].message.text("zh").startswith(f"与原文（content/sources/{journey.ID}.txt）连续相同 ")
    # A reviewed exception covers its run; one the case no longer writes is reported where it is listed.
    (content / "review").mkdir()
    (content / "review" / "copied-runs.yml").write_text(
        "exceptions:\n"
        f"  - {{case: {journey.ID}, run: \"{copied_line.rstrip('。')}\", kind: name, reason: a test}}\n"
        f"  - {{case: {journey.ID}, run: 不在案例中的一句话, kind: name, reason: a test}}\n", "utf-8")
    problems = [str(p) for p in loader.load(content).problems if p.code in (wording.COPIED, wording.NEAR_COPY)]
    assert len(problems) == 2 and "follows the source" in problems[0], problems
    assert problems[1] == (f"content/review/copied-runs.yml:3: warning: run: {journey.ID} "
                           "no longer writes “不在案例中的一句话”: remove this exception")
    # wording_reuse: the unit's editors allow its own wording; nothing is reported.
    path.write_text(zh.replace("source:", "wording_reuse: the school's own report; its head allows reuse\nsource:", 1),
                    "utf-8")
    assert [p for p in loader.load(content).problems if p.code in (wording.COPIED, wording.NEAR_COPY)] == []


def test_the_report_section_is_allowed_in_a_draft_only(content):
    from support import write_case

    text = write_case(content, "alpha", "zh").read_text("utf-8") + "\n## 原文（整理后）\n\n原文。\n"
    write_case(content, "alpha", "en")
    write_case(content, "alpha", "zh", text=text)
    assert any("unknown section '## 原文（整理后）'" in str(p) for p in loader.load(content).problems)
    write_case(content, "alpha", "zh", text=text.replace("id: alpha\n", "id: alpha\ndraft: true\n"))
    assert not any("原文" in str(p) for p in loader.load(content, drafts=True).problems)
