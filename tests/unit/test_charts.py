"""SVG charts drawn by the core: well-formed, titled, every number written as text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from casebook.pages import charts

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_bar_chart_has_title_desc_and_a_row_per_bar():
    bars = [charts.Bar("a", "医院", 6, "browse/#unit=a", "医院：6 个案例"), charts.Bar("b", "<b> & Co", 0, "x")]
    root = parse(charts.bar_chart("c1", "By unit", "Hospital 6, <b> & Co 0", bars))
    assert root.get("role") == "group"
    assert root.find(f"{SVG}title").text == "By unit" and root.find(f"{SVG}desc").text == "Hospital 6, <b> & Co 0"
    assert root.get("aria-labelledby") == "c1-title" and root.get("aria-describedby") == "c1-desc"
    rows = root.iter(f"{SVG}g")
    got = [(g.get("data-key"), g.find(f"{SVG}text[@class='cb-chart__label']").text,
            g.find(f"{SVG}text[@class='cb-chart__value']").text) for g in rows]
    assert got == [("a", "医院", "6"), ("b", "<b> & Co", "0")]
    links = list(root.iter(f"{SVG}a"))
    assert [a.get("href") for a in links] == ["browse/#unit=a"], "a bar of nothing leads nowhere"
    assert links[0].get("aria-label") == "医院：6 个案例"


def test_longest_bar_fills_the_bar_area_and_the_chart_is_wide_enough_for_its_labels():
    root = parse(charts.bar_chart("c", "t", "d", [charts.Bar("a", "一二三四五六七八九十", 4), charts.Bar("b", "x", 2)]))
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths == [charts.BAR_AREA, charts.BAR_AREA / 2]
    first_bar_x = float(next(root.iter(f"{SVG}rect")).get("x"))
    assert first_bar_x >= charts.text_width("一二三四五六七八九十")


def test_heat_map_cells_shade_with_their_value_and_link():
    cells = {("r1", "c1"): charts.Cell(4, "browse/#unit=r1&measure=c1", "r1 × c1: 4"),
             ("r2", "c2"): charts.Cell(1, "y")}
    root = parse(charts.heat_map("h", "Matrix", "all of it", [("r1", "Row 1"), ("r2", "Row 2")],
                                 [("c1", "Col 1"), ("c2", "Col 2")], cells, upright_heads=True))
    got = {(g.get("data-row"), g.get("data-column")): g.find(f"{SVG}text").text for g in root.iter(f"{SVG}g")}
    assert got == {("r1", "c1"): "4", ("r1", "c2"): "·", ("r2", "c1"): "·", ("r2", "c2"): "1"}
    shades = {r.get("fill-opacity") for r in root.iter(f"{SVG}rect") if r.get("fill-opacity")}
    assert shades == {"1.00", f"{0.12 + 0.88 / 4:.2f}"}
    assert [a.get("href") for a in root.iter(f"{SVG}a")] == ["browse/#unit=r1&measure=c1", "y"]
    heads = [t for t in root.iter(f"{SVG}text") if "cb-chart__column" in (t.get("class") or "")]
    assert [t.text for t in heads] == ["Col 1", "Col 2"] and heads[0].get("writing-mode") == "vertical-rl"


def test_a_long_label_takes_two_lines_split_at_the_middle_space_and_keeps_its_words():
    assert charts.lines("Hospital") == ("Hospital",)
    assert charts.lines("Xinjiang Uyghur Autonomous Region") == ("Xinjiang Uyghur", "Autonomous Region")
    assert charts.lines("新疆维吾尔自治区") == ("新疆维吾尔自治区",)  # no space to split at: one line
    root = parse(charts.bar_chart("c", "t", "d", [charts.Bar("x", "Xinjiang Uyghur Autonomous Region", 2),
                                                  charts.Bar("g", "Guizhou", 2)]))
    label = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "cb-chart__label")
    spans = label.findall(f"{SVG}tspan")
    assert [s.text for s in spans] == ["Xinjiang Uyghur", "Autonomous Region"]
    # read as text (a screen reader, a copy), the words stay apart
    assert " ".join("".join(label.itertext()).split()) == "Xinjiang Uyghur Autonomous Region"
    # the chart is no wider than its longer line needs
    width = float(root.get("width"))
    assert width < charts.text_width("Xinjiang Uyghur Autonomous Region") + charts.BAR_AREA


def test_a_link_reads_as_label_then_count_which_its_name_contains():
    root = parse(charts.bar_chart("c", "t", "d", [charts.Bar("2017", "2017", 1, "b/#year=2017", "2017: 1 case")]))
    link = root.find(f".//{SVG}a")
    # what is drawn, as a screen reader's text: every child but the tooltip, with the text between them
    shown = "".join("".join(child.itertext()) + (child.tail or "")
                    for child in link.find(f"{SVG}g") if child.tag != f"{SVG}title")
    assert " ".join(shown.split()) == "2017 1" and link.get("aria-label") == "2017: 1 case"
