"""The browser's search code, run in Node against an index that Python built, answers every held
query as the Python reference (casebook/pages/searchquery.py) does: the same terms, pages,
scores, partial flag, synonyms searched and typo corrections. And a query in Traditional script
becomes what the index holds (OpenCC's phrases: 乾隆, 瞭解, 藉口), in the browser as in Python."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from casebook.derive.segment import segmenter
from casebook.pages import search, searchchunks, searchquery
from casebook.pages.search import SearchDoc
from casebook.script import to_simplified
from support import ROOT
from support.real import loaded

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(not NODE, reason="node is not installed (make test installs it)")
SCRIPT = ROOT / "docs/javascripts/casebook-search.js"
HARNESS = ROOT / "tests/support/search_node.js"
QUERIES = yaml.safe_load((ROOT / "tests/search_queries.yml").read_text("utf-8"))
# Queries in Traditional script whose Simplified form OpenCC gives by phrase, not by character.
TRADITIONAL = ["瞭解", "瞭解情況", "藉口", "乾隆", "乾隆年間", "頭髮", "醫院統戰", "黨外知識分子"]


class _Same(dict):
    def __missing__(self, key: str) -> str:
        return key


def write(index: dict, folder: Path) -> dict:
    files = {f.path: f.text for f in searchchunks.chunk_files(index)}
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, "utf-8")
    return searchchunks.read(files)


def in_node(folder: Path, lang: str, queries: list[str]) -> list[dict]:
    out = subprocess.run([NODE, str(HARNESS), str(SCRIPT), str(folder), lang], input=json.dumps(queries),
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def compare(data: dict, lang: str, answers: list[dict]) -> list[str]:
    engine = searchquery.Engine(data, lang)
    differences = []
    for a in answers:
        py = engine.search(a["query"])
        mine = {"terms": list(py.terms), "also": list(py.also), "total": py.total, "partial": py.partial,
                "forms": list(py.forms),
                "results": [list(r) for r in py.results],
                "corrected": None if py.results and not py.partial else searchquery.correct(engine, a["query"])}
        theirs = {k: a[k] for k in mine}
        if not py.total and not a["total"]:
            # The browser ships only the phrases whose Simplified form the index holds: a phrase
            # the content lacks may be converted otherwise, and still finds nothing.
            mine["terms"] = theirs["terms"]
        if mine != theirs:
            differences.append(f"{a['query']!r}: Python {mine}\n    browser {theirs}")
    return differences


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> dict[str, tuple[Path, dict]]:

    content = loaded().content
    out = {}
    for lang in ("zh", "en"):
        folder = tmp_path_factory.mktemp(lang)
        out[lang] = folder, write(search.site_index(content, None, lang, _Same()), folder)
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_browser_answers_every_held_query_as_the_python_reference(real, lang):
    folder, data = real[lang]
    queries = [q["query"] for q in QUERIES[lang] if q["kind"] != "cross"]
    queries += [q[:-1] for q in queries if len(q) > 3]  # as typed, one character short
    queries += (["interpretr", "organized", "Xiàgǔpíng", "2017", "ethni", "inter", "hos", "mo", "TCM ho", "civ",
                 "boarding", "boarding school", "board ", "boards", "trained interpreters", "training "]
                if lang == "en"
                else ["下谷平", "乡成县", "xia gu ping", "Xiàgǔpíng", "巴冬县问卷", "祈连县 社区", "巴冬县 xiaguping",
                      *TRADITIONAL])
    answers = in_node(folder, lang, queries)
    differences = compare(data, lang, answers)
    assert not differences, "\n".join(differences)
    found = sum(bool(a["results"]) for a in answers)
    print(f"\n{lang}: {len(answers)} queries answered alike in Node and Python, {found} with results")


def test_a_traditional_query_becomes_what_the_index_holds():
    docs = [SearchDoc("a.md", "乾隆年间的故事", "案例", ("乾隆年间的故事", "", "借口不是理由", "", "", "")),
            SearchDoc("b.md", "干部", "案例", ("干部", "", "了解情况，理发和头发", "", "", "")),
            SearchDoc("c.md", "无关", "案例", ("无关", "", "", "", "", ""))]
    words = {"乾隆", "借口", "了解", "头发"}
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = write(search.build_index(docs, "zh", lambda p: p, segmenter(words), words), folder)
        answers = in_node(folder, "zh", TRADITIONAL)
    convert = to_simplified()
    assert {a["query"]: a["simplified"] for a in answers} == {q: convert(q) for q in TRADITIONAL}
    pages = {a["query"]: [d for d, _ in a["results"]] for a in answers}
    assert pages["乾隆"] == [0] and pages["乾隆年間"] == [0] and pages["藉口"] == [0]
    assert pages["瞭解"] == [1] and pages["瞭解情況"] == [1] and pages["頭髮"] == [1]
    assert not compare(data, "zh", answers)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_synonym_group_of_the_content_is_held_by_a_page(real, lang):
    # A group whose words no page holds as written finds nothing for any of them: 'sanjia' found
    # nothing while the cases wrote "top-grade (tertiary, Grade A)" and the group had neither.
    engine = searchquery.Engine(real[lang][1], lang)
    m = engine.m
    unheld = [group for key, group in zip(m["synonym_keys"], m["synonyms"], strict=True) if not engine.posting(key)]
    assert not unheld, f"no page holds any word of these groups of content/synonyms.yml or glossary aliases: {unheld}"


def test_a_word_held_only_in_another_form_ranks_below_the_word_and_is_said_so(tmp_path):
    docs = [SearchDoc("a.md", "A", "Case", ("A", "", "A boarding school for herders' children", "", "", "")),
            SearchDoc("b.md", "B", "Case", ("B", "", "Notice boards in every lane", "", "", "")),
            SearchDoc("c.md", "C", "Case", ("C", "", "Colours of the school, organised by the pupils", "", "", ""))]
    data = write(search.build_index(docs, "en", lambda p: p), tmp_path)
    queries = ["boarding school", "boarding ", "boards", "school colors", "organized"]
    answers = {a["query"]: a for a in in_node(tmp_path, "en", queries)}
    assert not compare(data, "en", list(answers.values()))
    # boarding: the page holding it as typed above the one holding only "boards" (half its score).
    assert [d for d, _ in answers["boarding "]["results"]] == [0, 1] and answers["boarding "]["forms"] == []
    assert answers["boarding "]["results"][0][1] == 2 * answers["boarding "]["results"][1][1]
    assert answers["boards"]["forms"] == [] and [d for d, _ in answers["boards"]["results"]] == [1, 0]
    assert [d for d, _ in answers["boarding school"]["results"]] == [0]
    # A plural or the other spelling is the same word: no note.
    assert answers["school colors"]["forms"] == [] and answers["organized"]["forms"] == []
    assert [d for d, _ in answers["organized"]["results"]] == [2]
    # Where no page holds the word as typed, the box says that the pages hold another form.
    only_boards = write(search.build_index(docs[1:], "en", lambda p: p), tmp_path / "b")
    answer = in_node(tmp_path / "b", "en", ["boarding"])
    assert answer[0]["forms"] == ["boarding"] and answer[0]["total"] == 1
    assert not compare(only_boards, "en", answer)


def test_the_manifest_declares_the_format_and_the_ranking_the_browser_reads(real):
    _, data = real["zh"]
    manifest = data["zh:index"]
    assert manifest["format"] == searchchunks.wire_format("zh")
    assert manifest["scoring"] == search.scoring("zh") and manifest["scoring"]["weights"] == list(search.WEIGHTS)
    assert manifest["format"]["version"] == searchchunks.FORMAT_VERSION
    # The script holds the version it reads and no copy of what the manifest declares.
    script = SCRIPT.read_text("utf-8")
    assert f"var FORMAT = {searchchunks.FORMAT_VERSION};" in script
    for constant in ("0x811c9dc5", "0x85ebca6b", searchchunks.MASK, searchchunks.WORD):
        assert constant.lower() not in script.lower(), constant
