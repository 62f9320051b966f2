"""Screenshots of built pages in both languages, at desktop and phone widths, in both colour schemes.

    .venv/bin/python scripts/screenshots.py site/ shots/ stats matrix ""   # pages by path under each language
    .venv/bin/python scripts/screenshots.py --widths 390,320 --search 医院 site/ shots/ ""

Each picture is named <lang>-<width>-<scheme>-<page>.png (…-search.png with the search panel open,
after typing the --search words, or --search-en on the English pages); full-page pictures of the
phone widths show what a reader scrolls through."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from casebook.tools import chromium  # noqa: E402
from support.browser import serve_with_404  # noqa: E402


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site")
    parser.add_argument("out")
    parser.add_argument("paths", nargs="+", help='pages by path under each language; "" is the front page')
    parser.add_argument("--widths", default="1280,390", help="comma-separated, in CSS pixels (default 1280,390)")
    parser.add_argument("--search", help="also a picture with these words typed into the search box")
    parser.add_argument("--search-en", help="the words for the English pages (default: --search)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    Path(args.out).mkdir(parents=True, exist_ok=True)
    with serve_with_404(Path(args.site)) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium.executable(), args=chromium.ARGS)
        for width in (int(w) for w in args.widths.split(",")):
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 844},
                                              color_scheme=scheme)
                page = context.new_page()
                for lang in ("zh", "en"):
                    for path in args.paths:
                        page.goto(url + ("en/" if lang == "en" else "") + path)
                        name = f"{args.out}/{lang}-{width}-{scheme}-{path.strip('/').replace('/', '_') or 'home'}"
                        page.screenshot(path=f"{name}.png", full_page=True)
                        words = args.search_en if lang == "en" and args.search_en else args.search
                        if words:
                            page.fill(".cb-search__input", words)
                            page.wait_for_selector(".cb-search--open")
                            page.wait_for_timeout(300)
                            page.screenshot(path=f"{name}-search.png")
                context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
