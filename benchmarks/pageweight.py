"""What a built site weighs: the parts of its case pages, and its files by kind.

    python benchmarks/pageweight.py site/            # both tables
    python benchmarks/pageweight.py site/ --pages 200  # the page table over 200 case pages per language

The page table gives, for the mean case page of each language, the bytes of each part as the
browser gets them (the element's markup as written, tags and text), the inline SVG icons and
the whitespace between tags counted apart; "rest" is what no row names (the doctype, the
tags of html/body and the like). The site table sorts every file of the site into one kind
(case pages, their citation files, search chunks, .gz/.br copies...). Sizes in decimal units.
"""

from __future__ import annotations

import argparse
import re
import statistics
from collections import defaultdict
from pathlib import Path

from lxml import html as lxml_html

# (row, XPath): the first row an element matches takes its bytes; rows lower down take what is
# left inside the page. Order matters: the parts of the article before the article itself.
PARTS: tuple[tuple[str, str], ...] = (
    ("head: meta, Open Graph, Twitter", "//head/meta"),
    ("head: links (canonical, hreflang, css, icons, feed)", "//head/link"),
    ("head: title", "//head/title"),
    ("head: scripts", "//head/script"),
    ("header (logo, palette toggles, language switch, search)", "//header[contains(@class,'md-header')]"),
    ("navigation sidebar", "//div[@data-md-type='navigation']"),
    ("table of contents sidebar", "//div[@data-md-type='toc']"),
    ("article: title (h1)", "//article/h1"),
    ("article: metadata (unit, categories, place, source)", "//article/div[contains(@class,'cb-meta')]"),
    ("article: related cases", "//article/div[contains(@class,'cb-related')]"),
    ("article: citation block", "//article/div[contains(@class,'cb-cite')]"),
    ("article: the case's own text (summary, sections)", "//article"),
    ("back-to-top button", "//button[contains(@class,'md-top')]"),
    ("footer", "//footer"),
    ("dialog", "//div[@data-md-component='dialog']"),
    ("theme configuration (__config JSON)", "//script[@id='__config']"),
    ("scripts at the end of body", "//body//script"),
    ("skip link, toggles (drawer, search)",
     "//body/input | //body/label | //body/a | //body/div[@data-md-component='skip']"),
)


def _bytes(element) -> int:
    return len(lxml_html.tostring(element, encoding="utf-8", with_tail=False))


def page_parts(data: bytes) -> dict[str, int]:
    """Bytes of each part of one page; SVG icons and whitespace between tags counted apart."""
    root = lxml_html.fromstring(data)
    out: dict[str, int] = defaultdict(int)
    svg = sum(_bytes(e) for e in root.iter("{http://www.w3.org/2000/svg}svg", "svg"))
    out["inline SVG icons (inside the parts above)"] = svg
    seen: set = set()
    for name, xpath in PARTS:
        for element in root.xpath(xpath):
            if any(a in seen for a in element.iterancestors()) or element in seen:
                continue
            size = _bytes(element)
            # What a part holds of earlier rows' elements is theirs, not this row's.
            inner = [d for d in element.iterdescendants() if d in seen]
            size -= sum(_bytes(d) for d in inner if not any(a in inner for a in d.iterancestors()))
            out[name] += size
            seen.add(element)
    whitespace = sum(len(m.group()) for m in re.finditer(rb">\s+<", data)) - 2 * len(re.findall(rb">\s+<", data))
    out["whitespace between tags (inside the parts above)"] = whitespace
    named = sum(v for k, v in out.items() if "inside the parts" not in k)
    out["rest (doctype, html/body tags, re-serialisation)"] = len(data) - named
    out["total"] = len(data)
    return out


KINDS: tuple[tuple[str, str], ...] = (
    (".gz / .br copies", r"\.(gz|br)$"),
    ("case pages (cases/*/index.html)", r"(^|/)cases/[^/]+/index\.html$"),
    ("case citation files (cite.bib, cite.ris, cite.json)", r"(^|/)cases/[^/]+/cite\.(bib|ris|json)$"),
    ("search chunks", r"(^|/)search/"),
    ("unit x category pages (matrix/*)", r"(^|/)matrix/.+/index\.html$"),
    ("unit and category pages (units/*, measures/*)", r"(^|/)(units|measures)/.+\.html$"),
    ("feeds (feed.xml, */feed.xml)", r"feed\.xml$"),
    ("open data (data/*)", r"(^|/)data/(?!index\.html)"),
    ("browse data (browse/*.js, *.json)", r"(^|/)browse/.+\.(js|json)$"),
    ("sitemaps", r"sitemap"),
    ("offline bundle, handbooks (zip, pdf, epub)", r"\.(zip|pdf|epub)$"),
    ("theme assets (assets/, stylesheets/, javascripts/)", r"^(assets|stylesheets|javascripts)/"),
    ("charts", r"(^|/)charts/"),
    ("scripts the pages share (nav.js, scheme-toggles.js, search-box.js, top-button.js)",
     r"(^|/)(nav|scheme-toggles|search-box|top-button)\.js$"),
    ("other HTML pages", r"\.html$"),
)


def site_kinds(site: Path) -> dict[str, tuple[int, int]]:
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        kind = next((name for name, pattern in KINDS if re.search(pattern, rel)), "other files")
        out[kind][0] += 1
        out[kind][1] += path.stat().st_size
    return {k: (v[0], v[1]) for k, v in out.items()}


def _sample(pages: list[Path], n: int | None) -> list[Path]:
    if not n or len(pages) <= n:
        return pages
    step = len(pages) / n
    return [pages[int(i * step)] for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--pages", type=int, default=None, help="case pages per language to read (default all)")
    args = parser.parse_args()
    for lang, folder in (("zh", args.site / "cases"), ("en", args.site / "en" / "cases")):
        pages = _sample(sorted(folder.glob("*/index.html")), args.pages)
        if not pages:
            continue
        rows: dict[str, list[int]] = defaultdict(list)
        for page in pages:
            for name, size in page_parts(page.read_bytes()).items():
                rows[name].append(size)
        total = statistics.mean(rows["total"])
        print(f"\nCase pages, {lang}: mean of {len(pages)} pages, {total / 1000:.1f} KB")
        print("| part | mean bytes | share |\n|---|---|---|")
        for name, sizes in sorted(rows.items(), key=lambda kv: -statistics.mean(kv[1]) * (kv[0] != "total")):
            if name != "total":
                mean = statistics.mean(sizes) if len(sizes) == len(pages) else sum(sizes) / len(pages)
                print(f"| {name} | {mean:,.0f} | {mean / total:.1%} |")
    kinds = site_kinds(args.site)
    whole = sum(size for _, size in kinds.values())
    print(f"\nSite {args.site}: {whole / 1e6:,.1f} MB in {sum(n for n, _ in kinds.values()):,} files")
    print("| kind | files | MB | share |\n|---|---|---|---|")
    for name, (n, size) in sorted(kinds.items(), key=lambda kv: -kv[1][1]):
        print(f"| {name} | {n:,} | {size / 1e6:,.1f} | {size / whole:.1%} |")


if __name__ == "__main__":
    main()
