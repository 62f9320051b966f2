"""The files `casebook new` writes, every field and section in place.

TODO stands where the editor has to write, so that `casebook check` keeps saying what is left
until it is done."""

from __future__ import annotations

import yaml

from casebook.corpus.schema import CASE_SECTIONS
from casebook.model import LANGUAGES

TODO = "TODO"


def _front(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100) + "---\n"


def case_files(id: str, titles: dict[str, str], unit_type: str, measures: list[str]) -> dict[str, str]:
    out = {}
    for lang in LANGUAGES:
        meta = {
            "id": id,
            "title": titles.get(lang) or TODO,
            "unit_type": unit_type,
            "measures": measures,
            "unit": TODO,
            "region": {"province": TODO, "prefecture": None, "county": None, "locality": None},
            "year": None,
            "ethnic_groups": [],
            "honours": [],
            "source": {"file": TODO, "report": TODO},
            "summary": TODO,
        }
        sections = "\n".join(f"## {name}\n\n{TODO}\n" for name in CASE_SECTIONS[lang])
        out[lang] = _front(meta) + "\n" + sections
    return out


def checklist_files(id: str, titles: dict[str, str], measures: list[str]) -> dict[str, str]:
    out = {}
    for lang in LANGUAGES:
        meta = {
            "id": id,
            "title": titles.get(lang) or TODO,
            "summary": TODO,
            "items": [{"text": TODO, "measure": m, "cases": []} for m in measures],
        }
        out[lang] = _front(meta) + f"\n{TODO}\n"
    return out
