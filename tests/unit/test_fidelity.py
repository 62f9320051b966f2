"""Fidelity of the cases to their sources, as `casebook check` judges it (sources.py, trace.py):
every seed report has a case in both languages, every number of a case stands in the report it
cites or is marked as derived, and both languages state the same numbers. The sources are the
seed reports in ../shared/seeds beside the checkout (or a folder in CASEBOOK_SOURCES); where
they are absent these tests skip, as the rule does."""

from __future__ import annotations

import os
import shutil

import pytest

from casebook.corpus import loader, sources, trace
from casebook.model import LANGUAGES
from support import ROOT, real

LOADED = real.loaded()
CASES = LOADED.content.cases
FOLDERS = sources.folders(ROOT / "content")
FOUND, _ = sources.read(FOLDERS, {c.source.file for c in CASES})
ABSENT = ("the source reports are not present: put the seeds in ../shared/seeds beside the checkout, "
          "or name their folder in CASEBOOK_SOURCES")


def seed_reports() -> dict[str, sources.Report]:
    """The reports the seeds' folder lists (the sources of the 18 cases written from them); a
    report an editor adds in content/sources/ is not one of them."""
    from support.seeds import present, reports

    if not present():
        pytest.skip(ABSENT)
    listed = {r: (file, start) for r, (file, start) in reports().items()}
    return {r: sources.Report(r, file, start, "seeds README", None) for r, (file, start) in listed.items()}


def case_problems(case, *codes: str) -> list[str]:
    if case.source.file not in FOUND:
        pytest.skip(f"{case.source.file}: {ABSENT}")
    paths = {str(t.path) for t in case.texts.values()}
    return [str(p) for p in LOADED.problems if p.path in paths and p.code in codes]


def test_seeds_readme_lists_eighteen_reports():
    assert sorted(seed_reports()) == [f"R{i:02d}" for i in range(1, 19)]


def test_every_seed_report_has_a_case_in_both_languages():
    from support.seeds import seed_cases

    reports = seed_reports()
    covered = {}
    for case in seed_cases(CASES):
        covered.setdefault(case.source.report, []).append(case)
    assert sorted(covered) == sorted(reports)
    for report, cases in covered.items():
        for case in cases:
            assert set(case.texts) == set(LANGUAGES), case.id
            assert case.source.file == reports[report].file, case.id


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_number_in_the_chinese_text_is_in_the_source(case):
    assert case_problems(case, trace.UNTRACEABLE, trace.STALE_MARK) == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_both_languages_state_the_same_numbers(case):
    """The same figures, each as its language writes it (34 million yuan for 3400万元)."""
    assert case_problems(case, trace.TWIN_NUMBERS, trace.WRONG_CONVERSION) == []


def test_a_figure_of_a_real_case_left_in_wan_in_english_is_caught(tmp_path):
    """The conversions bite on the real sources: an English sum written back in the source's unit."""
    case = next(c for c in CASES if c.id == "city-tcm-hospital-annual-report")
    if case.source.file not in FOUND:
        pytest.skip(ABSENT)
    content = tmp_path / "content"
    (content / "cases").mkdir(parents=True)
    for name in ("taxonomy.yml", "glossary.yml"):
        shutil.copy(ROOT / "content" / name, content)
    for lang in LANGUAGES:
        text = (ROOT / f"content/cases/{case.id}.{lang}.md").read_text("utf-8")
        if lang == "en":
            assert "34 million yuan" in text
            text = text.replace("34 million yuan", "3400 wan yuan")
        (content / f"cases/{case.id}.{lang}.md").write_text(text, "utf-8")
    found = [p for p in loader.load(content, sources=[f.path for f in FOLDERS]).problems]
    errors = [p for p in found if p.severity == "error"]
    assert [p.code for p in errors] == [trace.WRONG_CONVERSION, trace.TWIN_NUMBERS]
    assert ("3400 does not convert 3400万 of" in str(errors[0].message)
            and "which is 34 million (34,000,000)" in str(errors[0].message))
    assert any(p.code == "english-style" and "'wan'" in str(p.message) for p in found)


def test_a_changed_figure_of_a_real_case_is_caught(tmp_path):
    """The rule bites on the real sources: one figure of a seed case changed by one."""
    case = next((c for c in CASES if c.id == "bihai-community-guiyang"), None)
    if case is None or case.source.file not in FOUND:
        pytest.skip(ABSENT)
    content = tmp_path / "content"
    (content / "cases").mkdir(parents=True)
    for name in ("taxonomy.yml", "glossary.yml"):
        shutil.copy(ROOT / "content" / name, content)
    shutil.copytree(ROOT / "content" / "review", content / "review")  # its reviewed wording
    for lang in LANGUAGES:
        text = (ROOT / f"content/cases/{case.id}.{lang}.md").read_text("utf-8")
        (content / f"cases/{case.id}.{lang}.md").write_text(text.replace("32895", "32896").replace("32,895", "32,896"),
                                                            "utf-8")
    found = [str(p) for p in loader.load(content, sources=[f.path for f in FOLDERS]).problems]
    assert len(found) == 1 and "summary: 32896 is not in the source (" in found[0], found
    assert f"{case.source.file}, report {case.source.report})" in found[0]


def test_one_variable_names_the_report_folders_and_the_old_one_still_works_with_a_warning(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "README.md").write_text("| R01 | a.txt | `开头` |\n", "utf-8")
    other = tmp_path / "other"
    other.mkdir()
    assert sources.seeds_folder(tmp_path / "p", {"CASEBOOK_SOURCES": f"{other}{os.pathsep}{seeds}"}) == seeds
    assert sources.seeds_folder(tmp_path / "p", {}) == tmp_path / "shared" / "seeds"
    with pytest.warns(FutureWarning, match="CASEBOOK_SEEDS is read for now.*CASEBOOK_SOURCES"):
        assert sources.seeds_folder(tmp_path / "p", {"CASEBOOK_SEEDS": str(other)}) == other
