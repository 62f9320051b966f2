"""The other languages' builds: child `mkdocs build` processes, and the hand-off they start from.

The hand-off goes through the child's standard input, never through a file: nothing is left
behind when a build is stopped, and nothing on disk can be swapped for it. The pipe stays open
while the parent lives; when it closes (the parent ended, however: a signal, a crash) the child
stops at once (`follow_parent`) instead of building on into a folder that nobody waits for.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from typing import IO, Any

from casebook.corpus.loader import Loaded
from casebook.derive.indices import Indices
from casebook.incremental import handoff
from casebook_mkdocs import heap
from casebook_mkdocs.settings import HANDOFF, LANGUAGE, Settings

log = logging.getLogger("mkdocs.plugins.casebook")
FROM_PARENT = "stdin"  # the value of CASEBOOK_LOADED in a child build


@dataclass
class Children:
    """The builds of the other languages that this one started, and the threads writing
    their hand-off."""

    running: list[tuple[str, subprocess.Popen]]
    writers: list[threading.Thread] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # the languages that failed, once waited for

    def wait(self) -> list[str]:
        """Waits for every child; their warnings and errors become this build's. The languages
        that failed (all those waited for so far)."""
        failed = self.failed
        for lang, child in self.running:
            output = child.stdout.read().decode("utf-8", "replace") if child.stdout else ""
            child.wait()
            _close(child)
            for line in output.splitlines():
                # Strict mode counts them.
                if line.startswith(("WARNING", "ERROR")):
                    level, _, message = line.partition("-")
                    log.log(logging.ERROR if level.strip() == "ERROR" else logging.WARNING,
                            f"[{lang}] {message.strip()}")
            if child.returncode != 0:
                failed.append(lang)
                log.error(f"[{lang}] " + "\n".join(output.strip().splitlines()[-15:]))
        self.running = []
        self._join()
        return failed

    def kill(self) -> None:
        for _, child in self.running:
            child.kill()
            child.wait()
            _close(child)
        self.running = []
        self._join()

    def _join(self) -> None:
        for writer in self.writers:
            writer.join()
        self.writers = []


def _close(child: subprocess.Popen) -> None:
    for stream in (child.stdin, child.stdout):
        if stream is not None:
            try:
                stream.close()
            except OSError:
                pass


def start(settings: Settings, dirty: bool, languages: list[str], loaded: Loaded, indices: Indices) -> Children:
    """One child build per language, each handed the loaded content and its indices through
    its standard input: unpickling is far quicker than loading again."""
    children = Children([])
    for lang in languages:
        child = _start(settings, dirty, lang)
        children.running.append((lang, child))
        # Written beside this build's own work: the child reads it as soon as it has started.
        writer = threading.Thread(target=_hand_off, args=(child.stdin, loaded, indices, languages), daemon=True)
        writer.start()
        children.writers.append(writer)
    return children


def _hand_off(pipe: IO[bytes], loaded: Loaded, indices: Indices, languages: list[str]) -> None:
    try:
        handoff.dump((loaded, indices), loaded.content, languages, pipe)
        pipe.flush()  # and left open: its end tells the child that this build ended
    except (OSError, ValueError):
        pass  # the child ended first; wait() reports why
    # The pickler's record of every object it wrote is freed: given back now, not at the next
    # page this build writes (which, with the languages in turn, comes after the child's end).
    heap.give_back()


def _start(settings: Settings, dirty: bool, lang: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", settings.config_file,
               "--site-dir", os.path.join(settings.site_dir, lang)]
    command += ["--strict"] if settings.strict else []
    command += ["--dirty"] if dirty else []
    command += [] if settings.directory_urls else ["--no-directory-urls"]
    env = {**os.environ, LANGUAGE: lang, "NO_MKDOCS_2_WARNING": "1", HANDOFF: FROM_PARENT}
    return subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=False)


def receive() -> Any:
    """In a child build: what the parent handed over, then a watch on the pipe for its end."""
    pipe = sys.stdin.buffer
    received = handoff.load(pipe)
    threading.Thread(target=_follow_parent, args=(pipe.fileno(),), daemon=True).start()
    return received


def _follow_parent(fd: int) -> None:
    # The file descriptor, not Python's buffered reader, whose lock a daemon thread must not
    # hold when the interpreter ends. The parent writes nothing after the hand-off.
    while os.read(fd, 65536):
        pass
    # The parent is gone before this build ended (it waits for it otherwise): stop now.
    os._exit(3)
