"""Fidelity of the cases to their sources: every report has a case in both languages, every
number in a case's Chinese text stands in the report it cites, and both languages state the
same numbers."""

from __future__ import annotations

import pytest
import yaml

from casebook.content import loader
from casebook.model import LANGUAGES
from support import ROOT
from support.seeds import SEEDS, numbers, report_text, reports

# The seeds are not part of the project: a checkout without ../shared beside it (or
# CASEBOOK_SEEDS) has nothing to compare the cases with.
pytestmark = pytest.mark.skipif(not (SEEDS / "README.md").exists(),
                                reason=f"{SEEDS} is missing: the fidelity tests need ../shared/seeds beside the project")

CASES = loader.load(ROOT / "content").content.cases
EXCEPTIONS = {
    (e["case"], str(e["number"]))
    for e in yaml.safe_load((ROOT / "tests/fidelity_exceptions.yml").read_text("utf-8"))["exceptions"]
}


def case_numbers(case, lang: str) -> set[str]:
    """Digit runs of one language's text: its front-matter values and body, not its id or source."""
    text = case.texts[lang]
    parts = [text.title, text.summary, text.body, text.unit or "", *text.region.parts(),
             *text.ethnic_groups, *text.honours, str(case.year or "")]
    return numbers("\n".join(parts))


def test_seeds_readme_lists_eighteen_reports():
    assert sorted(reports()) == [f"R{i:02d}" for i in range(1, 19)]


def test_every_report_has_a_case_in_both_languages():
    covered = {}
    for case in CASES:
        covered.setdefault(case.source.report, []).append(case)
    assert sorted(covered) == sorted(reports())
    for report, cases in covered.items():
        for case in cases:
            assert set(case.texts) == set(LANGUAGES), case.id
            assert case.source.file == reports()[report][0], case.id


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_number_in_the_chinese_text_is_in_the_source(case):
    source = numbers(report_text(case.source.report))
    missing = {n for n in case_numbers(case, "zh") - source if (case.id, n) not in EXCEPTIONS}
    assert not missing, f"{case.id}: numbers not in {case.source.report}: {sorted(missing)}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_both_languages_state_the_same_numbers(case):
    zh, en = case_numbers(case, "zh"), case_numbers(case, "en")
    assert zh == en, f"{case.id}: only in zh: {sorted(zh - en)}; only in en: {sorted(en - zh)}"


def test_exceptions_are_still_needed():
    """An exception whose number no longer appears, or now appears in the source, is stale."""
    by_id = {c.id: c for c in CASES}
    for case_id, number in EXCEPTIONS:
        case = by_id[case_id]
        assert number in case_numbers(case, "zh"), (case_id, number)
        assert number not in numbers(report_text(case.source.report)), (case_id, number)
