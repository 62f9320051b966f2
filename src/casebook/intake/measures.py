"""Measure categories from what a report says was done, each with the sentence that shows it.

A practice counts where a sentence says it was done, even once; the part where a report turns to
its problems and next steps, and clauses of plans and shortcomings (from the plan word on: the
clauses before it were done), are not evidence. Nor are words that are not the practice itself:
a keyword inside a longer word (清真 in 清真寺 names a mosque, not a halal service; word boundaries
come from the same segmenter as the search, rjieba), a keyword qualifying a role or a story
(模范作用, 典型事迹), one in a clause that tells an outcome (提高了满意度, …的良好氛围), a statement of
guiding principles (以…为指导), a count of residents (流动人口517人), a word in another sense
(典型的 "typical", 经验交流, 清真 of a halal trade) and a paper's keyword line. A keyword is also
found as reports split it: verb first with words between (培养…人才, 结成…对子), or with other
people than 群众 (各族牧民共同).
"""

from __future__ import annotations

import re
from functools import cache

from casebook.model import Taxonomy, say

from .model import Suggestion

# Where a report turns to what is left to do or proposed (a heading of its own: 存在的问题, 对策建议).
AHEAD = re.compile(r"存在的?问题|存在的?不足|存在的?困难|问题与|问题和|下一步|下步|打算|工作计划|工作思路|今后|明年"
                   r"|对策|建议")
# A clause of plans, wishes or shortcomings: what it says is not done. A plan as a thing (写入年度工作
# 计划, 招生计划) and funds secured (争取资助4.2万元, 争取到项目) are no plan word.
NOT_DONE = re.compile(r"(?<!工作)(?<!年度)(?<!行动)(?<!发展)(?<!招生)计划(?![书表》，,。；;、和与的”\"）)]|$)|拟|力争|"
                      r"争取(?!到|资金|项目|贷款|资助|经费|支持|补助)|打算|下一步|下步|将进一步|将继续|将加大|将着力|将重点|将在|将把|将探索|将积极|"
                      r"(?<![主需重只])要(?=通过|进一步|加强|坚持|把|以|在|继续|不断|切实|深入)|应当|必须|"
                      r"还需|有待|亟待|不足|缺乏|薄弱|不够|尚未|未能|希望|建议|准备|设想|探索建立|尚无|还没有|难度")
# Verbs of doing: a sentence with one of them describes the practice as done, and counts twice.
DONE = re.compile(r"举办|举行|建立|成立|实施|选派|选送|派出|结成|结对|签订|设立|开设|开通|落实|完成|"
                  r"召开|配备|聘请|资助|慰问|表彰|荣获|获得|被评为|被命名|评为|命名为|授予|培训了|"
                  r"发放|走访|调解|化解|排查|推荐|制定|印发|编印|设置|搭建|打造|创办|邀请|接待|"
                  r"共计|累计|全年|[0-9]+\s*(?:次|场|期|人次|户|名|人|件|个|万元)")
# A paper's keyword line lists its topics, not what was done (【关键词】…民族机制创新); its abstract,
# which tells what the study did, stays evidence.
KEYWORDS_LINE = re.compile(r"\s*[【\[(（]?\s*(?:关键词|关键字|关键语)\s*[】\])）:：]")
# A keyword that qualifies a role (发挥党员的先锋模范作用, 起到示范引领作用) is a figure of speech,
# and one that qualifies a story (宣传模范事迹, 发布典型案例) is a story told: the role played or the
# publicity given, not a model made, a study done or a service given.
QUALIFIER = re.compile(r"[^，,。；;、“”]{0,4}?(?:作用|事迹|事例|案例|故事)")
# A survey of who lives there (摸底调查, 少数民族人口基本情况调查) is a head count of residents, not a
# study of the work: the word in another sense.
CENSUS = re.compile(r"(?:摸底|基本情况|人口|户籍)[^，,。；;：:]{0,12}$")
_CENSUS_WORDS = ("调查", "普查")
# 典型的 is "typical" (是典型的山区贫困乡): a word in another sense than a model.
TYPICAL = re.compile(r"的")
# Halal food made and sold (清真食品加工厂, 清真食品产业) is an industry, not a service adapted to
# its customers' faith (清真食堂, 清真餐).
HALAL_TRADE = re.compile(r"[^，,。；;、]{0,6}?(?:加工|产业|项目|企业|生产|养殖|基地|园区)")
# Information shared (经验交流, 内部交流, 学术交流) is 交流 in another sense than people of different
# groups meeting.
SHARING = re.compile(r"(?:经验|学术|内部|业务|信息|心得|工作)\s*$")
# A keyword followed by a number of people (辖区有流动人口517人, 少数民族群众1300余人) counts who
# lives there, not a practice; one the work was done for (为流动人口1200人办理居住证) is evidence.
# The count may come after a word or two of who they are and a share (少数民族干部职工占58%).
HEAD_COUNT = re.compile(r"[\u4e00-\u9fff]{0,2}?\s*(?:约|近|达|共|有|占)?\s*([0-9.]+)\s*万?\s*(?:余|多)?"
                        r"\s*(?:人|户|名|%|％)(?!次)")
# Verbs that say people are there (有, 居住), not that something was done for them.
_BEING = frozenset(("有", "是", "共有", "现有", "另有", "居住", "生活", "聚居", "包括", "占"))


# A heading's own words: up to its first comma or stop (一、园领导班子高度重视，…写入年度工作计划 is
# a numbered sentence about leadership whose plan is done, not a turn to next year's plans).
_HEAD_WORDS = re.compile(r"[，,。；;：:]")


def turns_ahead(heading: str) -> bool:
    """The heading turns the report to its problems and plans (存在的问题和下一步打算)."""
    return bool(AHEAD.search(_HEAD_WORDS.split(heading.strip(), maxsplit=1)[0]))


# A clause that tells an outcome (提高了患者的满意度, 形成了人人争当模范的良好氛围) or an absence
# (全年未发生一起医疗纠纷): what the work achieved, not a practice; its keywords are no evidence.
OUTCOME_VERB = re.compile(r"提高|提升|增强|增进|加深|营造|形成|未发生|没有发生|未出现|杜绝")
OUTCOME_END = re.compile(r"(?:氛围|局面|风尚|风气)$")
# A statement of guiding principles (坚持以…为指导) says what the work follows, not what was done.
PRINCIPLES = re.compile(r"为指导|指导思想")
# A clause of a sentence: a plan word rules out its own clause and those after it.
_CLAUSE = re.compile(r"[^，,：:]+")
# A heading, a sentence: where evidence is counted.
_SENTENCES = re.compile(r"[^。；！？!?\n]+[。；！？!?]?")
# A category is suggested from one sentence that says it was done and a second piece of evidence
# (another sentence, or a heading, which counts twice).
THRESHOLD = 2
# The longest first sentence of a paragraph read as its heading (as sections.py reads it).
RUN_IN_HEADING = 30


# A keyword that is a thing and the verb done to it (人才培养, 干部培养, 经验推广; 结成对子) is as
# often written verb first with words of the thing in between (培养少数民族专业技术人才, 结成共建对子,
# 结成“结对认亲”对子), within one clause.
_VERBS_AFTER = ("培养", "选拔", "推广")
_VERBS_FIRST = ("结成",)
_BETWEEN = r"[^，,。；;：:、]{0,12}?"


# 群众 in a keyword stands for whoever the people are (各族群众共同 -> 各族牧民共同, 各族干部群众一起;
# 困难群众 -> 困难学生, 困难家庭).
_PEOPLE = "群众"
_PEOPLE_WORDS = (r"(?:群众|居民|村民|牧民|农牧民|职工|员工|干部|学生|师生|青少年|儿童|家庭|家长|妇女|老人|党员|"
                 r"患者|信众|同胞|青年|商户|企业家|僧人|教职人员|民警|官兵|游客){1,2}")


def _split_forms(word: str) -> list[str]:
    head, people, tail = word.partition(_PEOPLE)
    if people and head:
        return [re.escape(head) + _PEOPLE_WORDS + re.escape(tail)]
    for verb in _VERBS_AFTER:
        thing = word[: -len(verb)]
        if word.endswith(verb) and len(thing) >= 2:
            return [re.escape(verb) + _BETWEEN + re.escape(thing)]
    for verb in _VERBS_FIRST:
        thing = word[len(verb):]
        if word.startswith(verb) and len(thing) >= 2:
            return [re.escape(verb) + _BETWEEN + re.escape(thing)]
    return []


@cache
def _matcher(words: tuple[str, ...]) -> re.Pattern:
    plain = [re.escape(w) for w in sorted(set(words), key=len, reverse=True)]
    return re.compile("|".join([*(f for w in sorted(set(words)) for f in _split_forms(w)), *plain]))


@cache
def _naming_head() -> re.Pattern:
    from .unit import _HEAD_RE

    return re.compile(rf"(?:{_HEAD_RE})$")


def _tokens(sentence: str) -> list[tuple[int, int, str]]:
    import rjieba

    out, at = [], 0
    for token in rjieba.cut(sentence):
        out.append((at, at + len(token), token))
        at += len(token)
    return out


def _whole(sentence: str, tokens: list[tuple[int, int, str]], start: int, end: int) -> bool:
    """The keyword begins a word, and does not sit inside a longer word that names a thing
    (清真寺, 交流中心 are fine as 交流 begins them; 清真 in 清真寺 is a mosque)."""
    starts = {a for a, _, _ in tokens}
    if start not in starts:
        # A compound ends on its head: 管理制度 is a 制度, 矛盾纠纷 are 纠纷.
        return any(b == end and a < start for a, b, _ in tokens)
    for a, b, token in tokens:
        if a <= start < b:
            return b <= end or not _naming_head().search(token)
    return True


def _outcome(sentence: str, at: int) -> bool:
    """The keyword at `at` comes after an outcome verb in its clause, or in a clause that names
    the outcome (…的良好氛围)."""
    for c in _CLAUSE.finditer(sentence):
        if c.start() <= at < c.end():
            clause = c.group(0).rstrip("。；！？!?")
            m = OUTCOME_VERB.search(clause)
            return bool(m and m.start() <= at - c.start()) or bool(OUTCOME_END.search(clause))
    return False


def _head_count(sentence: str, start: int, end: int) -> bool:
    """The keyword counts residents (其中流动人口517人): the count follows it, and no verb of a
    deed stands in its clause before the count (培养了后备干部12名, 为流动人口1200人办理…)."""
    count = HEAD_COUNT.match(sentence, end)
    if count is None:
        return False
    import rjieba

    clause_start = max(sentence.rfind(c, 0, start) for c in "，,：:；;、") + 1
    words = rjieba.tag(sentence[clause_start:count.start(1)])
    return not any(tag.startswith(("v", "p")) and word not in _BEING for word, tag in words)


def _inside_other(spans, start: int, end: int, own) -> bool:
    """The keyword is part of a longer keyword of another category: 培训 in 技能培训 is a job skill
    taught (livelihood), not publicity and education."""
    return any(a <= start and end <= b and (b - a) > (end - start) and k not in own for a, b, k in spans)


def _done_part(sentence: str) -> str:
    """The clauses before the first that plans, wishes or regrets (建立健全考核机制，力争…: the
    mechanism was set up; 成立了领导小组，但工作机制还不够完善: the group was)."""
    if PRINCIPLES.search(sentence):
        return ""
    m = NOT_DONE.search(sentence)
    if m is None:
        return sentence
    starts = [c.start() for c in _CLAUSE.finditer(sentence, 0, m.start() + 1)]
    return sentence[:starts[-1]] if starts else ""


def _parts(text: str, is_heading) -> list[tuple[str, bool, str]]:
    """(sentence, is a heading, the part of it that says what was done) for the text, in order."""
    out = []
    ahead = False
    for n, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        if KEYWORDS_LINE.match(line):
            continue
        heading = is_heading(line)
        if heading and n > 0 and turns_ahead(line):
            ahead = True
        if ahead:
            out.append((line, heading, ""))
            continue
        if heading:
            out.append((line, True, _done_part(line)))
            continue
        for m in _SENTENCES.finditer(line):
            s = m.group(0)
            # A run-in heading (“存在的问题：一是…”) turns the rest of the report too.
            if re.match(r"\s*(?:[一二三四五六七八九十]+、)?\s*(?:存在的?问题|存在的?不足|存在的?困难|下一步)", s):
                ahead = True
            # A run-in heading (三、共度佳节，增进感情。每年组织…) heads its paragraph as
            # a heading on a line of its own does.
            run_in = m.start() == 0 and len(s.strip()) <= RUN_IN_HEADING and is_heading(s)
            out.append((s, run_in, "" if ahead else _done_part(s)))
    return out


def sentences(text: str, is_heading) -> list[tuple[str, bool, bool]]:
    """(sentence, is a heading, says it was done: no plan, wish or shortcoming in it) in order."""
    return [(s, heading, bool(done) and done == s) for s, heading, done in _parts(text, is_heading)]


def measures(taxonomy: Taxonomy, text: str, is_heading) -> tuple[Suggestion, ...]:
    parts = _parts(text, is_heading)
    found = []
    every = _matcher(tuple(k for m in taxonomy.measures for k in m.keywords))
    spans: dict[str, list[tuple[int, int, str]]] = {}
    segmented: dict[str, list] = {}
    for measure in taxonomy.measures:
        pattern = _matcher(tuple(measure.keywords))
        score, evidence = 0, None
        words: dict[str, int] = {}
        for _, heading, sentence in parts:
            if not sentence:
                continue
            tokens = None
            hit = None
            named_only = True  # every hit inside quotation marks: the name of a campaign or contest
            for m in pattern.finditer(sentence):
                tokens = tokens or segmented.get(sentence) or segmented.setdefault(sentence, _tokens(sentence))
                if sentence not in spans:
                    spans[sentence] = [(k.start(), k.end(), k.group(0)) for k in every.finditer(sentence)]
                if _whole(sentence, tokens, m.start(), m.end()) and not QUALIFIER.match(sentence, m.end()) \
                        and not _head_count(sentence, m.start(), m.end()) \
                        and not (m.group(0) == "交流" and SHARING.search(sentence, 0, m.start())) \
                        and not (m.group(0) == "典型" and TYPICAL.match(sentence, m.end())) \
                        and not (m.group(0) == "清真" and HALAL_TRADE.match(sentence, m.end())) \
                        and not _outcome(sentence, m.start()) \
                        and not (m.group(0) in _CENSUS_WORDS and CENSUS.search(sentence, 0, m.start())) \
                        and not _inside_other(spans[sentence], m.start(), m.end(), measure.keywords):
                    hit = m.group(0)
                    before = sentence[:m.start()]
                    named_only = named_only and before.count("“") > before.count("”")
                    words[hit] = words.get(hit, 0) + 1
            if hit:
                # A quoted name (开展“民族团结一家亲”演讲比赛) is a mention, never the practice done.
                score += 1 if named_only else 2 if heading or DONE.search(sentence) else 1
                if evidence is None or (heading and not evidence[1]):
                    evidence = (sentence.strip(), heading)
        if score >= THRESHOLD and evidence:
            shown = evidence[0] if len(evidence[0]) <= 60 else evidence[0][:60] + "…"
            counted = tuple(say("evidence.times", word=w, n=n) for w, n in words.items())
            found.append((score, Suggestion(measure.id, say("evidence.measure", words=counted, sentence=shown))))
    return tuple(s for _, s in sorted(found, key=lambda x: -x[0]))
