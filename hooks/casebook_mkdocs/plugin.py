"""The casebook as a MkDocs plugin: `plugins: - casebook` in mkdocs.yml, found through the entry
point that pyproject.toml declares (`mkdocs.plugins`), with its options typed (`CasebookConfig`).

Each event goes to the plugin's one adapter (`adapter.Adapter`), which holds what a build gathers
and what builds keep for the next. The plugin owns it: no module holds state. MkDocs keeps a
plugin that has `on_startup` for the whole of a `mkdocs serve` (it makes it once and loads only its
options again for each rebuild), so the adapter outlives the rebuilds, as the serve session does.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority

from casebook_mkdocs.adapter import Adapter
from casebook_mkdocs.settings import CasebookConfig, unknown_options


class CasebookPlugin(BasePlugin[CasebookConfig]):
    def __init__(self) -> None:
        self.adapter = Adapter()

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None):
        # An option the plugin does not have stops the build, with the one it may have meant
        # (MkDocs would warn and build without it).
        errors, warnings = super().load_config(options, config_file_path)
        unknown = unknown_options(options)
        return [*errors, *unknown], [w for w in warnings if w[0] not in {key for key, _ in unknown}]

    def on_startup(self, *, command, dirty: bool) -> None:
        self.adapter.startup(command, dirty)

    def on_shutdown(self) -> None:
        self.adapter.shutdown()

    @event_priority(100)  # first: the other plugins must see this language's settings
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        return self.adapter.config(config, self.config)

    def on_files(self, files, /, *, config):
        return self.adapter.files(files, config)

    def on_page_markdown(self, markdown, /, *, page, config, files):
        return self.adapter.page_markdown(markdown, page)

    def on_page_context(self, context, /, *, page, config, nav):
        return self.adapter.page_context(context, page, config)

    def on_page_content(self, html, /, *, page, config, files):
        return self.adapter.page_content(html, page)

    def on_post_page(self, output, /, *, page, config):
        return self.adapter.post_page(output, page)

    def on_env(self, env, /, *, config, files):
        return self.adapter.env(env)

    @event_priority(-100)  # after every other plugin has written its files
    def on_post_build(self, *, config) -> None:
        self.adapter.post_build(config)

    def on_build_error(self, *, error) -> None:
        self.adapter.build_error()

    def on_template_context(self, context, /, *, template_name, config):
        return self.adapter.template_context(context, template_name)

    def on_serve(self, server, /, *, config, builder):
        return self.adapter.serve(server, config)
