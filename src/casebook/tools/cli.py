"""The `casebook` command: check, new, status, schema and bundle.

Check the content, start a new case or checklist, see what is left to translate, write the JSON
Schema of the front matter, make the offline copy and the handbook."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from casebook.corpus import frontmatter, loader
from casebook.derive import indices
from casebook.tools import templates
from casebook.incremental.history import last_commit_times
from casebook.tools.jsonschema import front_matter_schema
from casebook.model import LANGUAGES, Taxonomy
from casebook.corpus.schema import ID_PATTERN, REGION_KEYS
from casebook.corpus.taxonomy import parse_taxonomy
from casebook.corpus.validate import suggest

import os
import re

from casebook.strings import strings

_ID = re.compile(ID_PATTERN)
_LANG = "en"  # the editor's language for this run: main() sets it


def editors_language(given: str | None = None, environ=os.environ) -> str:
    """`--lang`, else the system locale's language (LC_ALL, LC_MESSAGES, LANG, as gettext reads
    them): Chinese for a zh_* locale, English otherwise."""
    if given:
        return given
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _t(key: str, **values) -> str:
    """A message of the command in the editor's language (strings.yml, `cli`)."""
    return strings()[_LANG]["cli"][key].format(**values)


def _problem(p) -> str:
    """A problem as `file:line: field: message`, its severity named in the editor's language."""
    where = f"{p.path}:{p.line}" if p.line else p.path
    tag = "" if p.severity == "error" else _t(p.severity) + (": " if _LANG == "en" else "：")
    return f"{where}: {tag}{p.field + ': ' if p.field else ''}{p.message}"


def _check(args: argparse.Namespace) -> int:
    result = loader.load(Path(args.content), sources=args.sources, lang=_LANG)
    problems = sorted(result.problems, key=lambda p: (p.path, p.line or 0))
    if args.format == "json":
        json.dump([asdict(p) for p in (*problems, *result.notes)], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for p in (*problems, *result.notes):
            print(_problem(p))
        c = result.content
        for path in result.drafts:
            print(_t("draft", path=path))
        print(_t("summary", verdict=_t("ok" if not result.errors else "failed"), errors=_t("errors", n=len(result.errors)),
                 warnings=_t("warnings", n=len(result.warnings)), cases=_t("cases", n=len(c.cases)),
                 checklists=_t("checklists", n=len(c.checklists)))
              + (_t("drafts_left_out", drafts=_t("drafts", n=len(result.drafts))) if result.drafts else ""))
    return 1 if result.errors else 0


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _taxonomy(content: Path) -> Taxonomy:
    path = content / "taxonomy.yml"
    taxonomy, problems = parse_taxonomy(str(path), path.read_text("utf-8"))
    if problems:
        sys.exit("\n".join(map(str, problems)))
    return taxonomy


def _ask(prompt: str, value: str | None, interactive: bool, check=None) -> str:
    """The option's value, or the answer to a prompt when the command runs in a terminal."""
    while True:
        if value is None:
            if not interactive:
                sys.exit(_t("new_missing", what=prompt))
            value = input(f"{prompt}: ").strip()
        problem = check(value) if check else None
        if not problem:
            return value
        if not interactive:
            sys.exit(f"casebook new: {problem}")
        print(problem)
        value = None


def _known_names(content: Path) -> dict[str, str]:
    """Chinese -> English names as the casebook already writes them: glossary terms, and the
    groups and places of every case written in both languages."""
    loaded = loader.load(content).content
    pairs = []
    for case in loaded.cases:
        zh, en = case.texts.get("zh"), case.texts.get("en")
        if not (zh and en):
            continue
        pairs += [(a, b) for a, b in zip((getattr(zh.region, k) for k in REGION_KEYS),
                                         (getattr(en.region, k) for k in REGION_KEYS)) if a and b]
        if len(zh.ethnic_groups) == len(en.ethnic_groups):
            pairs += zip(zh.ethnic_groups, en.ethnic_groups)
    return templates.english_names(pairs, ((t.term.zh, t.term.en) for t in loaded.glossary))


def _new_english(args: argparse.Namespace) -> int:
    content = Path(args.content)
    id = args.target or args.id
    if not id:
        sys.exit(_t("new_en_name"))
    zh_path = content / "cases" / f"{id}.zh.md"
    en_path = zh_path.with_name(f"{id}.en.md")
    if not zh_path.is_file():
        sys.exit(_t("new_en_no_zh", path=zh_path.as_posix()))
    if en_path.exists() and not args.force:
        sys.exit(_t("new_en_exists", path=en_path.as_posix()))
    try:
        doc = frontmatter.parse(zh_path.read_text("utf-8"))
    except frontmatter.FrontMatterError as e:
        sys.exit(f"{zh_path.as_posix()}:{e.line or 1}: {e.message}")
    en_path.write_text(templates.english_twin(doc.meta, doc.body, _known_names(content)), "utf-8")
    print(_t("wrote", path=en_path.as_posix()))
    print(_t("new_en_next"))
    return 0


def _new(args: argparse.Namespace) -> int:
    if args.kind == "en":
        return _new_english(args)
    content = Path(args.content)
    taxonomy = _taxonomy(content)
    interactive = sys.stdin.isatty() and not args.no_input
    folder = content / ("cases" if args.kind == "case" else "checklists")
    units = [u.id for u in taxonomy.unit_types]
    measures = [m.id for m in taxonomy.measures]

    def check_id(value: str) -> str | None:
        if not _ID.match(value):
            return _t("id_form", value=value)
        taken = [p for p in content.glob(f"*/{value}.*.md")]
        if taken:
            return _t("id_taken", value=value, path=taken[0].as_posix())
        return None

    def check_unit(value: str) -> str | None:
        return None if value in units else _t("unknown_unit", value=value, allowed=", ".join(units), closest=suggest(value, units))

    def check_measures(value: str) -> str | None:
        chosen = [m.strip() for m in value.split(",") if m.strip()]
        bad = [m for m in chosen if m not in measures]
        if not chosen or bad:
            what = bad[0] if bad else ""
            return _t("unknown_measure", value=what, allowed=", ".join(measures), closest=suggest(what, measures))
        return None

    if interactive:
        print(f"{_t('allowed_units')}: {', '.join(units)}\n{_t('allowed_measures')}: {', '.join(measures)}")
    id = _ask(_t("ask_id"), args.id, interactive, check_id)
    titles = {
        "zh": _ask(_t("ask_title_zh"), args.title_zh, interactive),
        "en": _ask(_t("ask_title_en"), args.title_en, interactive),
    }
    chosen = _ask(_t("ask_measures"), args.measures, interactive, check_measures)
    chosen_list = [m.strip() for m in chosen.split(",") if m.strip()]
    if args.kind == "case":
        unit = _ask(_t("ask_unit"), args.unit_type, interactive, check_unit)
        files = templates.case_files(id, titles, unit, chosen_list)
    else:
        files = templates.checklist_files(id, titles, chosen_list)
    folder.mkdir(parents=True, exist_ok=True)
    for lang, text in files.items():
        path = folder / f"{id}.{lang}.md"
        path.write_text(text, encoding="utf-8")
        print(_t("wrote", path=path.as_posix()))
    print(_t("new_next"))
    return 0


def _status(args: argparse.Namespace) -> int:
    content = Path(args.content)
    result = loader.load(content)
    c = result.content
    texts = [(kind, item.id, item.texts) for kind, items in (("case", c.cases), ("checklist", c.checklists)) for item in items]
    dates = last_commit_times(content.parent, (str(t.path) for _, _, by in texts for t in by.values()))
    print(_t("status_translation"))
    missing = stale = 0
    for kind, id, by in texts:
        for lang in LANGUAGES:
            if lang not in by:
                missing += 1
                print(_t("status_missing", kind=_t(f"kind_{kind}"), id=id, language=_language_name(lang)))
        if len(by) == len(LANGUAGES):
            when = {lang: dates.get(str(t.path)) for lang, t in by.items()}
            if all(when.values()) and len(set(when.values())) > 1:
                newest = max(when, key=when.get)
                for lang, t in when.items():
                    if t < when[newest]:
                        stale += 1
                        print(_t("status_older", kind=_t(f"kind_{kind}"), id=id, language=_language_name(lang),
                                 newer=_language_name(newest)))
    total = len(texts) * len(LANGUAGES)
    print(_t("status_total", written=total - missing, total=total, missing=missing, stale=stale)
          + ("" if dates else _t("status_no_dates")))
    print("\n" + _t("status_units"))
    counted = indices.build(c)
    units, measures = counted.unit_counts(), counted.measure_counts()
    for u in c.taxonomy.unit_types:
        print(f"  {units[u.id]:5}  {u.id} ({u.label.zh} / {u.label.en})")
    print("\n" + _t("status_measures"))
    for m in c.taxonomy.measures:
        print(f"  {measures[m.id]:5}  {m.id} ({m.label.zh} / {m.label.en})")
    print("\n" + _t("status_end", cases=len(c.cases), checklists=len(c.checklists), terms=len(c.glossary),
                    errors=len(result.errors), warnings=len(result.warnings)))
    return 0


def _schema(args: argparse.Namespace) -> int:
    taxonomy = _taxonomy(Path(args.content))
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    for kind in ("case", "checklist"):
        path = out / f"{kind}.schema.json"
        path.write_text(json.dumps(front_matter_schema(kind, taxonomy), ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(_t("wrote", path=path.as_posix()))
    return 0


def _bundle(args: argparse.Namespace) -> int:
    from casebook.tools.bundle import bundle

    bundle(Path(args.project), Path(args.output), handbook=not args.no_handbook)
    return 0


def _compress(args: argparse.Namespace) -> int:
    from casebook.tools.compress import compress_site

    site = Path(args.site)
    if not (site / "index.html").is_file():
        sys.exit(f"casebook compress: {site}/index.html not found; build the site first (make build)")
    s = compress_site(site)
    mb = lambda n: f"{n / 1e6:.1f} MB"  # noqa: E731
    print(f"{_n(s.files, 'file')}, {mb(s.original)}: gzip {mb(s.gzip)}, brotli {mb(s.brotli)}")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="casebook",
        description="Tools for the Casebook's content. Run them from the project folder.",
    )
    main.add_argument("--lang", choices=("zh", "en"),
                      help="the language of the messages (default: the system locale's, zh for a Chinese one)")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check", help="check every case and checklist and list every problem",
        description="Checks every file in content/ and prints each problem as file:line: field: message, "
        "with the allowed values and the closest one, then a one-line summary. Every number of a case must stand "
        "in its source report where the source is present (or be marked under derived:). "
        "Exits with 1 when there are errors, 0 when there are only warnings or none.")
    check.add_argument("--format", choices=("text", "json"), default="text", help="text for people (default), json for tools")
    check.add_argument("--sources", action="append", default=[], metavar="DIR",
                       help="a folder of source reports to trace the cases' figures to, searched after content/sources "
                       "and before those of CASEBOOK_SOURCES and pyproject.toml's [tool.casebook] sources (repeatable)")
    check.set_defaults(run=_check)

    new = commands.add_parser(
        "new", help="start a new case or checklist in both languages, or the English file of a Chinese case",
        description="Writes content/cases/<id>.zh.md and .en.md (or the checklist pair) with every field and "
        "section in place and TODO where you have to write. Asks for what you leave out, when run in a terminal. "
        "`casebook new en <id>` writes content/cases/<id>.en.md from the Chinese file: the shared fields carried "
        "over, names the casebook already gives in English, the sections' headings, and the figures and dates of "
        "each section as English writes them (3400万元: 34 million yuan; 10月29日: 29 October).")
    new.add_argument("kind", choices=("case", "checklist", "en"), help="what to start")
    new.add_argument("target", nargs="?", help="(en) the id of the Chinese case to write the English file of")
    new.add_argument("--force", action="store_true", help="(en) overwrite an English file that exists")
    new.add_argument("--id", help="lower-case words joined by hyphens, e.g. bihai-community-guiyang")
    new.add_argument("--title-zh", help="the Chinese title")
    new.add_argument("--title-en", help="the English title")
    new.add_argument("--unit-type", help="(cases) one unit type id from content/taxonomy.yml")
    new.add_argument("--measures", help="measure category ids from content/taxonomy.yml, comma-separated")
    new.add_argument("--no-input", action="store_true", help="never ask; fail on what is missing")
    new.set_defaults(run=_new)

    status = commands.add_parser(
        "status", help="what is translated, what is out of date, and counts by unit type and category",
        description="Lists pages that exist in one language only, pairs whose one file is older than the other "
        "by git date, and counts cases by unit type and by measure category.")
    status.set_defaults(run=_status)

    schema = commands.add_parser(
        "schema", help="write the JSON Schema of the front matter",
        description="Writes case.schema.json and checklist.schema.json, made from the checker's own field "
        "declarations and the taxonomy, for editors that validate YAML as you type.")
    schema.add_argument("--output", default="schema", help="folder to write to (default: schema)")
    schema.set_defaults(run=_schema)

    bundle = commands.add_parser(
        "bundle", help="make the offline copy (a zip of the site) and the printed handbook",
        description="Writes dist/casebook-offline.zip, the whole bilingual site that opens from disk with search "
        "working and no network, and dist/casebook-handbook-zh|en.html and .pdf, every case and checklist in one "
        "printable document per language. Needs Chromium for the PDF (make test installs it).")
    bundle.add_argument("--project", default=".", help="the project folder (default: here)")
    bundle.add_argument("--output", default="dist", help="where to write (default: dist)")
    bundle.add_argument("--no-handbook", action="store_true", help="only the offline zip, without the printed handbook")
    bundle.set_defaults(run=_bundle)

    compress = commands.add_parser(
        "compress", help="write gzip and brotli copies of the built site's text files, for nginx",
        description="Writes x.gz and x.br beside every HTML, CSS, JavaScript, JSON, XML, SVG, CSV and text file "
        "of the built site, which nginx (deploy/nginx/casebook.conf) and GitLab Pages send as they are. "
        "Run it after `mkdocs build`.")
    compress.add_argument("site", nargs="?", default="site", help="the built site (default: site)")
    compress.set_defaults(run=_compress)

    from casebook.intake.command import add_parser as add_import

    add_import(commands)

    for sub in (check, new, status, schema):
        sub.add_argument("--content", default="content", help="the content folder (default: content)")
    return main


def _language_name(lang: str) -> str:
    return {"zh": {"zh": "中文", "en": "英文"}, "en": loader.LANGUAGE_NAMES}[_LANG][lang]


def main(argv: list[str] | None = None) -> int:
    global _LANG
    args = parser().parse_args(argv)
    _LANG = editors_language(args.lang)
    try:
        return args.run(args)
    except BrokenPipeError:  # `casebook status | head`: the reader has seen enough
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
