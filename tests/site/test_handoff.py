"""The hand-off from the default language's build to the others' (handoff.py): it leaves out
only bodies that those builds never show, and they write what a build that loads everything
itself writes."""

from __future__ import annotations

import io
import os
import shutil

from casebook.corpus import loader
from casebook.derive import indices
from casebook.incremental import handoff
from support import ROOT, differing_files, mkdocs_build, write_case


def test_only_bodies_no_other_build_shows_are_left_out(content):
    write_case(content, "alpha", "zh")
    write_case(content, "alpha", "en")
    write_case(content, "beta", "zh")  # no English: the English page shows this body
    loaded = loader.load(content)
    built = indices.build(loaded.content)
    out = io.BytesIO()
    handoff.dump((loaded, built), loaded.content, ["en"], out)
    out.seek(0)
    back, back_built = handoff.load(out)

    alpha, beta = back.content.cases
    assert alpha.texts["zh"].body == ""
    assert alpha.texts["en"].body == loaded.content.cases[0].texts["en"].body != ""
    assert beta.texts["zh"].body == loaded.content.cases[1].texts["zh"].body != ""
    # Everything else as it was, and the indices refer to the same objects as the content.
    assert alpha.texts["zh"].title == loaded.content.cases[0].texts["zh"].title
    assert back.problems == loaded.problems
    assert back_built.cases_by_id["alpha"] is alpha
    assert back_built.by_unit["hospital"] == (alpha, beta)


def test_the_english_site_is_the_same_built_alone_or_from_the_hand_off(project, content, tmp_path):
    shutil.copytree(ROOT / "content", content, dirs_exist_ok=True)
    english = sorted((content / "cases").glob("*.en.md"))
    english[0].unlink()  # one case shown in Chinese on the English site
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    os.environ.update(env)
    try:
        both = mkdocs_build(project, tmp_path / "both")
        os.environ["CASEBOOK_LANGUAGE"] = "en"
        alone = mkdocs_build(project, tmp_path / "alone" / "en")
    finally:
        for name in (*env, "CASEBOOK_LANGUAGE"):
            os.environ.pop(name, None)
    assert both.returncode == 0, both.stderr
    assert alone.returncode == 0, alone.stderr
    fallback = (tmp_path / "both/en/cases" / english[0].name.removesuffix(".en.md") / "index.html").read_text("utf-8")
    assert "cb-missing-translation" in fallback
    assert differing_files(tmp_path / "both/en", tmp_path / "alone/en") == []


def test_past_side_by_side_up_to_the_languages_are_built_in_turn_to_the_same_site(project, content, tmp_path):
    """With more cases than the plugin's side_by_side_up_to, the default language's build waits
    for the other language's before it writes its own pages (holding its content alone meanwhile,
    not its pages as well): every English file is older than every Chinese case page."""
    shutil.copytree(ROOT / "content", content, dirs_exist_ok=True)
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    side_by_side = mkdocs_build(project, tmp_path / "side", env=env)
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("  - casebook:\n", "  - casebook:\n      side_by_side_up_to: 0\n", 1), "utf-8")
    in_turn = mkdocs_build(project, tmp_path / "turn", env=env)
    assert side_by_side.returncode == 0, side_by_side.stderr
    assert in_turn.returncode == 0, in_turn.stderr
    assert differing_files(tmp_path / "side", tmp_path / "turn") == []
    english = max(p.stat().st_mtime_ns for p in (tmp_path / "turn/en").rglob("*") if p.is_file())
    chinese = min(p.stat().st_mtime_ns for p in (tmp_path / "turn/cases").glob("*/index.html"))
    assert english < chinese
