"""A case as plain parts for readers: its metadata as rows, notices, related cases. `case.case_html`
writes it as HTML, for the site's page and the handbook alike."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from casebook.model import Case
from casebook.pages import citation
from casebook.pages.writer import Writer
from casebook.strings import join_list
from casebook.urls import case_path, measure_path, unit_path


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    to: str  # the page's source path
    cls: str


@dataclass(frozen=True, slots=True)
class Code:
    text: str


@dataclass(frozen=True, slots=True)
class Break:
    pass


Part = str | Link | Code | Break


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    parts: tuple[Part, ...]


def case_rows(w: Writer, case: Case, updated: str | None) -> tuple[Row, ...]:
    """The metadata block of a case page; rows with nothing to show are left out."""
    s, tax, lang = w.s, w.tax, w.lang
    text = case.text(lang)
    chips = [Link(tax.measure_label(m, lang), measure_path(m), "cb-chip") for m in case.measures]
    honours = [part for h in text.honours for part in (Break(), h)][1:]
    # The file and report that editors check the case against are not for readers: they are
    # data of the page (`CaseView.source_file`), the open data's and `casebook check`'s.
    rows = (
        Row(s["unit_type"], (Link(tax.unit_label(case.unit_type, lang), unit_path(case.unit_type), "cb-unit"),)),
        Row(s["measures"], tuple(part for chip in chips for part in (" ", chip))[1:]),
        Row(s["unit"], (text.unit or "",)),
        Row(s["region"], (w.region(case) if text.region.parts() else s["unknown"],)),
        Row(s["year"], (str(case.year) if case.year else s["unknown"],)),
        Row(s["ethnic_groups"], (join_list(lang, text.ethnic_groups),)),
        Row(s["honours"], tuple(honours)),
        Row(s["source"], (citation.in_words(case, text, lang, tax, s),)),
        Row(s["updated"], (updated or "",)),
    )
    return tuple(r for r in rows if any(p for p in r.parts if not isinstance(p, Break)))


@dataclass(frozen=True, slots=True)
class Notice:
    cls: str  # the admonition's classes: "warning cb-missing-translation"
    text: str


@dataclass(frozen=True, slots=True)
class Related:
    title: str
    to: str  # the case page's source path
    why: str  # what it has in common with the case
    compare: str  # the fragment of the address that shows the two side by side: "#cases=a,b"


@dataclass(frozen=True, slots=True)
class CaseView:
    """A case as a reader meets it, before any Markdown engine or page: texts stay text here."""

    id: str
    title: str
    notices: tuple[Notice, ...]
    rows: tuple[Row, ...]
    summary: str  # Markdown
    body: str  # Markdown, its content links as written
    related: tuple[Related, ...]
    related_heading: str
    compare_label: str
    source_file: str
    source_report: str | None


def case_view(w: Writer, case: Case, updated: str | None = None) -> CaseView:
    s, lang = w.s, w.lang
    text = case.text(lang)
    notices = []
    if case.draft:
        notices.append(Notice("danger cb-draft", s["draft_notice"]))
    if text.lang != lang:
        notices.append(Notice("warning cb-missing-translation",
                              s["missing_translation"].format(language=s["lang_names"][text.lang])))
    return CaseView(case.id, text.title, tuple(notices), case_rows(w, case, updated), text.summary, text.body,
                    related(w, case), s["related"], s["compare_with"], case.source.file, case.source.report)


def related(w: Writer, case: Case) -> tuple[Related, ...]:
    """The cases with most in common (indices.related), and what they have in common."""
    s, lang, items = w.s, w.lang, []
    for r in w.indices.related.get(case.id, ()):
        why = [s["related_unit"].format(unit=w.tax.unit_label(case.unit_type, lang))] if r.same_unit else []
        if r.measures:
            why.append(s["related_measures"].format(
                measures=join_list(lang, (w.tax.measure_label(m, lang) for m in r.measures))))
        items.append(Related(w.indices.cases_by_id[r.case].text(lang).title, case_path(r.case),
                             s["related_sep"].join(why), f"#cases={case.id},{r.case}"))
    return tuple(items)


def as_html(rows: tuple[Row, ...], url: Callable[[str], str | None]) -> str:
    """The rows as a definition list's items; `url` gives a link's address from its page's source
    path, or None where there is no page to link to (the handbook)."""
    return "".join(f"<dt>{text(row.label)}</dt>\n"
                   f"<dd>{''.join(_html_part(p, url) for p in row.parts)}</dd>\n" for row in rows)


def _html_part(part: Part, url: Callable[[str], str | None]) -> str:
    if isinstance(part, Link):
        to = url(part.to)
        if to is None:
            return f'<span class="{part.cls}">{text(part.text)}</span>'
        return f'<a class="{part.cls}" href="{html.escape(to)}">{text(part.text)}</a>'
    if isinstance(part, Code):
        return f"<code>{text(part.text)}</code>"
    if isinstance(part, Break):
        return "<br>"
    return text(part)


def text(value: str) -> str:
    """A text of the content as HTML: the one place where the HTML of a case (page or handbook)
    takes in text. Chinese line breaks are joined where the content is loaded, before any text
    comes here; a step that every text of a case must take on its way to HTML goes here, once."""
    return html.escape(value, quote=False)
