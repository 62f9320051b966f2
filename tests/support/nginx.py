"""Debian's nginx serving a built site with the shipped deploy/nginx/casebook.conf, as the test
user, on a free loopback port, in the foreground, with every file it writes in a temporary folder.

The shipped file is a server block for /etc/nginx/sites-enabled/; `render` puts in the port, the
site's folder and, for a sub-path deployment, the sub-path before every location; `serve` wraps
it in the few lines of Debian's nginx.conf that it needs (modules, MIME types, temp paths).
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from support.project import ROOT

CONF = ROOT / "deploy" / "nginx" / "casebook.conf"
INSTALL = "scripts/install-tools.sh"


def nginx_path() -> str:
    path = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
    if not path:
        raise RuntimeError(f"nginx is not installed: run {INSTALL} (make test does)")
    return path


def build_options(nginx: str) -> dict[str, str]:
    """nginx -V's --name=value options: where this nginx keeps its modules and MIME types."""
    out = subprocess.run([nginx, "-V"], capture_output=True, text=True).stderr
    return dict(m.groups() for m in re.finditer(r"--([\w-]+)=(\S+)", out))


def render(text: str, *, port: int, root: Path, prefix: str = "/") -> str:
    """The shipped configuration for a site in `root` (at `prefix` in the address) on 127.0.0.1:port."""
    text = re.sub(r"^(\s*)listen 80;\n", rf"\1listen 127.0.0.1:{port};\n", text, count=1, flags=re.M)
    text = re.sub(r"^\s*listen \[::\]:80;\n", "", text, flags=re.M)
    text = re.sub(r"^(\s*)root \S+;", rf"\1root {root};", text, count=1, flags=re.M)
    if prefix != "/":
        text = re.sub(r"^(\s*location )/", rf"\1{prefix}", text, flags=re.M)
        text = re.sub(r"^(\s*error_page 404 )/", rf"\1{prefix}", text, flags=re.M)
    return text


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(site: Path, work: Path, prefix: str = "/", port: int | None = None) -> Iterator[str]:
    """`site` served by nginx with the shipped configuration; yields the site's address."""
    nginx = nginx_path()
    options = build_options(nginx)
    modules = Path(options.get("modules-path", "/usr/lib/nginx/modules"))
    brotli = modules / "ngx_http_brotli_static_module.so"
    if not brotli.is_file():
        raise RuntimeError(f"nginx's brotli_static module is not installed ({brotli}): run {INSTALL} (make test does)")
    mime = Path(options.get("conf-path", "/etc/nginx/nginx.conf")).parent / "mime.types"
    work.mkdir(parents=True, exist_ok=True)
    if prefix == "/":
        root = site
    else:
        # The site in a folder named as the sub-path, under the server's root.
        root = work / "www"
        (root / prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
        (root / prefix.strip("/")).symlink_to(site, target_is_directory=True)
    port = port or free_port()
    (work / "casebook.conf").write_text(render(CONF.read_text("utf-8"), port=port, root=root, prefix=prefix), "utf-8")
    temp = "\n".join(f"  {kind}_temp_path {work / kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # A master process started as root runs its workers as `nobody`, who may not read a test's
    # temporary folder: as root, the workers stay root.
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(f"""load_module {brotli};
worker_processes 1;
{user}
events {{ worker_connections 64; }}
http {{
  include {mime};
  default_type application/octet-stream;
  access_log {work / "access.log"};
{temp}
  include {work / "casebook.conf"};
}}
""", "utf-8")
    # -e: the log of nginx's start, before it reads the configuration, which is elsewhere
    # unwritable by a user other than root.
    check = subprocess.run([nginx, "-t", "-p", str(work), "-e", str(work / "error.log"), "-c", str(work / "nginx.conf"),
                            "-g", f"pid {work / 'nginx.pid'}; error_log {work / 'error.log'};"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([nginx, "-p", str(work), "-e", str(work / "error.log"), "-c", str(work / "nginx.conf"),
                                "-g", f"daemon off; pid {work / 'nginx.pid'}; error_log {work / 'error.log'};"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (work / 'error.log').read_text() if (work / 'error.log').exists() else ''
                    raise RuntimeError(f"nginx did not start: {log}") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}{prefix}"
    finally:
        process.terminate()
        process.wait(timeout=10)
