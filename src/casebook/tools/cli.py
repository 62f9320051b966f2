"""The `casebook` command: check, new, status, schema and bundle.

Check the content, start a new case or checklist, see what is left to translate, write the JSON
Schema of the front matter, make the offline copy and the handbook."""

from __future__ import annotations

import argparse
import json
import re
import sys
from contextlib import contextmanager
from pathlib import Path

from casebook.corpus import frontmatter, loader
from casebook.corpus.schema import ID_PATTERN, REGION_KEYS
from casebook.corpus.taxonomy import parse_taxonomy
from casebook.corpus.validate import closest
from casebook.derive import indices
from casebook.incremental.history import last_commit_times
from casebook.model import LANGUAGES, Message, Problem, Taxonomy
from casebook.strings import Said, editors_language, strings
from casebook.tools import templates
from casebook.tools.jsonschema import front_matter_schema

_ID = re.compile(ID_PATTERN)


def _as_json(p: Problem, lang: str) -> dict:
    """A problem for tools: where it is, what it says in the editor's language, and what it
    says as data (its message's key and values, for a tool that words it itself)."""
    return {"path": p.path, "line": p.line, "field": p.field, "message": p.message.text(lang),
            "severity": p.severity, "code": p.code, "key": p.message.key,
            "values": {k: v.text(lang) if isinstance(v, Message) else v for k, v in p.message.values}}


def _check(args: argparse.Namespace) -> int:
    _t = Said(args.lang)
    result = loader.load(Path(args.content), sources=args.sources)
    problems = sorted(result.problems, key=lambda p: (p.path, p.line or 0))
    if args.format == "json":
        json.dump([_as_json(p, _t.lang) for p in (*problems, *result.notes)], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for p in (*problems, *result.notes):
            print(p.text(_t.lang))
        c = result.content
        for path in result.drafts:
            print(_t("draft", path=path))
        print(_t("summary", verdict=_t("ok" if not result.errors else "failed"),
                 errors=_t("errors", n=len(result.errors)),
                 warnings=_t("warnings", n=len(result.warnings)), cases=_t("cases", n=len(c.cases)),
                 checklists=_t("checklists", n=len(c.checklists)))
              + (_t("drafts_left_out", drafts=_t("drafts", n=len(result.drafts))) if result.drafts else ""))
    return 1 if result.errors else 0


def _taxonomy(content: Path, lang: str) -> Taxonomy:
    path = content / "taxonomy.yml"
    taxonomy, problems = parse_taxonomy(str(path), path.read_text("utf-8"))
    if problems:
        sys.exit("\n".join(p.text(lang) for p in problems))
    return taxonomy


def _ask(_t: Said, prompt: str, value: str | None, interactive: bool, check=None) -> str:
    """The option's value, or the answer to a prompt when the command runs in a terminal."""
    while True:
        if value is None:
            if not interactive:
                sys.exit(_t("new_missing", what=prompt))
            try:
                value = input(_t("ask", prompt=prompt)).strip()
            except EOFError:  # Ctrl-D, or the end of piped answers: say what was not given
                print()
                sys.exit(_t("new_missing", what=prompt))
        problem = check(value) if check else None
        if not problem:
            return value
        if not interactive:
            sys.exit(_t("new_problem", problem=problem))
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
                                         (getattr(en.region, k) for k in REGION_KEYS), strict=True) if a and b]
        if len(zh.ethnic_groups) == len(en.ethnic_groups):
            pairs += zip(zh.ethnic_groups, en.ethnic_groups, strict=True)
    return templates.english_names(pairs, ((t.term.zh, t.term.en) for t in loaded.glossary))


def _new_english(args: argparse.Namespace) -> int:
    _t = Said(args.lang)
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
        sys.exit(f"{zh_path.as_posix()}:{e.line or 1}: {e.message.text(_t.lang)}")
    en_path.write_text(templates.english_twin(doc.meta, doc.body, _known_names(content)), "utf-8")
    print(_t("wrote", path=en_path.as_posix()))
    print(_t("new_en_next"))
    return 0


def _new(args: argparse.Namespace) -> int:
    if args.kind == "en":
        return _new_english(args)
    _t = Said(args.lang)
    content = Path(args.content)
    taxonomy = _taxonomy(content, _t.lang)
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
        return None if value in units else _t("unknown_unit", value=value, allowed=", ".join(units),
                                              closest=closest(value, units))

    def check_measures(value: str) -> str | None:
        chosen = [m.strip() for m in value.split(",") if m.strip()]
        bad = [m for m in chosen if m not in measures]
        if not chosen or bad:
            what = bad[0] if bad else ""
            return _t("unknown_measure", value=what, allowed=", ".join(measures), closest=closest(what, measures))
        return None

    if interactive:
        print(_t("allowed", what=_t("allowed_units"), values=", ".join(units)))
        print(_t("allowed", what=_t("allowed_measures"), values=", ".join(measures)))
    id = _ask(_t, _t("ask_id"), args.id, interactive, check_id)
    titles = {
        "zh": _ask(_t, _t("ask_title_zh"), args.title_zh, interactive),
        "en": _ask(_t, _t("ask_title_en"), args.title_en, interactive),
    }
    chosen = _ask(_t, _t("ask_measures"), args.measures, interactive, check_measures)
    chosen_list = [m.strip() for m in chosen.split(",") if m.strip()]
    if args.kind == "case":
        unit = _ask(_t, _t("ask_unit"), args.unit_type, interactive, check_unit)
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
    _t = Said(args.lang)
    content = Path(args.content)
    result = loader.load(content)
    c = result.content
    texts = [(kind, item.id, item.texts)
             for kind, items in (("case", c.cases), ("checklist", c.checklists)) for item in items]
    dates = last_commit_times(content.parent, (str(t.path) for _, _, by in texts for t in by.values()))
    print(_t("status_translation"))
    missing = stale = 0
    for kind, id, by in texts:
        for lang in LANGUAGES:
            if lang not in by:
                missing += 1
                print(_t("status_missing", kind=_t(f"kind_{kind}"), id=id, language=_language_name(lang, _t.lang)))
        if len(by) == len(LANGUAGES):
            when = {lang: dates.get(str(t.path)) for lang, t in by.items()}
            known = {lang: t for lang, t in when.items() if t}
            if len(known) == len(when) and len(set(known.values())) > 1:
                newest = max(known, key=known.__getitem__)
                for lang, t in known.items():
                    if t < known[newest]:
                        stale += 1
                        print(_t("status_older", kind=_t(f"kind_{kind}"), id=id, language=_language_name(lang, _t.lang),
                                 newer=_language_name(newest, _t.lang)))
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
    _t = Said(args.lang)
    taxonomy = _taxonomy(Path(args.content), _t.lang)
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    for kind in ("case", "checklist"):
        path = out / f"{kind}.schema.json"
        path.write_text(json.dumps(front_matter_schema(kind, taxonomy), ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(_t("wrote", path=path.as_posix()))
    return 0


def _bundle(args: argparse.Namespace) -> int:
    from casebook.tools.bundle import bundle

    bundle(Path(args.project), Path(args.output), handbook=not args.no_handbook, speak=args.lang)
    return 0


def _compress(args: argparse.Namespace) -> int:
    _t = Said(args.lang)
    from casebook.tools.compress import compress_site

    site = Path(args.site)
    if not (site / "index.html").is_file():
        sys.exit(_t("compress_no_site", site=site))
    s = compress_site(site)
    mb = lambda n: f"{n / 1e6:.1f} MB"  # noqa: E731
    print(_t("compress_done", files=_t("compress_files", n=s.files), size=mb(s.original), gzip=mb(s.gzip),
             brotli=mb(s.brotli)))
    return 0


def parser(lang: str = "en") -> argparse.ArgumentParser:
    """The command's parser, its help in `lang` (strings.yml, `cli_help`)."""
    h = strings()[lang]["cli_help"].__getitem__
    main = argparse.ArgumentParser(prog="casebook", description=h("description"))
    main.add_argument("--lang", choices=("zh", "en"), help=h("lang"))
    commands = main.add_subparsers(dest="command", required=True, metavar=h("command"))

    check = commands.add_parser("check", help=h("check"), description=h("check_description"))
    check.add_argument("--format", choices=("text", "json"), default="text", help=h("check_format"))
    check.add_argument("--sources", action="append", default=[], metavar="DIR", help=h("check_sources"))
    check.set_defaults(run=_check)

    new = commands.add_parser("new", help=h("new"), description=h("new_description"))
    new.add_argument("kind", choices=("case", "checklist", "en"), help=h("new_kind"))
    new.add_argument("target", nargs="?", help=h("new_target"))
    new.add_argument("--force", action="store_true", help=h("new_force"))
    new.add_argument("--id", help=h("new_id"))
    new.add_argument("--title-zh", help=h("new_title_zh"))
    new.add_argument("--title-en", help=h("new_title_en"))
    new.add_argument("--unit-type", help=h("new_unit_type"))
    new.add_argument("--measures", help=h("new_measures"))
    new.add_argument("--no-input", action="store_true", help=h("new_no_input"))
    new.set_defaults(run=_new)

    status = commands.add_parser("status", help=h("status"), description=h("status_description"))
    status.set_defaults(run=_status)

    schema = commands.add_parser("schema", help=h("schema"), description=h("schema_description"))
    schema.add_argument("--output", default="schema", help=h("schema_output"))
    schema.set_defaults(run=_schema)

    bundle = commands.add_parser("bundle", help=h("bundle"), description=h("bundle_description"))
    bundle.add_argument("--project", default=".", help=h("bundle_project"))
    bundle.add_argument("--output", default="dist", help=h("bundle_output"))
    bundle.add_argument("--no-handbook", action="store_true", help=h("bundle_no_handbook"))
    bundle.set_defaults(run=_bundle)

    compress = commands.add_parser("compress", help=h("compress"), description=h("compress_description"))
    compress.add_argument("site", nargs="?", default="site", help=h("compress_site"))
    compress.set_defaults(run=_compress)

    from casebook.intake.command import add_parser as add_import

    add_import(commands, h)

    for sub in (check, new, status, schema):
        sub.add_argument("--content", default="content", help=h("content"))
    for sub in commands.choices.values():  # `casebook check --lang zh` as well as `casebook --lang zh check`
        sub.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS, help=h("lang"))
    return main


@contextmanager
def _argparse_speaks(lang: str):
    """argparse's own words ("usage:", "options", its errors) in `lang` while it parses: it looks
    each up through gettext as `argparse._`, which has no Chinese; strings.yml's
    `cli_help.argparse` has them."""
    words = strings()[lang]["cli_help"]["argparse"] or {}
    own = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: words.get(text) or own(text)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = own  # type: ignore[attr-defined]


def _given_language(argv: list[str] | None) -> str:
    """The editor's language, read before the parser that speaks it is made: `--lang`, else the
    locale (a wrong `--lang` is the parser's to say)."""
    args = sys.argv[1:] if argv is None else argv
    given = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            given = args[i + 1]
        elif arg.startswith("--lang="):
            given = arg.partition("=")[2]
    return editors_language(given if given in ("zh", "en") else None)


def _language_name(lang: str, speak: str) -> str:
    return {"zh": {"zh": "中文", "en": "英文"}, "en": loader.LANGUAGE_NAMES}[speak][lang]


def main(argv: list[str] | None = None) -> int:
    given = _given_language(argv)
    with _argparse_speaks(given):
        args = parser(given).parse_args(argv)
    args.lang = editors_language(args.lang)  # every command reads it from its arguments
    try:
        return args.run(args)
    except BrokenPipeError:  # `casebook status | head`: the reader has seen enough
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:  # Ctrl-C at a prompt: stopped, without a traceback
        print(file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
