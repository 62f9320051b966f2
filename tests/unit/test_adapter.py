"""The MkDocs adapter's shape: a hooks file that only passes events on, and one object of state."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_hooks_file_only_hands_each_event_to_the_adapter():
    tree = ast.parse((ROOT / "hooks" / "casebook_hooks.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            assert node.name.startswith("on_"), node.name
            # One statement: `session.<event>(...)`, returned or not.
            assert len(node.body) == 1, f"{node.name} does more than pass the event on"
            call = node.body[0].value
            assert isinstance(call, ast.Call) and ast.unparse(call.func).startswith("session."), node.name
        else:
            assert isinstance(node, (ast.Import, ast.ImportFrom)) or (
                isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)), ast.unparse(node)


def test_the_adapter_keeps_its_state_in_one_object():
    """No module of the adapter assigns at its top level but constants, its logger and the one
    session object, and none declares `global`."""
    allowed = {"log", "session", "__all__"}
    for path in sorted((ROOT / "src" / "casebook_mkdocs").glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
            for target in targets:
                name = ast.unparse(target)
                assert name.isupper() or name in allowed, f"{path.name}: module-level {name}"
        assert not any(isinstance(n, ast.Global) for n in ast.walk(tree)), f"{path.name} declares global"
