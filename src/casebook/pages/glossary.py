"""The glossary page: each term in both languages, its explanation and the cases that use it."""

from __future__ import annotations

import html

from casebook.model import LANGUAGES
from casebook.pages.page import SitePage
from casebook.pages.writer import Writer
from casebook.strings import join_list
from casebook.urls import GLOSSARY, case_path

GLOSSARY_USES_SHOWN = 12


def glossary_page(w: Writer) -> SitePage:
    s, here = w.s, GLOSSARY
    other = next(lang for lang in LANGUAGES if lang != w.lang)
    parts = [f"# {s['glossary']}\n\n{s['glossary_intro']}\n"]
    for term in w.content.glossary:
        uses = w.indices.term_uses[term.id][w.lang]
        # A term used by thousands of cases would make this one page grow with the content.
        used = join_list(w.lang, (w.link(here, c.text(w.lang).title, case_path(c.id)) for c in uses[:GLOSSARY_USES_SHOWN]))
        if len(uses) > GLOSSARY_USES_SHOWN:
            more = len(uses) - GLOSSARY_USES_SHOWN
            used += " " + s["used_in_more"].format(n=len(uses) if w.lang == "zh" else more)
        parts.append(
            f"## {html.escape(term.term(w.lang), quote=False)} {{ #{term.id} }}\n\n"
            f"*{html.escape(term.term(other), quote=False)}*\n{{: .cb-term__other }}\n\n"
            f"{term.explanation(w.lang)}\n\n" + (f"{s['used_in']}: {used}\n{{: .cb-term__uses }}\n" if used else "")
        )
    return SitePage(here, s["glossary"], "\n".join(parts), "glossary")
