"""Reading a report file: Word (.docx) with its headings, lists and tables, or text in any common encoding."""

from __future__ import annotations

import errno
import zipfile
from pathlib import Path

from casebook.model import say

from .model import Line, Read, Refusal

SUFFIXES = (".docx", ".txt", ".md")

# Limits of one file, far above any unit's report (reports run to a few thousand characters, a
# collection of them to a few hundred KB): a file past one is refused with the limit named, and
# the others of the batch go on.
MAX_TEXT_BYTES = 4 * 1024 * 1024
MAX_DOCX_BYTES = 20 * 1024 * 1024
# What a .docx may expand to, read in chunks whatever sizes its directory claims, so that a zip
# bomb stops here: all its parts together (pictures included, held in memory), and its XML, which
# is parsed into a tree many times its size.
MAX_DOCX_EXPANDED = 128 * 1024 * 1024
MAX_DOCX_XML = 16 * 1024 * 1024


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB".replace(".0 MB", " MB")


def read(path: Path, shown: str) -> Read:
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise Refusal(say("import.old_doc", shown=shown))
    if suffix not in SUFFIXES:
        raise Refusal(say("import.suffix" if suffix else "import.no_suffix", shown=shown, suffix=suffix,
                          suffixes=", ".join(SUFFIXES)))
    limit = MAX_DOCX_BYTES if suffix == ".docx" else MAX_TEXT_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            raise Refusal(say("import.too_big", shown=shown, size=_mb(size), limit=_mb(limit), suffix=suffix))
        raw = path.read_bytes()
    except OSError as e:
        # The usual reasons in the editor's words; the system's own (in its C locale) for the rest.
        reason: dict[int | None, str] = {errno.ENOENT: "import.missing", errno.EACCES: "import.denied",
                                          errno.EISDIR: "import.a_folder"}
        raise Refusal(say(reason.get(e.errno, "import.unreadable"), shown=shown, error=e.strerror)) from e
    if not raw.strip():
        raise Refusal(say("import.empty", shown=shown))
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
        raise Refusal(say("import.not_text", shown=shown))
    return str(best).lstrip("\ufeff"), best.encoding


def _docx_lines(raw: bytes, shown: str) -> list[str]:
    import io

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_docx(raw, shown)
    from lxml import etree

    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, etree.LxmlError, EOFError,
            NotImplementedError) as e:
        raise Refusal(say("import.bad_docx", shown=shown, error=f"{type(e).__name__}: {str(e)[:120]}")) from e
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
            rows = [[cell.text.strip().replace("\n", " ").replace("|", "/") for cell in row.cells]
                    for row in block.rows]
            if rows:
                lines.append("| " + " | ".join(rows[0]) + " |")
                lines.append("|" + "---|" * len(rows[0]))
                lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
                lines.append("")
    return lines


def _check_docx(raw: bytes, shown: str) -> None:
    """A .docx is a zip of XML parts: every part is expanded here in chunks, and the file refused
    once all of them pass MAX_DOCX_EXPANDED (a zip bomb, whatever its directory claims); a part
    that declares a DTD or entities is refused too: Word never writes one, and its entities would
    not be expanded, so their text would be lost without a word."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        total = xml = 0
        for info in archive.infolist():
            if info.is_dir():
                continue
            with archive.open(info) as part:
                head = b""
                while chunk := part.read(1 << 16):
                    if len(head) < 4096:
                        head += chunk[:4096]
                    total += len(chunk)
                    if info.filename.endswith((".xml", ".rels")):
                        xml += len(chunk)
                        if xml > MAX_DOCX_XML:
                            raise Refusal(say("import.docx_xml", shown=shown, limit=_mb(MAX_DOCX_XML),
                                              part=info.filename))
                    if total > MAX_DOCX_EXPANDED:
                        raise Refusal(say("import.docx_expanded", shown=shown, limit=_mb(MAX_DOCX_EXPANDED),
                                          part=info.filename))
            if info.filename.endswith((".xml", ".rels")) and (b"<!DOCTYPE" in head or b"<!ENTITY" in head):
                raise Refusal(say("import.docx_dtd", shown=shown, part=info.filename))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError) as e:
        raise Refusal(say("import.bad_docx", shown=shown, error=f"{type(e).__name__}: {str(e)[:120]}")) from e
    if "word/document.xml" not in archive.namelist():
        raise Refusal(say("import.docx_no_document", shown=shown))
