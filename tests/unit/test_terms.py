"""Glossary terms found in case texts (indices._term_uses): the cases whose text holds one of a
term's forms, no more and no fewer."""

from __future__ import annotations

from casebook.corpus import loader
from casebook.derive import indices
from support import real


def test_glossary_uses_are_the_cases_whose_text_has_a_form():
    content = real.loaded().content
    uses = indices.build(content).term_uses
    for lang in ("zh", "en"):
        for term in content.glossary:
            forms = [f.lower() for f in (*term.forms(lang), f"glossary:{term.id}")]
            expected = [c for c in content.cases if lang in c.texts and any(
                f in (lambda t: t if lang == "zh" else t.lower())(f"{c.texts[lang].summary}\n{c.texts[lang].body}")
                for f in forms)]
            assert list(uses[term.id][lang]) == expected, (term.id, lang)
    assert any(uses[t.id]["zh"] for t in content.glossary)


def test_a_term_without_an_english_label_finds_its_chinese_uses_and_breaks_nothing(content):
    from support import write_case

    (content / "glossary.yml").write_text(
        "terms:\n- id: pairing\n  zh: 结对认亲\n  explanation:\n    zh: 干部与群众结成亲戚。\n"
        "    en: Officials pair with families.\n",
        encoding="utf-8")
    write_case(content, "alpha", "zh")
    write_case(content, "alpha", "en")  # an English text to look for the term in
    case = content / "cases/alpha.zh.md"
    case.write_text(case.read_text("utf-8").replace("背景文字。", "开展结对认亲活动。"), encoding="utf-8")
    loaded = loader.load(content)
    assert any(p.field == "terms[0].en" for p in loaded.errors), loaded.errors
    uses = indices.build(loaded.content).term_uses
    assert [c.id for c in uses["pairing"]["zh"]] == ["alpha"] and uses["pairing"]["en"] == ()
