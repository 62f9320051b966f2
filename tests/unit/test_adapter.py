"""The MkDocs adapter's shape: a plugin that only passes events on, and one object of state that the
plugin owns and MkDocs keeps for a whole `mkdocs serve`."""

from __future__ import annotations

import ast
import tomllib
from importlib import import_module
from pathlib import Path

import yaml
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "hooks" / "casebook_mkdocs" / "plugin.py"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data: its tags (!ENV) are MkDocs' own, read as nothing."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_the_plugin_only_hands_each_event_to_its_adapter():
    tree = ast.parse(PLUGIN.read_text("utf-8"))
    (plugin,) = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    events = [node for node in plugin.body if isinstance(node, ast.FunctionDef) and node.name.startswith("on_")]
    assert len(events) >= 10
    for node in events:
        # One statement: `self.adapter.<event>(...)`, returned or not.
        assert len(node.body) == 1, f"{node.name} does more than pass the event on"
        call = node.body[0].value
        assert isinstance(call, ast.Call) and ast.unparse(call.func).startswith("self.adapter."), node.name


def test_the_plugin_is_declared_where_mkdocs_finds_it_and_listed_in_mkdocs_yml():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["entry-points"]["mkdocs.plugins"]
    module, _, name = declared["casebook"].partition(":")
    assert issubclass(getattr(import_module(module), name), BasePlugin)
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), _Loader)
    assert [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]] == ["casebook"]
    assert "hooks" not in config


def test_mkdocs_keeps_the_plugin_and_its_state_across_the_rebuilds_of_serve():
    """`mkdocs serve` reads mkdocs.yml again before each rebuild; the plugin object, and with it the
    adapter's memos, git dates and lock, is the one it made first (because it has on_startup)."""
    first = load_config(str(ROOT / "mkdocs.yml")).plugins["casebook"]
    again = load_config(str(ROOT / "mkdocs.yml")).plugins["casebook"]
    assert again is first and again.adapter is first.adapter


def test_the_adapter_keeps_its_state_in_one_object():
    """No module of the adapter assigns at its top level but constants and its logger, and none
    declares `global`."""
    allowed = {"log", "__all__"}
    for path in sorted((ROOT / "hooks" / "casebook_mkdocs").glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in tree.body:
            targets = (node.targets if isinstance(node, ast.Assign)
                       else [node.target] if isinstance(node, ast.AnnAssign) else [])
            for target in targets:
                name = ast.unparse(target)
                assert name.isupper() or name in allowed, f"{path.name}: module-level {name}"
        assert not any(isinstance(n, ast.Global) for n in ast.walk(tree)), f"{path.name} declares global"


def test_a_written_page_outside_the_navigation_keeps_neither_its_text_nor_its_table_of_contents():
    """MkDocs holds every page object to the end of the build (mkdocs#2065): once written, a case
    page keeps only what links to it are checked against (its anchors), not about 1 KB of
    table of contents; a page of the navigation keeps its Markdown, whose title the navigation shows."""
    from types import SimpleNamespace

    from mkdocs.structure.files import InclusionLevel
    from mkdocs.structure.toc import AnchorLink, TableOfContents

    from casebook_mkdocs import heap
    from casebook_mkdocs.adapter import Adapter

    adapter = Adapter()
    adapter.build = SimpleNamespace(pacer=heap.Pacer())

    def page(inclusion):
        return SimpleNamespace(content="<p>x</p>", markdown="# x", present_anchor_ids={"x"},
                               toc=TableOfContents([AnchorLink("x", "x", 1)]),
                               file=SimpleNamespace(inclusion=inclusion))

    case, listed = page(InclusionLevel.NOT_IN_NAV), page(InclusionLevel.UNDEFINED)
    for p in (case, listed):
        adapter.post_page("<html><body><p>x</p></body></html>", p)
    assert (case.content, case.markdown, list(case.toc), case.present_anchor_ids) == (None, None, [], {"x"})
    assert (listed.content, listed.markdown, len(list(listed.toc))) == (None, "# x", 1)


class _Children:
    def __init__(self, order: list[str], running: bool):
        self.order, self.running = order, [("en", None)] if running else []

    def wait(self) -> list[str]:
        self.order.append("other languages ended")
        self.running = []
        return []


def _post_build(monkeypatch, running: bool, serving: bool, builds: int) -> tuple[list[str], object]:
    """The order of the steps of post_build, with the steps themselves stood in for."""
    from types import SimpleNamespace

    from casebook_mkdocs.adapter import Adapter

    order: list[str] = []
    monkeypatch.setattr(Adapter, "_search_rows", lambda self, b: order.append("search rows") or "rows")
    monkeypatch.setattr(Adapter, "_finish", lambda self, b: order.append("postings"))
    adapter = Adapter()
    adapter.serving = serving
    build = SimpleNamespace(children=_Children(order, running), memo=SimpleNamespace(builds=builds), search=None)
    adapter.build = build
    adapter.post_build(None)
    adapter._finished()
    return order, build


def test_the_search_rows_are_made_while_the_other_languages_build(monkeypatch):
    # At 100,000 cases they were five minutes of one core after the English build had ended.
    order, build = _post_build(monkeypatch, running=True, serving=False, builds=0)
    assert order == ["search rows", "other languages ended", "postings"]
    assert build.search == "rows"  # _finish takes them from there
    # With nothing beside it (one language, or the languages built in turn), in _finish alone.
    order, build = _post_build(monkeypatch, running=False, serving=False, builds=0)
    assert order == ["other languages ended", "postings"] and build.search is None
    # An editor's rebuild in `mkdocs serve` shows its pages first, then makes the search index.
    order, build = _post_build(monkeypatch, running=True, serving=True, builds=1)
    assert order == ["other languages ended", "postings"] and build.search is None
