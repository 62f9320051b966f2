"""`casebook compress`: gzip and brotli copies that decompress to their original, only for text
files worth it, the same bytes on every run."""

from __future__ import annotations

import gzip
import subprocess
import sys

import brotli

from casebook.tools.compress import MIN_SIZE, compress_site


def test_copies_decompress_to_their_original_and_small_or_binary_files_get_none(tmp_path):
    page = ("<p>民族团结 unity</p>\n" * 200).encode()
    (tmp_path / "cases").mkdir()
    (tmp_path / "index.html").write_bytes(page)
    (tmp_path / "cases" / "data.csv").write_bytes(b"id,title\r\n" + b"a,b\r\n" * 300)
    (tmp_path / "small.js").write_bytes(b"x" * (MIN_SIZE - 1))
    (tmp_path / "icon.png").write_bytes(b"\x89PNG" + bytes(range(256)) * 10)
    summary = compress_site(tmp_path)
    assert summary.files == 2 and summary.gzip < summary.original and summary.brotli < summary.original
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()) == page
    assert brotli.decompress((tmp_path / "index.html.br").read_bytes()) == page
    assert brotli.decompress((tmp_path / "cases" / "data.csv.br").read_bytes()).startswith(b"id,title")
    assert not (tmp_path / "small.js.gz").exists() and not (tmp_path / "icon.png.gz").exists()
    first = (tmp_path / "index.html.gz").read_bytes()
    compress_site(tmp_path)  # again: the same bytes, and no copies of the copies
    assert (tmp_path / "index.html.gz").read_bytes() == first
    assert not list(tmp_path.rglob("*.gz.gz")) and not list(tmp_path.rglob("*.br.gz"))


def test_the_command_refuses_a_folder_that_is_not_a_built_site(tmp_path):
    result = subprocess.run([sys.executable, "-m", "casebook.tools.cli", "compress", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "build the site first" in result.stderr
