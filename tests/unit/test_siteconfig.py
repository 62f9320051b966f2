"""The Markdown extensions that the core reads from mkdocs.yml for what it renders outside MkDocs."""

from __future__ import annotations

from casebook.tools.siteconfig import markdown_extensions


def test_extensions_come_in_order_with_their_settings_past_mkdocs_own_tags(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "repo_url: !ENV [CASEBOOK_REPO_URL, null]\n"
        "markdown_extensions:\n"
        "  - admonition\n"
        "  - toc:\n      permalink: true\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "  - tables:\n      use_align_attribute: true\n", "utf-8")
    names, settings = markdown_extensions(config)
    assert names == ["admonition", "toc", "pymdownx.emoji", "tables"]
    assert settings["toc"] == {"permalink": True} and settings["admonition"] == {}
    assert settings["pymdownx.emoji"] == {"emoji_index": None}
    assert markdown_extensions(config, leave_out=("toc",))[0] == ["admonition", "pymdownx.emoji", "tables"]
