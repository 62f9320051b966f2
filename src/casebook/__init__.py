"""Casebook's core: the content model and everything made from it, independent of any site generator.

The package is in layers; a module imports only from its own layer and those before it, and
no module imports a site generator (MkDocs) or its adapter (`casebook_mkdocs`):

1. `model`, `plural`, `script`, `strings`, `urls`: the content model, the interface texts (with
   their plural forms), Traditional read as Simplified, the paths of pages;
2. `incremental/`: what one build keeps for the next (memo, hand-off, history of files);
3. `corpus/`: reading and checking the files of `content/`;
4. `derive/`: plain data made from the content (indices, related cases, facets, words);
5. `pages/`: every generated page and data file, one module per kind of page;
6. `tools/`: the `casebook` command (scaffolding, JSON Schema, offline bundle, handbook), and
   `intake/`: `casebook import`, which turns work reports into draft cases.

`tests/unit/test_layers.py` holds the code to `LAYERS`.
"""

# Each layer's modules and packages, lowest first.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("model", "plural", "script", "strings", "urls"),
    ("incremental",),
    ("corpus",),
    ("derive",),
    ("pages",),
    ("tools", "intake"),
)
