"""What the theme overrides (docs/overrides/main.html) call from their templates.

A piece of template rendered once per build for every page that shows the same HTML there."""

from __future__ import annotations

import posixpath

from markupsafe import Markup


def add_globals(env) -> None:
    """`casebook_shared(key)`: rendered once per build for all pages with the same key (None:
    rendered on every page); `casebook_nav_key(page)`: that key for the navigation sidebar."""
    shared: dict[str, str] = {}

    def casebook_shared(key: str | None, caller):
        if key is None:
            return caller()
        if key not in shared:
            shared[key] = caller()
        return Markup(shared[key])

    def casebook_nav_key(page) -> str | None:
        if page is None or page.file.inclusion.is_in_nav():
            return None
        # Its links are relative to the page's folder: the same for all pages of one folder.
        return "folder:" + posixpath.dirname(page.url.rstrip("/")) if page.url else None

    env.globals["casebook_shared"] = casebook_shared
    env.globals["casebook_nav_key"] = casebook_nav_key
