"""Local servers for a built site, for the browser tests. Which Chromium they drive, and with
which flags, is the handbook's choice (casebook/tools/chromium.py)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """The folder served on a free loopback port, for as long as the block runs."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    with _running(Quiet, directory) as port:
        yield f"http://127.0.0.1:{port}/"


@contextmanager
def serve_with_404(directory: Path, prefix: str = "/") -> Iterator[str]:
    """The site under `prefix` (e.g. /casebook/), answering an unknown address as a web host does:
    status 404 with the 404 page of the language the address is in (nginx's error_page, the
    404.html of GitHub Pages or Netlify)."""
    import posixpath
    from urllib.parse import unquote, urlsplit

    class Site(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path):
            path = unquote(urlsplit(path).path)
            if not path.startswith(prefix):
                return str(directory / "\0missing")
            return str(directory / posixpath.normpath("/" + path[len(prefix):]).lstrip("/"))

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            rest = unquote(urlsplit(self.path).path)[len(prefix):]
            page = directory / ("en/404.html" if rest.startswith("en/") else "404.html")
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    with _running(Site, directory) as port:
        yield f"http://127.0.0.1:{port}{prefix}"


@contextmanager
def _running(handler: type[SimpleHTTPRequestHandler], directory: Path) -> Iterator[int]:
    """`handler` serving `directory` on a free loopback port (yielded) while the block runs."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
