"""JSON Schema of the front matter, for editors that validate YAML as one types.

Made from the same field declarations the checker uses (`schema.py`) and the ids of the taxonomy."""

from __future__ import annotations

from casebook.corpus.schema import (
    CASE_FIELDS,
    CHECKLIST_FIELDS,
    ID_PATTERN,
    NUMBER_PATTERN,
    REGION_KEYS,
    REPORT_PATTERN,
    YEAR_PATTERN,
    FieldSpec,
)
from casebook.model import Taxonomy

BASE = "https://casebook.invalid/schema/"


def _text(description: str) -> dict:
    return {"type": "string", "minLength": 1, "description": description}


def _property(spec: FieldSpec, taxonomy: Taxonomy) -> dict:
    units = [u.id for u in taxonomy.unit_types]
    measures = [m.id for m in taxonomy.measures]
    kinds: dict[str, dict] = {
        "id": {"type": "string", "pattern": ID_PATTERN},
        "text": {"type": "string", "minLength": 1},
        "text_list": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "unit_type": {"enum": units},
        "measure_list": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": measures}},
        "region": {"type": "object", "additionalProperties": False,
                   "properties": {k: {"type": ["string", "null"]} for k in REGION_KEYS}},
        "year": {"anyOf": [{"type": "integer", "minimum": 1949, "maximum": 2100},
                           {"type": "string", "pattern": YEAR_PATTERN}]},
        "source": {"type": "object", "additionalProperties": False, "required": ["file"],
                   "properties": {"file": {"type": "string", "minLength": 1},
                                  "report": {"type": "string", "pattern": REPORT_PATTERN},
                                  "script": {"enum": ["simplified", "traditional"]},
                                  "kind": {"enum": [k.id for k in taxonomy.source_kinds]},
                                  "by": {"enum": ["unit"]},
                                  "origin": {"enum": [o.id for o in taxonomy.source_origins]}}},
        "flag": {"type": "boolean"},
        "items": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["text", "measure"],
            "properties": {"text": _text("one concrete, checkable action"),
                           "measure": {"enum": measures},
                           "cases": {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}}}}},
        "derived": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["number", "how"],
            "properties": {"number": {"anyOf": [{"type": "string", "pattern": NUMBER_PATTERN},
                                                {"type": "integer", "minimum": 0}],
                                      "description": "the figure as the text writes it, in quotes"},
                           "how": _text("how it is worked out from the source's own figures, for the reviewer")}}},
    }
    return {**kinds[spec.kind], "description": spec.help}


def front_matter_schema(kind: str, taxonomy: Taxonomy) -> dict:
    fields = {"case": CASE_FIELDS, "checklist": CHECKLIST_FIELDS}[kind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE}{kind}.schema.json",
        "title": f"Casebook {kind} front matter",
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields if f.required],
        "properties": {f.name: _property(f, taxonomy) for f in fields},
    }
