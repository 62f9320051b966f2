"""Measuring `casebook import` on the raw seed reports against the curated cases' front matter.

Reads the seeds where they are (CASEBOOK_SOURCES, or ../shared/seeds beside the project) and
writes nothing: it prints a table, per report and in total.

    python -m casebook.intake.evaluate [PROJECT]
"""

from __future__ import annotations

import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

import yaml

from casebook.corpus import sources
from casebook.corpus.taxonomy import parse_taxonomy

from .places import LEVELS, canonical, inferred, written_forms
from .read import read
from .split import split
from .suggest import PLACEHOLDER, simplified, suggest


def seeds_dir(project: Path) -> Path:
    return sources.seeds_folder(project)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _noise_examples(readme: str) -> list[str]:
    """The site furniture that the seeds' README lists, as written there (up to any "…")."""
    section = readme.split("## Noise to recognise", 1)[-1]
    furniture = next((line for line in section.split("\n- ") if "furniture" in line.lower()), "")
    return [s.split("…")[0].strip() for s in re.findall(r"`([^`]+)`", furniture) if s.split("…")[0].strip()]


def _curated(content: Path) -> dict[str, dict]:
    out = {}
    for path in sorted((content / "cases").glob("*.zh.md")):
        meta = yaml.safe_load(path.read_text("utf-8").split("---\n")[1])
        if not meta.get("draft") and (meta.get("source") or {}).get("report"):
            out[meta["source"]["report"]] = meta
    return out


def evaluate(project: Path) -> dict:
    seeds = seeds_dir(project)
    readme = (seeds / "README.md").read_text("utf-8")
    # The reports and where each starts, as the tracing of figures reads them from the README.
    listed, _ = sources.listed_reports(sources.Folder(seeds, str(seeds)))
    rows = {r.id: (r.file, r.start) for r in listed}
    content = project / "content"
    taxonomy, _ = parse_taxonomy("taxonomy.yml", (content / "taxonomy.yml").read_text("utf-8"))
    curated = _curated(content)
    noise = _noise_examples(readme)
    raw = {file: read(seeds / file, file) for file in sorted({f for f, _ in rows.values()})}
    reports = {file: split(r) for file, r in raw.items()}

    def span(file: str, report) -> str:
        # The file's own lines from the report's first to its last: markers are quoted from them.
        first, last = report.lines[0].number, report.lines[-1].number
        return _flat("".join(l.text for l in raw[file].lines if first <= l.number <= last))
    found = sum(len(r) for r in reports.values())
    per: list[dict] = []
    landed: dict[tuple[str, int], list[str]] = {}
    for rid, (file, marker) in sorted(rows.items()):
        key = _flat(marker)
        report = next((r for r in reports[file] if key in span(file, r)), None)
        if report is None:
            per.append({"report": rid, "found": False})
            continue
        landed.setdefault((file, report.index), []).append(rid)
        s = suggest(report, taxonomy)
        want = curated.get(rid, {})
        text = simplified(report.text)[0]
        region = {}
        for level in LEVELS:
            expected = (want.get("region") or {}).get(level)
            got = None if inferred(s.region[level]) else s.region[level].value
            named = bool(expected and any(_flat(n) in _flat(text) for n in written_forms(level, expected)))
            region[level] = {"expected": expected, "got": got, "named": named,
                             "right": bool(canonical(level, got) & canonical(level, expected)) if named else None,
                             "extra": got is not None and not expected}
        measures_got = {m.value for m in s.measures}
        measures_want = set(want.get("measures") or [])
        groups_got = {g.value for g in s.ethnic_groups}
        groups_want = set(want.get("ethnic_groups") or [])
        year_want = want.get("year")
        facts = [v for v in (s.unit.value, s.title.value, s.proposed_title.value, s.locality.value,
                             *(h.value for h in s.honours), *(x.value for x in s.region.values())) if v]
        as_facts = sum(1 for v in facts if PLACEHOLDER.search(str(v)))
        if s.year.value and str(s.year.value) not in unicodedata.normalize("NFKC", report.text):
            as_facts += 1
        per.append({
            "report": rid, "found": True, "file": file, "index": report.index,
            "unit_type": (s.unit_type.value, want.get("unit_type")),
            "measures": (len(measures_got & measures_want), len(measures_got), len(measures_want)),
            "region": region,
            "year": (s.year.value, year_want if isinstance(year_want, int)
                     else (int(str(year_want)[:4]) if year_want else None)),
            "groups": (groups_got, groups_want),
            "noise_kept": sum(_flat(report.text).count(_flat(n)) for n in noise),
            "placeholders_as_facts": as_facts,
        })
    split_right = sum(1 for ids in landed.values() if len(ids) == 1)
    return {"found": found, "expected": len(rows), "split_right": split_right, "per": per, "noise": noise,
            "files": len(reports)}


def table(result: dict, today: str | None = None) -> str:
    per = [p for p in result["per"] if p["found"]]
    n = len(result["per"])
    unit_right = sum(1 for p in per if p["unit_type"][0] == p["unit_type"][1])
    hits = sum(p["measures"][0] for p in per)
    got = sum(p["measures"][1] for p in per)
    want = sum(p["measures"][2] for p in per)
    lines = [f"Measured {today or date.today().isoformat()} on the {result['files']} seed files "
             f"({result['expected']} reports), against the curated cases' front matter.", "",
             "| measure | result |", "|---|---|",
             f"| reports found | {result['found']} (expected {result['expected']}); "
             f"{result['split_right']} of {n} on a report of their own |",
             f"| unit type right | {unit_right} / {n} |",
             f"| measure categories | precision {hits / max(got, 1):.2f}, recall {hits / max(want, 1):.2f} "
             f"({hits} right of {got} suggested, {want} curated) |"]
    for level in LEVELS:
        named = [p for p in per if p["region"][level]["named"]]
        right = sum(1 for p in named if p["region"][level]["right"])
        extra = sum(1 for p in per if p["region"][level]["extra"])
        lines.append(f"| {level} right where the report names it | {right} / {len(named)} "
                     f"({extra} suggested where the curated case has none) |")
    years = sum(1 for p in per if p["year"][0] == p["year"][1])
    lines.append(f"| year right (a year, or none where none is stated) | {years} / {n} |")
    groups = sum(1 for p in per if p["groups"][0] == p["groups"][1])
    g_hits = sum(len(p["groups"][0] & p["groups"][1]) for p in per)
    g_got = sum(len(p["groups"][0]) for p in per)
    g_want = sum(len(p["groups"][1]) for p in per)
    lines.append(f"| ethnic groups exactly right | {groups} / {n} "
                 f"(precision {g_hits / max(g_got, 1):.2f}, recall {g_hits / max(g_want, 1):.2f}) |")
    lines.append(f"| noise lines kept | {sum(p['noise_kept'] for p in per)} |")
    lines.append(f"| placeholders turned into facts | {sum(p['placeholders_as_facts'] for p in per)} |")
    lines += ["", "| report | unit type (suggested / curated) | categories right / suggested / curated "
                  "| places (right / named) | year | ethnic groups (suggested / curated) |",
              "|---|---|---|---|---|---|"]
    for p in result["per"]:
        if not p["found"]:
            lines.append(f"| {p['report']} | not found | | | | |")
            continue
        u = p["unit_type"]
        named = [lvl for lvl in LEVELS if p["region"][lvl]["named"]]
        places = f"{sum(1 for lvl in named if p['region'][lvl]['right'])} / {len(named)}"
        lines.append(f"| {p['report']} | {u[0]} / {u[1]}{'' if u[0] == u[1] else ' ✗'} "
                     f"| {p['measures'][0]} / {p['measures'][1]} / {p['measures'][2]} "
                     f"| {places} | {p['year'][0]} / {p['year'][1]} | {len(p['groups'][0])} / {len(p['groups'][1])}"
                     f"{'' if p['groups'][0] == p['groups'][1] else ' ✗'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    project = Path(argv[0] if argv else ".").resolve()
    from . import devcorpus

    seeds = seeds_dir(project)
    corpus = devcorpus.corpus_dir(project)
    status = 0
    if (seeds / "README.md").exists():
        print(table(evaluate(project)))
    else:
        print(f"no seed reports at {seeds}: name their folder in CASEBOOK_SOURCES, "
              "or put shared/seeds beside the project", file=sys.stderr)
        status = 2
    if (corpus / "truth.yaml").exists():
        content = project / "content"
        taxonomy, _ = parse_taxonomy("taxonomy.yml", (content / "taxonomy.yml").read_text("utf-8"))
        print()
        print(devcorpus.table(devcorpus.evaluate_corpus(corpus, taxonomy), date.today().isoformat()))
    else:
        print(f"no development corpus at {corpus}: set CASEBOOK_INTAKE_DEV, "
              "or put shared/intake-dev beside the project", file=sys.stderr)
        status = 2
    return status


if __name__ == "__main__":
    sys.exit(main())
