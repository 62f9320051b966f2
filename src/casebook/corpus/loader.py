"""Loading `content/` into the content model, with every problem found on the way.

This is the only module of the core that reads files. It never stops at the first problem: each
file is read and checked on its own, and what is wrong is reported together.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, is_dataclass, replace
from dataclasses import fields as dataclass_fields
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple, TypeVar

from casebook.corpus import assets, bounds, english_style, frontmatter, links, trace, typeset, wording, workers
from casebook.corpus.links import find_refs
from casebook.corpus.sanitize import risky_html
from casebook.corpus.schema import (
    CASE_FIELDS,
    CASE_SECTIONS,
    CHECKLIST_FIELDS,
    DRAFT_SECTION,
    OPTIONAL_SECTIONS,
    FieldSpec,
)
from casebook.corpus.sources import trace_content
from casebook.corpus.taxonomy import parse_glossary, parse_synonyms, parse_taxonomy
from casebook.corpus.validate import check_meta, closest
from casebook.incremental.memo import Memo, digest
from casebook.model import (
    LANGUAGES,
    Case,
    CaseText,
    Checklist,
    ChecklistText,
    Content,
    GlossaryTerm,
    Label,
    Message,
    Problem,
    Synonyms,
    Taxonomy,
    pack,
    say,
)

KINDS = {"cases": CASE_FIELDS, "checklists": CHECKLIST_FIELDS}
MAX_FILE_BYTES = 1_000_000
_FILE_NAME = re.compile(r"^(?P<id>[^.]+)\.(?P<lang>[^.]+)\.md$")
_HEADING = re.compile(r"^## +(.+?)\s*#*\s*$", re.M)
LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}


@dataclass(frozen=True, slots=True)
class Loaded:
    content: Content
    problems: tuple[Problem, ...]
    drafts: tuple[str, ...] = ()  # paths of draft cases, left out unless drafts were asked for
    notes: tuple[Problem, ...] = ()  # severity info: what was not checked, and why

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


@dataclass(frozen=True, slots=True)
class _File:
    """One content file after its own checks, before twins are paired."""

    kind: str
    id: str
    lang: str
    path: PurePosixPath
    values: dict[str, Any]
    doc: frontmatter.Document  # without its body once settled (_settled)
    digest: str = ""  # of the file's bytes
    # Set by _settled, while the body is at hand: the body typeset and packed as its text holds
    # it (model.pack), and the links it holds to other content.
    typeset: bytes | None = None
    refs: tuple[links.Ref, ...] = ()
    texts: dict[str, Any] | None = None  # a case file's own fields as its CaseText holds them, typeset


def load(content_dir: Path, memo: Memo | None = None, drafts: bool = False,
         sources: Sequence[str | Path] = (), processes: int | None = None) -> Loaded:
    """Everything in `content_dir`, checked. `memo` keeps each file's own checks for the next
    load, which reads again only the files whose content changed. Draft cases (`draft: true`)
    are left out, or with `drafts` loaded with their problems as warnings. `sources`: folders
    of source reports to search besides those of the configuration (sources.py). `processes`:
    how many processes share the files out (workers.py; by default one per core at scale).
    Problems are data (model.Message): whoever shows them writes them in the reader's language."""
    content_dir = Path(content_dir)
    # Paths in messages are relative to the project, as editors see them in git.
    base = content_dir.parent
    problems: list[Problem] = []

    def rel(path: Path) -> str:
        return path.relative_to(base).as_posix()

    # Links, devices and assets first: nothing below reads a file the walk did not find regular.
    tree = assets.walk(content_dir)
    problems += tree.problems
    problems += assets.check_assets(tree, base)
    taxonomy_path = content_dir / "taxonomy.yml"
    taxonomy_text = _read_text(taxonomy_path, rel, problems) or ""
    taxonomy, found = parse_taxonomy(rel(taxonomy_path), taxonomy_text)
    problems += found
    glossary: tuple[GlossaryTerm, ...] = ()
    glossary_path = content_dir / "glossary.yml"
    if glossary_path.exists():
        glossary_text = _read_text(glossary_path, rel, problems) or ""
        glossary, found = parse_glossary(rel(glossary_path), glossary_text)
        glossary = _typeset_glossary(glossary)
        # Its English is read again (for the lines) only once the file has passed the bounds.
        problems += found or english_style.check_glossary(rel(glossary_path), glossary_text)
    synonyms = Synonyms()
    synonyms_path = content_dir / "synonyms.yml"
    if synonyms_path.exists():
        synonyms, found = parse_synonyms(rel(synonyms_path), _read_text(synonyms_path, rel, problems) or "")
        problems += found
    if not taxonomy.unit_types or not taxonomy.measures:
        # Without a taxonomy every case would report the same unknown ids: say it once.
        return Loaded(Content(taxonomy, (), (), glossary), tuple(problems))

    files: list[_File] = []
    draft_paths: list[str] = []
    # Each file's body as typeset in the last load with this memo, by the file's digest: `mkdocs
    # serve` loads again after every edit, and sets again only the files that changed. Only the
    # bodies of this load are kept for the next.
    bodies = _Typeset(memo.typeset, memo.texts, memo.scans) if memo is not None and memo.holds else _Typeset({})
    taxonomy_key = digest(taxonomy_text)
    started_ns = time.time_ns()
    kinds = {path: _kind(path, content_dir) for path in tree.markdown}
    eligible = [(path, kind, rel(path)) for path, kind in kinds.items() if kind in KINDS]
    # Each file's own checks and settling in processes of their own at scale (corpus/workers.py),
    # but not while serving: its memo keeps every file as read, for the next load.
    processes = workers.processes_for(len(eligible), processes) if memo is None or not memo.holds else 0
    if processes >= 2:
        read = workers.mapped(partial(_read_shared, taxonomy, taxonomy_key, content_dir), eligible, processes)
    else:
        read = (_read_one(path, kind, shown, taxonomy, taxonomy_key, content_dir, memo, started_ns, bodies)
                for path, kind, shown in eligible)
    for path, kind in kinds.items():
        if kind not in KINDS:
            if path.parent == content_dir and path.name == "README.md":
                continue
            problems.append(Problem(rel(path), None, None, say("markdown_outside")))
            continue
        this = next(read)
        loaded, found = this.file, this.found
        if processes >= 2 and memo is not None:
            _remember(memo, this, kind, rel(path), taxonomy_key)
        if kind == "cases" and _is_draft(loaded, path):
            draft_paths.append(rel(path))
            if not drafts:
                continue
            # A draft is unfinished by design: what is left to write must not stop `mkdocs serve`.
            found = [replace(p, severity="warning") for p in found]
        problems += found
        if loaded:
            problems += this.images
            files.append(loaded)

    cases, checklists = _pair(files, taxonomy, problems)
    bodies.forget_the_rest()
    content = Content(taxonomy, cases, checklists, glossary, synonyms)
    problems += _check_references(content, files)
    traced, notes = _trace(content, files, content_dir, sources)
    # A link refused by the walk is refused again by the read that met it: said once.
    return Loaded(content, tuple(dict.fromkeys(problems + traced)), tuple(draft_paths), tuple(notes))


def _kind(path: Path, content_dir: Path) -> str | None:
    return path.parent.name if path.parent.parent == content_dir else None


class _Read(NamedTuple):
    """One file, checked and settled."""

    file: _File | None
    found: list[Problem]  # its own checks' problems
    images: list[Problem]  # its images' problems
    body_length: int
    digest: str  # of its bytes; "" where they were not read whole


# A parser's failure that no limit foresaw: the file's problem, said with its name, not a
# traceback that stops the check of every other file.
_PARSER_FAILURES = (RecursionError, MemoryError, ValueError, OverflowError)


def _parser_failed(shown: str, e: BaseException) -> Problem:
    return Problem(shown, None, None, say("parser_failed", error=f"{type(e).__name__}: {str(e)[:200]}"))


def _read_one(path: Path, kind: str, shown: str, taxonomy: Taxonomy, taxonomy_key: str, content_dir: Path,
              memo: Memo | None, started_ns: int, bodies: _Typeset) -> _Read:
    found: list[Problem] = []
    try:
        loaded = _load_file_cached(path, kind, taxonomy, taxonomy_key, shown, found, memo, started_ns)
    except _PARSER_FAILURES as e:
        found.append(_parser_failed(shown, e))
        loaded = None
    return _finished(loaded, found, path, content_dir, bodies, loaded.digest if loaded else "")


def _finished(loaded: _File | None, found: list[Problem], path: Path, content_dir: Path, bodies: _Typeset,
              file_digest: str) -> _Read:
    if loaded is None:
        return _Read(None, found, [], 0, file_digest)
    scanned = bodies.scanned(loaded)
    return _Read(_settled(loaded, bodies, scanned.refs), found, _check_images(loaded, scanned, path, content_dir),
                 len(loaded.doc.body), file_digest)


def _read_shared(taxonomy: Taxonomy, taxonomy_key: str, content_dir: Path, item: tuple[Path, str, str]) -> _Read:
    """_read_one in a process of its own, without a memo (the loading process keeps what this
    returns, _remember): _load_file_cached's read, with the digest of what it read."""
    path, kind, shown = item
    try:
        raw: bytes | None = assets.read_regular(path, MAX_FILE_BYTES)
    except assets.Unreadable:  # said with the file's name by the read that follows
        raw = None
    file_digest = digest(raw) if raw is not None else ""
    found: list[Problem] = []
    try:
        loaded = _load_file(path, raw, kind, KINDS[kind], taxonomy, shown, found, file_digest)
    except _PARSER_FAILURES as e:
        found.append(_parser_failed(shown, e))
        loaded, file_digest = None, ""  # not kept: as _load_file_kept, whose memo keeps no failure
    return _finished(loaded, found, path, content_dir, _Typeset({}), file_digest)


def _remember(memo: Memo, read: _Read, kind: str, shown: str, taxonomy_key: str) -> None:
    """A file read in another process, kept in `memo` as _load_file_kept keeps the files it reads."""
    if not read.digest:
        return
    f, found = read.file, tuple(read.found)
    value = (None, 0, 0, found) if f is None else (
        replace(f, doc=replace(f.doc, yaml_text=""), typeset=None, refs=(), texts=None), len(f.doc.yaml_text),
        read.body_length,
        found)
    memo.get(("file", read.digest, kind, shown, taxonomy_key), lambda: value)


_DRAFT_LINE = re.compile(rb"^draft:[ \t]*true[ \t]*(?:#.*)?$", re.M)


def _settled(f: _File, bodies: _Typeset, refs: tuple[links.Ref, ...]) -> _File:
    """The file as pairing and the reference check read it: its body typeset and packed and its
    links found while the body is at hand, and the body and parsed front matter let go. Held for
    every file to the end of loading, they took nearly half of its memory."""
    return replace(f, doc=replace(f.doc, meta={}, body=""), typeset=bodies.packed(f, _typesetter(f.lang)[1]),
                   refs=refs, texts=bodies.texts(f) if f.kind == "cases" else None)


def _is_draft(f: _File | None, path: Path) -> bool:
    if f is not None:
        return f.values.get("draft") is True
    # A draft whose front matter did not pass its checks is still a draft: look for the line.
    try:
        raw = assets.read_regular(path, MAX_FILE_BYTES)
    except assets.Unreadable:
        return False
    head = raw.split(b"\n---", 1)[0] if raw.startswith(b"---") else b""
    return bool(_DRAFT_LINE.search(head))


def _trace(content: Content, files: list[_File], content_dir: Path, folders: Sequence[str | Path]):
    """Every case's figures against its source report, where the source is present, and each
    twin's figures against its Chinese file, cases and checklists alike."""
    derived = {str(f.path): f.values["derived"] for f in files if "derived" in f.values}
    by_path: dict[str, _File] = {}
    docs: dict[str, frontmatter.Document] = {}
    lines: dict[str, trace.Lines] = {}

    def locate(text: trace.Text, path: list, number: str | None) -> int | None:
        if not by_path:  # only where there is a problem to place
            by_path.update((str(f.path), f) for f in files)
        if text.path not in lines:
            docs[text.path] = _as_read(by_path[text.path], content_dir.parent)
            lines[text.path] = trace.lines_of(docs[text.path])
        return trace.locate_in(docs[text.path], lines[text.path], path, number)

    bodies = {str(t.path): t for c in content.cases for t in c.texts.values()}

    def place(path: str, field: str, offset: int) -> int | None:
        if field == "body":
            text = bodies[path]
            return text.body_line + text.body.count("\n", 0, offset)
        return locate(trace.Text("zh", path, ()), [field], None)

    shown = (content_dir / wording.EXCEPTIONS).relative_to(content_dir.parent).as_posix()
    exceptions, problems = wording.read_exceptions(content_dir, shown)
    reuse = frozenset(f.id for f in files if f.kind == "cases" and f.values.get("wording_reuse"))
    rule = wording.Rule(reuse, exceptions, shown, place, content_dir / wording.EXCEPTIONS)
    traced, notes = trace_content(content.cases, derived, content_dir, locate, folders, rule=rule)
    return problems + traced + trace.checklist_problems(content.checklists, locate), notes


def _as_read(f: _File, base: Path) -> frontmatter.Document:
    """A settled file's document with its body again, for the lines of a problem found in it:
    read again from the file (bodies are not held to the end of loading), or, where the file
    has changed since, without the body's lines."""
    try:
        raw = assets.read_regular(base / f.path, MAX_FILE_BYTES)
        if f.digest and digest(raw) != f.digest:
            return f.doc
        return frontmatter.parse(frontmatter.decode(raw))
    except (assets.Unreadable, frontmatter.FrontMatterError):
        return f.doc


def _read_text(path: Path, rel, problems: list[Problem], raw: bytes | None = None) -> str | None:
    try:
        raw = assets.read_regular(path, MAX_FILE_BYTES) if raw is None else raw
    except assets.Unreadable as e:
        problems.append(Problem(rel(path), None, None, e.message))
        return None
    try:
        return frontmatter.decode(raw)
    except frontmatter.FrontMatterError as e:
        problems.append(Problem(rel(path), e.line, None, e.message))
        return None


# A file changed less than this long before it was read may change again within the same
# modification time (some file systems keep it to a second or two): it is read again next time.
_RACY_NS = 2_000_000_000


def _load_file_cached(path: Path, kind: str, taxonomy: Taxonomy, taxonomy_key: str, shown: str,
                      problems: list[Problem], memo: Memo | None, started_ns: int = 0) -> _File | None:
    """_load_file, kept in `memo` by the file's content: a file's own checks depend only on its
    bytes and the taxonomy, and most files are the same as in the last build."""
    if memo is not None:
        try:
            st = path.stat()
            seen = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
        except OSError:
            seen = None
        # The files of the last load with this memo (`mkdocs serve` loads again after every
        # edit), as (what stat said of the file, whether that can be trusted, its memo key, the
        # file, its problems): kept by the memo, which the adapter holds across builds.
        recent = memo.recent.get(str(path))
        # Unchanged since the last load of this process, as git trusts its index: the same
        # times, size and inode, and not written just before that load read it.
        if seen and recent and recent[0] == seen and recent[1] and recent[2][2:] == (kind, shown, taxonomy_key) \
                and memo.keep(recent[2]):
            problems += recent[4]
            return recent[3]
    try:
        raw = assets.read_regular(path, MAX_FILE_BYTES)
    except assets.Unreadable:  # said with the file's name by the read that follows
        return _load_file(path, None, kind, KINDS[kind], taxonomy, shown, problems)
    # Kept by content, not modification time, which file systems keep to a few milliseconds and
    # a checkout sets anew: times are trusted only within one process, as above.
    key = ("file", digest(raw), kind, shown, taxonomy_key)
    if memo is None:
        return _load_file(path, raw, kind, KINDS[kind], taxonomy, shown, problems, key[1])
    found_here: list[Problem] = []
    loaded = _load_file_kept(path, raw, key, kind, taxonomy, shown, found_here, memo)
    problems += found_here
    if seen and memo.holds:  # not for a process that builds once: it would hold every file to its end
        memo.recent[str(path)] = (seen, seen[0] < started_ns - _RACY_NS, key, loaded, tuple(found_here))
    return loaded


def _load_file_kept(path: Path, raw: bytes, key: tuple, kind: str, taxonomy: Taxonomy, shown: str,
                    problems: list[Problem], memo: Memo) -> _File | None:
    fresh: list[_File | None] = []

    def load() -> tuple[_File | None, int, int, tuple[Problem, ...]]:
        found: list[Problem] = []
        f = _load_file(path, raw, kind, KINDS[kind], taxonomy, shown, found, key[1])
        fresh.append(f)
        if f is None:
            return None, 0, 0, tuple(found)
        # Kept without the texts that the file holds, most of its size: the front matter
        # follows the first line, the body ends the file.
        kept = replace(f, doc=replace(f.doc, meta={}, body="", yaml_text=""))
        return kept, len(f.doc.yaml_text), len(f.doc.body), tuple(found)

    kept, yaml_length, body_length, found = memo.get(key, load)
    problems += found
    if fresh or kept is None:
        return fresh[0] if fresh else None
    text = frontmatter.decode(raw)
    start = text.index("\n") + 1
    return replace(kept, doc=replace(kept.doc, yaml_text=text[start:start + yaml_length],
                                     body=text[len(text) - body_length:] if body_length else ""))


def _load_file(path: Path, raw: bytes | None, kind: str, fields: tuple[FieldSpec, ...], taxonomy: Taxonomy,
               shown: str, problems: list[Problem], file_digest: str = "") -> _File | None:
    """One file's own checks; `raw`: its bytes where they have been read already."""
    m = _FILE_NAME.match(path.name)
    if not m or m["lang"] not in LANGUAGES:
        problems.append(Problem(shown, None, None, say("file_name")))
        return None
    text = _read_text(path, lambda p: shown, problems, raw)
    if text is None:
        return None
    if _blank(text):
        problems.append(Problem(shown, 1, None, say("file_empty")))
        return None
    try:
        doc = frontmatter.parse(text)
    except frontmatter.FrontMatterError as e:
        problems.append(Problem(shown, e.line, e.field, e.message))
        return None
    out_of_bounds = list(bounds.check_body(doc.body))
    for line, message in out_of_bounds:
        problems.append(Problem(shown, doc.body_line + line - 1, "body", message))
    if out_of_bounds:
        # Nothing else reads a body out of bounds: the checks below are patterns too.
        return None
    values, issues = check_meta(doc.meta, fields, taxonomy)
    for where, message in issues:
        problems.append(Problem(shown, doc.line_of(where), _field_name(where), message))
    if values.get("id") and values["id"] != m["id"]:
        problems.append(Problem(shown, doc.line_of(["id"]), "id",
            say("id_not_file_name", id=values["id"], lang=m["lang"], file_id=m["id"])))
    if kind == "cases":
        problems += _check_sections(doc, m["lang"], shown)
    problems += _check_todo(doc, shown)
    if m["lang"] == "en":
        problems += english_style.check_file(shown, text)
    for line, message in risky_html(doc.body):
        problems.append(Problem(shown, doc.body_line + line - 1, "body", message, "warning"))
    if _blank(doc.body) and kind == "cases":
        return None
    if any(w[0] in ("id", "title") for w, _ in issues) or not all(
        f.name in values for f in fields if f.required
    ):
        # A page without its required fields cannot be built; it is reported above, not dropped silently.
        return None
    return _File(kind, m["id"], m["lang"], PurePosixPath(shown), values, doc, file_digest)


def _blank(text: str) -> bool:
    # Not `not text.strip()`, which copies the whole file to find its first letter.
    return not text or text.isspace()


_TODO = re.compile(r"(?:^|:\s*|-\s+)TODO\b", re.M)


def _check_todo(doc: frontmatter.Document, shown: str) -> list[Problem]:
    """Placeholders left by `casebook new`, in the front matter or the body."""
    problems = []
    for text, first in ((doc.yaml_text, 2), (doc.body, doc.body_line)):
        if "TODO" not in text:  # the pattern is slow to rule out, and nearly every file has none
            continue
        for m in _TODO.finditer(text):
            n = text.count("\n", 0, m.start())
            key = text.split("\n")[n].split(":")[0].strip(" -") if text is doc.yaml_text else "body"
            problems.append(Problem(shown, first + n, key or None, say("todo")))
    return problems


IMAGES = assets.IMAGES
_RAW_IMAGE = re.compile(r"<img\b[^>]*\bsrc\s*=\s*[\"']?([^\"'\s>]+)", re.I)
_SCHEME = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|[/\\]{2})", re.I)


class _Scanned(NamedTuple):
    """What a file's body refers to: other content, images and anything loaded from elsewhere,
    each with its line."""

    refs: tuple[links.Ref, ...]
    images: tuple[tuple[int, str], ...]  # (line, target), in the order of the body
    remote: tuple[tuple[int, str | Message], ...]  # (line, what)


def _scan(f: _File) -> _Scanned:
    body = f.doc.body
    line = lambda at: f.doc.body_line + body.count("\n", 0, at)  # noqa: E731
    found = list(links.images(body))
    if "<" in body:
        found += [(m.start(), m.group(1)) for m in _RAW_IMAGE.finditer(body)]
    return _Scanned(tuple(find_refs(body)), tuple((line(at), target) for at, target in sorted(found)),
                    tuple((line(at), what) for at, what in links.remote_loads(body)))


def _check_images(f: _File, scanned: _Scanned, path: Path, content_dir: Path) -> list[Problem]:
    """Images must be files in content/images/, and nothing may load from another site: the
    site has to work without a network and tell no one who reads it. Whether each image is
    there is looked at on every load: an image can come or go while its case stays the same."""
    problems = [Problem(str(f.path), line, "body", say("loads_remote", what=what, images=f"content/{IMAGES}/"))
                for line, what in scanned.remote]
    if not scanned.images:
        return problems
    images = (content_dir / IMAGES).resolve()
    for line, target in scanned.images:
        where = partial(Problem, str(f.path), line, "body")
        if _SCHEME.match(target):
            problems.append(where(say("image_remote", target=target, images=IMAGES)))
            continue
        resolved = (path.parent / target.split("#")[0].split("?")[0]).resolve()
        if not resolved.is_relative_to(content_dir.resolve()):
            problems.append(where(say("image_outside", target=target, images=IMAGES)))
        elif not resolved.is_relative_to(images):
            problems.append(where(say("image_not_in_images", target=target, images=IMAGES)))
        elif not resolved.is_file():
            problems.append(where(say("image_missing", target=target,
                                      looked=resolved.relative_to(content_dir.parent).as_posix())))
    return problems


def _field_name(where: list) -> str:
    out = ""
    for step in where:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _section_headings(body: str) -> Iterator[re.Match]:
    """_HEADING's matches, tried only where a line starts with '## ': the pattern, anchored at
    each line, cannot skip ahead to them itself."""
    at = 0 if body.startswith("## ") else body.find("\n## ")
    while at != -1:
        start = at if at == 0 and body.startswith("## ") else at + 1
        m = _HEADING.match(body, start)
        if m:
            yield m
        at = body.find("\n## ", start)


def _check_sections(doc: frontmatter.Document, lang: str, shown: str) -> list[Problem]:
    expected = CASE_SECTIONS[lang]
    # Lines are counted only for the headings reported: counting them for every heading of
    # every file is a walk through every text.
    found = [(m.group(1).strip(), m.start()) for m in _section_headings(doc.body)]
    names = [name for name, _ in found]
    problems = []
    for section in expected[: len(expected) - OPTIONAL_SECTIONS]:
        if section not in names:
            problems.append(Problem(shown, doc.body_line, "body",
                say("section_missing", section=section, sections=tuple("## " + s for s in expected),
                    closest=closest(section, [n for n in names if n not in expected]))))
    for name, at in found:
        if name not in expected and not (name == DRAFT_SECTION and doc.meta.get("draft") is True):
            problems.append(Problem(shown, doc.body.count("\n", 0, at) + doc.body_line, "body",
                say("section_unknown", section=name, sections=tuple("## " + s for s in expected),
                    closest=closest(name, expected))))
    present = [n for n in names if n in expected]
    if present != sorted(present, key=expected.index):
        problems.append(Problem(shown, doc.body_line, "body", say("section_order", sections=tuple(expected))))
    if _blank(doc.body):
        problems.append(Problem(shown, doc.body_line, "body", say("no_body")))
    return problems


def _pair(files: list[_File], taxonomy: Taxonomy, problems: list[Problem]):
    by_id: dict[str, dict[str, _File]] = defaultdict(dict)
    kind_of: dict[str, _File] = {}
    for f in files:
        first = kind_of.setdefault(f.id, f)
        if first.kind != f.kind:
            problems.append(Problem(str(f.path), f.doc.line_of(["id"]), "id",
                                    say("id_taken", id=f.id, path=str(first.path))))
            continue
        by_id[f.id][f.lang] = f

    cases: list[Case] = []
    checklists: list[Checklist] = []
    for id in sorted(by_id):
        twins = by_id[id]
        primary = twins[next(lang for lang in LANGUAGES if lang in twins)]
        for lang in LANGUAGES:
            if lang not in twins:
                missing = primary.path.with_name(f"{id}.{lang}.md")
                problems.append(Problem(str(primary.path), None, None,
                    say("no_translation", language=say(f"language_{lang}"), missing=str(missing)),
                    "warning", "missing-translation"))
        fields = KINDS[primary.kind]
        for f in twins.values():
            if f is primary:
                continue
            for spec in fields:
                if spec.shared and f.values.get(spec.name) != primary.values.get(spec.name):
                    problems.append(Problem(str(f.path), f.doc.line_of([spec.name]), spec.name,
                        say("not_shared", path=str(primary.path), value=repr(primary.values.get(spec.name)))))
        if primary.kind == "cases":
            cases.append(_case(id, primary, twins))
        else:
            checklists.append(_checklist(id, primary, twins, problems))
    return tuple(cases), tuple(checklists)


# The fields each language writes for itself (schema.py: not shared) that a CaseText holds; a field
# declared there reaches the case's text without a line here.
_TEXT_FIELDS = tuple(spec.name for spec in CASE_FIELDS
                     if not spec.shared and spec.name in {f.name for f in dataclass_fields(CaseText)})


def _text_fields(f: _File) -> dict[str, Any]:
    """A case file's own fields as its CaseText holds them: typeset in the file's language."""
    text, _ = _typesetter(f.lang)
    return {name: _typeset_value(f.values[name], text) for name in _TEXT_FIELDS if name in f.values}


def _case(id: str, primary: _File, twins: dict[str, _File]) -> Case:
    v = primary.values
    texts = {}
    for lang, f in twins.items():
        assert f.typeset is not None  # _settled
        texts[lang] = CaseText(lang=lang, path=f.path, packed=f.typeset, body_line=f.doc.body_line,
                               digest=f.digest, **(f.texts if f.texts is not None else _text_fields(f)))
    return Case(id, v["unit_type"], v["measures"], v.get("year"), v["source"], texts, v.get("draft") is True)


T = TypeVar("T")


class _Typeset:
    """The typeset bodies, packed as the texts hold them (model.pack), kept in `kept` (the
    memo's, which the adapter holds across builds), and the typeset fields of case files, kept in
    `kept_texts`: `mkdocs serve` sets again only what changed (at 10,000 cases the fields of
    every file set again were a third of a rebuild's loading)."""

    def __init__(self, kept: dict[str, bytes], kept_texts: dict[str, dict[str, Any]] | None = None,
                 kept_scans: dict[str, Any] | None = None):
        self.kept = kept
        # None: a load that keeps nothing for a next one (`mkdocs build`), where each is worked
        # out once anyway.
        self.kept_texts, self.kept_scans = kept_texts, kept_scans
        self.seen: set[str] = set()

    def packed(self, f: _File, typeset_body) -> bytes:
        return self._kept(self.kept, f, lambda: pack(typeset_body(f.doc.body)))

    def texts(self, f: _File) -> dict[str, Any]:
        return self._kept(self.kept_texts, f, lambda: _text_fields(f))

    def scanned(self, f: _File) -> _Scanned:
        return self._kept(self.kept_scans, f, lambda: _scan(f))

    def _kept(self, table: dict[str, T] | None, f: _File, make: Callable[[], T]) -> T:
        """What `make` gives for `f`, from `table` by the file's digest and language (the same
        bytes are set as the language of the file's name), or made and kept there."""
        if not f.digest or table is None:
            return make()
        key = f"{f.digest} {f.lang}"  # one key in every table, so `seen` serves them all
        self.seen.add(key)
        if key not in table:
            table[key] = make()
        return table[key]

    def forget_the_rest(self) -> None:
        for kept in (self.kept, self.kept_texts or {}, self.kept_scans or {}):
            for key in kept.keys() - self.seen:
                del kept[key]


def _typeset_value(value, text):
    """A front-matter value with its texts set by `text`: a text, a list of texts, a region."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, tuple):
        return tuple(text(v) if isinstance(v, str) else v for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: text(v) for f in dataclass_fields(value)
                                 if isinstance(v := getattr(value, f.name), str)})
    return value


def _typesetter(lang: str):
    """The functions that set a plain text and a Markdown body of `lang` (typeset.py)."""
    return (lambda t: typeset.typeset_text(t, lang)), (lambda b: typeset.typeset_markdown(b, lang))


def _checklist(id: str, primary: _File, twins: dict[str, _File], problems: list[Problem]) -> Checklist:
    shape = [(i.measure, i.cases) for i in primary.values["items"]]
    for f in twins.values():
        if f is not primary and [(i.measure, i.cases) for i in f.values["items"]] != shape:
            problems.append(Problem(str(f.path), f.doc.line_of(["items"]), "items",
                                    say("items_differ", path=str(primary.path))))
    texts = {}
    for lang, f in twins.items():
        text, _ = _typesetter(lang)
        assert f.typeset is not None  # _settled
        texts[lang] = ChecklistText(lang, f.path, text(f.values["title"]), text(f.values["summary"]), f.typeset,
                                    f.doc.body_line, tuple(replace(i, text=text(i.text)) for i in f.values["items"]))
    return Checklist(id, texts)


def _typeset_glossary(terms: tuple[GlossaryTerm, ...]) -> tuple[GlossaryTerm, ...]:
    def label(label: Label) -> Label:
        return Label(**{lang: _typesetter(lang)[0](label(lang)) for lang in LANGUAGES})
    return tuple(replace(t, term=label(t.term), explanation=label(t.explanation)) for t in terms)


def _check_references(content: Content, files: list[_File]) -> list[Problem]:
    """Links and checklist items that point at content which does not exist."""
    known = {
        "case": {c.id for c in content.cases},
        "checklist": {c.id for c in content.checklists},
        "glossary": {t.id for t in content.glossary},
    }
    problems = []
    for f in files:
        for ref in f.refs:
            if ref.target not in known[ref.scheme]:
                problems.append(Problem(str(f.path), f.doc.body_line + ref.line - 1, "body",
                    say(f"no_{ref.scheme}", target=ref.target, closest=closest(ref.target, known[ref.scheme]))))
        if f.kind == "checklists":
            for i, item in enumerate(f.values["items"]):
                for j, case in enumerate(item.cases):
                    if case not in known["case"]:
                        problems.append(Problem(str(f.path), f.doc.line_of(["items", i, "cases", j]),
                                                f"items[{i}].cases",
                            say("no_item_case", case=case, closest=closest(case, known["case"]))))
    return problems
