"""The other languages' builds: child `mkdocs build` processes, and the hand-off they start from."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from casebook.corpus.loader import Loaded
from casebook.derive.indices import Indices
from casebook.incremental import handoff
from casebook_mkdocs.settings import HANDOFF, LANGUAGE, Settings

log = logging.getLogger("mkdocs.plugins.casebook")


@dataclass
class Children:
    """The builds of the other languages that this one started, and the file they start from."""

    running: list[tuple[str, subprocess.Popen]]
    shared: str = ""  # removed when they are done

    def wait(self) -> list[str]:
        """Waits for every child; their warnings and errors become this build's. The languages
        that failed."""
        failed = []
        for lang, child in self.running:
            output, _ = child.communicate()
            for line in output.splitlines():
                # Strict mode counts them.
                if line.startswith(("WARNING", "ERROR")):
                    level, _, message = line.partition("-")
                    log.log(logging.ERROR if level.strip() == "ERROR" else logging.WARNING, f"[{lang}] {message.strip()}")
            if child.returncode != 0:
                failed.append(lang)
                log.error(f"[{lang}] " + "\n".join(output.strip().splitlines()[-15:]))
        self.running = []
        self.unshare()
        return failed

    def kill(self) -> None:
        for _, child in self.running:
            child.kill()
        self.running = []
        self.unshare()

    def unshare(self) -> None:
        if self.shared:
            Path(self.shared).unlink(missing_ok=True)
            self.shared = ""


def start(settings: Settings, dirty: bool, languages: list[str], loaded: Loaded, indices: Indices) -> Children:
    """One child build per language, started from the loaded content and its indices in a
    temporary file: unpickling is far quicker than loading again."""
    if not languages:
        return Children([])
    fd, shared = tempfile.mkstemp(prefix="casebook-", suffix=".pickle")
    with os.fdopen(fd, "wb") as f:
        handoff.dump((loaded, indices), loaded.content, languages, f)
    return Children([(lang, _start(settings, dirty, lang, shared)) for lang in languages], shared)


def _start(settings: Settings, dirty: bool, lang: str, shared: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", settings.config_file,
               "--site-dir", os.path.join(settings.site_dir, lang)]
    command += ["--strict"] if settings.strict else []
    command += ["--dirty"] if dirty else []
    command += [] if settings.directory_urls else ["--no-directory-urls"]
    env = {**os.environ, LANGUAGE: lang, "NO_MKDOCS_2_WARNING": "1", HANDOFF: shared}
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
