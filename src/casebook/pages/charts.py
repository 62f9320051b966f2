"""Charts drawn at build time as inline SVG: horizontal bars, and a heat map of a cross table.

No chart script runs in the reader's browser and nothing is loaded from outside: the chart is
markup in the page, styled by the site's CSS (colours follow the theme; the attributes are a
fallback where that CSS is absent). Every chart has a <title> and a <desc> that gives every
number, and every number is also drawn as text, so the figures can be read, selected and
found without seeing the shapes. A bar or cell with a link leads to the cases it counts.

There is no text layout engine at build time, so label widths are estimated: a wide (CJK)
character as one em, anything else as 0.6 em, which errs on the wide side for Latin text.
"""

from __future__ import annotations

import html
import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

FONT = 13  # px: labels and numbers
SMALLEST_FONT = 11  # px: a chart shrinks no further than this (its box scrolls instead)
ROW = 24  # height of one bar's row
BAR = 16
# Length of the longest bar: small enough that a chart with short labels fits a 390 px phone at
# its own size, and one with long (English) labels shrinks by no more than a third.
BAR_AREA = 220
CELL_W, CELL_H = 40, 28
# A label wider than this is written on two lines, so that long English names ("Xinjiang
# Uyghur Autonomous Region") do not make a chart so wide that a phone shrinks it unreadably.
WRAP = 140
ROW_TWO_LINES = 34  # height of a row or cell whose label takes two lines
LEFT = 16  # room left of the longest label and between it and its bar, with the estimate's error
PRIMARY = "#c62828"  # the site's red, in case the site's CSS is not there


@dataclass(frozen=True, slots=True)
class Bar:
    key: str
    label: str
    value: int
    href: str | None = None
    title: str | None = None  # what a screen reader or a tooltip says, e.g. "医院：6 个案例"


@dataclass(frozen=True, slots=True)
class Cell:
    value: int
    href: str | None = None
    title: str | None = None


def text_width(text: str, size: float = FONT) -> float:
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.6 for ch in text)


def lines(text: str, limit: float = WRAP) -> tuple[str, ...]:
    """The label in one line, or in two split at the space that makes the longer line shortest."""
    if text_width(text) <= limit or " " not in text:
        return (text,)
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    best = min(spaces, key=lambda i: max(text_width(text[:i]), text_width(text[i + 1:])))
    return (text[:best], text[best + 1:])


def _label(x: float, mid: float, parts: tuple[str, ...], extra: str = "") -> str:
    """A right-aligned label centred on `mid`, one <tspan> per line when it has two."""
    head = (f'<text class="cb-chart__label{extra}" x="{x:.0f}" y="{mid:.1f}" text-anchor="end" '
            'dominant-baseline="central">')
    if len(parts) == 1:
        return head + _e(parts[0]) + "</text>"
    step = FONT * 1.15
    # A space between the lines: text that reads them (a screen reader, copying) keeps the words apart.
    spans = " ".join(f'<tspan x="{x:.0f}" y="{mid + (k - (len(parts) - 1) / 2) * step:.1f}">{_e(p)}</tspan>'
                     for k, p in enumerate(parts))
    return head + spans + "</text>"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _open(id: str, title: str, desc: str, width: float, height: float, kind: str) -> str:
    # role="group" (not "img"), because the chart holds links a keyboard must reach. The width
    # and height are its natural size; the site's CSS lets it shrink to the width it has, the
    # viewBox keeping its proportions, down to the width at which its labels are SMALLEST_FONT.
    return (f'<svg class="cb-chart cb-chart--{kind}" id="{_e(id)}" xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
            f'style="min-width: {math.ceil(width * SMALLEST_FONT / FONT)}px" '
            f'role="group" aria-labelledby="{_e(id)}-title" aria-describedby="{_e(id)}-desc" '
            f'font-size="{FONT}">\n'
            f'<title id="{_e(id)}-title">{_e(title)}</title>\n<desc id="{_e(id)}-desc">{_e(desc)}</desc>\n')


def _link(href: str | None, title: str | None, inner: str) -> str:
    if not href:
        return inner
    label = f' aria-label="{_e(title)}"' if title else ""
    return f'<a href="{_e(href)}"{label}>{inner}</a>'


def bar_chart(id: str, title: str, desc: str, bars: Sequence[Bar]) -> str:
    """One horizontal bar per item, in the order given, labelled on the left, counted on the right."""
    labels = [lines(b.label) for b in bars]
    label_w = max((text_width(line) for parts in labels for line in parts), default=0) + LEFT
    row_h = ROW if all(len(parts) == 1 for parts in labels) else ROW_TWO_LINES
    top = 6
    longest = max((b.value for b in bars), default=0) or 1
    value_w = text_width(str(longest)) + 16
    width = label_w + BAR_AREA + value_w
    height = top * 2 + row_h * len(bars)
    parts = [_open(id, title, desc, width, height, "bars")]
    for i, b in enumerate(bars):
        y = top + i * row_h
        length = BAR_AREA * b.value / longest
        mid = y + row_h / 2
        tip = f"<title>{_e(b.title)}</title>" if b.title else ""
        # The space between label and count makes the link's visible text "2017 1", which its
        # name "2017: 1 case" contains (WCAG 2.5.3, label in name).
        row = (f'<g class="cb-chart__row" data-key="{_e(b.key)}">{tip}'
               f'{_label(label_w - 8, mid, labels[i])} '
               f'<rect class="cb-chart__bar" x="{label_w:.0f}" y="{y + (row_h - BAR) / 2:.1f}" '
               f'width="{max(length, 0):.1f}" height="{BAR}" fill="{PRIMARY}"/>'
               f'<text class="cb-chart__value" x="{label_w + length + 6:.1f}" y="{mid:.1f}" '
               f'dominant-baseline="central">{b.value}</text>'
               "</g>")
        parts.append(_link(b.href if b.value else None, b.title, row) + "\n")
    parts.append("</svg>")
    return "".join(parts)


def heat_map(id: str, title: str, desc: str, rows: Sequence[tuple[str, str]], columns: Sequence[tuple[str, str]],
             cells: Mapping[tuple[str, str], Cell], upright_heads: bool = False, cell_w: int = CELL_W) -> str:
    """A grid of `rows` × `columns` (each a (key, label)); a cell's shade grows with its value.

    Column heads stand vertically above their column, so that long names take height rather
    than width: `upright_heads` writes them top to bottom with upright characters (Chinese),
    otherwise they are turned to read bottom to top (English)."""
    labels = [lines(label) for _, label in rows]
    label_w = max((text_width(line) for parts in labels for line in parts), default=0) + LEFT
    cell_h = CELL_H if all(len(parts) == 1 for parts in labels) else ROW_TWO_LINES
    head_w = max((text_width(label) for _, label in columns), default=0)
    top = head_w + 12
    width = label_w + cell_w * len(columns) + 8
    height = top + cell_h * len(rows) + 4
    highest = max((c.value for c in cells.values()), default=0) or 1
    parts = [_open(id, title, desc, width, height, "heat")]
    for j, (key, label) in enumerate(columns):
        x, y = label_w + j * cell_w + cell_w / 2, top - 6
        place = ('writing-mode="vertical-rl" text-anchor="end"' if upright_heads else
                 f'text-anchor="start" transform="rotate(-90 {x:.1f} {y:.1f})"')
        parts.append(f'<text class="cb-chart__label cb-chart__column" data-key="{_e(key)}" x="{x:.1f}" y="{y:.1f}" '
                     f'{place} dominant-baseline="central">{_e(label)}</text>\n')
    for i, (row_key, _) in enumerate(rows):
        y = top + i * cell_h
        parts.append(_label(label_w - 8, y + cell_h / 2, labels[i]) + "\n")
        for j, (col_key, _) in enumerate(columns):
            cell = cells.get((row_key, col_key), Cell(0))
            x = label_w + j * cell_w
            shade = 0.12 + 0.88 * cell.value / highest if cell.value else 0
            dark = " cb-chart__value--on-dark" if shade > 0.55 else ""
            tip = f"<title>{_e(cell.title)}</title>" if cell.title else ""
            box = (f'<g class="cb-chart__cell" data-row="{_e(row_key)}" data-column="{_e(col_key)}">{tip}'
                   f'<rect x="{x + 1:.0f}" y="{y + 1:.0f}" width="{cell_w - 2}" height="{cell_h - 2}" rx="3" '
                   + (f'class="cb-chart__shade" fill="{PRIMARY}" fill-opacity="{shade:.2f}"/>' if cell.value else
                      'class="cb-chart__empty" fill="none" stroke="#ccc"/>')
                   + f' <text class="cb-chart__value{dark}" x="{x + cell_w / 2:.0f}" y="{y + cell_h / 2:.1f}" '
                   f'text-anchor="middle" dominant-baseline="central">{cell.value if cell.value else "·"}</text></g>')
            parts.append(_link(cell.href if cell.value else None, cell.title, box) + "\n")
    parts.append("</svg>")
    return "".join(parts)
