"""No hidden state in the core: what a build keeps for the next (the memo, the git log, the
loader's file stats) lives in objects that the adapter owns and passes in, never in a module.
A module-level dict, list or set is never changed after it is made (a table of constants)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "src" / "casebook"
# Module-level state that is known and waits to be passed in instead (none now: the editor's
# language of a `casebook` run travels in its arguments).
KNOWN: set[str] = set()
MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "collections.defaultdict", "OrderedDict", "deque"}


def _mutable(value: ast.expr | None) -> bool:
    return isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)) or (
        isinstance(value, ast.Call) and ast.unparse(value.func) in MUTABLE_CALLS)


MUTATORS = {"add", "append", "clear", "discard", "extend", "insert", "pop", "popitem", "remove", "setdefault",
            "update", "__setitem__", "__delitem__", "appendleft", "sort", "reverse"}


def _changed(tree: ast.Module) -> set[str]:
    """The names that the module's code changes in place: x[k] = v, del x[k], x[k] += v, x.add(...)."""
    names = set()
    for node in ast.walk(tree):
        targets = (node.targets if isinstance(node, (ast.Assign, ast.Delete)) else
                   [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else [])
        for target in targets:
            while isinstance(target, (ast.Subscript, ast.Attribute)) and not isinstance(target, ast.Name):
                if isinstance(target.value, ast.Name) and isinstance(target, ast.Subscript):
                    names.add(target.value.id)
                target = target.value
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS \
                and isinstance(node.func.value, ast.Name):
            names.add(node.func.value.id)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "__setitem__":
            names.add(ast.unparse(node.func.value))
    return names


def test_no_module_of_the_core_keeps_state_between_calls():
    found, seen = [], set()
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        changed = _changed(tree)
        for node in tree.body:
            targets = (node.targets if isinstance(node, ast.Assign)
                       else [node.target] if isinstance(node, ast.AnnAssign) else [])
            for target in targets:
                name = ast.unparse(target)
                where = f"{path.relative_to(CORE).as_posix()}:{name}"
                if _mutable(node.value) and name in changed:
                    seen.add(where)
                    if where not in KNOWN:
                        found.append(f"{where} (line {node.lineno})")
        for n in ast.walk(tree):
            for name in n.names if isinstance(n, ast.Global) else ():
                seen.add(where := f"{path.relative_to(CORE).as_posix()}:{name}")
                if where not in KNOWN:
                    found.append(f"{where} (global, line {n.lineno})")
    assert found == [], "module-level state; keep it in an object the adapter passes in"
    assert KNOWN <= seen, f"gone, take it off KNOWN: {sorted(KNOWN - seen)}"


def test_the_check_finds_a_module_cache():
    tree = ast.parse("_seen = {}\ndef f(k):\n    _seen[k] = 1\n_words = set()\ndef g(w):\n    _words.add(w)\n"
                     "TABLE = {'a': 1}\n")
    assert _changed(tree) == {"_seen", "_words"}
