"""Reading a report file: Word (.docx) with its headings, lists and tables, or text in any common encoding."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .model import Line, Read, Refusal

SUFFIXES = (".docx", ".txt", ".md")


def read(path: Path, shown: str) -> Read:
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise Refusal(f"{shown}: an old Word .doc file, which cannot be read reliably; open it in Word or "
                      f"LibreOffice and save it as .docx, then import that")
    if suffix not in SUFFIXES:
        raise Refusal(f"{shown}: a {suffix or 'file without an extension'} file; import reads {', '.join(SUFFIXES)}")
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise Refusal(f"{shown}: cannot be read: {e.strerror}") from e
    if not raw.strip():
        raise Refusal(f"{shown}: the file is empty")
    if suffix == ".docx":
        return Read(shown, "docx", _numbered(_docx_lines(raw, shown)))
    text, encoding = _decode(raw, shown)
    return Read(shown, encoding, _numbered(text.splitlines()))


def _numbered(texts) -> tuple[Line, ...]:
    return tuple(Line(i, t.rstrip()) for i, t in enumerate(texts, 1))


def _decode(raw: bytes, shown: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    # Text never holds NUL bytes in these encodings (UTF-16 reports are not among those accepted).
    best = None if b"\x00" in raw[:65536] else from_bytes(raw).best()
    if best is None:
        raise Refusal(f"{shown}: not text in a known encoding (binary, or damaged); save it as UTF-8 text or .docx")
    return str(best).lstrip("\ufeff"), best.encoding


def _docx_lines(raw: bytes, shown: str) -> list[str]:
    import io

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise Refusal(f"{shown}: not a readable .docx file ({e}); open it in Word and save it again as .docx") from e
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if not text:
                continue
            style = (block.style.name if block.style is not None else "") or ""
            if style.startswith(("Heading", "标题")) or style == "Title":
                level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
                lines += ["#" * min(level, 6) + " " + text, ""]
            elif style.startswith("List Number"):
                lines.append(f"1. {text}")
            elif style.startswith(("List", "列表")):
                lines.append(f"- {text}")
            else:
                lines += [text, ""]
        elif isinstance(block, Table):
            rows = [[cell.text.strip().replace("\n", " ").replace("|", "/") for cell in row.cells] for row in block.rows]
            if rows:
                lines.append("| " + " | ".join(rows[0]) + " |")
                lines.append("|" + "---|" * len(rows[0]))
                lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
                lines.append("")
    return lines
