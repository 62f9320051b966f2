"""The Markdown extensions of the site, read from mkdocs.yml, for Markdown rendered outside MkDocs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _Loader(yaml.SafeLoader):
    """mkdocs.yml with its tags (`!ENV`, `!relative`) read as nothing: only plain settings are wanted."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def markdown_extensions(config_file: Path,
                        leave_out: tuple[str, ...] = ()) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The extension names of `markdown_extensions` in order, and each one's settings."""
    config = yaml.load(config_file.read_text("utf-8"), Loader=_Loader) or {}
    names, settings = [], {}
    for entry in config.get("markdown_extensions") or ():
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name not in leave_out:
            names.append(name)
            settings[name] = options or {}
    return names, settings
