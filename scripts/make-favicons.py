"""Draws the PNG favicons of docs/assets/ from docs/assets/favicon.svg with headless Chromium.

Run it after changing the SVG (`.venv/bin/python scripts/make-favicons.py`) and commit the PNGs:
the build copies them as they are.
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

ASSETS = Path(__file__).resolve().parent.parent / "docs" / "assets"
SIZES = {"favicon.png": 32, "apple-touch-icon.png": 180, "icon-512.png": 512}


def main() -> None:
    from casebook.tools import chromium

    svg = (ASSETS / "favicon.svg").read_text("utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium.executable(), args=chromium.ARGS)
        for name, size in SIZES.items():
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(f"<style>html,body{{margin:0;background:transparent}}svg{{display:block;width:{size}px;height:{size}px}}</style>{svg}")
            page.screenshot(path=str(ASSETS / name), omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
