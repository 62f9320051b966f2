"""Headings: how the toc extension marks them, and the core's in a page's table of contents.

The core renders case pages with the toc extension's ids and permalinks, and the headings of
that HTML go into the table of contents MkDocs made of the rest."""

from __future__ import annotations

import html

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.toc import AnchorLink

from casebook.pages import render


def heading_style(config: MkDocsConfig, fast_render: bool) -> render.HeadingStyle | None:
    """None where the configuration asks for what the core's rendering does not do; with
    `fast_render` false, the core writes only what is not the content's text."""
    from markdown.extensions.toc import TocExtension

    if "toc" not in config.markdown_extensions:
        return None
    toc = TocExtension(**config.mdx_configs.get("toc", {})).getConfigs()
    if toc["permalink_class"] != "headerlink" or toc["permalink_leading"] or toc["anchorlink"]:
        return None
    permalink = toc["permalink"]
    symbol = (None if permalink in (False, "false", "False", "")
              else "¶" if permalink in (True, "true", "True") else str(permalink))
    slugify, separator = toc["slugify"], toc["separator"]
    return render.HeadingStyle(lambda text: slugify(text, separator), symbol, toc["permalink_title"], fast=fast_render)


def add_headings(page, headings: tuple[render.Heading, ...]) -> None:
    """The headings of HTML that the core rendered, in the page's table of contents, under the
    page's title as the toc extension would have put them, and known as anchors to link to."""
    ids = {h.id for h in headings}
    items = page.toc.items
    if headings and headings[0].level == 1 and not (items and items[0].level == 1):
        # The page's title, which the core wrote: the headings MkDocs found go under it.
        title = AnchorLink(html.escape(headings[0].text, quote=False), headings[0].id, 1)
        title.children, items[:] = list(items), [title]
        headings = headings[1:]
    top = items[0].children if items and items[0].level == 1 else items
    open_: list[AnchorLink] = []
    for h in headings:
        # A toc title is HTML, as the toc extension gives it; the theme prints it as it is.
        link = AnchorLink(html.escape(h.text, quote=False), h.id, h.level)
        while open_ and open_[-1].level >= h.level:
            open_.pop()
        (open_[-1].children if open_ else top).append(link)
        open_.append(link)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= ids
