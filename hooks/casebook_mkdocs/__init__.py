"""The MkDocs adapter: the pages, data files and search index of the core, handed to MkDocs.

Once per language. Everything that knows MkDocs is here: `plugin.CasebookPlugin` is the plugin
that mkdocs.yml lists (`plugins: - casebook`), and it hands each event to its `adapter.Adapter`.

How the two languages are built: `mkdocs build` (or `serve`) builds the default language into
the site root and, as soon as it has cleaned the site folder, starts one `mkdocs build` per
other language in a child process, into `<site>/<lang>/`, with CASEBOOK_LANGUAGE set. The
languages build side by side on the machine's cores; the default build waits for the others at
its end and fails if one of them fails. Each language is therefore a complete Material site with
its own interface language and its own search index, and every page has the same address under
each language's root, which is what the language switch relies on.
"""

from casebook_mkdocs.plugin import CasebookPlugin

__all__ = ["CasebookPlugin"]
