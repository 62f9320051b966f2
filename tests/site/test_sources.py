"""A case's source said in words for readers, its file and report kept for editors."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from casebook.corpus import loader
from casebook.pages import citation
from casebook.strings import strings
from support import CASE, ROOT, real, write_case

CONTENT = real.loaded().content
TAXONOMY = yaml.safe_load((ROOT / "content" / "taxonomy.yml").read_text("utf-8"))


def with_source(lang: str, extra: str) -> str:
    text = CASE[lang].format(id="alpha", title="标题", unit_type="hospital", measures="exchange")
    return text.replace("  report: R01\n", "  report: R01\n" + extra)


def meta(site: Path, lang: str, case_id: str) -> dict[str, str]:
    html = BeautifulSoup((site / ("en/" if lang == "en" else "") / "cases" / case_id / "index.html").read_text("utf-8"),
                         "html.parser")
    return {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in html.select(".cb-meta dt")}


def test_every_case_says_what_its_source_is_and_where_it_comes_from():
    origins = {o["id"] for o in TAXONOMY["source_origins"]}
    assert all(c.source.kind and c.source.origin in origins for c in CONTENT.cases)


def test_every_case_from_a_seed_report_comes_from_a_sample_site():
    from support.seeds import present, seed_cases

    if not present():
        pytest.skip("the seed reports are not present (../shared/seeds beside the checkout)")
    assert {c.source.origin for c in seed_cases(CONTENT.cases)} == {"sample_site"}


def test_case_page_cites_the_source_in_words_and_keeps_the_file_for_editors_out_of_sight(site):
    survey = next(c for c in CONTENT.cases if c.source.kind == "survey_report")
    kind = {k["id"]: k for k in TAXONOMY["source_kinds"]}["survey_report"]
    origin = {o["id"]: o for o in TAXONOMY["source_origins"]}[survey.source.origin]
    for lang in ("zh", "en"):
        s, rows = strings()[lang], meta(site, lang, survey.id)
        words = rows[s["source"]]
        assert kind[lang] in words.lower() and origin[lang] in words
        assert survey.source.file not in words and survey.source.report not in words
        # The file and report are for editors (issue 22): data of the page, not a row readers see.
        assert not {"供编辑核对", "For editors"} & set(rows) and not any(survey.source.file in v for v in rows.values())
        block = BeautifulSoup((site / ("en/" if lang == "en" else "") / "cases" / survey.id / "index.html")
                              .read_text("utf-8"), "html.parser").select_one(".cb-meta")
        assert (block["data-source-file"], block["data-source-report"]) == (survey.source.file, survey.source.report)
        assert survey.source.file not in block.get_text()
    # A report its unit wrote itself names the unit as its writer.
    own = next(c for c in CONTENT.cases if c.source.by == "unit" and c.texts["zh"].unit)
    assert meta(site, "zh", own.id)[strings()["zh"]["source"]].startswith(own.texts["zh"].unit + "撰写的")


def test_words_for_each_case_of_knowledge():
    case = CONTENT.cases[0]
    tax, s = CONTENT.taxonomy, strings()["en"]
    from dataclasses import replace
    unknown = replace(case, source=replace(case.source, kind=None, by=None, origin=None), year=None)
    assert citation.in_words(unknown, case.texts["en"], "en", tax, s) == "A report whose author is not stated."
    own = replace(unknown, source=replace(unknown.source, kind="work_summary", by="unit"), year=2019)
    text = replace(case.texts["en"], unit=None)
    assert (citation.in_words(own, text, "en", tax, s)
            == "A work summary written by the unit itself, on its work in 2019.")


def test_unknown_kind_is_an_editors_error_with_the_closest_kind(content):
    (content / "cases").mkdir(exist_ok=True)
    (content / "cases" / "alpha.zh.md").write_text(with_source("zh", "  kind: survey_reprt\n  by: me\n"), "utf-8")
    write_case(content, "alpha", "en", measures="exchange")
    messages = [str(p) for p in loader.load(content).problems if "alpha.zh.md" in str(p)]
    assert any(re.search(r"alpha\.zh\.md:\d+: source\.kind: unknown kind 'survey_reprt'.*survey_report", m)
               for m in messages), messages
    assert any("source.by: must be 'unit'" in m for m in messages), messages


def test_printed_handbook_cites_in_words_without_file_names():
    from casebook.derive import indices
    from casebook.tools.handbook import handbook

    for lang in ("zh", "en"):
        html = BeautifulSoup(handbook(CONTENT, indices.build(CONTENT), lang, lambda text: f"<p>{text}</p>"),
                             "html.parser")
        rows = [dt.find_next_sibling("dd").get_text() for dt in html.select(".hb-meta dt")
                if dt.get_text() == strings()[lang]["source"]]
        assert len(rows) == len(CONTENT.cases)
        labels = {o["id"]: o[lang] for o in TAXONOMY["source_origins"]}
        # Each row names one origin; as many rows name each as cases come from it.
        named = Counter(next(i for i, label in labels.items() if label in row) for row in rows)
        assert named == Counter(c.source.origin for c in CONTENT.cases)
        assert not any(c.source.file in html.get_text() for c in CONTENT.cases)


def test_the_guide_says_when_to_choose_each_origin_and_kind_and_how_to_publish_a_source():
    for lang in ("zh", "en"):
        guide = (ROOT / f"docs/contributing.{lang}.md").read_text("utf-8")
        part = guide[guide.index("{ #sources }"):guide.index("{ #figures-traced }")]
        for term in (*TAXONOMY["source_origins"], *TAXONOMY["source_kinds"]):
            assert f"`{term['id']}`" in part, (lang, term["id"])
        assert "content/sources/" in part and "`by: unit`" in part
        assert ("permission" if lang == "en" else "公开许可") in part.lower()
