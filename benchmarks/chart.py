"""The benchmark page's chart: build time and peak memory against the number of cases, as an
SVG file per language (no script, readable from disk), from a JSON file of figures.

    python benchmarks/chart.py benchmarks/figures.json docs/charts/benchmark

The JSON holds series of points: [{"name": {"zh": ..., "en": ...}, "points": [[cases, wall
seconds, peak MB], ...]}, ...]; `run.py --json` writes the figures of one run.
"""

from __future__ import annotations

import argparse
import html
import json
import math
from pathlib import Path

TEXTS = {
    "zh": {"time": "冷构建用时（秒）", "memory": "峰值内存，全部进程（MB）", "cases": "案例数",
           "title": "构建用时和内存随案例数的变化"},
    "en": {"time": "Cold build, wall time (s)", "memory": "Peak memory, all processes (MB)", "cases": "cases",
           "title": "Build time and memory against the number of cases"},
}
COLOURS = ("#b3261e", "#1f5fa8", "#5f6b2d", "#7a4b94", "#8a4b08")
W, H, PAD_L, PAD_R, PAD_T, PAD_B = 340, 240, 58, 30, 28, 44


def _ticks(top: float) -> list[float]:
    step = 10 ** math.floor(math.log10(top or 1))
    for mult in (1, 2, 5, 10):
        if top / (step * mult) <= 5:
            step *= mult
            break
    return [i * step for i in range(int(top // step) + 1)]


def panel(series: list[dict], value: int, label: str, cases_label: str, x0: float) -> str:
    points = [p for s in series for p in s["points"]]
    xmax = max(p[0] for p in points)
    ymax = max(p[value] for p in points) * 1.1
    # Cases on a logarithmic axis: the sizes go from 1,000 to 100,000.
    xmin = min(p[0] for p in points)
    decades = (math.log10(xmax) - math.log10(xmin)) or 1
    lx = lambda c: x0 + PAD_L + (math.log10(c) - math.log10(xmin)) / decades * (W - PAD_L - PAD_R)
    ly = lambda v: PAD_T + (1 - v / ymax) * (H - PAD_T - PAD_B)
    out = [f'<text x="{x0 + PAD_L}" y="16" class="t">{html.escape(label)}</text>']
    for t in _ticks(ymax):
        out.append(f'<line x1="{x0 + PAD_L}" x2="{x0 + W - PAD_R}" y1="{ly(t):.1f}" y2="{ly(t):.1f}" class="g"/>'
                   f'<text x="{x0 + PAD_L - 6}" y="{ly(t) + 4:.1f}" class="n" text-anchor="end">{t:,.0f}</text>')
    shown = -math.inf
    for c in sorted({p[0] for p in points}):
        if lx(c) - shown < 44:  # a label as close as 10,000 and 20,000 on two decades: ran together
            continue
        shown = lx(c)
        out.append(f'<text x="{lx(c):.1f}" y="{H - PAD_B + 16}" class="n" text-anchor="middle">{c:,}</text>')
    out.append(f'<text x="{x0 + (W + PAD_L) / 2:.1f}" y="{H - 8}" class="n" text-anchor="middle">'
               f'{html.escape(cases_label)}</text>')
    for i, s in enumerate(series):
        pts = sorted(s["points"])
        colour = COLOURS[i % len(COLOURS)]
        out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                   + " ".join(f"{lx(p[0]):.1f},{ly(p[value]):.1f}" for p in pts) + '"/>')
        out += [f'<circle cx="{lx(p[0]):.1f}" cy="{ly(p[value]):.1f}" r="3" fill="{colour}"/>' for p in pts]
    return "\n".join(out)


def svg(series: list[dict], lang: str) -> str:
    t = TEXTS[lang]
    # Each entry after the one before, by the width of its name (11 px a Chinese character,
    # about 6.2 a Latin one): at a fixed step a long name ran into the next.
    # An entry that would pass the right edge starts a new row (four names did not fit one).
    legend, x, y = [], PAD_L, H + 6
    for i, s in enumerate(series):
        name = s["name"][lang]
        width = 18 + sum(11 if ord(c) > 0x2E80 else 6.2 for c in name)
        if x > PAD_L and x + width > 2 * W - PAD_R:
            x, y = PAD_L, y + 20
        legend.append(f'<rect x="{x:.0f}" y="{y}" width="12" height="12" fill="{COLOURS[i % len(COLOURS)]}"/>'
                      f'<text x="{x + 18:.0f}" y="{y + 10}" class="n">{html.escape(name)}</text>')
        x += width + 24
    legend = "".join(legend)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {2 * W} {y + 22}" role="img" '
            f'aria-label="{html.escape(t["title"])}">\n<title>{html.escape(t["title"])}</title>\n'
            '<style>.t{font:bold 13px sans-serif;fill:#222}.n{font:11px sans-serif;fill:#333}'
            '.g{stroke:#ddd;stroke-width:1}</style>\n'
            '<rect width="100%" height="100%" fill="#fff"/>\n'
            f'{panel(series, 1, t["time"], t["cases"], 0)}\n'
            f'{panel(series, 2, t["memory"], t["cases"], W)}\n{legend}\n</svg>\n')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("figures", type=Path)
    parser.add_argument("output", help="path without the language and .svg: <output>.<lang>.svg")
    args = parser.parse_args()
    series = json.loads(args.figures.read_text("utf-8"))
    for lang in TEXTS:
        Path(f"{args.output}.{lang}.svg").write_text(svg(series, lang), "utf-8")


if __name__ == "__main__":
    main()
