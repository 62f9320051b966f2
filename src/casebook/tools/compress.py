"""Precompressed copies of a built site's text files (`x.gz`, `x.br` beside `x`) for a server
that sends them as they are (nginx's gzip_static and brotli_static, GitLab Pages).

A separate step after the build, not part of it: `mkdocs serve`, the offline zip and hosts that
compress by themselves (GitHub Pages) have no use for the copies, and compressing every page at
the highest levels costs more than building it.
"""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass
from pathlib import Path

import brotli

# Text the site serves; images and fonts it has are compressed already.
SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt", ".map")
# Below this, a compressed copy saves less than the headers it costs.
MIN_SIZE = 512


@dataclass(frozen=True, slots=True)
class Summary:
    files: int
    original: int  # bytes
    gzip: int
    brotli: int


def gzip_bytes(data: bytes) -> bytes:
    # mtime 0: the same site gives the same bytes, build after build.
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotli_bytes(data: bytes, quality: int = 11) -> bytes:
    return brotli.compress(data, quality=quality, mode=brotli.MODE_TEXT)


def compress_site(site: Path, brotli_quality: int = 11) -> Summary:
    """Writes `.gz` and `.br` beside every text file of `site` worth it; a copy that is not
    smaller than its original is not kept, so the server sends the original. Brotli's highest
    quality (11) is a tenth smaller than 9 and fifteen times slower: worth it once per deploy;
    tests ask for less."""
    files = original = gz = br = 0
    for parent, _, names in os.walk(site):
        for name in names:
            if not name.endswith(SUFFIXES):
                continue
            path = Path(parent) / name
            data = path.read_bytes()
            if len(data) < MIN_SIZE:
                continue
            files += 1
            original += len(data)
            for suffix, squeeze in ((".gz", gzip_bytes), (".br", lambda d: brotli_bytes(d, brotli_quality))):
                packed = squeeze(data)
                target = path.with_name(name + suffix)
                if len(packed) < len(data):
                    target.write_bytes(packed)
                    gz, br = (gz + len(packed), br) if suffix == ".gz" else (gz, br + len(packed))
                else:
                    target.unlink(missing_ok=True)
    return Summary(files, original, gz, br)
