"""A case's metadata as rows of plain parts, written out as Markdown or as HTML from the same rows."""

from __future__ import annotations

import html
from dataclasses import dataclass

from casebook.model import Case
from casebook.pages import citation
from casebook.pages.writer import Writer, escape
from casebook.strings import join_list
from casebook.urls import measure_path, unit_path


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
    # For editors: the file as code and the report in it; a source with one report
    # (content/sources/) has no report number to name.
    before, _, after = s["source_text"].partition("{file}") if case.source.report else ("", None, "")
    for_editors = (before.format(report=case.source.report), Code(case.source.file),
                   after.format(report=case.source.report))
    rows = (
        Row(s["unit_type"], (Link(tax.unit_label(case.unit_type, lang), unit_path(case.unit_type), "cb-unit"),)),
        Row(s["measures"], tuple(part for chip in chips for part in (" ", chip))[1:]),
        Row(s["unit"], (text.unit or "",)),
        Row(s["region"], (w.region(case) if text.region.parts() else s["unknown"],)),
        Row(s["year"], (str(case.year) if case.year else s["unknown"],)),
        Row(s["ethnic_groups"], (join_list(lang, text.ethnic_groups),)),
        Row(s["honours"], tuple(honours)),
        Row(s["source"], (citation.in_words(case, text, lang, tax, s),)),
        Row(s["source_for_editors"], for_editors),
        Row(s["updated"], (updated or "",)),
    )
    return tuple(r for r in rows if any(p for p in r.parts if not isinstance(p, Break)))


def markdown(w: Writer, here: str, rows: tuple[Row, ...]) -> str:
    """The rows as a Markdown definition list."""
    return "\n".join(f"{row.label}\n:   {''.join(_markdown_part(w, here, p) for p in row.parts)}\n" for row in rows)


def _markdown_part(w: Writer, here: str, part: Part) -> str:
    if isinstance(part, Link):
        return w.link(here, part.text, part.to, part.cls)
    if isinstance(part, Code):
        return f"`{part.text}`"
    if isinstance(part, Break):
        return "<br>"
    return escape(part)


def as_html(w: Writer, here: str, rows: tuple[Row, ...]) -> str:
    """The rows as the HTML that Python-Markdown makes of `markdown(rows)`."""
    return "".join(f"<dt>{html.escape(row.label, quote=False)}</dt>\n"
                   f"<dd>{''.join(_html_part(w, here, p) for p in row.parts)}</dd>\n" for row in rows)


def _html_part(w: Writer, here: str, part: Part) -> str:
    if isinstance(part, Link):
        return f'<a class="{part.cls}" href="{html.escape(w.url(here, part.to))}">{html.escape(part.text, quote=False)}</a>'
    if isinstance(part, Code):
        return f"<code>{html.escape(part.text, quote=False)}</code>"
    if isinstance(part, Break):
        return "<br>"
    return html.escape(part, quote=False)
