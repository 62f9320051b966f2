"""Page kinds and marker paragraphs are declared once (`casebook.pages.page`): no other module spells
them as text, so that a kind or a marker renamed there cannot leave a stale copy behind that still
runs (a marker nobody fills shows on the page; a kind compared as text never matches again)."""

from __future__ import annotations

import ast
from pathlib import Path

from casebook.pages.page import Mark, PageKind, SitePage
from support import ROOT

DECLARATION = ROOT / "src" / "casebook" / "pages" / "page.py"
FOLDERS = ("src", "tests", "benchmarks", "scripts")
MAKERS = ("SitePage", "PageStub")


def _modules() -> list[Path]:
    return sorted(p for folder in FOLDERS for p in (ROOT / folder).rglob("*.py") if p != DECLARATION)


def _spelled(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, what) for every page kind or marker written as text."""
    found = []
    marks = tuple(m.value for m in Mark)
    kinds = {k.value for k in PageKind}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and any(m in node.value for m in marks):
            found.append((node.lineno, f"marker {node.value!r}"))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in MAKERS:
            given = [*node.args[3:4], *(k.value for k in node.keywords if k.arg == "kind")]
            found += [(a.lineno, f"kind {a.value!r}") for a in given if isinstance(a, ast.Constant)]
        elif isinstance(node, ast.Compare) and any(_page_kind(side) for side in (node.left, *node.comparators)):
            texts = [c for side in (node.left, *node.comparators) for c in ast.walk(side)
                     if isinstance(c, ast.Constant) and c.value in kinds]
            found += [(c.lineno, f"kind {c.value!r} compared") for c in texts]
    return found


def _page_kind(node: ast.expr) -> bool:
    """`page.kind`, `site_page.kind`, `stub.kind`: the kind of a page (content files and `casebook
    new` have kinds of their own, "cases" and "case", which are not pages')."""
    if not (isinstance(node, ast.Attribute) and node.attr == "kind"):
        return False
    owner = node.value
    name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
    return name.endswith(("page", "stub"))


def test_no_page_kind_or_marker_is_spelled_outside_its_declaration():
    spelled = [f"{path.relative_to(ROOT)}:{line}: {what}" for path in _modules()
               for line, what in _spelled(ast.parse(path.read_text("utf-8"), str(path)))]
    assert spelled == [], "name them by their member of PageKind or Mark instead:\n" + "\n".join(spelled)


def test_the_check_finds_what_it_looks_for():
    """The scan above would see a kind or a marker written as text (so its silence means something)."""
    widget, home = Mark.WIDGET.at(0), Mark.HOME.at(1)
    written = (f'SitePage("a.md", "A", "{widget}", "case")\n'
               f'page.kind == "checklist"\nf"{{x}}{home}"\nPageStub(p, kind="cell", source=s, make=m)\n')
    assert sorted(what for _, what in _spelled(ast.parse(written))) == [
        "kind 'case'", "kind 'cell'", "kind 'checklist' compared", f"marker '{home}'", f"marker '{widget}'"]


def test_a_page_read_back_as_text_has_its_kind_again():
    """The memo stores a page's kind as its text; the page it reads back has the member."""
    page = SitePage("cases/a.md", "A", "", PageKind.CASE.value)
    assert type(page.kind) is PageKind and page.kind is PageKind.CASE and not page.in_navigation


def _attributes_read(function) -> set[str]:
    """The attribute names a function's code reads (case.year, text.honours...)."""
    import inspect
    import textwrap

    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    return {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}


def test_every_case_field_is_searched_or_said_why_not():
    """A field added to the schema is read by the search index, or named in NOT_SEARCHED with a
    reason: before this, the index's list of a case's metadata was written by hand, and a new
    field was silently left out of search."""
    from casebook.corpus.schema import CASE_FIELDS
    from casebook.pages import search

    read = _attributes_read(search._case_doc)
    missing = [f.name for f in CASE_FIELDS if f.name not in read and f.name not in search.NOT_SEARCHED]
    assert missing == [], f"case fields neither searched nor in search.NOT_SEARCHED: {missing}"
    assert set(search.NOT_SEARCHED) <= {f.name for f in CASE_FIELDS}, "NOT_SEARCHED names no field"


def test_every_case_field_is_exported_or_said_why_not():
    """Likewise for open data: a field of the schema has a column (its name, or the parts of a
    region or a source), or is named in NOT_EXPORTED with a reason."""
    from casebook.corpus.schema import CASE_FIELDS
    from casebook.pages import opendata

    exported = {f.name for f in opendata.CASE_FIELDS}
    missing = [f.name for f in CASE_FIELDS if f.name not in exported and f.name not in opendata.NOT_EXPORTED]
    assert missing == [], f"case fields neither exported nor in opendata.NOT_EXPORTED: {missing}"
    assert not set(opendata.NOT_EXPORTED) & exported
    assert set(opendata.NOT_EXPORTED) <= {f.name for f in CASE_FIELDS}


def test_searched_fields_reach_the_index_with_their_values():
    """What _case_doc reads reaches the document it makes: each real case's honours, ethnic groups,
    unit and region parts are among its search fields' words."""
    from casebook.corpus.loader import load
    from casebook.pages import search

    content = load(ROOT / "content").content
    checked = 0
    for case in content.cases:
        for lang in case.texts:
            text = case.text(lang)
            doc = search._case_doc(case, lang, content.taxonomy, None)
            words = " ".join(doc.fields)
            for value in (*text.honours, *text.ethnic_groups, text.unit or "", *text.region.parts()):
                assert value in words, (case.id, lang, value)
                checked += 1
    assert checked > 50
