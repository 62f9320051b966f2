"""What the theme overrides (docs/overrides/main.html) call from their templates.

A piece of template rendered once per build for every page that shows the same HTML there,
either kept in memory and written into each page, or written once into a script beside the
pages that share it (the navigation sidebar of case pages: one file, not a copy on each of
thousands of pages)."""

from __future__ import annotations

import json
import os
import posixpath
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup

from casebook.pages import publish
from casebook.pages import theme as site_theme


def add_globals(env) -> None:
    """`casebook_nav_script(page)`: the script that draws the navigation sidebar of the pages
    of one folder that the navigation does not list (None: the page writes its own sidebar);
    `casebook_script(path, site_dir)`: renders its body once a build and writes it to `path`
    (from the site's root) as a script that puts the HTML where the script stands."""
    written: set[Path] = set()

    def casebook_nav_script(page) -> str | None:
        if page is None or not page.url or page.file.inclusion.is_in_nav():
            return None
        # Nothing in it is active and its links are relative to the page's folder: the same
        # for all pages of one folder.
        return posixpath.join(posixpath.dirname(page.url.rstrip("/")), NAV_SCRIPT)

    def casebook_script(path: str, site_dir: str, caller) -> str:
        target = Path(site_dir) / path
        if target not in written:
            written.add(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            # Whole or not at all, should two builds (or two workers of one) write it at once.
            part = target.with_name(f"{target.name}.{os.getpid()}.part")
            part.write_text(script_that_writes(caller()), "utf-8")
            os.replace(part, target)
        return ""

    env.globals["casebook_nav_script"] = casebook_nav_script
    env.globals["casebook_script"] = casebook_script


# Beside the pages it serves: cases/nav.js for cases/<id>/ (no case page is a file of that name).
NAV_SCRIPT = "nav.js"


def script_that_writes(html: str) -> str:
    """A script that puts `html` in the page where its <script> element stands, as the page is
    read (before the theme's script looks for it), from a server and from disk alike."""
    text = json.dumps(publish.compact_html(html).strip(), ensure_ascii=False)
    return f'document.currentScript.insertAdjacentHTML("beforebegin", {text});\n'


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
