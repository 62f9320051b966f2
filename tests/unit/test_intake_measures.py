"""Measure categories from what a report says was done: each rule of intake/measures.py on
sentences invented for the test, one rule a test, each checked both ways (the rule's case is left
out, the same practice told as done is kept)."""

from __future__ import annotations

from functools import cache

from casebook.corpus.taxonomy import parse_taxonomy
from casebook.intake.headings import ENUMERATED, is_heading
from casebook.intake.measures import measures
from casebook.intake.model import written
from support import ROOT


@cache
def _taxonomy():
    taxonomy, _ = parse_taxonomy("taxonomy.yml", (ROOT / "content" / "taxonomy.yml").read_text("utf-8"))
    return taxonomy


def _section_heading(line: str) -> bool:
    # As the importer reads a report: a numbered line of up to 60 characters heads its section.
    return is_heading(line) or bool(ENUMERATED.match(line) and len(line.strip()) <= 60)


def found(*lines: str) -> dict[str, str]:
    return {str(s.value): written(s.evidence, "en") for s in measures(_taxonomy(), "\n".join(lines), _section_heading)}


def test_a_plan_word_rules_out_its_clause_and_those_after_it_not_the_ones_before():
    got = found("2021年，我所建立健全了民族工作考核机制，力争每季度研究一次民族工作。")
    assert "leadership" in got and "考核机制" in got["leadership"]
    assert "力争" not in got["leadership"]  # the evidence is what was done, not the wish after it
    # The same words after the plan word are a plan: nothing is suggested.
    assert "leadership" not in found("2021年，我所力争建立健全民族工作考核机制，每季度研究一次。")


def test_a_shortcoming_after_a_done_clause_keeps_what_was_done():
    got = found("站里成立了民族团结创建领导小组，但工作机制还不够完善。")
    assert "leadership" in got and "领导小组" in got["leadership"]
    assert "leadership" not in found("站里的领导小组和工作机制还不够完善，尚未成立。")


def test_a_keyword_line_of_a_paper_is_no_evidence():
    assert "leadership" not in found("【关键词】牧区;民族团结;机制创新", "本文记述草原站的民族工作。")
    assert "leadership" not in found("关键词：牧区，民族团结，机制创新", "本文记述草原站的民族工作。")
    # The same words as a heading of the report's own are evidence.
    assert "leadership" in found("一、健全工作机制", "草原站建立了民族工作例会制度，每月召开一次。")


def test_a_keyword_that_qualifies_a_role_is_a_figure_of_speech():
    assert "model_creation" not in found(
        "支部注重发挥党员的先锋模范作用，在牧民中起到示范引领作用。",
        "一是发挥党员之家的作用，起到模范典型作用。")
    assert "model_creation" in found("2022年，草原站被评为州级民族团结进步示范单位。")


def test_a_keyword_in_an_outcome_clause_is_what_the_work_achieved_not_a_practice():
    assert "research_evaluation" not in found("在制定服务方案时，充分考虑牧民的习惯，提高了牧民的满意度。")
    assert "model_creation" not in found("站里召开了动员会，在全站形成了人人争当民族团结模范的良好氛围。")
    # A clause that names the outcome (…的良好局面) is one even without an outcome verb before the keyword.
    assert "model_creation" not in found("站里召开了动员会，全站呈现出人人争当民族团结模范的良好局面。")
    # A satisfaction survey done is evidence.
    assert "research_evaluation" in found("2022年，站里开展满意度问卷调查，发放问卷200份。")


def test_a_statement_of_guiding_principles_is_not_a_practice_done():
    assert "rights_mediation" not in found(
        "坚持以新时代中国特色社会主义思想为指导，全面落实党的民族政策，依法保障少数民族的合法权益。")
    assert "rights_mediation" in found("2023年，站里为牧民调解草场纠纷12件，依法保障少数民族的合法权益。")


def test_a_numbered_sentence_naming_a_work_plan_does_not_turn_the_report_to_its_plans():
    # 工作计划 here is the document the work was written into, not a heading of next year's plans:
    # what follows is still what was done.
    got = found("草原站2021年民族团结进步创建工作总结",
                "一、站领导班子高度重视，成立了创建工作领导小组，把创建工作写入站年度工作计划。",
                "二、开展双语服务。站里为牧民提供翻译服务300余人次，设立了少数民族窗口。")
    assert "leadership" in got and "culturally_adapted_services" in got
    # A heading of its own that turns to plans does.
    assert "culturally_adapted_services" not in found(
        "一、成立了创建工作领导小组。", "二、下一步工作打算", "站里设立少数民族窗口，提供翻译服务300余人次。")


def test_funds_secured_are_done_and_a_heading_keeps_its_done_clauses():
    got = found("四、关爱留守儿童。全站职工与37名留守儿童结成对子，为困难家庭争取资助4.2万元。")
    assert "pairing" in got and "livelihood" in got and "资助" in got["livelihood"]
    # Striving for funds still to come is a plan.
    assert "livelihood" not in found("站里争取明年为困难户发放救助金。")


def test_a_keyword_inside_a_longer_keyword_of_another_category_belongs_to_that_one():
    got = found("2019年，村里组织技能培训4期，帮助58名村民外出就业。")
    assert "livelihood" in got and "publicity_education" not in got
    assert "publicity_education" in found("2019年，村里组织民族政策培训4期，参训村民580人次。")


def test_a_heading_of_proposals_turns_the_report_to_what_is_not_done():
    assert "exchange" not in found(
        "二、主要做法", "站里为牧民提供翻译服务300余人次。",
        "四、对策建议", "一是建议完善考核；二是多举办各民族群众共同参与的文体活动和节庆活动。")
    assert "exchange" in found(
        "二、主要做法", "2022年，站里举办各民族群众共同参与的文体活动和节庆活动6场。")


def test_a_compound_ending_on_a_keyword_is_that_thing():
    # 管理制度 is a 制度 (the segmenter keeps it one word): the mechanism was put in place.
    got = found("2021年，全县寺庙均建立了民主管理委员会，落实了寺庙管理制度。")
    assert "leadership" in got and "制度" in got["leadership"]
    # A keyword that only begins a thing's name is still not that thing: 清真寺 is a mosque.
    assert "culturally_adapted_services" not in found("2021年，村里维修了清真寺，清真寺旁建立了村史馆。")


def test_an_absence_is_an_outcome_not_a_practice():
    assert "rights_mediation" not in found("医患关系更加融洽，全年未发生一起医疗纠纷。")
    assert "rights_mediation" in found("2021年，院里成立调解室，化解医疗纠纷5起。")


def test_a_keyword_that_qualifies_a_story_is_publicity_not_a_model_made():
    got = found("2022年，站里通过公众号宣传民族团结进步典型案例和先进事迹，举办模范事迹宣讲会3场。")
    assert "model_creation" not in got and "publicity_education" in got
    assert "model_creation" in found("2022年，站里评选表彰民族团结进步模范个人5名。")


def test_a_head_count_of_residents_is_no_study_of_the_work():
    assert "research_evaluation" not in found(
        "二是抓调查。", "2021年，社区组织网格员挨家挨户进行摸底调查，建立了少数民族居民台账。")
    assert "research_evaluation" in found(
        "二是抓调查。", "2021年，社区开展居民满意度问卷调查，回收问卷300份。")


def test_a_plan_as_a_thing_is_no_plan_word():
    # 年度工作计划 is a document drawn up, like the mechanism beside it: both were done.
    got = found("2021年，站里制定了民族团结进步创建年度工作计划和考核机制。")
    assert "leadership" in got and "考核" in got["leadership"]
    assert "leadership" in found("2021年，站里把创建工作纳入年度工作计划统筹推进，建立了考核机制。")
    # 计划 as a verb is a plan.
    assert "leadership" not in found("站里计划明年建立民族团结考核机制，每季度考核一次。")


def test_a_head_count_of_residents_is_who_lives_there_not_the_work():
    got = found("社区总人口8000余人，其中流动人口3000余人，少数民族困难户12户。",
                "2021年，社区举办民族政策宣讲3场。")
    assert "floating_population" not in got and "livelihood" not in got
    # The people the work was done for, counted, are evidence of it.
    assert "floating_population" in found("2021年，社区设立服务站，为流动人口1200人办理居住证。")
    assert "cadre_development" in found("2021年，社区培养了后备干部12名。")
    assert "floating_population" not in found("2021年，辖区有流动人口517人。", "社区举办民族政策宣讲3场。")


def test_information_shared_is_no_exchange_between_groups():
    assert "exchange" not in found("2021年，院里编印内部通讯12期，进行内部交流，召开经验交流会3次。")
    assert "exchange" in found("2021年，院里组织各族职工开展联谊交流活动3次。")


def test_a_run_in_heading_heads_its_paragraph():
    # Paragraphs of more than 60 characters: as a whole, no heading.
    got = found("三、共度佳节，增进感情。每年藏历年和春节，站里都组织职工包饺子、做糌粑、跳锅庄，"
                "参加职工400人次，职工家属和附近的牧民也纷纷赶来参加，场面十分热闹。")
    assert "exchange" in got and "共度佳节" in got["exchange"]
    # A paragraph's long first sentence is no heading: one mention without a deed is not enough.
    assert "exchange" not in found("三、站里的职工大多来自牧区，平时也很看重共度佳节，逢年过节都要聚在一起。"
                                   "每年组织职工过藏历年和春节，包饺子、做糌粑、跳锅庄。")


def test_a_model_title_won_is_a_model_made_quoted_or_not():
    assert "model_creation" in found("2020年，全乡被市里命名为民族团结进步示范乡。")
    assert "model_creation" in found("经过努力，全乡被市里命名为“民族团结进步示范乡”。")
    assert "model_creation" in found("站里被州委、州政府授予民族团结进步模范集体称号。")
    # Whatever the title's words: an honour won is a model made (the taxonomy's 评为, 称号).
    assert "model_creation" in found("2023年，教堂被县里评为“和谐寺观教堂”。")
    assert "model_creation" in found("2023年，村里被授予“美丽宜居村庄”称号。")
    # A keyword in the quoted name of a contest is still only its name.
    assert "model_creation" not in found("2020年，乡里举办“争当民族团结模范”演讲比赛3场。")


def test_a_thing_and_its_verb_count_written_verb_first_with_words_between():
    # 人才培养 written as 培养…人才.
    got = found("2022年，站里培养少数民族专业技术人才12名。")
    assert "cadre_development" in got and "培养少数民族专业技术人才" in got["cadre_development"]
    # 结成对子 written with the kind of pair between, quoted or not.
    assert "pairing" in found("2022年，寺管会与周边3个社区结成共建对子。")
    assert "pairing" in found("2022年，各连队结成民族团结“结对认亲”对子820对。")
    # Not across a clause: what is trained ends where the clause does.
    assert "cadre_development" not in found("2022年，站里注重培养职工的学习兴趣，专业技术人才12名。")


def test_typical_is_no_model_and_a_share_of_staff_is_a_head_count():
    assert "model_creation" not in found("2019年全乡有建档立卡户460户，是典型的山区贫困乡。")
    assert "model_creation" in found("2016年，村里评选民族团结进步典型5个。")
    assert "cadre_development" not in found("2023年，局里干部职工中有5个民族，少数民族干部职工占58%。")
    assert "cadre_development" in found("2023年，全局少数民族干部提拔12人。")


def test_the_people_of_a_keyword_may_be_any_people():
    # 各族群众共同 said of herders, teachers and pupils, cadres.
    assert "exchange" in found("2022年，嘎查举办那达慕大会1次，各族牧民共同参加赛马、摔跤。")
    assert "exchange" in found("2022年，学校组织各族师生一起包粽子，参加师生300人。")
    # Not of anything at all: a long run between is another sentence's subject.
    assert "exchange" not in found("2022年，各族牧民的草场纠纷由嘎查共同调处，调处5起。")


def test_halal_food_made_and_sold_is_an_industry_not_a_service():
    assert "culturally_adapted_services" not in found(
        "2022年，商会引导会员企业建设清真食品加工厂，带动养殖户320户增收。")
    assert "culturally_adapted_services" in found("2022年，医院开设清真食堂，为回族患者提供清真餐3000余份。")


def test_needy_people_of_any_kind_and_a_programme_named_a_plan():
    # 困难群众 said of pupils and families.
    assert "livelihood" in found("2023年，学校为困难学生发放生活费补贴9.4万元。")
    # A programme named …计划 is a thing carried out, not a plan: the clause after it was done.
    assert "livelihood" in found("学校认真落实学生营养餐计划，本学期为困难家庭发放生活费补贴9.4万元。")
    assert "livelihood" not in found("学校计划明年为困难家庭发放生活费补贴。")
