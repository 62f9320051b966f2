"""The pages the core generates, as MkDocs files that a dirty rebuild writes again only when needed."""

from __future__ import annotations

import os
from typing import Any, Self

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from casebook.pages.page import PageStub


class _Generated(File):
    """A file the adapter makes, not one MkDocs found in docs/."""

    # Its text is what it was at the last dirty build, in a build where no file that every page
    # is made from (theme, configuration, taxonomy) changed.
    same_as_before: bool = False

    @classmethod
    def generated(cls, config: MkDocsConfig, src_uri: str, **kwargs: Any) -> Self:
        # MkDocs' File.generated makes an instance of `cls`, but is typed as making a File.
        file = super().generated(config, src_uri, **kwargs)
        assert isinstance(file, cls)
        return file


class GeneratedFile(_Generated):
    """A generated page that knows the files it is made from, so that a dirty rebuild (the
    editor's loop in `mkdocs serve --dirty`) renders it again only when one of them changed.

    A case page is a `stub`: MkDocs reads an empty page, and the adapter writes, renders and
    lets go of the real one when MkDocs writes it (adapter.Adapter.page_context), one page at a
    time, so that a build never holds the Markdown and HTML of every case at once."""

    sources: tuple[str, ...] = ()
    stub: PageStub | None = None

    def is_modified(self) -> bool:
        if not os.path.isfile(self.abs_dest_path):
            return True
        if not self.sources:
            return not self.same_as_before
        built = os.path.getmtime(self.abs_dest_path)
        return any(os.path.getmtime(source) > built for source in self.sources)


class DataFile(_Generated):
    """A generated data file (open data, feeds, browse data), let go of once written: MkDocs
    writes such files before it renders the pages and would hold their text to the end of the
    build, which at 100,000 cases is hundreds of MB of CSV and JSON."""

    def is_modified(self) -> bool:
        return not (self.same_as_before and os.path.isfile(self.abs_dest_path)) and super().is_modified()

    def copy_file(self, dirty: bool = False) -> None:
        super().copy_file(dirty)
        self.content_string = ""  # written: a build writes each file once
