"""The loader and checker: valid content loads; each kind of mistake is named with file, line,
field, what is allowed and the closest allowed value."""

from __future__ import annotations

from pathlib import Path

from casebook.corpus import loader
from support import CASE, write_case


def messages(content: Path) -> list[str]:
    """The errors, as `casebook check` prints them."""
    return [str(p) for p in loader.load(content).errors]


def test_valid_pair_loads(content):
    write_case(content, "alpha-hospital", "zh")
    write_case(content, "alpha-hospital", "en")
    result = loader.load(content)
    assert result.problems == ()
    (case,) = result.content.cases
    assert case.id == "alpha-hospital"
    assert case.unit_type == "hospital"
    assert set(case.texts) == {"zh", "en"}
    assert case.texts["en"].region.province == "Gansu"


def test_unknown_unit_type_names_file_line_field_allowed_and_suggestion(content):
    write_case(content, "alpha", "zh", unit_type="hospitl")
    (msg,) = messages(content)
    assert msg.startswith(
        "content/cases/alpha.zh.md:4: unit_type: unknown unit type 'hospitl'; allowed: hospital, community,")
    assert msg.endswith("Did you mean 'hospital'?")


def test_unknown_measure_names_its_position(content):
    write_case(content, "alpha", "zh", measures="publicity_education, publicty")
    (msg,) = messages(content)
    assert msg.startswith("content/cases/alpha.zh.md:5: measures[1]: unknown measure category 'publicty'")
    assert "Did you mean 'publicity_education'?" in msg


def test_missing_required_field(content):
    text = CASE["zh"].format(id="alpha", title="t", unit_type="hospital", measures="exchange")
    write_case(content, "alpha", "zh", text=text.replace("summary: 一段摘要。\n", ""))
    (msg,) = messages(content)
    assert msg.startswith("content/cases/alpha.zh.md")
    assert ": summary: is required" in msg


def test_id_must_match_file_name(content):
    text = CASE["zh"].format(id="beta", title="t", unit_type="hospital", measures="exchange")
    write_case(content, "alpha", "zh", text=text)
    (msg,) = messages(content)
    assert msg.startswith("content/cases/alpha.zh.md:2: id: 'beta' differs from the file name")


def test_duplicate_id_across_folders(content):
    write_case(content, "alpha", "zh")
    checklist = content / "checklists" / "alpha.zh.md"
    checklist.write_text(
        "---\nid: alpha\ntitle: t\nsummary: s\nitems:\n  - text: x\n    measure: exchange\n    cases: []\n---\n",
        "utf-8")
    msgs = [m for m in messages(content) if "unique" in m]
    assert len(msgs) == 1 and "ids must be unique across cases and checklists" in msgs[0]


def test_malformed_yaml_names_the_line(content):
    text = CASE["zh"].format(id="alpha", title="t", unit_type="hospital", measures="exchange")
    write_case(content, "alpha", "zh", text=text.replace("year: 2019", "year: [2019"))
    (msg,) = messages(content)
    assert msg.startswith("content/cases/alpha.zh.md:")
    assert "not valid YAML" in msg


def test_every_problem_is_reported_not_just_the_first(content):
    write_case(content, "alpha", "zh", unit_type="nope")
    write_case(content, "beta", "zh", measures="nope")
    text = CASE["zh"].format(id="gamma", title="t", unit_type="hospital", measures="exchange")
    write_case(content, "gamma", "zh", text=text.replace("year: 2019", "year: someday"))
    errors = messages(content)
    assert len(errors) == 3
    assert any("alpha.zh.md" in m and "unit_type" in m for m in errors)
    assert any("beta.zh.md" in m and "measures[0]" in m for m in errors)
    assert any("gamma.zh.md:8: year:" in m for m in errors)


def test_missing_translation_is_a_warning(content):
    write_case(content, "alpha", "zh")
    result = loader.load(content)
    assert result.errors == ()
    (warning,) = result.warnings
    assert "content/cases/alpha.en.md is missing" in str(warning)


def test_shared_fields_must_agree_between_languages(content):
    write_case(content, "alpha", "zh")
    write_case(content, "alpha", "en", unit_type="community")
    (msg,) = messages(content)
    assert msg.startswith("content/cases/alpha.en.md:4: unit_type: differs from content/cases/alpha.zh.md")


def test_link_to_missing_case_is_an_error(content):
    text = CASE["zh"].format(id="alpha", title="t", unit_type="hospital", measures="exchange")
    write_case(content, "alpha", "zh", text=text.replace("做法文字。", "参见[另一个](case:alpah)。"))
    write_case(content, "alpha", "en", measures="exchange")
    (msg,) = messages(content)
    assert msg.startswith("content/cases/alpha.zh.md:22: body: link to a case 'alpah' that does not exist.")
    assert "Did you mean 'alpha'?" in msg


def test_missing_section_is_named(content):
    text = CASE["en"].format(id="alpha", title="t", unit_type="hospital", measures="exchange")
    write_case(content, "alpha", "zh")
    write_case(content, "alpha", "en", text=text.replace("## Results", "## Outcomes"))
    msgs = messages(content)
    assert any("missing section '## Results'" in m for m in msgs)
    assert any("alpha.en.md:24: body: unknown section '## Outcomes'" in m for m in msgs)


def test_checklist_item_with_unknown_case(content):
    write_case(content, "alpha", "zh")
    (content / "checklists" / "drill.zh.md").write_text(
        "---\nid: drill\ntitle: t\nsummary: s\nitems:\n  - text: x\n    measure: exchange\n    cases: [alpah]\n---\n",
        "utf-8")
    assert messages(content) == [
        "content/checklists/drill.zh.md:8: items[0].cases: no case 'alpah' exists. Did you mean 'alpha'?"]


def test_bodies_are_held_compressed_and_read_back_whole():
    """A build holds the loaded content to its end: each body is held packed (a third of its
    UTF-8 for the real cases), never as a str beside it, and reads back as typeset."""
    from casebook.corpus import frontmatter, typeset
    from support import ROOT

    content = loader.load(ROOT / "content").content
    texts = [t for item in (*content.cases, *content.checklists) for t in item.texts.values()]
    for text in texts:
        assert isinstance(text.packed, bytes)
        held = [getattr(text, name) for name in text.__slots__]
        assert not [v for v in held if isinstance(v, str) and len(v) >= len(text.body)]
        doc = frontmatter.parse(frontmatter.decode((ROOT / text.path).read_bytes()))
        assert text.body == typeset.typeset_markdown(doc.body, text.lang) != ""
    packed = sum(len(t.packed) for t in texts)
    utf8 = sum(len(t.body.encode("utf-8")) for t in texts)
    assert packed < utf8 / 2


def test_no_body_is_held_past_its_own_checks(content, monkeypatch):
    """Loading lets each file's body go once it is typeset, packed and searched for links:
    held for every file until the twins were paired, the bodies took about half the memory of
    loading (2,000 generated cases: 110 MB held, 46 MB without them)."""
    text = CASE["zh"].format(id="alpha", title="t", unit_type="hospital", measures="exchange")
    write_case(content, "alpha", "zh", text=text.replace("做法文字。", "参见[另一个](case:beta)。"))
    write_case(content, "alpha", "en", measures="exchange")
    write_case(content, "beta", "zh")
    paired = []
    pair = loader._pair
    monkeypatch.setattr(loader, "_pair", lambda files, *rest: (paired.extend(files), pair(files, *rest))[1])
    result = loader.load(content)
    assert len(paired) == 3 and all(f.doc.body == "" and f.doc.meta == {} and f.typeset for f in paired)
    assert [r.target for f in paired for r in f.refs] == ["beta"]
    assert "参见[另一个](case:beta)。" in result.content.cases[0].texts["zh"].body  # the text holds it whole
