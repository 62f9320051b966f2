"""The build benchmark: prints a table of what a full build costs for the real content and for
generated casebooks, beside a plain Material build of the same case pages.

    make benchmark                        # real, 1,000, 10,000, 20,000 and 100,000 cases (hours on 2 cores)
    .venv/bin/python benchmarks/run.py real 1000 --skip-bundle

For each size it measures, in a scratch copy of the project (.scratch/bench-<n>/):
- the full build (`mkdocs build --strict`, both languages side by side), cold (no .cache/, as
  in a fresh clone) and warm (with what the cold build kept in .cache/, see src/casebook/incremental/memo.py):
  wall time, peak memory of all its processes together, time per case;
- where the processor time goes, by the probe in benchmarks/probe/: Markdown rendering
  (Python-Markdown, and the core's markdown-it.rs), the theme's templates, Chinese segmentation,
  the project's hooks (loading, checking and indices apart; then pages, the search index, data
  files), and the rest (MkDocs itself, writing files);
- the size of the site, of each language's search index (raw and gzipped), and of the offline
  bundle's zip;
- search in headless Chromium (benchmarks/search_latency.py): the first search, which loads
  the index, and the time from the last keystroke of a held query to its results on screen;
- `mkdocs serve --dirty` (as `make serve` runs it): the time from saving an edited case to the
  served page showing the edit;
- a plain Material build of the same case pages (both languages side by side, Material's own
  search, a navigation of the home page only, the same Markdown extensions), without the hooks;
- a coarse check of the machine's speed before, between and after these, which tells when a
  shared machine slowed down in the middle of a size.

It prints figures and asserts nothing: a slower machine gives other numbers, not a failure.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "benchmarks" / "probe"
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402


@dataclass
class Build:
    wall: float = 0.0
    peak_mb: float = 0.0
    process_peak_mb: float = 0.0  # the largest of its processes alone (one language's build)
    cpu: dict[str, float] = field(default_factory=dict)  # processor seconds by kind, both languages


@dataclass
class Result:
    label: str
    cases: int
    cold: Build = field(default_factory=Build)  # nothing kept from an earlier build (.cache/ removed)
    warm: Build = field(default_factory=Build)  # again, with what the cold build kept in .cache/
    edited: Build = field(default_factory=Build)  # again, after one case was edited
    case_page_kb: float = 0.0  # mean size of a case page, both languages
    site_mb: float = 0.0
    index_raw: dict[str, int] = field(default_factory=dict)
    index_gz: dict[str, int] = field(default_factory=dict)
    index_files: dict[str, int] = field(default_factory=dict)
    manifest_gz: dict[str, int] = field(default_factory=dict)
    bundle_mb: float | None = None
    serve_edit: float | None = None
    search: dict[str, dict[str, float]] = field(default_factory=dict)
    plain_wall: float | None = None
    plain_peak_mb: float | None = None
    speed: list[float] = field(default_factory=list)  # machine_speed() before and after


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEBOOK_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.update(extra)
    # The code of this checkout, whichever one the environment's package points to.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH"), str(ROOT / "src"), str(ROOT / "hooks")) if p)
    return env


def _tree(pid: int) -> list[list[str]]:
    """The /proc stat fields (after the command's name) of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            stats[int(entry.name)] = fields
        except (OSError, IndexError, ValueError):
            continue
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        if p in stats:
            found.append(stats[p])
        todo += children.get(p, [])
    return found


def _tree_rss_kb(pid: int) -> tuple[int, int]:
    """Resident memory of a process and all its descendants, from /proc, and of the largest of them."""
    rss = [int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024 for fields in _tree(pid)]
    return sum(rss), max(rss, default=0)


# Above this the build is stopped (all its processes): a size that does not fit would otherwise
# take the machine's memory from everything else running on it (at 100,000 cases before issue 28
# a build needed about 37 GiB). Set by --memory-limit.
MEMORY_LIMIT_MB = 0.0


def timed_run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, peak MB of all processes of `command` and of the largest one alone,
    sampled every 0.2 s."""
    peak = largest = 0
    stopped = False
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # its own process group, to be stopped whole
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, largest, stopped
        while not done.is_set():
            total, one = _tree_rss_kb(proc.pid)
            peak, largest = max(peak, total), max(largest, one)
            if MEMORY_LIMIT_MB and peak / 1024 > MEMORY_LIMIT_MB and not stopped:
                stopped = True
                os.killpg(proc.pid, signal.SIGKILL)
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if stopped:
        raise SystemExit(f"{' '.join(command)} in {cwd}: stopped above {MEMORY_LIMIT_MB:,.0f} MB "
                         f"(all its processes) after {wall:,.0f} s")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{err[-3000:]}")
    return wall, peak / 1024, largest / 1024


def project_for(size: str, scratch: Path) -> tuple[Path, int]:
    target = scratch / f"bench-{size}"
    if size == "real":
        project = generate.scratch_project(target)
        shutil.rmtree(project / "content")
        shutil.copytree(ROOT / "content", project / "content")
    else:
        project = generate.generate(int(size), target)
    cases = len(list((project / "content" / "cases").glob("*.zh.md")))
    return project, cases


def measure_build(result: Result, project: Path, cold_only: bool = False) -> None:
    """A cold build (no .cache/, as in a fresh clone), then a warm one that finds what the cold
    one kept there (as on an editor's machine, or in CI that keeps .cache/ between runs)."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    for build in (result.cold,) if cold_only else (result.cold, result.warm):
        _build_once(build, project)
    site = project / "site"
    result.site_mb = sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6
    pages = [p.stat().st_size for folder in (site / "cases", site / "en" / "cases")
             for p in folder.glob("*/index.html")]
    result.case_page_kb = sum(pages) / len(pages) / 1000 if pages else 0.0
    if cold_only:
        _index_sizes(result, site)
        return
    # One case edited, as an editor's commit does: a warm full build of everything else.
    case = sorted((project / "content" / "cases").glob("*.zh.md"))[0]
    text = case.read_text("utf-8")
    case.write_text(text.replace("\n\n", "\n\n编辑后的一句。\n\n", 1), "utf-8")
    try:
        _build_once(result.edited, project, keep_site=True)
    finally:
        case.write_text(text, "utf-8")
    _index_sizes(result, site)


def _index_sizes(result: Result, site: Path) -> None:
    for lang, folder in (("zh", site / "search"), ("en", site / "en" / "search")):
        # Every file of the index, and the manifest that the first search loads before its chunks.
        files = [p.read_bytes() for p in folder.glob("*.js")]
        result.index_raw[lang] = sum(map(len, files))
        result.index_gz[lang] = sum(len(gzip.compress(data, 6)) for data in files)
        result.index_files[lang] = len(files)
        result.manifest_gz[lang] = len(gzip.compress((folder / "index.js").read_bytes(), 6))


def _build_once(build: Build, project: Path, keep_site: bool = False) -> None:
    if not keep_site:
        shutil.rmtree(project / "site", ignore_errors=True)
    with tempfile.TemporaryDirectory() as timings:
        env = _env(CASEBOOK_TIMINGS=timings, PYTHONPATH=str(PROBE))
        command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
        build.wall, build.peak_mb, build.process_peak_mb = timed_run(command, project, env)
        for path in Path(timings).glob("*.json"):
            data = json.loads(path.read_text())
            for key in ("markdown", "theme", "segmentation", "hooks", "process"):
                build.cpu[key] = build.cpu.get(key, 0.0) + data[key]
            # Loading, checking and indexing the content happen in on_config (the other
            # languages take the result from the first: that is their on_config).
            build.cpu["load"] = build.cpu.get("load", 0.0) + data["hook_events"].get("on_config", 0.0)


def measure_bundle(result: Result, project: Path) -> None:
    out = project / "dist"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "casebook.tools.cli", "bundle", "--no-handbook", "--project", str(project),
                    "--output", str(out)], check=True, env=_env(), stdout=subprocess.DEVNULL)
    result.bundle_mb = (out / "casebook-offline.zip").stat().st_size / 1e6


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def _tree_cpu_s(pid: int) -> float:
    """Processor seconds used so far by a process and its live descendants, from /proc."""
    return sum(int(fields[11]) + int(fields[12]) for fields in _tree(pid)) / os.sysconf("SC_CLK_TCK")


def _wait_idle(pid: int, deadline: float) -> None:
    """Until the server has done its work (below a tenth of a core for two seconds): after the
    page shows an edit, `mkdocs serve` still makes the search index in the background, and an
    edit saved meanwhile waits for it."""
    last, quiet = _tree_cpu_s(pid), 0
    while quiet < 2 and time.monotonic() < deadline:
        time.sleep(1)
        now = _tree_cpu_s(pid)
        quiet = quiet + 1 if now - last < 0.1 else 0
        last = now


def measure_serve_edit(result: Result, project: Path, timeout: float = 1800, edits: int = 3) -> None:
    """Save an edit to one case while `mkdocs serve --dirty` runs; time until the page shows it.
    The median of `edits` edits, each saved once the server is idle after the one before."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        case = sorted((project / "content" / "cases").glob("*.zh.md"))[0]
        url = f"http://127.0.0.1:{port}/cases/{case.name.split('.')[0]}/"
        deadline = time.monotonic() + timeout
        while _get(url) is None:
            if time.monotonic() > deadline or proc.poll() is not None:
                return
            time.sleep(0.5)
        text = case.read_text("utf-8")
        times = []
        for n in range(edits):
            _wait_idle(proc.pid, deadline)  # the build before, and its search index, done
            marker = f"编辑标记{n}x{int(time.time())}"
            start = time.perf_counter()
            case.write_text(text.replace("## 背景\n", f"## 背景\n\n{marker}\n", 1), "utf-8")
            while time.monotonic() < deadline:
                page = _get(url)
                if page and marker in page:
                    times.append(time.perf_counter() - start)
                    print(f"serve: edit {n + 1} shown after {times[-1]:.1f} s (load average "
                          f"{Path('/proc/loadavg').read_text().split()[0]})", flush=True)
                    break
                time.sleep(0.05)
        case.write_text(text, "utf-8")
        if times:
            result.serve_edit = sorted(times)[len(times) // 2]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


PLAIN_CONFIG = """site_name: {name}
docs_dir: docs
site_dir: site
theme:
  name: material
  language: {lang}
  font: false
nav:
  - index.md
plugins:
  - search:
      lang: {search_lang}
markdown_extensions: {extensions}
"""


def measure_plain(result: Result, project: Path, scratch: Path) -> None:
    """Plain Material, no hooks: the same case pages (front matter stripped), one site per language."""
    import yaml

    extensions = json.dumps(yaml.load((ROOT / "mkdocs.yml").read_text("utf-8").split("markdown_extensions:")[1]
                                      .split("\nvalidation:")[0].replace("!ENV", ""), Loader=yaml.SafeLoader))
    runs = []
    for lang in ("zh", "en"):
        site = scratch / f"plain-{result.label}-{lang}"
        shutil.rmtree(site, ignore_errors=True)
        (site / "docs" / "cases").mkdir(parents=True)
        (site / "docs" / "index.md").write_text("# Casebook\n", "utf-8")
        for case in (project / "content" / "cases").glob(f"*.{lang}.md"):
            _, front, body = case.read_text("utf-8").split("---\n", 2)
            title = yaml.safe_load(front)["title"]
            (site / "docs" / "cases" / f"{case.name.split('.')[0]}.md").write_text(f"# {title}\n\n{body}", "utf-8")
        (site / "mkdocs.yml").write_text(PLAIN_CONFIG.format(name="Casebook", lang=lang,
                                                             search_lang="en" if lang == "en" else "zh",
                                                             extensions=extensions), "utf-8")
        runs.append(site)
    # Side by side, as the project builds its two languages.
    start = time.perf_counter()
    threads, results = [], {}

    def build(site: Path) -> None:
        results[site] = timed_run([sys.executable, "-m", "mkdocs", "build"], site, _env())[:2]

    for site in runs:
        threads.append(threading.Thread(target=build, args=(site,)))
        threads[-1].start()
    for t in threads:
        t.join()
    result.plain_wall = time.perf_counter() - start
    result.plain_peak_mb = sum(peak for _, peak in results.values())
    for site in runs:
        shutil.rmtree(site, ignore_errors=True)


def _kb(n: int) -> str:
    # Decimal units (1 MB = 1,000,000 bytes), the stricter reading of a budget in MB.
    return f"{n / 1000:,.0f} KB" if n < 10_000_000 else f"{n / 1e6:,.1f} MB"


def table(results: list[Result]) -> str:
    head = ["", *(f"{r.label} ({r.cases:,} cases)" for r in results)]
    rows: list[list[str]] = []

    def row(name: str, values) -> None:
        rows.append([name, *values])

    def share(b: Build, key: str) -> float:
        if not b.cpu:
            return float("nan")  # not built (--cold-only)
        if key == "rest":
            return ((b.cpu["process"] - sum(b.cpu[k] for k in ("hooks", "segmentation", "markdown", "theme")))
                    / b.cpu["process"] * 100)
        return b.cpu[key] / b.cpu["process"] * 100

    row("full build, cold (no .cache/), wall", (f"{r.cold.wall:.1f} s" for r in results))
    row("full build, warm (.cache/ of the build before), wall", (f"{r.warm.wall:.1f} s" for r in results))
    row("per case, cold (both languages)", (f"{r.cold.wall / r.cases * 1000:.1f} ms" for r in results))
    row("full build, warm, after one case was edited, wall", (f"{r.edited.wall:.1f} s" for r in results))
    row("peak memory, all processes: cold / warm",
        (f"{r.cold.peak_mb:,.0f} / {r.warm.peak_mb:,.0f} MB" for r in results))
    row("peak memory, cold: the largest process alone", (f"{r.cold.process_peak_mb:,.0f} MB" for r in results))
    row("processor time, both languages: cold / warm",
        (f"{r.cold.cpu['process']:.1f} / {r.warm.cpu.get('process', float('nan')):.1f} s" for r in results))
    for key, name in (("load", "loading, checking, indices (hooks)"), ("hooks", "all the hooks' own work"),
                      ("segmentation", "segmentation (rjieba)"),
                      ("markdown", "Markdown (Python-Markdown, markdown-it.rs)"), ("theme", "theme (Jinja)"),
                      ("rest", "the rest (MkDocs, files)")):
        row(f"  share, cold / warm: {name}",
            (f"{share(r.cold, key):.1f} / {share(r.warm, key):.1f} %" for r in results))
    row("site size", (f"{r.site_mb:,.1f} MB" for r in results))
    row("case page, mean", (f"{r.case_page_kb:,.1f} KB" for r in results))
    for lang in ("zh", "en"):
        row(f"search index {lang}, all files: raw / gzip (files)", (
            f"{_kb(r.index_raw[lang])} / {_kb(r.index_gz[lang])} ({r.index_files[lang]:,})" for r in results))
        row(f"search index {lang}: manifest, gzip", (_kb(r.manifest_gz[lang]) for r in results))
    for lang in ("zh", "en"):
        row(f"search {lang}: first results",
            ("-" if not r.search else f"{r.search[lang]['first']:.0f} ms" for r in results))
        row(f"search {lang}: first search fetches, gzip (files)", (
            "-" if not r.search else f"{r.search[lang]['first_kb']:,.0f} KB ({r.search[lang]['first_files']})"
            for r in results))
        row(f"search {lang}: index files its last keystroke loads, median", (
            "-" if not r.search else f"{r.search[lang]['files']:.0f}" for r in results))
        row(f"search {lang}: keystroke to results, median / slowest", (
            "-" if not r.search else f"{r.search[lang]['median']:.0f} / {r.search[lang]['max']:.0f} ms"
            for r in results))
    row("offline bundle (zip)", ("-" if r.bundle_mb is None else f"{r.bundle_mb:,.1f} MB" for r in results))
    row("serve --dirty: edit shown after", ("-" if r.serve_edit is None else f"{r.serve_edit:.1f} s" for r in results))
    row("plain Material, wall", ("-" if r.plain_wall is None else f"{r.plain_wall:.1f} s" for r in results))
    row("plain Material, peak memory",
        ("-" if r.plain_peak_mb is None else f"{r.plain_peak_mb:,.0f} MB" for r in results))
    row("machine speed: slowest of the checks against the fastest", (
        f"{min(r.speed) / max(r.speed) * 100:.0f} % of {len(r.speed)}" for r in results))
    row("Casebook (cold) / plain Material",
        ("-" if not r.plain_wall else f"{r.cold.wall / r.plain_wall:.2f}" for r in results))
    widths = [max(len(line[i]) for line in [head, *rows]) for i in range(len(head))]
    fmt = lambda line: "| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |"
    return "\n".join([fmt(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(fmt, rows)])


def machine_speed() -> float:
    """Rounds per second of a fixed piece of pure Python work, on one core: a coarse check. A
    shared virtual machine can slow down in the middle of a run; checked before a size's
    builds, after them and after the rest of its measurements, a low ratio says that the
    figures of that size are not comparable with each other."""
    best = 0.0
    for _ in range(3):
        start, rounds = time.process_time(), 0
        while time.process_time() - start < 0.2:
            sum(i * i for i in range(10_000))
            rounds += 1
        best = max(best, rounds / (time.process_time() - start))
    return best


def _total_memory_mb() -> float:
    return int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                    if line.startswith("MemTotal"))) / 1024


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")))
    return (f"{os.cpu_count()} cores ({cpu}), {mem / 1024 / 1024:.0f} GiB, "
            f"Python {platform.python_version()}, {platform.system()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", default=["real", "1000", "10000", "20000", "100000"],
                        help="real and/or numbers of cases")
    parser.add_argument("--json", type=Path, help="also write the figures here, for benchmarks/chart.py")
    parser.add_argument("--scratch", type=Path, default=ROOT / ".scratch", help="where the scratch projects go")
    parser.add_argument("--cold-only", action="store_true",
                        help="the cold build alone (memory, time, site size): no warm builds, search, bundle, serve "
                             "or plain Material")
    parser.add_argument("--skip-bundle", action="store_true", help="do not build the offline bundle")
    parser.add_argument("--skip-serve", action="store_true", help="do not measure mkdocs serve")
    parser.add_argument("--serve-only", action="store_true",
                        help="measure mkdocs serve alone, in the scratch project as it is (no build, no new cases)")
    parser.add_argument("--skip-plain", action="store_true", help="do not build plain Material for comparison")
    parser.add_argument("--plain-up-to", type=int, default=20_000,
                        help="plain Material only up to this many cases (it holds every page: about 1.9 GB at 10,000)")
    parser.add_argument("--skip-search", action="store_true", help="do not time search in Chromium")
    parser.add_argument("--memory-limit", type=float, default=0.8 * _total_memory_mb(),
                        help="stop a build whose processes hold more MB than this (default: 80%% of the machine's)")
    args = parser.parse_args()
    if args.cold_only:
        args.skip_search = args.skip_bundle = args.skip_serve = args.skip_plain = True
    global MEMORY_LIMIT_MB
    MEMORY_LIMIT_MB = args.memory_limit
    print(f"machine: {machine()}", flush=True)
    results = []
    for size in args.sizes:
        if args.serve_only:
            project = args.scratch / f"bench-{size}"
            if not (project / "mkdocs.yml").exists():
                project, _ = project_for(size, args.scratch)
            result = Result(size, len(list((project / "content" / "cases").glob("*.zh.md"))))
            measure_serve_edit(result, project)
            print(f"{size}: serve --dirty: edit shown after {result.serve_edit} s (median)", flush=True)
            continue
        project, cases = project_for(size, args.scratch)
        result = Result(size, cases)
        result.speed.append(machine_speed())
        print(f"{size}: building {cases} cases…", flush=True)
        measure_build(result, project, args.cold_only)
        result.speed.append(machine_speed())
        print(f"{size}: built in {result.cold.wall:.1f} s cold, {result.warm.wall:.1f} s warm", flush=True)
        if not args.skip_search:
            import search_latency

            result.search = search_latency.measure(project / "site")
        if not args.skip_bundle:
            measure_bundle(result, project)
        if not args.skip_serve:
            measure_serve_edit(result, project)
        if not args.skip_plain and cases <= args.plain_up_to:
            measure_plain(result, project, args.scratch)
        result.speed.append(machine_speed())
        results.append(result)
        print(table(results), flush=True)
        shutil.rmtree(project / "site", ignore_errors=True)
    print()
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps([dataclasses.asdict(r) for r in results], indent=1), "utf-8")


if __name__ == "__main__":
    main()
