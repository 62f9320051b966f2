"""Open data: the metadata of every case and every checklist item, as rows for JSON and CSV.

The columns are declared once, here, with their value; the open-data page documents them from
these declarations (descriptions in strings.yml), so the files and their field list cannot
drift apart. A per-language field has one column per language (`title_zh`, `title_en`).

Both formats hold the same rows: in JSON a list is an array and an unknown value is null; in
CSV a list is joined with `;` and an unknown value is empty. The CSV starts with a byte order
mark, so that Excel reads it as UTF-8 instead of the system's code page.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Callable, Literal, Mapping, Sequence, Union

from casebook.model import DEFAULT_LANGUAGE, LANGUAGES, Case, Checklist, Content, Label, Taxonomy
from casebook.site.pages import case_path, checklist_path, page_url

Value = Union[str, int, None, tuple[str, ...]]
LIST_SEPARATOR = ";"
BOM = "\ufeff"


Kind = Literal["text", "texts", "number", "year"]  # described under `data_kinds` in strings.yml


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # the column, or with a per-language field the columns name_zh, name_en
    doc: str  # key of its description under `data_fields` in strings.yml
    per_language: bool
    kind: Kind
    value: Callable  # (item, context, lang or None) -> Value

    def columns(self) -> tuple[str, ...]:
        return tuple(f"{self.name}_{lang}" for lang in LANGUAGES) if self.per_language else (self.name,)


@dataclass(frozen=True, slots=True)
class Context:
    """What a value needs beyond the item itself: labels and page addresses."""

    taxonomy: Taxonomy
    directory_urls: bool = True
    base: str = ""  # the site's address (site_url), or "" for addresses from the site root
    # id -> label, looked up once: Taxonomy.unit_type() indexes the taxonomy anew on each call,
    # and a row asks for labels a dozen times.
    units: Mapping[str, Label] = field(init=False)
    measures: Mapping[str, Label] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "units", {u.id: u.label for u in self.taxonomy.unit_types})
        object.__setattr__(self, "measures", {m.id: m.label for m in self.taxonomy.measures})

    def url(self, path: str, lang: str) -> str:
        root = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
        return f"{self.base.rstrip('/') + '/' if self.base else ''}{root}{page_url(path, self.directory_urls)}"


def _text(case: Case, lang: str):
    # A missing translation has no value in that language (the page shows the other text).
    return case.texts.get(lang)


def _region(part: str) -> Callable:
    return lambda c, ctx, lang: getattr(_text(c, lang).region, part) if _text(c, lang) else None


CASE_FIELDS: tuple[Field, ...] = (
    Field("id", "id", False, "text", lambda c, ctx, lang: c.id),
    Field("title", "title", True, "text", lambda c, ctx, lang: _text(c, lang).title if _text(c, lang) else None),
    Field("unit_type", "unit_type", False, "text", lambda c, ctx, lang: c.unit_type),
    Field("unit_type", "unit_type_label", True, "text", lambda c, ctx, lang: ctx.units[c.unit_type](lang)),
    Field("measures", "measures", False, "texts", lambda c, ctx, lang: tuple(c.measures)),
    Field("measures", "measures_label", True, "texts",
          lambda c, ctx, lang: tuple(ctx.measures[m](lang) for m in c.measures)),
    Field("unit", "unit", True, "text", lambda c, ctx, lang: _text(c, lang).unit if _text(c, lang) else None),
    Field("province", "province", True, "text", _region("province")),
    Field("prefecture", "prefecture", True, "text", _region("prefecture")),
    Field("county", "county", True, "text", _region("county")),
    Field("locality", "locality", True, "text", _region("locality")),
    Field("year", "year", False, "year", lambda c, ctx, lang: c.year),
    Field("ethnic_groups", "ethnic_groups", True, "texts",
          lambda c, ctx, lang: tuple(_text(c, lang).ethnic_groups) if _text(c, lang) else None),
    Field("source_file", "source_file", False, "text", lambda c, ctx, lang: c.source.file),
    Field("source_report", "source_report", False, "text", lambda c, ctx, lang: c.source.report),
    Field("source_kind", "source_kind", False, "text", lambda c, ctx, lang: c.source.kind),
    Field("source_by_unit", "source_by_unit", False, "text", lambda c, ctx, lang: c.source.by),
    Field("source_origin", "source_origin", False, "text", lambda c, ctx, lang: c.source.origin),
    Field("url", "url", True, "text", lambda c, ctx, lang: ctx.url(case_path(c.id), lang)),
)


@dataclass(frozen=True, slots=True)
class ItemOf:
    """One checklist item, with the checklist it belongs to."""

    checklist: Checklist
    index: int

    def text(self, lang: str):
        text = self.checklist.texts.get(lang)
        return text.items[self.index] if text else None


def _item_text(lang_value: Callable) -> Callable:
    return lambda i, ctx, lang: lang_value(i, lang) if i.checklist.texts.get(lang) else None


ITEM_FIELDS: tuple[Field, ...] = (
    Field("checklist", "checklist", False, "text", lambda i, ctx, lang: i.checklist.id),
    Field("checklist_title", "checklist_title", True, "text", _item_text(lambda i, lang: i.checklist.texts[lang].title)),
    Field("item", "item", False, "number", lambda i, ctx, lang: i.index + 1),
    Field("text", "item_text", True, "text", _item_text(lambda i, lang: i.text(lang).text)),
    Field("measure", "measure", False, "text", lambda i, ctx, lang: _shape(i).measure),
    Field("measure", "measure_label", True, "text", lambda i, ctx, lang: ctx.measures[_shape(i).measure](lang)),
    Field("cases", "item_cases", False, "texts", lambda i, ctx, lang: tuple(_shape(i).cases)),
    Field("url", "item_url", True, "text", lambda i, ctx, lang: ctx.url(checklist_path(i.checklist.id), lang)),
)


def _shape(item: ItemOf):
    """Measure and cases are the same in every language (the loader checks it)."""
    return item.checklist.text(DEFAULT_LANGUAGE).items[item.index]


def columns(fields: Sequence[Field]) -> tuple[str, ...]:
    return tuple(col for f in fields for col in f.columns())


def rows(items: Sequence, fields: Sequence[Field], ctx: Context) -> tuple[dict[str, Value], ...]:
    plan = [(col, f.value, lang) for f in fields for lang, col in zip(LANGUAGES if f.per_language else (None,), f.columns())]
    return tuple({col: value(item, ctx, lang) for col, value, lang in plan} for item in items)


def case_rows(content: Content, ctx: Context) -> tuple[dict[str, Value], ...]:
    return rows(content.cases, CASE_FIELDS, ctx)


def item_rows(content: Content, ctx: Context) -> tuple[dict[str, Value], ...]:
    items = [ItemOf(cl, i) for cl in content.checklists for i in range(len(cl.text(DEFAULT_LANGUAGE).items))]
    return rows(items, ITEM_FIELDS, ctx)


def to_json(rows: Sequence[dict[str, Value]]) -> str:
    """A JSON array with one object a line: small, and still readable in a diff."""
    encode = json.JSONEncoder(ensure_ascii=False).encode  # tuples become arrays
    lines = [encode(row) for row in rows]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(value)
    return str(value)


def csv_cells(rows: Sequence[dict[str, Value]], header: Sequence[str]) -> list[list[str]]:
    return [[csv_cell(row[col]) for col in header] for row in rows]


def to_csv(header: Sequence[str], cells: Sequence[Sequence[str]]) -> str:
    """CSV as Excel opens it: UTF-8 with a byte order mark, CRLF line ends, quotes only where needed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(cells)
    return BOM + out.getvalue()


def to_script(callback: str, header: Sequence[str], cells: Sequence[Sequence[str]]) -> str:
    """The CSV's cells as a script that calls `callback`: it loads from disk (file://) too,
    where a page may not fetch a file. The browse page builds its filtered CSV from it."""
    data = json.dumps({"columns": list(header), "rows": cells}, ensure_ascii=False, separators=(",", ":"))
    return f"{callback}({data});\n"
