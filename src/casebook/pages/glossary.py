"""The glossary page: each term in both languages, its explanation and the cases that use it."""

from __future__ import annotations

import html

from casebook.model import LANGUAGES
from casebook.pages.page import PageKind, SitePage
from casebook.pages.writer import Writer, short_title
from casebook.urls import GLOSSARY, case_path

GLOSSARY_USES_SHOWN = 12


def glossary_page(w: Writer) -> SitePage:
    s, here = w.s, GLOSSARY
    other = next(lang for lang in LANGUAGES if lang != w.lang)
    parts = [f"# {s['glossary']}\n\n{s['glossary_intro']}\n"]
    for term in w.content.glossary:
        uses = w.indices.term_uses[term.id][w.lang]
        # A term used by thousands of cases would make this one page grow with the content.
        # Each case by the few words that name it (its unit, before the title's colon), the whole
        # title on its page: a term's line stays one line or two, not a paragraph of titles.
        used = " · ".join(w.link(here, short_title(c.text(w.lang).title), case_path(c.id))
                          for c in uses[:GLOSSARY_USES_SHOWN])
        if len(uses) > GLOSSARY_USES_SHOWN:
            used += s["used_in_more"].format(n=len(uses) - GLOSSARY_USES_SHOWN)
        label = s["used_in"].format(n=len(uses))
        parts.append(
            f"## {html.escape(term.term(w.lang), quote=False)} {{ #{term.id} }}\n\n"
            f"*{html.escape(term.term(other), quote=False)}*\n{{: .cb-term__other }}\n\n"
            f"{term.explanation(w.lang)}\n\n" + (f"{label}{s['colon']}{used}\n{{: .cb-term__uses }}\n" if used else "")
        )
    return SitePage(here, s["glossary"], "\n".join(parts), PageKind.GLOSSARY)

