"""Timing probe for benchmark builds: Python imports this module at start-up when its folder is
on PYTHONPATH, and the benchmark sets that only for the builds it measures.

With CASEBOOK_TIMINGS set to a folder, every build process (the default language's and each
child language's, which inherit the environment) adds up the processor time (not wall time, so
that the other language's build beside it does not count) it spends in

- markdown:     rendering Markdown: Python-Markdown's `convert`, and the core's own renderer
                (`casebook.pages.render.render`, markdown-it.rs) of the case pages,
- theme:        Jinja's `Template.render` (Material's templates),
- segmentation: the Chinese segmenter's calls (rjieba, for the search index),
- hooks:        the casebook plugin's events (hooks/casebook_mkdocs), and the case pages it hands MkDocs
                unwritten (`casebook.pages.case.case_page`, called when MkDocs reads the page),
                less the time they spend in the above and in waiting for child builds (so:
                loading, validating, building indices and pages, sanitising, the search index,
                reconciling),
- waiting:      a hook waiting for the child languages' builds (near zero processor time),

and writes them as JSON to `<folder>/<pid>.json` at exit. A wrapper costs about a microsecond a
call, small beside what it measures; the probe changes nothing that a build writes.
"""

from __future__ import annotations

import atexit
import json
import os
import time

_FOLDER = os.environ.get("CASEBOOK_TIMINGS")


def _install() -> None:
    totals = {"markdown": 0.0, "theme": 0.0, "segmentation": 0.0, "hooks": 0.0, "waiting": 0.0}
    events: dict[str, float] = {}  # the hooks' own time by event
    stack: list[list[float]] = []  # per open hook call: time spent in measured callees
    started = time.process_time()

    def timed(kind: str, function):
        def wrapper(*args, **kwargs):
            t = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent = time.process_time() - t
                totals[kind] += spent
                if stack:
                    stack[-1][0] += spent
        return wrapper

    import subprocess

    import jinja2
    import markdown

    markdown.Markdown.convert = timed("markdown", markdown.Markdown.convert)
    jinja2.Template.render = timed("theme", jinja2.Template.render)
    subprocess.Popen.communicate = timed("waiting", subprocess.Popen.communicate)

    from casebook.derive import segment
    from casebook.pages import case, render

    make = segment.segmenter
    segment.segmenter = lambda *a, **k: timed("segmentation", make(*a, **k))
    render.render = timed("markdown", render.render)

    from mkdocs import plugins

    run_event = plugins.PluginCollection.run_event

    def run_event_timed(self, name, *args, **kwargs):
        methods = self.events.get(name, [])
        wrapped = []
        for method in methods:
            # The casebook plugin's events.
            if (getattr(method, "__module__", None) or "").startswith("casebook_mkdocs"):
                wrapped.append(_hook_timer(method))
            else:
                wrapped.append(method)
        self.events[name] = wrapped
        try:
            return run_event(self, name, *args, **kwargs)
        finally:
            self.events[name] = methods

    def _hook_timer(method, name=None):
        name = name or method.__name__

        def hook(*args, **kwargs):
            stack.append([0.0])
            t = time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                inner = stack.pop()[0]
                own = time.process_time() - t - inner
                totals["hooks"] += own
                events[name] = events.get(name, 0.0) + own
                if stack:
                    stack[-1][0] += time.process_time() - t
        hook.__module__ = method.__module__
        return hook

    plugins.PluginCollection.run_event = run_event_timed
    case.case_page = _hook_timer(case.case_page, "case pages")

    def write() -> None:
        totals["process"] = time.process_time() - started
        totals["hook_events"] = events
        totals["lang"] = os.environ.get("CASEBOOK_LANGUAGE", "default")
        with open(os.path.join(_FOLDER, f"{os.getpid()}.json"), "w") as out:
            json.dump(totals, out)

    atexit.register(write)


if _FOLDER:
    try:
        _install()
    except ImportError:  # not a build process of the project's environment
        pass
