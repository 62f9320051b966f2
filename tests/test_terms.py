"""Glossary terms found in case texts: the same as testing every form in every text, whichever
way the finder splits its work (indices._TermFinder)."""

from __future__ import annotations

import random

from casebook import indices, loader
from conftest import ROOT


def _by_substring(forms, text):
    return frozenset(term for form, term in forms if form in text)


def test_the_finder_agrees_with_a_test_of_every_form_in_every_text():
    content = loader.load(ROOT / "content").content
    forms = [(form.lower(), term.id) for term in content.glossary for form in (*term.forms("zh"), f"glossary:{term.id}")]
    real = [f"{c.text('zh').summary}\n{c.text('zh').body}" for c in content.cases]
    rng = random.Random(7)
    common = forms[0][0]
    # More texts than the finder samples before it splits common forms from rare ones; a
    # common form in nearly all of them, and texts without it after the split.
    texts = [f"{rng.choice(real)}{common if i % 10 else ''}" for i in range(3 * indices._TermFinder.SAMPLE)]
    texts += ["", common, forms[-1][0], "no term here"]
    find = indices._TermFinder(forms)
    assert [find(t) for t in texts] == [_by_substring(forms, t) for t in texts]
    assert find.common, "the sample made some form common"


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
