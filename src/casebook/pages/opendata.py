"""Open data: every case and checklist item as rows for JSON and CSV, and the page listing them.

The rows hold the metadata of each case and item; the page lists the files and their fields.

The columns are declared once, here, with their value; the open-data page documents them from
these declarations (descriptions in strings.yml), so the files and their field list cannot
drift apart. A per-language field has one column per language (`title_zh`, `title_en`).

Both formats hold the same rows: in JSON a list is an array and an unknown value is null; in
CSV a list is joined with `;` and an unknown value is empty. The CSV starts with a byte order
mark, so that Excel reads it as UTF-8 instead of the system's code page, and a cell that a
spreadsheet would run as a formula (CSV injection) is written to open as text; the JSON keeps
the text as it is.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from casebook.model import DEFAULT_LANGUAGE, LANGUAGES, Case, Checklist, Content, Taxonomy
from casebook.pages.page import PageKind, SitePage
from casebook.pages.writer import Writer, escape
from casebook.urls import (
    CASES_CSV,
    CASES_JSON,
    DATA,
    DATAPACKAGE,
    ITEMS_CSV,
    ITEMS_JSON,
    case_path,
    checklist_path,
    page_url,
    relative,
)

Value = str | int | None | tuple[str, ...]
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
    Field("unit_type", "unit_type_label", True, "text",
          lambda c, ctx, lang: ctx.taxonomy.unit_label(c.unit_type, lang)),
    Field("measures", "measures", False, "texts", lambda c, ctx, lang: tuple(c.measures)),
    Field("measures", "measures_label", True, "texts",
          lambda c, ctx, lang: tuple(ctx.taxonomy.measure_label(m, lang) for m in c.measures)),
    Field("unit", "unit", True, "text", lambda c, ctx, lang: _text(c, lang).unit if _text(c, lang) else None),
    Field("province", "province", True, "text", _region("province")),
    Field("prefecture", "prefecture", True, "text", _region("prefecture")),
    Field("county", "county", True, "text", _region("county")),
    Field("locality", "locality", True, "text", _region("locality")),
    Field("year", "year", False, "year", lambda c, ctx, lang: c.year),
    Field("ethnic_groups", "ethnic_groups", True, "texts",
          lambda c, ctx, lang: tuple(_text(c, lang).ethnic_groups) if _text(c, lang) else None),
    Field("honours", "honours", True, "texts",
          lambda c, ctx, lang: tuple(_text(c, lang).honours) if _text(c, lang) else None),
    Field("source_file", "source_file", False, "text", lambda c, ctx, lang: c.source.file),
    Field("source_report", "source_report", False, "text", lambda c, ctx, lang: c.source.report),
    Field("source_kind", "source_kind", False, "text", lambda c, ctx, lang: c.source.kind),
    Field("source_by_unit", "source_by_unit", False, "text", lambda c, ctx, lang: c.source.by),
    Field("source_origin", "source_origin", False, "text", lambda c, ctx, lang: c.source.origin),
    Field("url", "url", True, "text", lambda c, ctx, lang: ctx.url(case_path(c.id), lang)),
)

# The fields of a case's front matter (corpus/schema.py) that no column holds, and why: a field
# added to the schema fails tests/unit/test_declared_once.py until it is exported or named here.
NOT_EXPORTED = {
    "summary": "a paragraph of prose, on the case's page",
    "source": "exported as its parts, source_file to source_origin",
    "region": "exported as its parts, province to locality",
    "wording_reuse": "an editor's note on the wording, not data about the case",
    "draft": "drafts are not published",
    "derived": "figures the build derives and checks, not the case's own",
}


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
    Field("checklist_title", "checklist_title", True, "text",
          _item_text(lambda i, lang: i.checklist.texts[lang].title)),
    Field("item", "item", False, "number", lambda i, ctx, lang: i.index + 1),
    Field("text", "item_text", True, "text", _item_text(lambda i, lang: i.text(lang).text)),
    Field("measure", "measure", False, "text", lambda i, ctx, lang: _shape(i).measure),
    Field("measure", "measure_label", True, "text",
          lambda i, ctx, lang: ctx.taxonomy.measure_label(_shape(i).measure, lang)),
    Field("cases", "item_cases", False, "texts", lambda i, ctx, lang: tuple(_shape(i).cases)),
    Field("url", "item_url", True, "text", lambda i, ctx, lang: ctx.url(checklist_path(i.checklist.id), lang)),
)


def _shape(item: ItemOf):
    """Measure and cases are the same in every language (the loader checks it)."""
    return item.checklist.text(DEFAULT_LANGUAGE).items[item.index]


def columns(fields: Sequence[Field]) -> tuple[str, ...]:
    return tuple(col for f in fields for col in f.columns())


def rows(items: Sequence, fields: Sequence[Field], ctx: Context) -> tuple[dict[str, Value], ...]:
    plan = [(col, f.value, lang) for f in fields
            for lang, col in zip(LANGUAGES if f.per_language else (None,), f.columns(), strict=True)]
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


# A cell that begins with one of these is read as a formula by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_field(cell: str) -> str:
    """One cell as CSV writes it. A cell that a spreadsheet would take for a formula gets a
    single quote in front and double quotes around, as OWASP advises, so that it opens as text;
    docs/javascripts/casebook-browse.js does the same in the browse page's download."""
    if cell.startswith(FORMULA_STARTS):
        return "\"'" + cell.replace('"', '""') + '"'
    if any(c in cell for c in '",\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def to_csv(header: Sequence[str], cells: Sequence[Sequence[str]]) -> str:
    """CSV as Excel opens it: UTF-8 with a byte order mark, CRLF line ends, quotes only where
    needed, and no cell that runs as a formula. The csv module's writer cannot quote one cell
    and not the next, which the formula cells need."""
    lines = [",".join(csv_field(cell) for cell in row) for row in (header, *cells)]
    return BOM + "".join(line + "\r\n" for line in lines)


def to_script(callback: str, header: Sequence[str], cells: Sequence[Sequence[str]]) -> str:
    """The CSV's cells as a script that calls `callback`: it loads from disk (file://) too,
    where a page may not fetch a file. The browse page builds its filtered CSV from it."""
    data = json.dumps({"columns": list(header), "rows": cells}, ensure_ascii=False, separators=(",", ":"))
    return f"{callback}({data});\n"


def _column_name(column: str) -> str:
    """A column's name as code that a narrow table breaks after an underscore and nowhere else
    (on a phone the names were cut mid-word, unit_type_z / h); a field's columns one to a line."""
    return "<code>" + "_<wbr>".join(escape(part) for part in column.split("_")) + "</code>"


def data_page(w: Writer) -> SitePage:
    s, here = w.s, DATA
    docs, kinds = s["data_fields"], s["data_kinds"]

    def table(fields: Sequence[Field]) -> str:
        rows = [f"| {'<br>'.join(_column_name(c) for c in f.columns())} | {kinds[f.kind]} | {escape(docs[f.doc])} |"
                for f in fields]
        return (f"| {s['data_field']} | {s['data_kind']} | {s['data_meaning']} |\n|---|---|---|\n"
                + "\n".join(rows) + "\n")

    downloads = "\n".join(f"- [{posixpath.basename(path)}]({relative(here, path)}){s['colon']}{s[key]}"
                          for path, key in ((CASES_CSV, "data_cases_csv"), (CASES_JSON, "data_cases_json"),
                                            (ITEMS_CSV, "data_items_csv"), (ITEMS_JSON, "data_items_json"),
                                            (DATAPACKAGE, "data_package")))
    markdown = (
        f"# {s['data']}\n\n{s['data_intro']}\n\n## {s['data_downloads']} {{ #downloads }}\n\n{downloads}\n\n"
        f"{s['data_notes']}\n\n"
        f"## {s['data_case_fields']} {{ #case-fields }}\n\n{table(CASE_FIELDS)}\n"
        f"## {s['data_item_fields']} {{ #item-fields }}\n\n{table(ITEM_FIELDS)}"
    )
    return SitePage(here, s["data"], markdown, PageKind.DATA)
