"""What the build may read from `content/` and publish from `content/images/`.

An editor's files are untrusted. A symbolic link in a pull request can point anywhere on the
machine that builds it (`/etc/passwd`, `/proc/self/environ` with a CI job's tokens, a folder),
and a file named like an image can hold script. So:

- `content/` is walked without following links, and every link in it is refused;
- content files are read only when they are regular files (never a device such as /dev/zero,
  a pipe or a socket), opened without following a link, and their size is known before a
  byte is read;
- only images (by their first bytes, not only their names) and PDFs within a size limit are
  published from `content/images/`; SVG, which can hold script, is refused, as is anything
  a browser would run (.js, .html, ...).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from casebook.corpus.frontmatter import CONTROL
from casebook.model import Message, Problem, say

IMAGES = "images"
MAX_IMAGE_BYTES = 5_000_000
MAX_PDF_BYTES = 20_000_000
MAX_PIXELS = 40_000_000  # width times height, where the header tells them (PNG, GIF)

# Suffix -> (what it is, the first bytes that say so, the size limit).
_TYPES: dict[str, tuple[Message, tuple[bytes, ...], int]] = {
    ".png": (say("kind_image", kind="PNG"), (b"\x89PNG\r\n\x1a\n",), MAX_IMAGE_BYTES),
    ".jpg": (say("kind_image", kind="JPEG"), (b"\xff\xd8\xff",), MAX_IMAGE_BYTES),
    ".jpeg": (say("kind_image", kind="JPEG"), (b"\xff\xd8\xff",), MAX_IMAGE_BYTES),
    ".gif": (say("kind_image", kind="GIF"), (b"GIF87a", b"GIF89a"), MAX_IMAGE_BYTES),
    ".webp": (say("kind_image", kind="WebP"), (b"RIFF",), MAX_IMAGE_BYTES),
    ".pdf": (say("kind_pdf"), (b"%PDF-",), MAX_PDF_BYTES),
}
ALLOWED = ", ".join(sorted(_TYPES))
# Names that tools leave beside files: never published, not worth an error.
_IGNORED = {".gitkeep", ".gitignore", ".DS_Store", "Thumbs.db"}


class Unreadable(Exception):
    """A content file the build refuses to read; the message completes 'path: '."""

    def __init__(self, message: Message):
        super().__init__(message)
        self.message = message


def _link_message(path: Path) -> Message:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    if CONTROL.search(target):  # an ESC in the printed message would drive the terminal
        target = target.encode("unicode_escape").decode("ascii")
    return say("symbolic_link", target=target)


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path` if it is a regular file, not a link, of at most `limit` bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        if os.path.islink(path):
            raise Unreadable(_link_message(path)) from None
        raise Unreadable(say("cannot_read", error=str(e.strerror))) from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Unreadable(say("not_regular_read"))
        if st.st_size > limit:
            raise Unreadable(say("file_too_big", size=st.st_size, limit=limit))
        raw = f.read(limit + 1)
    if len(raw) > limit:  # it grew while being read
        raise Unreadable(say("file_grew", limit=limit))
    return raw


@dataclass(frozen=True, slots=True)
class Tree:
    """`content/` as the build may use it, found without following any link."""

    markdown: tuple[Path, ...]  # regular .md files, in path order
    assets: tuple[tuple[Path, int], ...]  # regular files under images/, with their sizes
    problems: tuple[Problem, ...]  # links and special files, anywhere


def walk(content_dir: Path, images_only: bool = False) -> Tree:
    """`content_dir` (or only its images/) as a Tree; a link or device anywhere is a problem."""
    base = content_dir.parent
    markdown: list[Path] = []
    assets: list[tuple[Path, int]] = []
    problems: list[Problem] = []
    images = content_dir / IMAGES

    def visit(folder: Path, in_images: bool) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            problems.append(Problem((folder.relative_to(base)).as_posix(), None, None,
                                    say("cannot_read", error=str(e.strerror))))
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith(".#"):
                continue  # Emacs' lock on a file being edited: a link to nowhere, never followed
            if CONTROL.search(entry.name):
                # Shown escaped: printed as is, an ESC would drive the editor's terminal.
                shown = (folder / entry.name.encode("unicode_escape").decode("ascii")).relative_to(base).as_posix()
                problems.append(Problem(shown, None, None, say("name_control")))
            elif entry.is_symlink():
                problems.append(Problem(path.relative_to(base).as_posix(), None, None, _link_message(path)))
            elif entry.is_dir(follow_symlinks=False):
                if entry.name != ".git":
                    visit(path, in_images or path == images)
            elif not entry.is_file(follow_symlinks=False):
                problems.append(Problem(path.relative_to(base).as_posix(), None, None, say("not_regular")))
            elif in_images:
                assets.append((path, entry.stat(follow_symlinks=False).st_size))
            elif entry.name.endswith(".md"):
                markdown.append(path)

    if content_dir.is_symlink():
        problems.append(Problem(content_dir.name, None, None, _link_message(content_dir)))
    elif not content_dir.is_dir():
        pass  # said by the loader, which finds no taxonomy there
    elif not images_only:
        visit(content_dir, False)
    elif images.is_dir() and not images.is_symlink():
        visit(images, True)
    markdown.sort(key=lambda p: p.parts)
    return Tree(tuple(markdown), tuple(assets), tuple(problems))


def check_asset(path: Path, size: int) -> Message | None:
    """Why the file under images/ may not be published, or None."""
    suffix = path.suffix.lower()
    if suffix == ".svg":
        return say("asset_svg")
    if suffix not in _TYPES:
        return say("asset_kind", suffix=suffix or path.name, images=IMAGES, allowed=ALLOWED)
    what, magics, limit = _TYPES[suffix]
    if size > limit:
        return say("asset_too_big", size=size, what=what, limit=limit)
    try:
        data = read_regular(path, limit) if suffix == ".pdf" else _read_head(path)
    except Unreadable as e:
        return e.message
    head = data[:32]
    if not head.startswith(magics) or (suffix == ".webp" and head[8:12] != b"WEBP"):
        return say("asset_not_what", suffix=suffix, what=what)
    active = _PDF_ACTIVE.search(data) if suffix == ".pdf" else None
    if active:
        return say("asset_pdf_active", name=active.group().decode())
    pixels = _pixels(suffix, head)
    if pixels and pixels > MAX_PIXELS:
        return say("asset_pixels", pixels=pixels, limit=MAX_PIXELS)
    return None


# What a PDF reader may run or open. Names inside compressed object streams are not seen: the
# check stops the common case (a browser's PDF viewer runs apart from the site's pages anyway).
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)\b")


def _read_head(path: Path) -> bytes:
    """The first bytes of a regular file, opened without following a link."""
    fd = None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Unreadable(say("not_regular_read"))
        return os.read(fd, 32)
    except OSError as e:
        raise Unreadable(say("cannot_read", error=str(e.strerror))) from None
    finally:
        if fd is not None:
            os.close(fd)


def _pixels(suffix: str, head: bytes) -> int | None:
    if suffix == ".png" and len(head) >= 24:
        return int.from_bytes(head[16:20], "big") * int.from_bytes(head[20:24], "big")
    if suffix == ".gif" and len(head) >= 10:
        return int.from_bytes(head[6:8], "little") * int.from_bytes(head[8:10], "little")
    return None


def check_assets(tree: Tree, base: Path) -> list[Problem]:
    problems = []
    for path, size in tree.assets:
        if path.name in _IGNORED:
            continue
        why = check_asset(path, size)
        if why:
            problems.append(Problem(path.relative_to(base).as_posix(), None, None, why))
    return problems


def publishable(content_dir: Path) -> list[Path]:
    """The files of content/images/ that the site may publish: found without following links,
    each checked again (a build may be run without `casebook check`)."""
    return [path for path, size in walk(content_dir, images_only=True).assets
            if path.name not in _IGNORED and check_asset(path, size) is None]
