"""No hidden state in the core: what a build keeps for the next (the memo, the git log, the
loader's file stats) lives in objects that the adapter owns and passes in, never in a module.
Module-level names holding a dict, list or set are constants (UPPER_CASE) or not there."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "src" / "casebook"
# derive/segment.py belongs to the search's owner: its jieba dictionary still grows per process.
KNOWN = {"derive/segment.py:_added"}
MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "collections.defaultdict", "OrderedDict", "deque"}


def _mutable(value: ast.expr | None) -> bool:
    return isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)) or (
        isinstance(value, ast.Call) and ast.unparse(value.func) in MUTABLE_CALLS)


def test_no_module_of_the_core_keeps_state_between_calls():
    found = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
            for target in targets:
                name = ast.unparse(target)
                where = f"{path.relative_to(CORE).as_posix()}:{name}"
                if _mutable(node.value) and not name.isupper() and name != "__all__" and where not in KNOWN:
                    found.append(f"{where} (line {node.lineno})")
        assert not any(isinstance(n, ast.Global) for n in ast.walk(tree)), f"{path.name} declares global"
    assert found == [], "module-level state; keep it in an object the adapter passes in"
