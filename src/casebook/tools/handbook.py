"""The printed handbook of one language: every case and checklist in one document, as Markdown.

A cover, a table of contents, then each case on its own pages with its metadata block, the
checklists with tick boxes, and the glossary. Links between content become links inside the
document. `bundle.py` turns it into HTML with print CSS and into PDF.
"""

from __future__ import annotations

from datetime import date

from casebook.corpus import links
from casebook.derive.indices import Indices
from casebook.model import Case, Checklist, Content
from casebook.pages import citation
from casebook.pages.writer import escape
from casebook.strings import join_list, strings

HANDBOOK_STRINGS = {
    "zh": {"subtitle": "案例与实践清单 · 培训用本", "contents": "目录", "cases": "案例", "checklists": "实践清单",
           "glossary": "术语表", "made": "生成于 {day}，共 {cases} 个案例、{checklists} 份清单。"},
    "en": {"subtitle": "Cases and practice checklists · training edition", "contents": "Contents", "cases": "Cases",
           "checklists": "Checklists", "glossary": "Glossary",
           "made": "Made on {day}: {cases} cases and {checklists} checklists."},
}


def _anchor(kind: str, id: str) -> str:
    return f"{kind}-{id}"


def _resolve(scheme: str, target: str) -> str:
    return "#" + _anchor({"case": "case", "checklist": "checklist", "glossary": "term"}[scheme], target)


def _case(content: Content, case: Case, lang: str) -> str:
    s, tax = strings()[lang], content.taxonomy
    text = case.text(lang)
    rows = [
        (s["unit_type"], tax.unit_label(case.unit_type, lang)),
        (s["measures"], join_list(lang, (tax.measure_label(m, lang) for m in case.measures))),
        (s["unit"], text.unit),
        (s["region"], ("" if lang == "zh" else ", ").join(text.region.parts() if lang == "zh" else reversed(text.region.parts()))
         or s["unknown"]),
        (s["year"], str(case.year) if case.year else s["unknown"]),
        (s["ethnic_groups"], join_list(lang, text.ethnic_groups)),
        (s["honours"], join_list(lang, text.honours)),
        (s["source"], citation.in_words(case, text, lang, tax, s)),
    ]
    meta = "\n".join(f"| {k} | {escape(v)} |" for k, v in rows if v)
    # Case sections become level-3 headings under the case's own level-2 title.
    body = links.rewrite(text.body, _resolve).replace("\n### ", "\n#### ").replace("\n## ", "\n### ")
    if body.startswith("## "):
        body = "#" + body
    return (
        f'<section class="hb-case" id="{_anchor("case", case.id)}" markdown>\n\n'
        f'## {text.title}\n\n<div class="hb-meta" markdown>\n\n| | |\n|---|---|\n{meta}\n\n</div>\n\n'
        f"{text.summary}\n{{: .hb-summary }}\n\n{body}\n\n</section>\n"
    )


def _checklist(content: Content, checklist: Checklist, lang: str, titles: dict[str, str]) -> str:
    s, tax = strings()[lang], content.taxonomy
    text = checklist.text(lang)
    items = []
    for item in text.items:
        done = join_list(lang, (f"[{escape(titles[c])}](#{_anchor('case', c)})" for c in item.cases if c in titles))
        items.append(f"- ☐ {item.text}  \n  <small>{tax.measure_label(item.measure, lang)}"
                     + (f" · {s['shown_in']}: {done}" if done else "") + "</small>")
    body = links.rewrite(text.body, _resolve)
    return (
        f'<section class="hb-checklist" id="{_anchor("checklist", checklist.id)}" markdown>\n\n'
        f"## {text.title}\n\n{text.summary}\n{{: .hb-summary }}\n\n{body}\n\n" + "\n".join(items) + "\n\n</section>\n"
    )


def handbook(content: Content, indices: Indices, lang: str, day: date | None = None) -> str:
    s, h = strings()[lang], HANDBOOK_STRINGS[lang]
    titles = {c.id: c.text(lang).title for c in content.cases}
    day = day or date.today()
    toc = [f"### {h['cases']}\n"] + [f"- [{escape(c.text(lang).title)}](#{_anchor('case', c.id)})" for c in content.cases]
    toc += [f"\n### {h['checklists']}\n"] + [f"- [{escape(c.text(lang).title)}](#{_anchor('checklist', c.id)})"
                                          for c in content.checklists]
    toc += [f"\n### {h['glossary']}\n", f"- [{h['glossary']}](#glossary)"]
    parts = [
        f'<section class="hb-cover" markdown>\n\n# {s["site_name"]}\n\n{h["subtitle"]}\n{{: .hb-subtitle }}\n\n'
        f'{h["made"].format(day=day.isoformat(), cases=len(content.cases), checklists=len(content.checklists))}\n'
        f"{{: .hb-made }}\n\n</section>\n",
        f'<section class="hb-toc" markdown>\n\n## {h["contents"]}\n\n' + "\n".join(toc) + "\n\n</section>\n",
        f'<h1 class="hb-part">{h["cases"]}</h1>\n',
        *(_case(content, c, lang) for c in content.cases),
        f'<h1 class="hb-part">{h["checklists"]}</h1>\n',
        *(_checklist(content, c, lang, titles) for c in content.checklists),
        f'<section class="hb-glossary" id="glossary" markdown>\n\n## {h["glossary"]}\n\n'
        + "\n".join(f'**{t.term(lang)}**{{ #{_anchor("term", t.id)} }}\n: {t.explanation(lang)}\n' for t in content.glossary)
        + "\n</section>\n",
    ]
    return "\n".join(parts)
