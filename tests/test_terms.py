"""Glossary terms found in case texts (indices._term_uses): the cases whose text holds one of a
term's forms, no more and no fewer."""

from __future__ import annotations

from casebook import indices, loader
from conftest import ROOT


def test_glossary_uses_are_the_cases_whose_text_has_a_form():
    content = loader.load(ROOT / "content").content
    uses = indices.build(content).term_uses
    for lang in ("zh", "en"):
        for term in content.glossary:
            forms = [f.lower() for f in (*term.forms(lang), f"glossary:{term.id}")]
            expected = [c for c in content.cases if lang in c.texts and any(
                f in (lambda t: t if lang == "zh" else t.lower())(f"{c.texts[lang].summary}\n{c.texts[lang].body}") for f in forms)]
            assert list(uses[term.id][lang]) == expected, (term.id, lang)
    assert any(uses[t.id]["zh"] for t in content.glossary)
