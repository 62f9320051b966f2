"""Finding the reports in a file: 篇N headings, a title repeated before each report, or a seam where
pages were pasted together."""

from __future__ import annotations

import re
from collections import Counter

from .clean import clean_lines, drop, repeated_lines, simplify
from .headings import _NUMERAL, ENUMERATED, PIECE, TITLE_END, is_heading
from .model import Line, Read, Removed, Report


def split(read: Read) -> tuple[Report, ...]:
    lines, removed = clean_lines(read.lines)
    starts = _starts(lines)
    # No start, no piece: the second list has its one end only.
    pieces = [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)], strict=False)]
    preamble = lines[: starts[0]] if starts else []
    marked = bool(starts) and bool(PIECE.match(lines[starts[0]].text))
    if preamble and (marked or not _has_body(preamble)):
        # Before the first 篇N: the collection's title and the site's lead-in, never a report.
        # Before the first report only the collection's title: not part of any report.
        removed += [Removed(l.number, l.text.strip(), "title of the collection") for l in preamble if l.text.strip()]
    elif preamble:
        pieces.insert(0, preamble)
    if not starts:
        pieces = [lines]
    # A piece that is only headings belongs to the report that follows it.
    merged: list[list[Line]] = []
    carry: list[Line] = []
    for piece in pieces:
        if not _has_body(piece):
            carry += piece
            continue
        merged.append(carry + piece)
        carry = []
    if carry:
        if merged:
            merged[-1] += carry
        else:
            merged.append(carry)
    headings = _repeated_titles(lines)
    # A heading that opens several reports (篇N taken away) is the collection's, not a report's own.
    firsts = Counter(t for p in merged for t in {heading_text(l.text) for l in p[:3] if is_heading(l.text)})
    shared = tuple(sorted(t for t, n in firsts.items() if n >= 2))
    # Running headers and footers: counted over the file, after the titles that start reports.
    running = repeated_lines(lines, keep=headings)
    reports = []
    # A removed line belongs to the report it was removed from: from a report's first line to the
    # next one's (a page number between two reports is the first's), the first report taking what
    # comes before it and the last what comes after.
    firsts_at = [p[0].number if p else None for p in merged]
    for i, piece in enumerate(merged, 1):
        piece = _unnumbered(piece, removed)
        kept, dropped = drop(piece, running, "repeated header or footer")
        low = firsts_at[i - 1] if i > 1 else None
        high = firsts_at[i] if i < len(merged) else None
        own = [r for r in removed + dropped
               if piece and (low is None or r.line >= low) and (high is None or r.line < high)]
        reports.append(Report(read.path, i, len(merged), tuple(_trim(kept)),
                              tuple(sorted(own, key=lambda r: r.line)), shared))
    return tuple(reports)


def heading_text(text: str) -> str:
    """A heading without its 篇N or Markdown #: "篇2：社区工作总结" -> "社区工作总结"."""
    text = text.strip().lstrip("#").strip()
    if not PIECE.match(text):
        return text
    return re.sub(rf"^\s*(篇\s*[{_NUMERAL}]+|[【\[〔(（]?\s*第\s*[{_NUMERAL}]+\s*篇\s*[】\]〕)）]?)"
                  rf"|\s篇\s*[{_NUMERAL}]+\s*$", "", text).strip(" :：、.．")


def _unnumbered(piece: list[Line], removed: list[Removed]) -> list[Line]:
    """The collection's 篇N taken off a report's heading (listed as removed): it numbers the
    page of the website, and is no figure of the report."""
    out = []
    for line in piece:
        if PIECE.match(line.text) and is_heading(line.text):
            kept = heading_text(line.text)
            number = line.text.strip().replace(kept, "").strip() if kept else line.text.strip()
            removed.append(Removed(line.number, number, "number of the report in the collection"))
            if kept:
                out.append(Line(line.number, kept))
            continue
        out.append(line)
    return out


def _has_body(piece: list[Line]) -> bool:
    return any(l.text.strip() and not is_heading(l.text) for l in piece)


def _repeated_titles(lines: list[Line]) -> set[str]:
    counts = Counter(l.text.strip() for l in lines if is_heading(l.text) and not ENUMERATED.match(l.text))
    return {t for t, n in counts.items() if n >= 2}


def _starts(lines: list[Line]) -> list[int]:
    titles = _repeated_titles(lines)
    texts = [l.text for l in lines]
    blank_share = sum(1 for t in texts if not t.strip()) / max(len(texts), 1)
    starts: list[int] = []
    body_since = False  # a report's body since the last start
    for i, text in enumerate(texts):
        if not text.strip():
            continue
        numbered = bool(PIECE.match(text)) and is_heading(text)
        simple = simplify(text).strip().lstrip("#").strip()
        titled = (body_since and is_heading(text) and not ENUMERATED.match(simple) and len(simple) >= 8
                  and not text.lstrip().startswith("##")  # a Word section heading, under the document's title
                  and not re.search(r"[:：,，]", simple)
                  and bool(TITLE_END.search(simple)) and _names_itself(simple))
        body_since = (body_since or not is_heading(text)) and not (numbered or titled)
        repeated = text.strip() in titles
        # Where paragraphs are set apart by blank lines, an indented line glued to the one before
        # is where one pasted page ends and the next begins.
        seam = (i > 0 and blank_share > 0.3 and text[:1] in (" ", "\u3000", "\t") and not is_heading(texts[i - 1])
                and texts[i - 1].rstrip()[-1:] in ("。", "！", "？", "”", "\"", "…"))
        if numbered or repeated or seam or titled:
            starts.append(i)
    return starts


def _names_itself(title: str) -> bool:
    """A report's title says whose and when (…五连2024年…总结, 海北州民宗委…总结); a section's
    heading (民族团结进步创建工作开展情况) says neither."""
    from .unit import HEADS

    if re.search(r"(?:19|20)[0-9Xx]{2}\s*年", title):
        return True
    head = re.search("|".join(re.escape(h) for h, _ in HEADS), title)
    return head is not None and head.start() <= 12


def _trim(lines: list[Line]) -> list[Line]:
    while lines and not lines[0].text.strip():
        lines = lines[1:]
    while lines and not lines[-1].text.strip():
        lines = lines[:-1]
    return lines
