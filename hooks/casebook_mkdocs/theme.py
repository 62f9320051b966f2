"""What the theme overrides (docs/overrides/main.html) call from their templates.

A piece of template rendered once per build for every page that shows the same HTML there."""

from __future__ import annotations

import posixpath

from jinja2 import pass_context
from markupsafe import Markup

from casebook.pages import theme as site_theme


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


def share_theme_files(env, lang: str) -> None:
    """Addresses of theme files lead to the default language's copy (site.theme.shared_url)."""
    url, script_tag = env.filters["url"], env.filters["script_tag"]

    @pass_context
    def shared_url(context, value):
        return url(context, site_theme.shared_url(str(value), lang))

    @pass_context
    def shared_script_tag(context, value):
        if isinstance(value, str) or not (value.type or value.defer or value.async_):
            return Markup('<script src="{0}"></script>').format(shared_url(context, str(value)))
        return script_tag(context, value)

    env.filters["url"], env.filters["script_tag"] = shared_url, shared_script_tag
