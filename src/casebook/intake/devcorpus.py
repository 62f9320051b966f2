"""Measuring `casebook import` on the development corpus (`../shared/intake-dev`): fictional
reports in files of one or several, each with its truth in `truth.yaml` (see that folder's README).

It runs the importer as the command does (reading, splitting, suggesting, each file on its own)
and compares per field, per unit type and per difficulty. It writes nothing.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import yaml

from casebook.model import Taxonomy

from .model import Refusal, Report
from .places import LEVELS
from .suggest import PLACEHOLDER, simplified


def corpus_dir(project: Path) -> Path:
    return Path(os.environ.get("CASEBOOK_INTAKE_DEV") or project.parent / "shared" / "intake-dev")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _difficulties(file: str, truth_parts: list[dict], encoding: str, raw: bytes, traditional: bool) -> list[str]:
    out = []
    if file.endswith(".docx"):
        out.append("docx")
    if "gb18030" in encoding.lower() or "gbk" in encoding.lower() or "gb2312" in encoding.lower():
        out.append("GB18030")
    if b"\r\n" in raw:
        out.append("CRLF")
    if raw.startswith(b"\xef\xbb\xbf"):
        out.append("BOM")
    if traditional:
        out.append("Traditional")
    if any(t["noise"] for t in truth_parts):
        out.append("noise")
    if len(truth_parts) > 1:
        out.append("several reports")
    return out


def _span(report: Report, raw_lines: dict[int, str]) -> str:
    """A report's text as read, from its first line to its last, flattened."""
    first, last = report.lines[0].number, report.lines[-1].number
    return _flat("".join(t for n, t in raw_lines.items() if first <= n <= last))


def evaluate_corpus(folder: Path, taxonomy: Taxonomy) -> dict:
    from .command import import_file

    truth = yaml.safe_load((folder / "truth.yaml").read_text("utf-8"))
    by_file: dict[str, list[dict]] = defaultdict(list)
    for t in truth:
        by_file[t["file"]].append(t)
    files = []
    per = []
    for file, parts in by_file.items():
        path = folder / file
        try:
            found, read_ = import_file(path, file, taxonomy, with_read=True)
        except Refusal as e:
            files.append({"file": file, "right": False, "found": 0, "expected": len(parts), "refused": str(e)})
            for t in parts:
                per.append({"truth": t, "found": False, "difficulties": []})
            continue
        raw_lines = {l.number: l.text for l in read_.lines}
        spans = [_span(r, raw_lines) for r, _ in found]
        landed = []
        for t in parts:
            key = _flat(t["start"])
            landed.append(next((i for i, s in enumerate(spans) if key in s), None))
        right = len(found) == len(parts) and landed == list(range(len(parts)))
        files.append({"file": file, "right": right, "found": len(found), "expected": len(parts)})
        traditional = any(s.traditional for _, s in found)
        difficulties = _difficulties(file, parts, read_.encoding, path.read_bytes(), traditional)
        for t, i in zip(parts, landed, strict=True):
            if i is None:
                per.append({"truth": t, "found": False, "difficulties": difficulties})
                continue
            report, s = found[i]
            per.append(_compare(t, report, s, difficulties))
    return {"files": files, "per": per}


def _compare(t: dict, report, s, difficulties: list[str]) -> dict:
    text = report.text
    flat = _flat(text)
    region = {}
    for level in LEVELS:
        want = (t["region"] or {}).get(level)
        got = s.region[level]
        region[level] = {"want": want, "got": got.value if not _inferred(got) else None,
                         "inferred": got.value if _inferred(got) else None}
    facts = [v for v in (s.unit.value, s.proposed_title.value, s.locality.value, *(h.value for h in s.honours),
                         *(x.value for x in s.region.values())) if v]
    as_facts = sum(1 for v in facts if PLACEHOLDER.search(str(v)))
    if s.year.value and str(s.year.value) not in unicodedata.normalize("NFKC", text):
        as_facts += 1
    want_ph = {_flat(p) for p in t["placeholders"]}
    got_ph = [p.text for p in s.placeholders]
    unit_want = t["unit_name"]
    unit_got = s.unit.value
    return {
        "truth": t, "found": True, "difficulties": difficulties,
        "unit_type": s.unit_type.value,
        "unit": (unit_got, unit_want,
                 (unit_got is None and unit_want is None)
                 or (unit_got is not None and unit_want is not None
                     and simplified(unit_got)[0] == simplified(unit_want)[0])),
        "year": s.year.value,
        "region": region,
        "groups": {g.value for g in s.ethnic_groups},
        "measures": {m.value for m in s.measures},
        "noise_kept": [n for n in t["noise"] if _flat(n) and _flat(n) in flat],
        "placeholders_as_facts": as_facts,
        "placeholders": (sum(1 for p in want_ph if any(_flat(g) and _flat(g) in p for g in got_ph)), len(want_ph),
                         sum(1 for g in got_ph if not any(_flat(g) in p for p in want_ph if _flat(g)))),
    }


def _inferred(suggestion) -> bool:
    return suggestion.says("place_inferred")  # places.inferred's test


def _ratio(a: int, b: int) -> str:
    return f"{a} / {b}"


def scores(rows: list[dict]) -> dict:
    found = [r for r in rows if r["found"]]
    n = len(rows)
    out: dict[str, int | tuple[int, ...]] = {"n": n}
    out["unit_type"] = sum(1 for r in found if r["unit_type"] == r["truth"]["unit_type"])
    out["unit"] = sum(1 for r in found if r["unit"][2])
    out["year"] = sum(1 for r in found if r["year"] == r["truth"]["year"])
    places_right = places_named = places_extra = 0
    for r in found:
        for level in LEVELS:
            want, got = r["region"][level]["want"], r["region"][level]["got"]
            if want:
                places_named += 1
                places_right += got == want
            elif got:
                places_extra += 1
    out["places"] = (places_right, places_named, places_extra)
    out["groups"] = sum(1 for r in found if r["groups"] == set(r["truth"]["ethnic_groups"]))
    hits = sum(len(r["measures"] & set(r["truth"]["measures"])) for r in found)
    got = sum(len(r["measures"]) for r in found)
    want = sum(len(r["truth"]["measures"]) for r in rows)
    out["measures"] = (hits, got, want)
    out["noise_kept"] = sum(len(r["noise_kept"]) for r in found)
    out["placeholders_as_facts"] = sum(r["placeholders_as_facts"] for r in found)
    out["placeholders"] = tuple(sum(r["placeholders"][i] for r in found) for i in range(3))
    return out


def table(result: dict, today: str) -> str:
    rows = result["per"]
    files = result["files"]
    s = scores(rows)
    hits, got, want = s["measures"]
    pr, pn, pe = s["places"]
    ph_found, ph_want, ph_extra = s["placeholders"]
    lines = [f"Measured {today} on the development corpus: {len(files)} files, {len(rows)} fictional reports, "
             "against its truth.yaml.", "",
             "| measure | result |", "|---|---|",
             f"| files split right | {sum(f['right'] for f in files)} / {len(files)} "
             f"({sum(f['found'] for f in files)} reports found, {len(rows)} expected) |",
             f"| unit type right | {_ratio(s['unit_type'], s['n'])} |",
             f"| unit's name right (or none where the report gives none) | {_ratio(s['unit'], s['n'])} |",
             f"| year right (or none where none is stated) | {_ratio(s['year'], s['n'])} |",
             f"| places right where the report writes them | {pr} / {pn} ({pr / max(pn, 1):.0%}); "
             f"{pe} given where the report writes none (inferred ones not counted) |",
             f"| ethnic groups exactly right | {_ratio(s['groups'], s['n'])} |",
             f"| measure categories | precision {hits / max(got, 1):.2f}, recall {hits / max(want, 1):.2f} "
             f"({hits} right of {got} suggested, {want} true) |",
             f"| placeholders found | {ph_found} / {ph_want} ({ph_extra} listed that are none) |",
             f"| noise lines kept | {s['noise_kept']} |",
             f"| placeholders turned into facts | {s['placeholders_as_facts']} |"]
    bad = [f for f in files if not f["right"]]
    if bad:
        lines += ["", "Files not split right: " + "; ".join(
            f"{f['file']} ({f['found']} found, {f['expected']} expected"
            f"{', ' + f['refused'] if f.get('refused') else ''})" for f in bad)]
    lines += ["", "| unit type | reports | unit type | year | places | groups | measures P / R |",
              "|---|---|---|---|---|---|---|"]
    for key, group in sorted(_grouped(rows, lambda r: [r["truth"]["unit_type"]]).items()):
        lines.append(_row(key, group))
    lines += ["", "| difficulty | reports | unit type | year | places | groups | measures P / R |",
              "|---|---|---|---|---|---|---|"]
    for key, group in sorted(_grouped(rows, lambda r: r["difficulties"] or ["plain"]).items()):
        lines.append(_row(key, group))
    lines += ["", "| report | unit type | unit | year | places | groups "
                  "| measures right / suggested / true | noise kept |",
              "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        t = r["truth"]
        name = f"{t['file']}#{t['part']}"
        if not r["found"]:
            lines.append(f"| {name} | not found | | | | | | |")
            continue
        places = "; ".join(f"{lvl[:4]} {r['region'][lvl]['got']}≠{r['region'][lvl]['want']}" for lvl in LEVELS
                           if r["region"][lvl]["got"] != r["region"][lvl]["want"])
        groups = set(t["ethnic_groups"])
        g = ("" if r["groups"] == groups else
             f"+{'、'.join(sorted(r['groups'] - groups))} -{'、'.join(sorted(groups - r['groups']))}")
        m = r["measures"]
        mt = set(t["measures"])
        lines.append(f"| {name} | {r['unit_type']}{'' if r['unit_type'] == t['unit_type'] else ' ✗ ' + t['unit_type']} "
                     f"| {r['unit'][0]}{'' if r['unit'][2] else ' ✗ ' + str(r['unit'][1])} "
                     f"| {r['year']}{'' if r['year'] == t['year'] else ' ✗ ' + str(t['year'])} "
                     f"| {places or 'right'} | {g or 'right'} "
                     f"| {len(m & mt)} / {len(m)} / {len(mt)} {('+' + ','.join(sorted(m - mt))) if m - mt else ''} "
                     f"{('-' + ','.join(sorted(mt - m))) if mt - m else ''} | {len(r['noise_kept'])} |")
    return "\n".join(lines)


def _grouped(rows, keys) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        for k in keys(r):
            out[k].append(r)
    return out


def _row(key: str, rows: list[dict]) -> str:
    s = scores(rows)
    hits, got, want = s["measures"]
    pr, pn, _ = s["places"]
    return (f"| {key} | {s['n']} | {s['unit_type']} | {s['year']} | {pr} / {pn} | {s['groups']} "
            f"| {hits / max(got, 1):.2f} / {hits / max(want, 1):.2f} |")
