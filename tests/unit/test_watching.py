"""`mkdocs serve` hears of saved files from the system, not by polling every file twice a second
(hooks/casebook_mkdocs/watching.py), and a build reading its files does not start another."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from casebook_mkdocs import watching


@pytest.fixture
def server(tmp_path: Path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    yield server
    server.observer.stop()
    if server.observer.is_alive():
        server.observer.join()


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    docs, content = tmp_path / "docs", tmp_path / "content"
    (content / "cases").mkdir(parents=True)
    docs.mkdir()
    (content / "cases" / "a.zh.md").write_text("---\n---\n", "utf-8")
    return docs, content


def _rebuild_wanted(server, within: float = 3.0) -> bool:
    with server._rebuild_cond:
        return server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=within)


def test_the_watched_folders_move_to_the_systems_notices(server, tmp_path, monkeypatch):
    monkeypatch.delenv(watching.WATCH, raising=False)
    docs, content = _folders(tmp_path)
    server.watch(str(docs))
    server.watch(str(content))
    server.watch(str(content))  # mkdocs.yml's watch and the adapter's both name content/
    assert watching.watch_natively(server)
    assert not isinstance(server.observer, PollingObserver) and server.observer.is_alive()
    assert server._watched_paths == {str(docs): 1, str(content): 2}
    server.observer.start()  # as MkDocs' serve does: already started, no error
    # Read as a build reads every content file: nothing to rebuild.
    (content / "cases" / "a.zh.md").read_text("utf-8")
    assert not _rebuild_wanted(server, within=1.0)
    # Saved: a rebuild, at once rather than at a next pass over every file.
    (content / "cases" / "a.zh.md").write_text("---\ntitle: edited\n---\n", "utf-8")
    assert _rebuild_wanted(server)


def test_a_save_by_renaming_a_new_file_over_the_old_one_is_heard(server, tmp_path, monkeypatch):
    monkeypatch.delenv(watching.WATCH, raising=False)
    _, content = _folders(tmp_path)
    server.watch(str(content))
    assert watching.watch_natively(server)
    # How many editors save: a new file written beside, then renamed over the old one.
    new = content / "cases" / ".a.zh.md.swp"
    new.write_text("---\ntitle: edited\n---\n", "utf-8")
    with server._rebuild_cond:
        server._want_rebuild = False
    new.replace(content / "cases" / "a.zh.md")
    assert _rebuild_wanted(server)


def test_casebook_watch_poll_keeps_mkdocs_polling(server, tmp_path, monkeypatch):
    monkeypatch.setenv(watching.WATCH, "poll")
    _, content = _folders(tmp_path)
    server.watch(str(content))
    assert not watching.watch_natively(server)
    assert isinstance(server.observer, PollingObserver) and not server.observer.is_alive()


def test_where_the_system_refuses_its_notices_the_server_polls_and_says_so(server, tmp_path, monkeypatch, caplog):
    monkeypatch.delenv(watching.WATCH, raising=False)
    _, content = _folders(tmp_path)
    server.watch(str(content))

    def refused(self):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(watching._Notified, "start", refused)
    assert not watching.watch_natively(server)
    assert isinstance(server.observer, PollingObserver)
    assert server._watched_paths == {str(content): 1}
    assert "inotify watch limit reached" in caplog.text and "CASEBOOK_WATCH=poll" in caplog.text
    # The polling observer MkDocs then starts does hear a save.
    server.observer.start()
    time.sleep(0.6)  # its first pass over the files, against which it compares the next
    threading.Thread(target=lambda: (content / "cases" / "a.zh.md").write_text("---\nx: 1\n---\n", "utf-8")).start()
    assert _rebuild_wanted(server, within=5.0)
