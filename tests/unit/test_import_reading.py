"""`casebook import` on reports written the way units write them: every kind of collection marker,
noise anywhere, the unit's own name before the places it mentions, the year it reports, and the
practices it says were done. Every report here is invented for the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casebook.tools.cli import main


def imported(capsys, content: Path, path: Path) -> list[dict]:
    code = main(["import", "--dry-run", "--json", "--content", str(content), str(path)])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


def report(title: str, opening: str, *rest: str) -> str:
    return "\n\n".join([title, opening, *rest])


HOSPITAL = report("石门乡卫生院2021年民族团结进步创建工作总结",
                  "石门乡卫生院位于云南省红河哈尼族彝族自治州元阳县南部，现有职工30人，其中哈尼族12人。",
                  "2021年，我院成立创建工作领导小组，组织双语服务小组为群众提供翻译服务800余人次。")
TOWN = report("2022年民族团结进步创建工作汇报",
              "青松镇地处黔东南苗族侗族自治州雷山县北部，辖6个行政村，居住着苗族、汉族。",
              "2022年，镇党委举办民族团结讲座5场，调解矛盾纠纷12件。")


@pytest.mark.parametrize("marker", [
    "篇{n}：", "篇{cn}\n", "【第{n}篇】\n", "第{cn}篇 ",
])
def test_every_kind_of_marker_splits_a_collection_and_its_preamble_is_no_report(capsys, content, tmp_path, marker):
    numerals = {1: "一", 2: "二"}
    parts = [marker.format(n=n, cn=numerals[n]) + text for n, text in ((1, HOSPITAL), (2, TOWN))]
    path = tmp_path / "collection.txt"
    preamble = "民族团结工作总结（精选2篇）\n【导语】本站为大家整理了两篇总结，供参考！\n\n"
    path.write_text(preamble + "\n\n".join(parts), "utf-8")
    reports = imported(capsys, content, path)
    assert [r["unit"] for r in reports] == ["石门乡卫生院", "青松镇"]
    assert [r["unit_type"] for r in reports] == ["hospital", "township"]
    assert "精选2篇" not in reports[0]["text"] and "导语" not in reports[0]["text"]
    reasons = {x["reason"] for x in reports[0]["removed"]}
    assert {"title of the collection", "site's lead-in"} <= reasons


def test_reports_with_a_trailing_number_or_no_marker_at_all_split_where_a_new_title_begins(capsys, content, tmp_path):
    trailing = tmp_path / "trailing.txt"
    trailing.write_text(HOSPITAL.replace("总结\n", "总结 篇1\n", 1) + "\n\n"
                        + TOWN.replace("汇报\n", "汇报 篇2\n", 1), "utf-8")
    assert len(imported(capsys, content, trailing)) == 2
    bare = tmp_path / "bare.txt"
    bare.write_text(HOSPITAL + "\n" + TOWN, "utf-8")  # one after the other, no marker, no blank line
    reports = imported(capsys, content, bare)
    assert [r["year"] for r in reports] == [2021, 2022]
    assert [r["region"]["county"] for r in reports] == ["元阳县", "雷山县"]


def test_a_paywall_marker_on_its_own_line_joins_nothing_and_noise_anywhere_is_removed(capsys, content, tmp_path):
    path = tmp_path / "noisy.txt"
    path.write_text("\n".join([
        "首頁 > 範文大全 > 工作總結",  # Traditional furniture too
        "篇1：" + HOSPITAL.split("\n\n")[0],
        "发布时间：2023-01-08　　作者：佚名　　浏览次数：2471",
        *HOSPITAL.split("\n\n")[1:],
        "##paidbegin##",
        "篇2：" + TOWN.split("\n\n")[0],
        "— 2 —",
        *TOWN.split("\n\n")[1:],
        "本文由会员上传，仅供参考。如需原创文章，请联系客服。",
        "扫码关注公众号，获取更多范文",
    ]), "utf-8")
    reports = imported(capsys, content, path)
    assert [r["unit"] for r in reports] == ["石门乡卫生院", "青松镇"]
    text = reports[0]["text"] + reports[1]["text"]
    for noise in ("浏览次数", "— 2 —", "会员上传", "公众号", "範文", "paidbegin"):
        assert noise not in text, noise
    assert all(f["number"] not in ("2471", "2023") for r in reports for f in r["figures"])
    assert reports[0]["year"] == 2021  # the page's date is no year of the report
    # Nothing dropped silently: every line taken out is listed once, by the report it was in
    # (a marker between two reports by the first).
    listed = [(r["report"], x["text"]) for r in reports for x in r["removed"]]
    assert sorted(text for _, text in listed) == sorted([
        "首頁 > 範文大全 > 工作總結", "篇1：", "发布时间：2023-01-08　　作者：佚名　　浏览次数：2471", "##paidbegin##",
        "篇2：", "— 2 —", "本文由会员上传，仅供参考。如需原创文章，请联系客服。", "扫码关注公众号，获取更多范文"])
    assert (1, "##paidbegin##") in listed and (2, "— 2 —") in listed


@pytest.mark.parametrize("text, unit, unit_type", [
    (report("边境派出所民族团结进步创建工作总结", "我所地处勐腊县，辖区居住着傣族、哈尼族群众。",
            "我所开展民族政策宣传12场。"),
     None, "county_department"),
    (report("阿坝州民宗委2021年民族团结进步宣传月活动总结", "州民宗委牵头开展宣传月活动，在马尔康市举办文艺演出3场。"),
     "阿坝州民宗委", "prefecture_department"),
    (report("中共三都水族自治县委统战部2021年工作总结", "县委统战部加强民主党派和无党派人士工作，召开座谈会4次。"),
     "中共三都水族自治县委统战部", "county_department"),
    (report("县税务局2023年民族团结进步创建工作总结", "国家税务总局雷山县税务局现有干部职工50人。",
            "我局开展双语办税服务。"),
     "国家税务总局雷山县税务局", "county_department"),
    (report("创建和谐寺观教堂工作总结", "我寺位于碌曲县，现有僧人40名。", "我寺组织僧人学习法律法规6次。"),
     None, "religious_venue"),
    (report("农商银行雷山支行2020年民族团结工作总结", "雷山支行开展双语金融服务，发放贷款300万元。"),
     "农商银行雷山支行", "enterprise"),
    (report("第七师一二五团三连2024年民族团结工作总结", "我连现有职工群众200户，居住着汉族、维吾尔族。"),
     "第七师一二五团三连", "corps_company"),
    (report("小学民族团结教育工作总结", "我校地处雷山县，是一所寄宿制小学。", "我校开展民族团结教育课12节。"),
     None, "school"),
])
def test_the_unit_type_comes_from_the_head_of_the_units_own_name(capsys, content, tmp_path, text, unit, unit_type):
    path = tmp_path / "r1.txt"
    path.write_text(text, "utf-8")
    [r] = imported(capsys, content, path)
    assert (r["unit"], r["unit_type"]) == (unit, unit_type), r["evidence"]["unit_type"]


def test_the_units_own_place_and_year_not_those_it_mentions(capsys, content, tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(report(
        "我校2023年民族团结教育工作总结",
        "我校地处广西柳州市三江侗族自治县北部，是一所寄宿制小学。",
        "2023年，我校与广东省深圳市龙华区一所小学结成友好学校，深圳市龙华区的教师来校交流3次，龙华区捐赠图书300册。",
        "确保到2025年全校学生普通话达标。",
        "存在的问题和2024年打算",
        "2024年，我校将继续开展结对活动。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert r["region"] == {"province": "广西壮族自治区", "prefecture": "柳州市", "county": "三江侗族自治县"}
    assert r["year"] == 2023


def test_a_higher_level_not_written_is_inferred_and_marked_so(capsys, content, tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(report("青松镇2022年民族团结工作汇报", "青松镇地处雷山县北部。", "2022年，全镇举办讲座5场。"),
                    "utf-8")
    [r] = imported(capsys, content, path)
    assert r["region"]["county"] == "雷山县"
    assert r["region"]["prefecture"] == "黔东南苗族侗族自治州"
    assert r["evidence"]["region"]["prefecture"].startswith("inferred from the gazetteer")
    # The prefecture's short name alone names no place, but it does name the one the county lies in.
    path.write_text(report("青松镇2022年民族团结工作汇报", "青松镇地处雷山县北部，苗寨连片。",
                           "2022年，全镇举办黔东南苗族文化讲座5场。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert r["region"]["prefecture"] == "黔东南苗族侗族自治州"
    assert r["evidence"]["region"]["prefecture"].startswith("“黔东南” ×1")
    assert r["evidence"]["region"]["province"].startswith("inferred from the gazetteer")


def test_measures_come_from_what_was_done_not_from_plans_problems_or_words_inside_words(capsys, content, tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(report(
        "河湾村2020年民族团结进步创建工作汇报",
        "河湾村位于循化撒拉族自治县，村里有一座清真寺，清真寺旁是村委会，村民多到清真寺礼拜。",
        "2020年，村党支部组织12名党员与24户困难群众结成帮扶对子，全年走访慰问36次。",
        "存在的问题和下一步打算",
        "一是流动人口服务管理还有不足；二是下一步计划选派干部挂职锻炼，开展交往交流交融活动。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert "pairing" in r["measures"]  # named once, described as done
    assert "culturally_adapted_services" not in r["measures"]  # 清真 only inside 清真寺
    assert "floating_population" not in r["measures"] and "cadre_development" not in r["measures"]  # problems, plans
    assert "结成帮扶对子" in r["evidence"]["measures"]["pairing"]  # the sentence, not only a count


def test_a_section_heading_inside_a_report_starts_no_new_report(capsys, content, tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(report(
        "石门乡卫生院2021年民族团结进步创建工作总结",
        "石门乡卫生院位于元阳县南部，现有职工30人。",
        "民族团结进步创建工作开展情况",
        "我院组织双语服务小组为群众提供翻译服务800余人次。",
        "关于双语服务的调研报告",
        "我院调查了200名患者。"), "utf-8")
    assert len(imported(capsys, content, path)) == 1


def test_a_unit_named_only_in_its_signature_and_a_year_only_in_its_date(capsys, content, tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(report(
        "民族团结进步创建工作总结",
        "一年来，全镇紧紧围绕民族团结进步这条主线，举办讲座6场，调解纠纷9件。",
        "雷山县青松镇人民政府",
        "2023年12月20日"), "utf-8")
    [r] = imported(capsys, content, path)
    assert (r["unit"], r["unit_type"], r["year"]) == ("雷山县青松镇人民政府", "township", 2023)


def test_a_title_with_a_motto_names_the_unit_in_its_subtitle(capsys, content, tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(report("织密团结纽带 共建和谐社区——锦江街道办事处民族工作情况汇报",
                           "街道辖8个社区，常住人口6万人，其中少数民族3000余人。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert (r["unit"], r["unit_type"]) == ("锦江街道办事处", "street_office")


def test_a_pair_joined_to_han_names_two_groups_where_people_are_meant(capsys, content, tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(report(
        "塔尔寺乡卫生院2022年民族团结进步创建工作总结",
        "塔尔寺乡卫生院地处湟中区，2022年，我院组织职工学习“三个离不开”思想（汉族离不开少数民族，少数民族"
        "离不开汉族，各少数民族之间也相互离不开），全年开展义诊12次。",
        "院里的藏汉职工一起过藏历年，藏汉一家亲的氛围浓厚。我院还开设了藏汉双语导诊台。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert set(r["ethnic_groups"]) == {"汉族", "藏族"}
    assert "藏汉" in r["evidence"]["ethnic_groups"]["藏族"]


def test_the_sides_of_a_slogan_and_a_pair_of_languages_name_no_group(capsys, content, tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(report(
        "塔尔寺乡卫生院2022年民族团结进步创建工作总结",
        "2022年，我院组织职工学习“三个离不开”思想（汉族离不开少数民族，少数民族离不开汉族），"
        "更新了少数民族与汉族之间交往交流的宣传栏，开设了藏汉双语导诊台。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert r["ethnic_groups"] == []


def test_an_anonymised_name_is_a_placeholder_on_its_own(capsys, content, tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(report(
        "草原站2020年民族团结进步创建工作总结",
        "2020年，站里组织牧民学习民族政策12场。站里职工马某某被评为市级民族团结进步模范个人。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert [p["text"] for p in r["placeholders"]] == ["马某某"]


def test_a_numbered_line_naming_a_work_plan_does_not_turn_the_rest_to_plans(capsys, content, tmp_path):
    # 写入年度工作计划 after the heading's first comma is a plan done, not a heading of next year's
    # plans: the year and the practices after it are still the report's own.
    path = tmp_path / "r1.txt"
    path.write_text(report(
        "星河幼儿园民族团结进步创建工作总结",
        "星河幼儿园位于四川省凉山彝族自治州西昌市，现有幼儿260名，其中彝族幼儿95名。",
        "一、园领导班子高度重视，成立了创建工作领导小组，把创建工作写入年度工作计划。",
        "2023年，我园开设彝汉双语绘本课，举办民族文化亲子活动6场。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert r["year"] == 2023
    assert main(["import", "--id", "xinghe", "--content", str(content), str(path)]) == 0
    body = (content / "cases" / "xinghe.zh.md").read_text("utf-8").split("\n## ")
    practice = next(s for s in body if s.startswith("主要做法"))
    ahead = next((s for s in body if s.startswith("问题与下一步")), "")  # none when the report has none
    assert "绘本课" in practice and "绘本课" not in ahead


def test_the_cases_of_the_issue_a_bureau_a_village_a_short_province_and_practices_named_once(capsys, content, tmp_path):
    # A bureau whose title names its county is still a department; a practice named once and
    # described as done counts.
    path = tmp_path / "r1.txt"
    path.write_text(report(
        "市场监督管理局2022年民族团结进步创建工作总结",
        "碌曲县市场监督管理局现有干部职工46人，其中藏族21人。",
        "2022年，我局选派2名干部到牧区乡镇挂职，组织各族商户开展交往交流交融活动4次。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert (r["unit"], r["unit_type"]) == ("碌曲县市场监督管理局", "county_department")
    assert {"cadre_development", "exchange"} <= set(r["measures"])
    # A village in a county it names is a village; a short province name gives the official one; a
    # Markdown heading of a Word file is no placeholder.
    path.write_text(report(
        "2021年民族团结进步创建工作汇报",
        "尕海村位于甘肃碌曲县尕海镇，全村有牧户260户，居住着藏族、汉族。",
        "## 二、主要做法",
        "2021年，村党支部组织党员与困难牧户结成帮扶对子，开展双语政策宣讲8场。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert (r["unit"], r["unit_type"]) == ("尕海村", "village")
    assert r["region"]["province"] == "甘肃省" and not r["evidence"]["region"]["province"].startswith("inferred")
    assert r["placeholders"] == [] and r["year"] == 2021


def test_an_office_that_speaks_of_its_area_is_the_writer_not_the_area(capsys, content, tmp_path):
    # 我县 is the area the office works in, 我局 the office itself: no area calls itself 我局.
    lines = ["民族团结进步创建工作汇报",
             "我县现有少数民族12个、9600人，我县的少数民族主要居住在两个民族乡。",
             "全县各族群众和睦相处，我县连续三年无涉及民族因素的矛盾纠纷。",
             "2022年，我局牵头制定创建实施方案，成立领导小组。{more}"]
    path = tmp_path / "r1.txt"
    path.write_text(report(*lines).format(more="我局联合县委宣传部举办民族政策宣讲8场。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert r["unit_type"] == "county_department", r["evidence"]["unit_type"]
    # Named once, 我局 may be a quotation: the report is read from its words.
    path.write_text(report(*lines).format(more="县委宣传部举办民族政策宣讲8场。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert r["unit_type"] != "county_department", r["evidence"]["unit_type"]


@pytest.mark.parametrize("text, unit, unit_type", [
    (report("和平街道2021年民族团结进步创建工作汇报", "和平街道位于天山区中部，辖9个社区，常住人口8.6万人。",
            "2021年，街道在各社区设立民族团结服务站9个，结对认亲420户。"), "和平街道", "street_office"),
    (report("民族团结进步创建工作汇报", "和田县人民医院位于和田地区，现有职工310人。", "2021年，医院开设双语门诊。"),
     "和田县人民医院", "hospital"),
])
def test_a_name_that_begins_like_a_preposition_is_still_a_name(capsys, content, tmp_path, text, unit, unit_type):
    # 和 of 和平 and 和田 is no "and": the name's first word is longer.
    path = tmp_path / "r1.txt"
    path.write_text(text, "utf-8")
    [r] = imported(capsys, content, path)
    assert (r["unit"], r["unit_type"]) == (unit, unit_type), r["evidence"]["unit_type"]


def test_a_unit_named_after_its_prefecture_is_at_that_level_and_a_partner_county_is_not_its_place(
        capsys, content, tmp_path):
    # 地区 is a prefecture, not a district (区) of a county's level.
    path = tmp_path / "r1.txt"
    path.write_text(report(
        "阿克苏地区第一人民医院2022年民族团结工作总结",
        "2022年，医院组织职工开展国家通用语言培训，参训医护人员286人次。",
        "医院与柯坪县人民医院建立医联体，派出专家下沉坐诊48人次。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert r["region"]["prefecture"] == "阿克苏地区" and r["region"]["county"] is None
    path.write_text(report(
        "阿克苏地区民族宗教事务委员会2022年工作总结",
        "2022年，委里在库车市、柯坪县举办民族政策宣讲12场。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert r["unit_type"] == "prefecture_department", r["evidence"]["unit_type"]


def test_a_pair_joined_to_han_names_both_groups_whoever_the_people_are(capsys, content, tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(report(
        "禾库镇中学民族团结教育工作总结",
        "禾库镇中学是一所农村寄宿制初级中学，现有学生980名。2022年，学校组织苗汉学生结成学习对子156对。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert set(r["ethnic_groups"]) == {"苗族", "汉族"}


def test_a_place_that_sends_aid_is_not_the_units_place(capsys, content, tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(report(
        "援宁工作队2020年民族团结工作总结",
        "2020年，福建省第十二批援宁工作队21名队员分赴宁夏西海固地区挂职。",
        "工作队协调帮扶资金2.3亿元，带动回族、汉族群众就业8600人。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert r["region"]["province"] == "宁夏回族自治区"
    # Aid received where the place is (定日县援藏干部) leaves the place the unit's.
    path.write_text(report("定日县援藏干部民族团结工作总结", "2021年，定日县援藏干部深入牧区开展义诊12次。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert r["region"]["county"] == "定日县"


def test_a_taoist_temple_is_named_by_its_guan_and_a_view_is_not(capsys, content, tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(report("青云观2023年创建和谐宫观工作总结",
                           "青云观位于湖北省恩施土家族苗族自治州咸丰县，现有道士9人。",
                           "2023年，观里组织道众学习宗教事务条例10次。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert (r["unit"], r["unit_type"]) == ("青云观", "religious_venue")
    path.write_text(report("民族团结进步创建工作总结", "河湾村文化景观位于村口，是村里新建的宣传阵地。",
                           "2023年，河湾村举办民族团结讲座5场。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert r["unit"] != "河湾村文化景观" and r["unit_type"] != "religious_venue"


def test_an_honour_is_named_to_its_last_end(capsys, content, tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(report("城北社区民族团结进步创建工作汇报", "城北社区位于西宁市城北区，辖区居民4200户。",
                           "2021年，社区被评为全国民族团结进步示范区示范单位。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert r["honours"] == ["全国民族团结进步示范区示范单位"]


def test_a_partners_place_is_not_the_units_even_where_the_unit_names_none(capsys, content, tmp_path):
    path = tmp_path / "r1.txt"
    path.write_text(report(
        "XX市第一中学民族团结教育工作总结", "我校是XX市唯一一所民族中学，现有学生2100人。",
        "2022年，我校与新疆和田地区于田县第一中学结成“手拉手”友好学校，互派教师18人次。"), "utf-8")
    [r] = imported(capsys, content, path)
    assert r["region"] == {"province": None, "prefecture": None, "county": None}
