"""The reconciliation after each build names every case that went missing anywhere."""

from casebook.corpus import loader
from casebook.derive import indices
from casebook.pages.publish import feed_of
from casebook.pages.reconcile import reconcile
from casebook.urls import case_path, measure_path, unit_path
from support import write_case


def _content(content):
    write_case(content, "alpha", "zh")
    write_case(content, "beta", "zh", unit_type="community", measures="exchange, publicity_education")
    loaded = loader.load(content).content
    return loaded, indices.build(loaded)


def _complete(idx):
    listed = {unit_path(u): [c.id for c in cs] for u, cs in idx.by_unit.items()}
    listed |= {measure_path(m): [c.id for c in cs] for m, cs in idx.by_measure.items()}
    listed |= {f"units/{u}/{m}.md": [c.id for c in cs] for (u, m), cs in idx.by_cell.items()}
    listed |= {feed_of(page): ids for page, ids in listed.items() if page.endswith("/index.md")}
    listed["feed.xml"] = sorted(c.id for cs in idx.by_unit.values() for c in cs)
    return listed


def test_a_feed_of_one_index_that_misses_a_case_is_named(content):
    c, idx = _content(content)
    pages = [case_path("alpha"), case_path("beta")]
    listed = _complete(idx)
    listed["units/community/feed.xml"] = []
    assert reconcile(c, idx, pages, pages, listed) == [
        "units/community/feed.xml: carries 0 entries, expected the newest 1 of 1 cases, each once"]


def test_a_feed_carries_the_newest_of_its_cases_and_no_other(content, monkeypatch):
    from casebook.pages import reconcile as module
    monkeypatch.setattr(module, "NEWEST", 1)
    c, idx = _content(content)
    pages = [case_path("alpha"), case_path("beta")]
    listed = {page: ids[:1] if page.endswith("feed.xml") else ids for page, ids in _complete(idx).items()}
    listed["feed.xml"] = ["beta"]
    assert reconcile(c, idx, pages, pages, listed) == []
    listed["feed.xml"] = ["alpha", "beta"]
    listed["units/community/feed.xml"] = ["alpha"]
    assert reconcile(c, idx, pages, pages, listed) == [
        "feed.xml: carries 2 entries, expected the newest 1 of 2 cases, each once",
        "units/community/feed.xml: carries 1 entries, expected the newest 1 of 1 cases, each once; not expected alpha"]


def test_complete_site_reconciles(content):
    c, idx = _content(content)
    pages = [case_path("alpha"), case_path("beta")]
    assert reconcile(c, idx, pages, pages, _complete(idx)) == []


def test_every_loss_is_named(content):
    c, idx = _content(content)
    listed = _complete(idx)
    listed[measure_path("exchange")] = []
    listed[unit_path("hospital")] = ["alpha", "beta"]
    problems = reconcile(c, idx, [case_path("alpha")], [], listed)
    assert "cases/beta.md: no page was built" in problems
    assert "cases/alpha.md: not in the search index" in problems
    assert "measures/exchange/index.md: lists 0 cases, expected 1; missing beta" in problems
    assert "units/hospital/index.md: lists 2 cases, expected 1; not expected beta" in problems


def test_every_case_must_reach_each_data_file_once(content):
    c, idx = _content(content)
    pages = [case_path("alpha"), case_path("beta")]
    carried = {"browse/index.js": ["alpha", "beta"], "data/cases.csv": ["alpha", "alpha", "gamma"],
               "data/cases.json": [], "data/checklist-items.csv": None}
    problems = reconcile(c, idx, pages, pages, _complete(idx), carried)
    assert problems == [
        "cases/alpha.md: 2 times in data/cases.csv",
        "cases/beta.md: not in data/cases.csv",
        "data/cases.csv: holds 'gamma', which is no case",
        "cases/alpha.md: not in data/cases.json",
        "cases/beta.md: not in data/cases.json",
    ]
