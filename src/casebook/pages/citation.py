"""A case's source said in words for readers ("a work summary written by the hospital itself").

The file and report number that editors check it against are a row of the case's metadata
(`pages/meta.py`)."""

from __future__ import annotations

from casebook.model import Case, CaseText, Taxonomy


def in_words(case: Case, text: CaseText, lang: str, tax: Taxonomy, s: dict) -> str:
    """What the source is, who wrote it, the year it tells of, and where it comes from; what the
    front matter does not say is said to be unknown, never guessed."""
    src = case.source
    kind = tax.source_kind(src.kind).label(lang) if src.kind else s["source_kind_unknown"]
    if src.by == "unit":
        author = s["source_by_named"].format(unit=text.unit) if text.unit else s["source_by_unit"]
        said = s["source_written"].format(kind=kind, author=author)
    else:
        said = s["source_unsigned"].format(kind=kind)
    if case.year:
        said += s["source_year"].format(year=case.year)
    if src.script == "traditional":
        said += s["source_script"].format(script=s["source_traditional"])
    if src.origin:
        said += s["source_origin"].format(origin=tax.source_origin(src.origin).label(lang))
    return said[:1].upper() + said[1:] + s["source_end"]  # "a work summary..." begins a sentence
