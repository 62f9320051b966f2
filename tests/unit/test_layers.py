"""The core's layers: every module imports on its own, and none imports a layer above its own."""

from __future__ import annotations

import ast
import graphlib
import subprocess
import sys
from pathlib import Path

import pytest

import casebook

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
HOOKS = ROOT / "hooks"  # the adapter lives apart from the core, in the hooks/ folder of the layout
FORBIDDEN = ("mkdocs", "casebook_mkdocs")


def modules(package: str, root: Path = SRC) -> dict[str, Path]:
    """Dotted module name -> file, for every module of a package under `root`."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


CORE = modules("casebook")
ADAPTER = modules("casebook_mkdocs", HOOKS)


def imports(name: str, path: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function, as dotted names."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}".rstrip(".")
            out.add(base)
            # `from casebook.pages import case` imports the module casebook.pages.case.
            out |= {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in CORE | ADAPTER}
    return out


def layer(module: str) -> int:
    parts = module.split(".")
    if parts == ["casebook"]:
        return 0
    return next(i for i, names in enumerate(casebook.LAYERS) if parts[1] in names)


def test_every_module_of_the_core_belongs_to_a_layer():
    top = {p.name.removesuffix(".py") for p in (SRC / "casebook").iterdir()
           if p.suffix == ".py" or (p / "__init__.py").exists()} - {"__init__"}
    assert top == {name for names in casebook.LAYERS for name in names}


@pytest.mark.parametrize("module", sorted(CORE | ADAPTER))
def test_a_module_imports_on_its_own(module):
    # A fresh interpreter: an import cycle shows only when its module is the first one imported.
    result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]


def test_no_module_imports_a_higher_layer():
    wrong = []
    for name, path in CORE.items():
        for imported in imports(name, path):
            if imported.split(".")[0] in FORBIDDEN:
                wrong.append(f"{name} imports {imported}, which the core never needs")
            elif imported in CORE and layer(imported) > layer(name):
                wrong.append(f"{name} (layer {layer(name) + 1}) imports {imported} (layer {layer(imported) + 1})")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle_even_through_imports_inside_functions():
    graph = {name: {i for i in imports(name, path) if i in CORE | ADAPTER and i != name}
             for name, path in (CORE | ADAPTER).items()}
    # A package imports its own modules only through its __init__; that is no cycle.
    graph = {name: {i for i in deps if not name.startswith(i + ".")} for name, deps in graph.items()}
    tuple(graphlib.TopologicalSorter(graph).static_order())  # raises CycleError naming the cycle

