"""`casebook bundle`: the copies for training sessions without a network.

- `dist/casebook-offline.zip`: the whole bilingual site, built with plain file links
  (`--no-directory-urls`) so that it opens from disk, search included;
- `dist/casebook-handbook-zh.html|pdf` and `-en`: every case and checklist in one printable
  document per language (HTML with print CSS, and PDF printed by Chromium with the CJK fonts
  embedded).
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import markdown

from casebook.corpus import loader, sanitize
from casebook.derive import indices as build_indices
from casebook.model import LANGUAGES
from casebook.strings import Said, strings
from casebook.tools.handbook import handbook
from casebook.tools.siteconfig import markdown_extensions

HANDBOOK_CSS = Path(__file__).with_name("handbook.css")


def build_site(project: Path, out: Path, speak: str = "en") -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEBOOK_REPO")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    # An offline copy has no address: no canonical links or feeds pointing at a server.
    env["CASEBOOK_SITE_URL"] = ""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--no-directory-urls", "--site-dir", str(out)],
        cwd=project, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        _t = Said(speak)
        raise SystemExit(_t("bundle_no_build", errors=result.stderr[-3000:]))


def zip_folder(folder: Path, target: Path, root_name: str) -> None:
    """A zip whose entries are sorted and dated alike, so the same site gives the same zip."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{root_name}/{path.relative_to(folder).as_posix()}",
                                   date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, path.read_bytes())


def handbook_html(project: Path, lang: str, day: date | None = None, speak: str = "en") -> str:
    result = loader.load(project / "content")
    if result.errors:
        _t = Said(speak)
        raise SystemExit(_t("bundle_errors"))
    content = result.content
    # The site's extensions, so that a text reads in the handbook as on its page; the handbook
    # has its own table of contents, and a heading's permalink sign means nothing on paper.
    extensions, settings = markdown_extensions(project / "mkdocs.yml", leave_out=("toc",))
    # Editors' Markdown sanitised as on the site's pages (the handbook is opened in browsers
    # and printed by Chromium, where script would run); the rest is written from escaped text.
    to_html = lambda text: sanitize.clean_html(markdown.markdown(text, extensions=extensions,
                                                                 extension_configs=settings))
    body = handbook(content, build_indices.build(content), lang, to_html, day)
    title = html.escape(strings()[lang]["handbook"]["edition"])
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f"<style>\n{HANDBOOK_CSS.read_text('utf-8')}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def print_pdf(html_file: Path, pdf_file: Path, speak: str = "en") -> int:
    """Chromium prints the handbook; returns the number of pages."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    from casebook.tools import chromium

    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=chromium.executable(), args=chromium.ARGS)
        except PlaywrightError as error:  # no system Chromium and no Playwright's own
            raise SystemExit(Said(speak)("bundle_no_chromium")) from error
        page = browser.new_page()
        page.goto(html_file.resolve().as_uri())
        page.pdf(path=str(pdf_file), format="A4", print_background=True, display_header_footer=True,
                 header_template="<span></span>",
                 footer_template='<div style="font-size:8px;width:100%;text-align:center;">'
                                 '<span class="pageNumber"></span></div>',
                 margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"})
        browser.close()
    return pdf_pages(pdf_file)


def pdf_pages(pdf_file: Path) -> int:
    data = pdf_file.read_bytes()
    return (data.count(b"/Type /Page") - data.count(b"/Type /Pages")
            or data.count(b"/Type/Page") - data.count(b"/Type/Pages"))


def bundle(project: Path, dist: Path, handbook: bool = True, speak: str = "en") -> list[Path]:
    """The offline zip and the handbooks in `dist`; `speak`: the language of what it says."""
    _t = Said(speak)
    project, dist = project.resolve(), dist.resolve()
    dist.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(project, site, speak)
        print_folder = site / "print"
        print_folder.mkdir()
        for lang in LANGUAGES if handbook else ():
            html = dist / f"casebook-handbook-{lang}.html"
            html.write_text(handbook_html(project, lang, speak=speak), "utf-8")
            pdf = dist / f"casebook-handbook-{lang}.pdf"
            pages = print_pdf(html, pdf, speak)
            print(_t("bundle_handbook", html=html.relative_to(dist.parent), pdf=pdf.name, n=pages))
            shutil.copy(html, print_folder / html.name)
            shutil.copy(pdf, print_folder / pdf.name)
            written += [html, pdf]
        target = dist / "casebook-offline.zip"
        zip_folder(site, target, "casebook")
        print(_t("bundle_zip", path=target.relative_to(dist.parent), size=f"{target.stat().st_size / 1e6:.1f} MB"))
        written.append(target)
    return written
