"""The seed reports for tests that read them: the seeds README's table of R01-R18 and each
report's own text, as the core's traceability rule reads them (sources.py, trace.py)."""

from __future__ import annotations

from functools import cache

from casebook.corpus import sources, trace
from support.project import ROOT

SEEDS = sources.seeds_folder(ROOT)


@cache
def reports() -> dict[str, tuple[str, str]]:
    """Report number -> (seed file name, start marker), as the seeds README lists them."""
    if not (SEEDS / "README.md").exists():
        raise FileNotFoundError(
            f"{SEEDS / 'README.md'} is missing: these tests need ../shared/seeds beside the project")
    listed, _ = sources.listed_reports(sources.Folder(SEEDS, str(SEEDS)))
    return {r.id: (r.file, r.start) for r in listed}


@cache
def report_text(report: str) -> str:
    """The text of one report, folded: from its start marker to the next report's in that file."""
    file, start = reports()[report]
    others = [s for f, s in reports().values() if f == file]
    return trace.report_text(trace.fold((SEEDS / file).read_text("utf-8")), start, others)


def seed_cases(cases):
    """The cases written from a seed report (file and report as the seeds README lists them): the
    tests of the seed cases themselves run on these only, never on a case an editor adds."""
    listed = reports()
    return [c for c in cases if c.source.report in listed and listed[c.source.report][0] == c.source.file]


def present() -> bool:
    return (SEEDS / "README.md").exists()


normalise = trace.fold
numbers = trace.numbers
