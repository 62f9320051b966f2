"""The `casebook import` command: files and folders in, a table per report (or JSON) out, drafts written."""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from casebook.corpus.taxonomy import parse_taxonomy
from casebook.corpus.trace import NUMBER
from casebook.model import Message, Taxonomy, say
from casebook.strings import Said, strings

from .draft import ID, draft_id, render
from .model import Refusal, Report, Suggestions, written
from .read import SUFFIXES, read
from .split import split
from .suggest import masked, suggest

# Folders are searched for these; .doc is among them so that it is refused by name, not skipped.
FOUND = (*SUFFIXES, ".doc")
# A folder's own notes are not reports: read only where named on the command line.
NOTES = re.compile(r"^(readme|notes?|changelog|license|licence|contributing|todo|说明|备注|目录)([._ -].*)?$", re.I)
# Limits per file: a file past one is refused with the limit named; the batch goes on.
MAX_SECONDS = 60
MAX_REPORTS = 200


@dataclass(frozen=True, slots=True)
class Imported:
    report: Report
    suggestions: Suggestions
    id: str
    written: tuple[str, ...]


def add_parser(commands, h: Callable[[str], str] | None = None) -> None:
    """The `import` command; `h`: its help texts by key (strings.yml `cli_help`, in the editor's language)."""
    if h is None:
        h = strings()["en"]["cli_help"].__getitem__
    p = commands.add_parser("import", help=h("import"), description=h("import_description"))
    p.add_argument("paths", nargs="+", metavar="PATH", help=h("import_paths"))
    p.add_argument("--content", default="content", help=h("content"))
    p.add_argument("--dry-run", action="store_true", help=h("import_dry_run"))
    p.add_argument("--json", action="store_true", help=h("import_json"))
    p.add_argument("--force", action="store_true", help=h("import_force"))
    p.add_argument("--id", help=h("import_id"))
    p.set_defaults(run=run)


def files_in(paths: list[str], skipped: list[str] | None = None) -> list[tuple[Path, str]]:
    """The files named, and the reports in the folders named: a folder's README, notes and
    hidden files are no reports (listed in `skipped`)."""
    out = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                if not p.is_file() or p.suffix.lower() not in FOUND:
                    continue
                if NOTES.match(p.name) or any(part.startswith(".") for part in p.relative_to(path).parts):
                    if skipped is not None:
                        skipped.append(p.as_posix())
                    continue
                out.append((p, p.as_posix()))
        else:
            out.append((path, given))
    return out


class _Late(Exception):
    pass


def _bounded(seconds: int, work):
    """work() with a time limit, where the platform has alarms (the main thread on Unix)."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        return work()

    def late(signum, frame):
        raise _Late()
    previous = signal.signal(signal.SIGALRM, late)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return work()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def import_bounded(path: Path, shown: str, taxonomy: Taxonomy, seconds: int | None = None):
    """import_file within the time limit; any failure of one file becomes its refusal, with the reason."""
    seconds = seconds or MAX_SECONDS
    try:
        return _bounded(seconds, lambda: import_file(path, shown, taxonomy))
    except Refusal:
        raise
    except _Late:
        raise Refusal(say("import.late", shown=shown, seconds=seconds)) from None
    except RecursionError:
        raise Refusal(say("import.too_deep", shown=shown)) from None
    except MemoryError:
        raise Refusal(say("import.too_large", shown=shown)) from None
    except Exception as e:  # one bad file never stops the batch: its reason is reported with it
        raise Refusal(say("import.failed", shown=shown, error=f"{type(e).__name__}: {str(e)[:160]}")) from e


def import_file(path: Path, shown: str, taxonomy: Taxonomy, with_read: bool = False):
    """The reports of one file with their suggestions (and the file as read, where asked)."""
    read_ = read(path, shown)
    reports = split(read_)
    found = [r for r in reports if r.text.strip()]
    if len(found) > MAX_REPORTS:
        raise Refusal(say("import.too_many_reports", shown=shown, n=len(found), limit=MAX_REPORTS))
    if not found:
        from .clean import clean_lines

        removed = len(clean_lines(read_.lines)[1])
        raise Refusal(say("import.no_text_after_noise", shown=shown, removed=removed) if removed
                      else say("import.no_text", shown=shown))
    out = [(r, suggest(r, taxonomy)) for r in found]
    return (out, read_) if with_read else out


def as_json(item: Imported, lang: str = "en") -> dict:
    r, s = item.report, item.suggestions
    ev = partial(written, lang=lang)
    return {
        "file": r.file, "report": r.index, "reports_in_file": r.count, "id": item.id,
        "title": s.title.value, "unit": s.unit.value, "unit_type": s.unit_type.value,
        "measures": [m.value for m in s.measures],
        "region": {level: v.value for level, v in s.region.items()},
        "year": s.year.value,
        "ethnic_groups": [g.value for g in s.ethnic_groups],
        "honours": [h.value for h in s.honours], "locality": s.locality.value,
        "source_kind": s.source_kind.value, "by": s.by.value, "proposed_title": s.proposed_title.value,
        "numbers": NUMBER.findall(masked(_nfkc(r.text))),
        "figures": [{"number": f.text, "context": f.context} for f in s.figures],
        "placeholders": [{"text": p.text, "context": p.context} for p in s.placeholders],
        "removed": [{"line": x.line, "text": x.text, "reason": x.reason} for x in r.removed],
        "script": "traditional" if s.traditional else "simplified",
        "evidence": {  # in the editor's language, as the table
            "title": ev(s.title.evidence), "unit": ev(s.unit.evidence), "unit_type": ev(s.unit_type.evidence),
            "measures": {m.value: ev(m.evidence) for m in s.measures},
            "region": {level: ev(v.evidence) for level, v in s.region.items()},
            "year": ev(s.year.evidence), "ethnic_groups": {g.value: ev(g.evidence) for g in s.ethnic_groups},
            "honours": {h.value: ev(h.evidence) for h in s.honours}, "locality": ev(s.locality.evidence),
            "source_kind": ev(s.source_kind.evidence), "by": ev(s.by.evidence),
            "proposed_title": ev(s.proposed_title.evidence),
        },
        "written": list(item.written),
        "text": r.text,
    }


def _nfkc(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKC", text)


def _said(e: Exception, lang: str) -> str:
    """A refusal in the editor's language (a Message of strings.yml's `import`; anything else
    as it was raised)."""
    what = e.args[0] if e.args else ""
    return what.text(lang) if isinstance(what, Message) else str(e)


def run(args: argparse.Namespace) -> int:
    from rich.console import Console

    lang = getattr(args, "lang", None) or "en"  # the editor's, set by the `casebook` command

    t = Said(lang, "import")
    content = Path(args.content)
    path = content / "taxonomy.yml"
    taxonomy, problems = parse_taxonomy(path.as_posix(), path.read_text("utf-8"))
    if problems:
        sys.exit("\n".join(p.text(lang) for p in problems))
    out = Console(highlight=False, soft_wrap=False)
    err = Console(stderr=True, highlight=False)
    if args.id is not None and not ID.fullmatch(args.id):
        print(t("bad_id", id=args.id[:60]), file=sys.stderr)
        return 2
    skipped: list[str] = []
    files = files_in(args.paths, skipped)
    for name in skipped:
        print(t("skipped", name=name), file=sys.stderr)
    done: list[Imported] = []
    bad: list[str] = []
    progress = None
    if len(files) > 1:
        from rich.progress import Progress

        progress = Progress(console=err, transient=True)
        progress.start()
        task = progress.add_task(t("importing"), total=len(files))
    try:
        for path, shown in files:
            try:
                found = import_bounded(path, shown, taxonomy)
                ids = {i.id for i in done}
                named = []
                for r, s in found:
                    place = next((v.value for v in (s.region["county"], s.region["prefecture"]) if v.value), None)
                    id = draft_id(path.stem, r.index, r.count, args.id, s.unit_type.value, ids, s.unit.value, place)
                    if not ID.fullmatch(id):  # never a path: the id names files in content/
                        raise Refusal(say("import.no_id", shown=shown, id=id[:40]))
                    ids.add(id)
                    named.append((r, s, id))
                # Every report of a file is checked before any is written: a file is imported whole or refused.
                for report, _, id in named:
                    _check_free(content, report, id, args)
                for report, s, id in named:
                    done.append(Imported(report, s, id, _write(content, report, s, id, args)))
            except Refusal as e:
                bad.append(_said(e, lang))
            if progress:
                progress.advance(task)
    finally:
        if progress:
            progress.stop()
    if args.json:
        print(json.dumps([as_json(i, lang) for i in done], ensure_ascii=False, indent=1))
    else:
        for item in done:
            out.print(_table(item, args.dry_run, t))
    for line in bad:
        print(t("refused", line=line), file=sys.stderr)
    n_files = len({i.report.file for i in done})
    summary = t("summary", reports=t("reports", n=len(done)), files=t("files", n=n_files))
    if args.dry_run:
        summary += t("dry_run")
    if bad:
        print(t("refused_count", summary=summary, n=len(bad)), file=sys.stderr)
        for line in bad:
            print(f"  {line.split(': ', 1)[0]}", file=sys.stderr)
        return 1
    print(summary + ("" if args.dry_run or args.json else t("review")), file=sys.stderr)
    return 0


def _check_free(content: Path, report: Report, id: str, args) -> None:
    case = content / "cases" / f"{id}.zh.md"
    taken = [p for p in (case, case.with_name(f"{id}.en.md"), content / "sources" / f"{id}.txt") if p.exists()]
    if taken and not args.force:
        raise Refusal(say("import.id_taken", shown=report.file, id=id, path=taken[0].as_posix()))


def _write(content: Path, report: Report, s: Suggestions, id: str, args) -> tuple[str, ...]:
    case = content / "cases" / f"{id}.zh.md"
    source = content / "sources" / f"{id}.txt"
    if args.dry_run:
        return ()
    case.parent.mkdir(parents=True, exist_ok=True)
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(report.text + "\n", "utf-8")
    case.write_text(render(report, s, id, source.name, getattr(args, "lang", None) or "en"), "utf-8")
    return case.as_posix(), source.as_posix()


def _table(item: Imported, dry_run: bool, t: Said):
    from rich.table import Table

    r, s = item.report, item.suggestions
    ev = partial(written, lang=t.lang)
    where = t("table_where", file=Path(r.file).name, index=r.index, count=r.count)
    target = t("table_dry_run") if dry_run else (", ".join(item.written) or "")
    table = Table(title=f"{where} → {item.id} {target}", title_justify="left", show_lines=False)
    table.add_column(t("col_field"))
    table.add_column(t("col_suggestion"))
    table.add_column(t("col_evidence"), overflow="fold")
    table.add_row(t("row_script"), t("traditional") if s.traditional else t("simplified"), "")
    table.add_row("title", _shown(s.title.value, t), ev(s.title.evidence))
    table.add_row(t("row_proposed_title"), _shown(s.proposed_title.value, t), ev(s.proposed_title.evidence))
    table.add_row("unit", _shown(s.unit.value, t), ev(s.unit.evidence))
    table.add_row("unit_type", _shown(s.unit_type.value, t), ev(s.unit_type.evidence))
    for m in s.measures:
        table.add_row("measures", str(m.value), ev(m.evidence))
    for level, v in s.region.items():
        table.add_row(level, _shown(v.value, t), ev(v.evidence))
    table.add_row("locality", _shown(s.locality.value, t), ev(s.locality.evidence))
    table.add_row("year", _shown(s.year.value, t), ev(s.year.evidence))
    for h in s.honours:
        table.add_row("honours", str(h.value), ev(h.evidence))
    table.add_row(t("row_source_kind"), _shown(s.source_kind.value, t), ev(s.source_kind.evidence))
    table.add_row(t("row_by"), _shown(s.by.value, t), ev(s.by.evidence))
    table.add_row("ethnic_groups", "、".join(str(g.value) for g in s.ethnic_groups) or "[]",
                  strings()[t.lang]["check"]["list_sep"].join(ev(g.evidence) for g in s.ethnic_groups))
    table.add_row(t("row_figures"), str(len(s.figures)),
                  " ".join(f.text for f in s.figures[:20]) + (" …" if len(s.figures) > 20 else ""))
    table.add_row(t("row_placeholders"), str(len(s.placeholders)),
                  "; ".join(f"{p.text} ({p.context})" for p in s.placeholders[:5]))
    table.add_row(t("row_removed"), str(len(r.removed)),
                  "; ".join(f"{x.line}: {x.text[:30]} ({x.reason})" for x in r.removed))
    return table


def _shown(value, t: Said) -> str:
    """A suggestion in the table: nothing found is said as such, never as Python's None."""
    return t("nothing_found") if value is None else str(value)
