"""scripts/install-tools.sh on machines it cannot be run on here: another system's os-release, and
a PATH of stand-ins (a chromium that answers --version, an apt-get that writes down what it was
asked) so that what it finds, asks apt for and says can be read."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from support import ROOT

SCRIPT = ROOT / "scripts" / "install-tools.sh"
RELEASES = {"debian": 'ID=debian\nVERSION_ID="12"\n', "ubuntu": 'ID=ubuntu\nVERSION_ID="24.04"\n'}


def run(tmp_path: Path, system: str, root: bool, have: tuple[str, ...]) -> tuple[subprocess.CompletedProcess, str]:
    """The browser check on `system`, as root or not (no sudo either way), with the tools of
    `have` on the PATH besides the libraries, fonts and pdftotext; returns the run and apt's log."""
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    for tool in ("ls", "head", "grep"):  # what the script runs besides the tools it looks for
        (bin_ / tool).symlink_to(shutil.which(tool))
    log = tmp_path / "apt.log"
    stubs = {
        "id": f"echo {0 if root else 1000}",
        "ldconfig": "echo 'libatomic.so.1 (libc6,x86-64) => /lib/libatomic.so.1'",
        "fc-list": "echo 'Noto Sans CJK SC'",
        "pdftotext": "true",
        "apt-get": f'echo "$*" >> {log}',
        **{name: "echo Chromium 156" for name in have},
    }
    for name, body in stubs.items():
        (bin_ / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_ / name).chmod(0o755)
    release = tmp_path / "os-release"
    release.write_text(RELEASES[system])
    env = {"PATH": str(bin_), "HOME": str(tmp_path), "CASEBOOK_OS_RELEASE": str(release)}
    result = subprocess.run([shutil.which("bash"), str(SCRIPT), "browser"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    return result, log.read_text() if log.exists() else ""


def installs(apt: str) -> list[str]:
    return [line.split()[-1] for line in apt.splitlines() if " install " in f" {line} "]


def test_debian_with_chromium_gets_the_headless_shell_beside_it(tmp_path):
    result, apt = run(tmp_path, "debian", root=True, have=("chromium",))
    assert result.returncode == 0, result.stderr
    assert "chromium   found:" in result.stdout and "chromium-headless-shell installed" in result.stdout
    assert installs(apt) == ["chromium-headless-shell"]


def test_debian_without_chromium_gets_only_the_headless_shell(tmp_path):
    result, apt = run(tmp_path, "debian", root=True, have=())
    assert result.returncode == 0, result.stderr
    assert "chromium   missing" in result.stdout
    assert installs(apt) == ["chromium-headless-shell"]


def test_a_headless_shell_found_installs_nothing(tmp_path):
    result, apt = run(tmp_path, "debian", root=True, have=("chromium-headless-shell",))
    assert result.returncode == 0, result.stderr
    assert "found:" in result.stdout and not apt


def test_without_root_the_shell_is_named_and_the_found_chromium_used(tmp_path):
    result, apt = run(tmp_path, "debian", root=False, have=("chromium",))
    assert result.returncode == 0, result.stderr + result.stdout
    assert "sudo apt-get install -y --no-install-recommends chromium-headless-shell" in result.stdout
    assert not apt


def test_ubuntu_asks_apt_for_no_chromium(tmp_path):
    """Ubuntu's chromium is a snap stub: a found Chromium is used as it is, none is taken from apt."""
    result, apt = run(tmp_path, "ubuntu", root=True, have=("chromium",))
    assert result.returncode == 0, result.stderr
    assert not installs(apt)
