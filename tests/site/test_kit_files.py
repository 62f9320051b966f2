"""The training kit's files, read by the libraries people use: every case's citation files
(bibtexparser, rispy, citeproc-py), the open data as a Frictionless Data Package (frictionless),
and a feed per unit type and category (Atom, read with lxml)."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from casebook.derive import indices
from casebook.model import LANGUAGES
from support import real

CONTENT = real.loaded().content
INDICES = indices.build(CONTENT)
ATOM = "{http://www.w3.org/2005/Atom}"


def _root(site, lang):
    return site if lang == "zh" else site / lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_case_has_three_citation_files_that_reference_managers_read(site, lang):
    import bibtexparser
    import rispy
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    for case in CONTENT.cases:
        folder = _root(site, lang) / "cases" / case.id
        title = " ".join(case.text(lang).title.split())
        bib = bibtexparser.parse_string((folder / "cite.bib").read_text("utf-8"))
        assert not bib.failed_blocks, case.id
        [entry] = bib.entries
        assert entry.key == f"casebook-{case.id}"
        assert entry["url"].endswith(f"cases/{case.id}/")
        assert entry["year"].isdigit()
        [ris] = rispy.loads((folder / "cite.ris").read_text("utf-8"))
        assert ris["title"] == title and ris["urls"][0].endswith(f"cases/{case.id}/")
        csl = json.loads((folder / "cite.json").read_text("utf-8"))
        assert csl[0]["title"] == title and csl[0]["type"] == "webpage"
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(csl), formatter.plain)
        bibliography.register(Citation([CitationItem(csl[0]["id"])]))
        [formatted] = bibliography.bibliography()
        assert title[:20] in str(formatted)


def test_a_title_with_tex_specials_stays_one_bibtex_field():
    import bibtexparser

    from casebook.pages import cite

    ref = cite.Reference("casebook-x", "en", "50% of {all} cases & more_#1 \\ end", "Casebook", "https://e.org/cases/x/",
                         "2026-12-01", "2026-12-07", "A report.")
    [entry] = bibtexparser.parse_string(cite.bibtex(ref)).entries
    assert entry["title"].count("\\%") == 1 and "\\&" in entry["title"] and entry["note"] == "A report."


def test_the_references_follow_their_styles():
    from casebook.pages import cite

    zh = cite.Reference("casebook-x", "zh", "某社区：做法", "民族团结进步创建案例库", "https://e.org/cases/x/",
                        "2026-12-01", "2026-12-07", "工作总结。")
    assert cite.reference_text(zh) == ("民族团结进步创建案例库. 某社区：做法[EB/OL]. (2026-12-01)[2026-12-07]. "
                                       "https://e.org/cases/x/.")
    en = cite.Reference("casebook-x", "en", "A community", "Casebook", "https://e.org/en/cases/x/",
                        "2026-12-01", "", "A work summary written by the unit itself.")
    assert cite.reference_text(en) == ("Casebook (2026). A community. Updated 1 December 2026. "
                                       "https://e.org/en/cases/x/. Based on a work summary written by the unit itself.")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_open_data_is_a_valid_data_package(site, lang):
    from frictionless import Package

    package = Package(str(_root(site, lang) / "data" / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    cases = package.get_resource("cases")
    assert [row["id"] for row in cases.read_rows()] == [c.id for c in CONTENT.cases]
    assert cases.schema.primary_key == ["id"]
    assert package.licenses and package.version
    # Every column of the files is described, in the page's language.
    header = (_root(site, lang) / "data" / "cases.csv").read_text("utf-8-sig").splitlines()[0].split(",")
    assert [f.name for f in cases.schema.fields] == header
    assert all(f.description for f in cases.schema.fields)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_unit_type_and_category_has_its_feed_announced_on_its_page(site, lang):
    root = _root(site, lang)
    for kind, labels, listed in (("units", CONTENT.taxonomy.unit_types, INDICES.by_unit),
                                 ("measures", CONTENT.taxonomy.measures, INDICES.by_measure)):
        for entry in labels:
            feed = etree.parse(str(root / kind / entry.id / "feed.xml")).getroot()
            ids = sorted(e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry"))
            want = sorted(c.id for c in listed.get(entry.id, ()))
            assert [i.rstrip("/").rsplit("/", 1)[-1] for i in ids] == want, (kind, entry.id)
            page = (root / kind / entry.id / "index.html").read_text("utf-8")
            assert '<link rel="alternate" type="application/atom+xml"' in page and 'href="feed.xml"' in page
