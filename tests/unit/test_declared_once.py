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
