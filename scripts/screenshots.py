"""Screenshots of built pages in both languages, at desktop and phone width, in both colour schemes.

    .venv/bin/python scripts/screenshots.py site/ shots/ stats matrix ""   # pages by path under each language

Each picture is named <lang>-<width>-<scheme>-<page>.png; full-page pictures of the phone width
show what a reader scrolls through."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from support.browser import CHROMIUM_ARGS, chromium_path, serve_with_404  # noqa: E402


def main(site: str, out: str, *paths: str) -> None:
    from playwright.sync_api import sync_playwright

    Path(out).mkdir(parents=True, exist_ok=True)
    with serve_with_404(Path(site)) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for width in (1280, 390):
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 844},
                                              color_scheme=scheme)
                page = context.new_page()
                for lang in ("zh", "en"):
                    for path in paths:
                        page.goto(url + ("en/" if lang == "en" else "") + path)
                        name = path.strip("/").replace("/", "_") or "home"
                        page.screenshot(path=f"{out}/{lang}-{width}-{scheme}-{name}.png", full_page=True)
                context.close()
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
