"""Search as a reader meets it, timed in headless Chromium: the time from focusing the box to
the first results (the index is loaded and read then), and from the last keystroke of a query
to its results on screen (the script waits 60 ms after a keystroke before it searches, so that
typing stays smooth; that wait is included).

    python benchmarks/search_latency.py site/
"""

from __future__ import annotations

import gzip
import statistics
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from casebook.tools import chromium  # noqa: E402
from support.browser import serve  # noqa: E402

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text("utf-8"))
LANG_ROOT = {"zh": "", "en": "en/"}

_LAST_KEYSTROKE = """async (q) => {
  const root = document.querySelector('.cb-search');
  const input = root.querySelector('.cb-search__input');
  input.value = q.slice(0, -1);
  input.dispatchEvent(new Event('input'));
  await new Promise(r => setTimeout(r, 150));
  const painted = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  input.value = q;
  const t0 = performance.now();
  input.dispatchEvent(new Event('input'));
  while (root.getAttribute('data-query') !== q) await new Promise(r => requestAnimationFrame(r));
  await painted();
  return performance.now() - t0;
}"""

_FIRST_SEARCH = """async (q) => {
  const root = document.querySelector('.cb-search');
  const input = root.querySelector('.cb-search__input');
  const t0 = performance.now();
  input.focus();
  input.value = q;
  input.dispatchEvent(new Event('input'));
  while (root.getAttribute('data-query') !== q) await new Promise(r => setTimeout(r, 5));
  return performance.now() - t0;
}"""


def _gzipped(site: Path, urls: list[str], url: str) -> float:
    """KB that `urls` (addresses under the served `site`) weigh gzipped, as a server sends them."""
    return sum(len(gzip.compress((site / u[len(url):]).read_bytes(), 6)) for u in urls) / 1000


def measure(site: Path, per_language: int = 20) -> dict[str, dict[str, float]]:
    """Per language: first search (ms) and what it fetched (KB gzipped, files), the median and
    slowest last-keystroke times (ms), and the median number of index files the last keystroke of a query loads."""
    from playwright.sync_api import sync_playwright

    out: dict[str, dict[str, float]] = {}
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium.executable(), args=chromium.ARGS)
        for lang in ("zh", "en"):
            page = browser.new_page()
            loaded: list[str] = []
            page.on("request", lambda r, loaded=loaded: loaded.append(r.url) if "/search/" in r.url else None)
            page.goto(url + LANG_ROOT[lang])
            queries = [q["query"] for q in QUERIES[lang]][:per_language]
            first = page.evaluate(_FIRST_SEARCH, queries[0])
            first_kb, first_files = _gzipped(site, loaded, url), len(loaded)
            times, files = [], []
            for q in queries:
                before = len(loaded)
                times.append(page.evaluate(_LAST_KEYSTROKE, q))
                files.append(len(loaded) - before)
            out[lang] = {"first": first, "median": statistics.median(times), "max": max(times),
                         "first_kb": first_kb, "first_files": first_files, "files": statistics.median(files)}
            page.close()
        browser.close()
    return out


if __name__ == "__main__":
    for lang, t in measure(Path(sys.argv[1])).items():
        print(f"{lang}: first search {t['first']:.0f} ms, {t['first_kb']:.0f} KB gzipped in {t['first_files']} files; "
              f"last keystroke to results: median {t['median']:.0f} ms, slowest {t['max']:.0f} ms; "
              f"index files the last keystroke loads: median {t['files']:.0f}")
