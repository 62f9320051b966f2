"""Facets of the browse page and the browse data: language-neutral keys, labels per language,
"not stated" where the source says nothing, counts that add up."""

from __future__ import annotations

from casebook.corpus import loader
from casebook.derive import facets, indices
from casebook.derive.facets import facets_of
from casebook.model import LANGUAGES, Label
from casebook.pages import browse
from support import real, write_case

REAL = real.loaded().content
REAL_INDICES = indices.build(REAL)
NOT_STATED = Label("未载明", "not stated")


def _load(content):
    loaded = loader.load(content)
    assert loaded.errors == ()
    return loaded.content


def test_keys_are_the_same_in_every_language_and_labels_follow_the_language(content):
    write_case(content, "alpha", "zh")  # 甘肃省, 2019, 蒙古族
    write_case(content, "alpha", "en")  # Gansu, 2019, Mongol
    unit, measure, province, year, group = facets.build(_load(content), indices.build(_load(content)), NOT_STATED)
    assert [(v.key, v.label.zh, v.label.en, v.count) for v in province.values] == [("甘肃省", "甘肃省", "Gansu", 1)]
    assert [(v.key, v.label.en) for v in group.values] == [("蒙古族", "Mongol")]
    assert [v.key for v in year.values] == ["2019"]
    assert unit.values[0].key == "hospital" and unit.values[0].label == REAL.taxonomy.unit_type("hospital").label
    assert measure.multi and group.multi and not province.multi
    assert (measure.mode, province.mode) == ("all", "any")


def test_a_field_the_source_leaves_out_is_not_stated(content):
    write_case(content, "alpha", "zh")
    path = write_case(content, "beta", "zh", unit_type="community")
    path.write_text(path.read_text("utf-8").replace("region:\n  province: 甘肃省\n", "region: {}\n")
                    .replace("year: 2019\n", "").replace("ethnic_groups: [蒙古族]", "ethnic_groups: []"), "utf-8")
    c = _load(content)
    _, _, province, year, group = facets.build(c, indices.build(c), NOT_STATED)
    for facet in (province, year, group):
        assert facet.values[-1].key == facets.NOT_STATED and facet.values[-1].label == NOT_STATED
        assert facet.keys_of("beta") == (facets.NOT_STATED,)
        assert facet.values[-1].count == 1


def test_an_odd_spelling_does_not_split_a_value(content):
    # Two cases may spell a region's English name differently ("Uyghur" and "Uygur"): the
    # value is the Chinese name, once, with both cases counted.
    for id, spelling in (("alpha", "Xinjiang Uyghur Autonomous Region"), ("beta", "Xinjiang Uygur Autonomous Region")):
        write_case(content, id, "zh",
                   text=write_case(content, id, "zh").read_text("utf-8").replace("甘肃省", "新疆维吾尔自治区"))
        write_case(content, id, "en", text=write_case(content, id, "en").read_text("utf-8").replace("Gansu", spelling))
    c = _load(content)
    province = facets.build(c, indices.build(c), NOT_STATED)[2]
    assert [(v.key, v.count) for v in province.values] == [("新疆维吾尔自治区", 2)]
    assert province.values[0].label.en in {"Xinjiang Uyghur Autonomous Region", "Xinjiang Uygur Autonomous Region"}


def test_counts_add_up_to_the_cases():
    for facet in facets_of(REAL, REAL_INDICES):
        assert sum(v.count for v in facet.values) == sum(len(facet.of_case[c.id]) for c in REAL.cases)
        if not facet.multi:
            assert sum(v.count for v in facet.values) == len(REAL.cases)
        for v in facet.values:
            assert v.count == sum(1 for c in REAL.cases if v.key in facet.keys_of(c.id)) > 0


def test_unit_and_measure_values_keep_taxonomy_order_and_years_go_up():
    unit, measure, _, year, _ = facets_of(REAL, REAL_INDICES)
    tax = REAL.taxonomy
    assert [v.key for v in unit.values] == [u.id for u in tax.unit_types
                                            if any(c.unit_type == u.id for c in REAL.cases)]
    assert [v.key for v in measure.values] == [m.id for m in tax.measures
                                               if any(m.id in c.measures for c in REAL.cases)]
    years = [v.key for v in year.values if v.key != facets.NOT_STATED]
    assert years == sorted(years)


def test_browse_data_is_one_compact_row_a_case():
    fs = facets_of(REAL, REAL_INDICES)
    for lang in LANGUAGES:
        data = browse.data(REAL, fs, lang)
        assert data["case_url"] == "cases/{id}/"
        assert browse.data(REAL, fs, lang, directory_urls=False)["case_url"] == "cases/{id}.html"
        assert [row[0] for row in data["cases"]] == [c.id for c in REAL.cases]
        for row, case in zip(data["cases"], REAL.cases, strict=True):
            assert row[1] == case.texts[lang].title
            for facet, positions in zip(data["facets"], row[2:], strict=True):
                keys = [facet["values"][p][0] for p in (positions if isinstance(positions, list) else [positions])]
                assert tuple(keys) == next(f for f in fs if f.key == facet["key"]).keys_of(case.id)
        assert [v[1] for v in data["facets"][0]["values"]] == [v.label(lang) for v in fs[0].values]
    assert browse.script(data).startswith("casebookBrowseData({") and browse.script(data).endswith("});\n")


def test_the_form_has_a_labelled_checkbox_for_every_value():
    from bs4 import BeautifulSoup

    fs = facets_of(REAL, REAL_INDICES)
    form = BeautifulSoup(browse.form(fs, "en", "..", len(REAL.cases)), "html.parser")
    for facet in fs:
        boxes = form.select(f"fieldset[data-facet={facet.key}] input[type=checkbox]")
        assert [b["value"] for b in boxes] == [v.key for v in facet.values]
        for box, value in zip(boxes, facet.values, strict=True):
            label = box.find_parent("label")
            assert label.select_one(".cb-facet__label").get_text() == value.label("en")
            assert label.select_one(".cb-facet__count").get_text() == str(value.count)
    assert form.select_one(".cb-browse")["data-base"] == ".."
