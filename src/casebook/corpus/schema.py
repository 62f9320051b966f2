"""The front-matter fields of cases and checklists, declared once.

The checker (`validate.py`) and every description of the format read these declarations, so a
field added here is checked and documented at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "id", "text", "text_list", "unit_type", "measure_list", "region", "year", "source", "items", "flag", "derived"
]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    kind: Kind
    required: bool
    # Shared fields carry the same value in every language's file.
    shared: bool
    help: str


ID_PATTERN = r"^[a-z]+(-[a-z]+)*$"
YEAR_PATTERN = r"^[0-9]{4}(-[0-9]{4})?$"
REPORT_PATTERN = r"^R[0-9]{2}$"
# A figure as trace.py reads it: digits with at most one decimal point.
NUMBER_PATTERN = r"^[0-9]+(\.[0-9]+)?$"
REGION_KEYS = ("province", "prefecture", "county", "locality")

CASE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "id", True, True, "lower-case letters and hyphens; the file name starts with it"),
    FieldSpec("title", "text", True, False, "the unit and what it is known for"),
    FieldSpec("unit_type", "unit_type", True, True, "one unit type id from content/taxonomy.yml"),
    FieldSpec("measures", "measure_list", True, True, "measure category ids from content/taxonomy.yml"),
    FieldSpec("unit", "text", False, False, "the unit's name as the source gives it"),
    FieldSpec("region", "region", True, False, "province / prefecture / county / locality, as far as known"),
    FieldSpec("year", "year", False, True, "a year such as 2019 or a period such as 2016-2018; omit when unknown"),
    FieldSpec("ethnic_groups", "text_list", True, False, "the ethnic groups the source names; [] when none"),
    FieldSpec("honours", "text_list", False, False, "honours and awards the source names"),
    FieldSpec("source", "source", True, True,
              "file: the source file's name; report: its number (such as R12) when the file holds several; "
              "kind and origin: ids of taxonomy.yml's source_kinds and source_origins; by: unit, when the "
              "case's unit wrote it"),
    FieldSpec("summary", "text", True, False, "one paragraph"),
    # Left out for the reports of third parties (all 18 today): their sentences must be restated,
    # and `casebook check` reports the wording a case copies from them (corpus/wording.py).
    FieldSpec("wording_reuse", "text", False, True,
              "only for a unit's own report imported by its own editors: who allows its wording to be "
              "reused, e.g. 'the unit's own report; its editors allow reuse'; left out otherwise"),
    FieldSpec("draft", "flag", False, True, "true while the case is a draft from `casebook import`: never published, shown by `mkdocs serve` only"),
    FieldSpec("derived", "derived", False, False,
              "figures worked out from the source's own (a sum, a share), each {number, how}; in the Chinese file"),
)

CHECKLIST_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "id", True, True, "lower-case letters and hyphens; the file name starts with it"),
    FieldSpec("title", "text", True, False, "what the checklist helps a unit do"),
    FieldSpec("summary", "text", True, False, "one paragraph"),
    FieldSpec("items", "items", True, False, "list of {text, measure, cases}"),
)

# Body sections of a case, per language, in order; the last one is optional.
CASE_SECTIONS: dict[str, tuple[str, ...]] = {
    "zh": ("背景", "主要做法", "成效", "问题与下一步"),
    "en": ("Background", "What they did", "Results", "Problems and next steps"),
}
OPTIONAL_SECTIONS = 1
# The report's own text, which `casebook import` puts at the end of a draft for the editor to read
# and delete: allowed in a draft only.
DRAFT_SECTION = "原文（整理后）"
