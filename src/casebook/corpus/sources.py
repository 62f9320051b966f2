"""Where the cases' source reports are: the folders searched, the reports each folder lists in
its files, each file read once per check, and every case traced to the report it cites.

Folders, searched in this order (the first that holds a file wins):

1. `content/sources/`, the sources kept in the repository (`casebook import` saves them there);
2. the folders given with `casebook check --sources DIR`;
3. the folders in the environment variable `CASEBOOK_SOURCES` (separated by `os.pathsep`; the one
   variable for report folders: `CASEBOOK_SEEDS`, its earlier name, is read by `seeds_folder` with a warning);
4. `[tool.casebook] sources = [...]` in the project's `pyproject.toml`, relative to the project.

A file that holds one report is the report. A folder whose files hold several reports lists
them, each with its file and the words it starts with, in `reports.yml`; a folder without that
file may list them in its README.md as a table row `| R01 | <file> | `<start>` | ... |` (the way
the seed reports are described). A report runs from its start to the next report's start in
the same file.
"""

from __future__ import annotations

import os
import re
import tomllib
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from casebook.corpus import assets, copied, trace, wording
from casebook.corpus.frontmatter import THE_FILE, FrontMatterError, as_written, line_of, load_yaml, of_the_file
from casebook.corpus.schema import REPORT_PATTERN
from casebook.model import Case, Message, Problem, say

ENVIRONMENT = "CASEBOOK_SOURCES"
OLD_ENVIRONMENT = "CASEBOOK_SEEDS"  # the seeds' folder before CASEBOOK_SOURCES named every folder
IN_CONTENT = "sources"
MANIFEST = "reports.yml"
MAX_SOURCE_BYTES = 20_000_000  # a report as text; the longest seed is 64 KB
_REPORT = re.compile(REPORT_PATTERN)
_README_ROW = re.compile(r"^\| *(R\d\d) *\| *(\S+) *\| *`([^`]+)` *\|", re.M)


@dataclass(frozen=True, slots=True)
class Folder:
    path: Path
    shown: str  # as the configuration names it, for messages


@dataclass(frozen=True, slots=True)
class Report:
    id: str
    file: str
    start: str
    listed_in: str  # the manifest, as messages show it
    line: int | None


@dataclass(frozen=True, slots=True)
class SourceFile:
    name: str
    shown: str
    text: str  # folded (trace.fold), once for all the cases that cite it
    reports: tuple[Report, ...] = ()  # what the folder lists in this file, in its order
    folder_reports: Mapping[str, Report] = field(default_factory=dict)  # every report of the folder


def folders(content_dir: Path, extra: Sequence[str | Path] = (), environ: Mapping[str, str] = os.environ,
            problems: list[Problem] | None = None) -> tuple[Folder, ...]:
    """Every folder to search, in order, whether or not it exists (messages say where they looked).
    The project is the folder that holds `content_dir`."""
    project = content_dir.parent
    out = [Folder(content_dir / IN_CONTENT, f"{content_dir.name}/{IN_CONTENT}")]
    out += [Folder(Path(p), str(p)) for p in extra]
    out += [Folder(Path(p), p) for p in environ.get(ENVIRONMENT, "").split(os.pathsep) if p]
    out += [Folder(project / p, p) for p in configured(project, problems)]
    seen: set[Path] = set()
    unique = []
    for f in out:
        key = Path(os.path.abspath(f.path))
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return tuple(unique)


def seeds_folder(project: Path, environ: Mapping[str, str] = os.environ) -> Path:
    """The folder of the seed reports (a folder whose README.md or reports.yml lists reports), for
    the tools that read the seeds themselves (the import's evaluation, the tests of the seed cases):
    the first such folder of CASEBOOK_SOURCES or of pyproject.toml, else ../shared/seeds beside the
    project. CASEBOOK_SEEDS, its earlier name, is still read, with a warning."""
    old = environ.get(OLD_ENVIRONMENT)
    if old:
        warnings.warn(f"{OLD_ENVIRONMENT} is read for now but will go: name the folder in {ENVIRONMENT} instead",
                      FutureWarning, stacklevel=2)
        return Path(old)
    named = [Path(p) for p in environ.get(ENVIRONMENT, "").split(os.pathsep) if p]
    named += [project / p for p in configured(project)]
    return next((p for p in named if (p / MANIFEST).is_file() or (p / "README.md").is_file()),
                project.parent / "shared" / "seeds")


def configured(project: Path, problems: list[Problem] | None = None) -> tuple[str, ...]:
    """`[tool.casebook] sources` of the project's pyproject.toml: folders relative to the project."""
    path = project / "pyproject.toml"
    try:
        with open(path, "rb") as f:
            value = tomllib.load(f).get("tool", {}).get("casebook", {}).get("sources", [])
    except FileNotFoundError:
        return ()
    except (OSError, tomllib.TOMLDecodeError) as e:
        if problems is not None:
            problems.append(Problem("pyproject.toml", None, None, say("pyproject_unreadable", error=str(e))))
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        if problems is not None:
            problems.append(Problem("pyproject.toml", None, "tool.casebook.sources", say("pyproject_sources")))
        return ()
    return tuple(value)


def listed_reports(folder: Folder) -> tuple[tuple[Report, ...], list[Problem]]:
    """The reports the folder lists: in reports.yml, else in its README.md's table."""
    manifest = folder.path / MANIFEST
    shown = f"{folder.shown}/{MANIFEST}"
    try:
        if manifest.is_file():
            return _from_manifest(assets.read_regular(manifest, MAX_SOURCE_BYTES).decode("utf-8-sig"), shown)
        readme = folder.path / "README.md"
        text = assets.read_regular(readme, MAX_SOURCE_BYTES).decode("utf-8-sig") if readme.is_file() else None
    except (assets.Unreadable, UnicodeDecodeError) as e:
        return (), [Problem(shown, None, None,
                            e.message if isinstance(e, assets.Unreadable) else say("not_utf8_short"))]
    if text is not None:
        return tuple(Report(m[1], m[2], m[3], f"{folder.shown}/README.md", text.count("\n", 0, m.start()) + 1)
                     for m in _README_ROW.finditer(text)), []
    return (), []


def _from_manifest(text: str, shown: str) -> tuple[tuple[Report, ...], list[Problem]]:
    try:
        data = load_yaml(text, 1, THE_FILE, max_chars=len(text))
    except FrontMatterError as e:
        return (), [Problem(shown, e.line, e.field, of_the_file(e.message))]
    items = data.get("reports") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return (), [Problem(shown, None, "reports", say("reports_list"))]
    out: list[Report] = []
    problems: list[Problem] = []
    for i, item in enumerate(items):
        line = line_of(text, ["reports", i])
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) and item[k].strip()
                                                 for k in ("report", "file", "start")):
            problems.append(Problem(shown, line, f"reports[{i}]", say("report_fields")))
            continue
        report = item["report"].strip()
        if not _REPORT.match(report) or report in {r.id for r in out}:
            problems.append(Problem(shown, line, f"reports[{i}].report",
                                    say("report_number", given=as_written(report))))
            continue
        out.append(Report(report, item["file"].strip(), item["start"].strip(), shown, line))
    return tuple(out), problems


def read(folders: Sequence[Folder], names: Iterable[str]) -> tuple[dict[str, SourceFile], list[Problem]]:
    """Each named file, from the first folder that holds it, read once; names found nowhere are left out.
    Only plain file names are looked up: a case cannot name a file outside the folders."""
    found: dict[str, SourceFile] = {}
    problems: list[Problem] = []
    manifests: dict[Path, tuple[Report, ...]] = {}
    present = [f for f in folders if f.path.is_dir()]
    for name in sorted(set(names)):
        if not name or name != Path(name).name or name in (".", ".."):
            continue
        folder = next((f for f in present if (f.path / name).is_file()), None)
        if folder is None:
            continue
        if folder.path not in manifests:
            manifests[folder.path], listed_problems = listed_reports(folder)
            problems += listed_problems
        shown = f"{folder.shown}/{name}"
        try:
            # A regular file of bounded size, not a link (content/sources/ is an editor's).
            text = assets.read_regular(folder.path / name, MAX_SOURCE_BYTES).decode("utf-8-sig")
        except assets.Unreadable as e:
            problems.append(Problem(shown, None, None, e.message))
            continue
        except UnicodeDecodeError:
            problems.append(Problem(shown, None, None, say("source_not_utf8")))
            continue
        listed = manifests[folder.path]
        found[name] = SourceFile(name, shown, trace.fold(text), tuple(r for r in listed if r.file == name),
                                 {r.id: r for r in listed})
    return found, problems


def report_text(source: SourceFile, report: str | None) -> tuple[str | None, str | Message, Message | None]:
    """The (folded) text of the report a case cites (None when it cannot be cut out of the file),
    how messages name it, and what is wrong when the case's file and report do not fit together."""
    cited = source.shown if report is None else say("cited_report", source=source.shown, report=report)
    if report is None:
        if len(source.reports) > 1:
            ids = ", ".join(r.id for r in source.reports)
            return None, cited, say("report_needed", name=source.name, n=len(source.reports), ids=ids,
                                    listed_in=source.reports[0].listed_in)
        listed = source.reports[0] if source.reports else None
    else:
        listed = next((r for r in source.reports if r.id == report), None)
        if listed is None:
            elsewhere = source.folder_reports.get(report)
            if elsewhere is not None:
                return None, cited, say("report_elsewhere", report=report, file=elsewhere.file, name=source.name,
                                        listed_in=elsewhere.listed_in)
            if not source.reports:
                return None, cited, say("report_single", name=source.name, manifest=MANIFEST)
            ids = ", ".join(r.id for r in source.reports)
            return None, cited, say("report_missing", report=report, name=source.name, ids=ids)
    # A start that is not in the file is reported once, at the list that names it (_missing_starts).
    return trace.report_text(source.text, listed.start if listed else None,
                             (r.start for r in source.reports)), cited, None


def report_numbers(source: SourceFile, report: str | None) -> tuple[frozenset[str] | None, str | Message,
                                                                    Message | None]:
    """The numbers of the report a case cites (None when it cannot be cut out of the file), how
    messages name it, and what is wrong when the case's file and report do not fit together."""
    text, cited, wrong = report_text(source, report)
    return (frozenset(trace.numbers(text)) if text is not None else None), cited, wrong


def trace_content(cases: Sequence[Case], derived: Mapping[str, tuple[trace.Derived, ...]], content_dir: Path,
                  locate: trace.Locate, extra: Sequence[str | Path] = (),
                  environ: Mapping[str, str] = os.environ,
                  rule: wording.Rule | None = None) -> tuple[list[Problem], list[Problem]]:
    """The traceability problems of every case, and notes (severity info) on what was skipped;
    with a `rule`, the wording each case shares with its source too (wording.py)."""
    problems: list[Problem] = []
    searched = folders(content_dir, extra, environ, problems)
    cited_files = Counter(c.source.file for c in cases)
    found, read_problems = read(searched, cited_files)
    problems += read_problems
    problems += _missing_starts(found.values())
    by_report: dict[tuple[str, str | None],
                    tuple[str | None, frozenset[str] | None, str | Message, Message | None]] = {}
    pending: list[tuple[tuple[str, str | None], str | Message, Case]] = []  # cases whose wording is checked
    # A checkout without its sources pays nothing per case, unless a case carries marks to check.
    cited: str | Message
    for case in cases if found or derived else ():
        source = found.get(case.source.file)
        if source is None:
            if not any(str(t.path) in derived for t in case.texts.values()):
                continue
            text, in_report, cited, wrong = None, None, "", None
        else:
            key = (case.source.file, case.source.report)
            if key not in by_report:
                text, cited, wrong = report_text(source, case.source.report)
                by_report[key] = text, (frozenset(trace.numbers(text)) if text is not None else None), cited, wrong
            text, in_report, cited, wrong = by_report[key]
        texts = trace.case_texts(case, derived)
        if wrong:
            field = ["source", "report"] if case.source.report else ["source"]
            problems.append(Problem(texts[0].path, locate(texts[0], field, None), ".".join(field), wrong,
                                    code=trace.UNTRACEABLE))
            continue
        if source is not None and in_report is None:
            continue  # its report's start is not in the file: said once, where the report is listed
        problems += trace.check(texts[0], texts[1:], in_report, cited, locate)
        # A draft still holds the report's text for its editor, and is written in its own words last.
        if (rule is not None and text is not None and "zh" in case.texts and case.id not in rule.reuse
                and not case.draft):
            pending.append((key, cited, case))
    if rule is not None:
        problems += _wording(pending, by_report, rule)
    where = tuple(f.shown if f.path.is_dir() else say("folder_absent", folder=f.shown) for f in searched)
    shown = f"{content_dir.name}/cases"
    notes = [Problem(shown, None, None, say("source_not_present", name=name, where=where, n=n), "info",
                     "source-not-present")
             for name, n in sorted(cited_files.items()) if name not in found]
    return problems, notes


def _wording(pending: list[tuple[tuple[str, str | None], str | Message, Case]],
             by_report: Mapping[tuple[str, str | None], tuple], rule: wording.Rule) -> list[Problem]:
    """The own-words rule over the cases to check, grouped by report so that each report is
    indexed once and only one index is held at a time, however many reports there are."""
    problems: list[Problem] = []
    prose: dict[str, str] = {}
    reviewed: dict[str, list[str]] = {}
    for e in rule.exceptions:
        reviewed.setdefault(e.case, []).append(e.run)
    index, indexed_key = None, None
    for key, cited, case in sorted(pending, key=lambda p: (p[0][0], p[0][1] or "", p[2].id)):
        if key != indexed_key:
            index, indexed_key = copied.automaton(copied.fold(by_report[key][0]).text), key
        assert index is not None  # made for the first case: no report's key is None
        zh = case.texts["zh"]
        fields = (("title", zh.title), ("summary", zh.summary), ("body", zh.body))
        folded = [copied.fold(text) for _, text in fields]
        prose[case.id] = copied.BARRIER.join(f.text for f in folded)
        found = wording.findings(fields, index, reviewed.get(case.id, ()), folded)
        problems += wording.problems(str(zh.path), found, cited, rule.place, rule.listed_in)
    if rule.path is not None:
        problems += wording.stale(rule.exceptions, prose, rule.listed_in, rule.path)
    return problems


def _missing_starts(files: Iterable[SourceFile]) -> list[Problem]:
    out = []
    for source in files:
        for r in source.reports:
            if trace.fold(r.start) not in source.text:
                out.append(Problem(r.listed_in, r.line, r.id, say("start_missing", start=r.start, source=source.shown)))
    return out
