"""The search index of one language, as plain data: every page's fields, which searchchunks.py
cuts into the files the browser loads.

Every field is indexed: titles, metadata (unit type, categories, unit, place, year, ethnic
groups, honours), summaries, headings, the key phrases of the body (the lead of each list item,
bold text) and the body itself, so that a name or figure remembered from a case finds it. The
fields before the body weigh more in the ranking, and only they are shown in results.

Chinese text is indexed in Simplified script (OpenCC), so that a Traditional phrase in the
content is found by its Simplified form; the browser turns a Traditional query into Simplified
with the character table and the phrases (traditional_phrases) shipped in the index, so that it
gives what OpenCC gives. Besides what it shows, a page holds keys for the names of its title and
metadata in pinyin and for the synonym groups its words belong to (content/synonyms.yml and the
glossary's aliases).

Chinese queries are typed without spaces: the browser splits them into the words of
`vocabulary` (jieba's words of the fields before the body, with the taxonomy, glossary, places
and unit names added as whole words) and finds each word, or each run of characters that makes
no known word, where its characters stand together. How pages rank is declared here (SCORING;
English word forms: searchwords.ENGLISH) and read by the browser from the manifest;
searchquery.py is the same rule in Python."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, partial

from casebook.derive.facets import FACET_KEYS
from casebook.derive.indices import Indices
from casebook.derive.segment import pinyin, segmenter
from casebook.incremental.memo import Memo, digest, recall
from casebook.model import Case, Checklist, Content
from casebook.pages import opendata
from casebook.pages.searchchunks import HAN, HAN_RANGE, LATIN_PREFIX
from casebook.pages.searchwords import ENGLISH, english_key
from casebook.script import to_simplified
from casebook.strings import join_list, strings
from casebook.urls import BROWSE, DATA, GLOSSARY, STATS, case_path, checklist_path, measure_path, unit_path

FIELDS = ("title", "meta", "summary", "headings", "text", "body")
# How much a match in each field counts; a title or summary match ranks above a mention.
WEIGHTS = (12, 5, 4, 3, 1, 1)
# How the browser ranks pages (docs/javascripts/casebook-search.js reads this from the manifest;
# casebook/pages/searchquery.py is the same rule in Python). A page scores, for each term of the
# query it holds, the weight of its best field holding it times the term's length in characters
# (at most `term_cap`: a long word is a surer sign than a short one, up to a point); a page that
# holds the whole query as typed, its characters together (Chinese), gains `whole_bonus` plus
# `whole_factor` times that field's weight. An English term that a page holds only in a form of
# another close key (searchwords.ENGLISH: boards for boarding) scores a `loose_divisor`th (whole
# division). Only the pages holding the most terms are shown, at most `results`; a result shows
# the first of `snippet`'s fields that holds a term.
SCORING = {"weights": list(WEIGHTS), "term_cap": 4, "whole_bonus": 25, "whole_factor": 2, "results": 10,
           "snippet": ["summary", "headings", "meta"], "question_factor": 2, "loose_divisor": 2}
# The words of a question, left out of the terms a page must hold (a page rarely says "how"),
# unless a query has nothing else. A query holding one of QUESTION (or a question mark) asks
# something: a checklist, which answers, scores `question_factor` times more (a glossary entry
# only names the words).
QUESTION = {
    "zh": ["怎么", "怎样", "如何", "怎么办", "怎么样", "怎么做", "怎样做", "如何做", "什么", "哪些", "为什么", "是否",
           "能否", "有没有"],
    "en": ["how", "what", "why", "which", "who", "where", "when", "should", "can", "could"],
}
STOP = {
    "zh": [*QUESTION["zh"], "的", "吗", "呢", "吧", "了", "可以", "应该", "需要", "我们", "做好"],
    "en": [*QUESTION["en"], "do", "does", "did", "we", "i", "you", "to", "a", "an", "the", "of", "for", "in",
           "on", "at", "by", "and", "or", "is", "are", "be", "with", "our", "my", "it", "this", "that", "their",
           "they", "them", "no", "not", "whose", "if", "as", "from", "about", "into", "there"],
}


def scoring(lang: str) -> dict:
    """SCORING with the words of a question in `lang`, as the manifest carries it."""
    return {**SCORING, "stop": STOP[lang], "question": QUESTION[lang]}


# The index's columns: the page's address, title and tag, then the fields after the title.
COLUMNS = ("url", "title", "tag", *FIELDS[1:])
_LEAD = re.compile(r"^\s*[-*+]\s+(.+)$", re.M)
_HEADING = re.compile(r"^#{2,6}\s+(.+?)\s*$", re.M)
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")
_MARKUP = re.compile(r"[*_`>#|]+")
_CLAUSE_END = re.compile(r"[：:，,。；;.!?！？（(]")
_HAN = re.compile(f"[{HAN}]")
_HAN_RUN = re.compile(f"[{HAN}]+")
# Where the pages that answer questions are: checklists.
_ANSWERING = checklist_path("").rpartition("/")[0] + "/"
# The lead of a list item, in characters: the practice, not its explanation. Chinese says in
# 30 characters what English says in 40.
_MAX_LEAD = {"zh": 30, "en": 40}
# All key phrases of one page, in characters, so that a page's share of the index stays bounded
# however long it is (the real cases have up to 900 in Chinese, 1,700 in English; only the
# longest Chinese one loses its last phrases, and the held queries all still find their pages).
_MAX_PHRASES = {"zh": 800, "en": 2000}


@dataclass(frozen=True, slots=True)
class SearchDoc:
    path: str  # source path of the page, with an optional #anchor
    title: str
    tag: str  # shown beside the title: the unit type of a case, or the kind of page
    fields: tuple[str, ...]  # in the order of FIELDS, title first


def plain(markdown: str) -> str:
    """Markdown reduced to its words."""
    # Called for every list item of every case: the link pattern only where a link can be.
    text = _LINK.sub(r"\1", markdown) if "[" in markdown else markdown
    return _MARKUP.sub(" ", text)


def key_phrases(body: str, lang: str = "zh") -> str:
    """The lead clause of every list item and all bold text: the practices, without the prose,
    each once, up to _MAX_PHRASES characters."""
    leads = []
    for m in _LEAD.finditer(body):
        item = plain(m.group(1)).strip()
        cut = _CLAUSE_END.search(item, 4)
        leads.append(item[: min(cut.start() if cut else len(item), _MAX_LEAD[lang])])
    leads += [plain(b) for b in _BOLD.findall(body)]
    out, size = [], 0
    for lead in dict.fromkeys(leads):
        size += len(lead) + 3
        if size > _MAX_PHRASES[lang]:
            break
        out.append(lead)
    return " / ".join(out)


def documents(content: Content, indices: Indices, lang: str, memo: Memo | None = None) -> Iterator[SearchDoc]:
    """Every searchable page of one language; `memo` keeps the key phrases of each text."""
    s, tax = strings()[lang], content.taxonomy
    for case in content.cases:
        yield _case_doc(case, lang, tax, memo)
    for checklist in content.checklists:
        yield _checklist_doc(checklist, lang, tax, s)
    for term in content.glossary:
        yield SearchDoc(f"{GLOSSARY}#{term.id}", term.term(lang), s["glossary"],
                        (term.term(lang), " ".join(term.forms(lang)), term.explanation(lang), "", "", ""))
    for unit in tax.unit_types:
        yield SearchDoc(unit_path(unit.id), unit.label(lang), s["unit_type"],
                        (unit.label(lang), "", unit.description(lang), "", "", ""))
    for measure in tax.measures:
        yield SearchDoc(measure_path(measure.id), measure.label(lang), s["measures"],
                        (measure.label(lang), "", measure.description(lang), "", "", ""))
    yield from _overview_docs(s)


def _overview_docs(s: dict) -> Iterator[SearchDoc]:
    """The browse, statistics and open-data pages, by their titles, intros and what they hold."""
    tag = s["site_name"]
    facets = " ".join(s[f"facet_{key}"] for key in FACET_KEYS)
    charts = " / ".join(s[k] for k in (
        "chart_units", "chart_measures", "chart_provinces", "chart_years", "chart_matrix"))
    columns = " ".join(opendata.columns(opendata.CASE_FIELDS) + opendata.columns(opendata.ITEM_FIELDS))
    yield SearchDoc(BROWSE, s["browse"], tag,
                    (s["browse"], facets, plain(s["browse_intro"]), "", s["browse_download"], ""))
    yield SearchDoc(STATS, s["stats"], tag, (s["stats"], "", plain(s["stats_intro"].format(cases="")), charts, "", ""))
    yield SearchDoc(DATA, s["data"], tag, (
        s["data"], "CSV JSON", plain(s["data_intro"]),
        " / ".join((s["data_downloads"], s["data_case_fields"], s["data_item_fields"])),
        f"{columns} {plain(s['data_notes'])}", ""))


def page_doc(path: str, markdown: str, tag: str) -> SearchDoc:
    """A hand-written page: its first heading as title, its words as text."""
    title = next((m.group(1) for m in re.finditer(r"^#\s+(.+?)\s*$", markdown, re.M)), path)
    return SearchDoc(path, title, tag, (title, "", "", " / ".join(_HEADING.findall(markdown)), plain(markdown), ""))


# The fields of a case's front matter (corpus/schema.py) that search does not read, and why; every
# other field is read by _case_doc, and a field added to the schema fails
# tests/unit/test_declared_once.py until it is read there or named here.
NOT_SEARCHED = {
    "id": "an address, not words a reader types",
    "source": "the source in words is on the page; its file and report numbers are for tools",
    "wording_reuse": "an editor's note on the wording",
    "draft": "drafts are not published",
    "derived": "figures the build derives and checks; the body holds them in words",
}


def _case_doc(case: Case, lang: str, tax, memo: Memo | None) -> SearchDoc:
    text = case.text(lang)
    phrases = recall(memo, text.digest and ("phrases", lang, text.digest), lambda: key_phrases(text.body, lang))
    unit = tax.unit_label(case.unit_type, lang)
    meta = [unit, *(tax.measure_label(m, lang) for m in case.measures), text.unit or "",
            *text.region.parts(), str(case.year or ""), *text.ethnic_groups, *text.honours]
    return SearchDoc(
        case_path(case.id), text.title, unit,
        (text.title, join_list(lang, (p for p in meta if p)), plain(text.summary),
         " / ".join(plain(h) for h in _HEADING.findall(text.body)), phrases, plain(text.body)),
    )


def _checklist_doc(checklist: Checklist, lang: str, tax, s: dict) -> SearchDoc:
    text = checklist.text(lang)
    measures = dict.fromkeys(tax.measure_label(i.measure, lang) for i in text.items)
    return SearchDoc(
        checklist_path(checklist.id), text.title, s["checklists"],
        (text.title, " ".join(measures), plain(text.summary), "", " / ".join(i.text for i in text.items), ""),
    )


def synonym_groups(content: Content, lang: str) -> list[tuple[str, ...]]:
    """The groups of words searched for one another: content/synonyms.yml's, and each glossary
    term with its aliases."""
    groups = list(content.synonyms.groups(lang))
    groups += [term.forms(lang) for term in content.glossary if len(term.forms(lang)) > 1]
    return groups


def domain_words(content: Content, lang: str) -> set[str]:
    """Names that must be found whole: taxonomy labels, glossary terms, places, units, groups."""
    words: set[str] = set()
    tax = content.taxonomy
    words.update(u.label(lang) for u in tax.unit_types)
    words.update(m.label(lang) for m in tax.measures)
    words.update(g.label(lang) for g in tax.groups)
    for term in content.glossary:
        words.update(term.forms(lang))
    for case in content.cases:
        text = case.text(lang)
        words.update(text.region.parts())
        words.update(text.ethnic_groups)
        if text.unit:
            words.add(text.unit)
    return {w for w in words if 2 <= len(w) <= 16 and _HAN.search(w)}


def _tokens(segment: Callable[[str], Iterable[str]], text: str, memo: Memo | None) -> frozenset[str]:
    """The distinct tokens of one field's cut, kept in `memo` by the field's text and the
    segmenter's dictionary: most fields are the same as at the last build. build_index keeps
    the Chinese words among them once for the whole index: tested token by token in each
    field, that took longer than the cutting itself."""
    key = ("tokens", getattr(segment, "version", ""), digest(text)) if memo else None
    return recall(memo, key, lambda: frozenset(segment(text)))


def _is_word(token: str) -> bool:
    return len(token) >= 2 and _HAN.search(token) is not None


@cache
def traditional_to_simplified() -> dict[str, str]:
    """Every CJK character whose Simplified form differs, for the browser to convert queries."""
    convert = to_simplified()
    table = {}
    for code in range(HAN_RANGE[0], HAN_RANGE[1] + 1):
        ch = chr(code)
        simplified = convert(ch)
        if simplified != ch and len(simplified) == 1:
            table[ch] = simplified
    return table


@cache
def _to_traditional() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("s2t").convert


def traditional_phrases(words: Iterable[str]) -> list[str]:
    """"Traditional=Simplified" for each of `words` whose Traditional form (OpenCC s2t) OpenCC
    turns back into it otherwise than the character table does: 瞭解=了解 (瞭 alone stays 瞭),
    乾隆=乾隆 (乾 alone becomes 干). The browser converts these phrases whole, so that a query
    in Traditional script becomes what the index holds (it converted the content with OpenCC's
    phrases)."""
    words = sorted({w for w in words if len(w) >= 2 and "\n" not in w})
    if not words:
        return []
    traditional = _to_traditional()("\n".join(words)).split("\n")
    back = to_simplified()("\n".join(traditional)).split("\n")
    table = traditional_to_simplified()
    return [f"{t}={w}" for w, t, b in zip(words, traditional, back, strict=True)
            if b == w and len(t) == len(w) and "".join(table.get(c, c) for c in t) != w]


def build_index(docs: Iterable[SearchDoc], lang: str, url_of: Callable[[str], str],
                segment: Callable[[str], Iterable[str]] | None = None, extra_words: Iterable[str] = (),
                memo: Memo | None = None, synonyms: Iterable[Iterable[str]] = ()) -> dict:
    """The index as JSON-ready data. `segment` (Chinese only) yields the words of a text;
    `memo` keeps them between builds; `synonyms`, groups of words searched for one another.

    Stored by column, not by page: every page's address, then every title, and so on. Gzip finds
    far more to share among a thousand summaries side by side than in a row that alternates
    addresses, labels and prose (the Chinese index of 1,000 generated cases: 559 KB gzipped by
    row, 303 KB by column). The whole index at once, for tests and tools: a build streams the
    rows of `Indexer` into searchchunks.ChunkWriter."""
    return whole_index(Indexer(lang, url_of, segment, extra_words, memo, synonyms), docs)


def whole_index(indexer: Indexer, docs: Iterable[SearchDoc]) -> dict:
    """build_index's index, from an indexer and its pages."""
    columns: dict[str, list] = {name: [] for name in COLUMNS}
    retitled: dict[str, str] = {}
    hidden: dict[str, list[str]] = {}
    for d, doc in enumerate(docs):
        row = indexer.row(doc)
        if row.search_title is not None:
            retitled[str(d)] = row.search_title
        for name, value in zip(COLUMNS, row.columns, strict=True):
            columns[name].append(value)
        if any(row.hidden):
            hidden[str(d)] = list(row.hidden)
    return {**indexer.header(), "columns": columns, "search_titles": retitled, "hidden": hidden}


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One page of the index: its COLUMNS (fields in Simplified script), its title as searched
    where Simplified script changes it, and the keys it holds but does not show, by field."""

    columns: tuple[str, ...]
    search_title: str | None
    hidden: tuple[str, ...]

    def search_fields(self) -> list[str]:
        """The fields of FIELDS as they are searched: title first, with the hidden keys."""
        fields = [self.search_title or self.columns[1], *self.columns[3:]]
        for f, text in enumerate(self.hidden):
            if text:
                fields[f] = f"{fields[f]} {text}" if fields[f] else text
        return fields


class Indexer:
    """The index page by page: `row` for each page in order, then `header` for what the index
    holds besides its pages (the vocabulary, synonyms, which pages answer questions)."""

    def __init__(self, lang: str, url_of: Callable[[str], str], segment: Callable[[str], Iterable[str]] | None = None,
                 extra_words: Iterable[str] = (), memo: Memo | None = None, synonyms: Iterable[Iterable[str]] = ()):
        self.lang, self.url_of, self.segment, self.memo = lang, url_of, segment, memo
        self.extra_words = extra_words
        self.tokens: set[str] = set()
        self.answers: list[int] = []  # the pages that answer a question: checklists
        self.docs = 0
        self.simplify = to_simplified() if lang == "zh" else None
        simplify = self.simplify
        self.groups = [g for g in (tuple(dict.fromkeys(simplify(w) if simplify else w.lower() for w in g))
                                   for g in synonyms) if len(g) > 1]
        # Synonyms are found at build time: a page holding a word of group 7 holds the key 7synonym
        # in that field, and a query for any word of the group loads that one key, not the keys of
        # every other word (结对认亲 with its three others loaded 12 chunks instead of 8; at 10,000
        # cases "interpreters" with "interpreting service" fetched 141 KB instead of 87).
        self.group_keys = synonym_keys(self.groups, lang)
        self.find_groups = _group_finder(self.groups, self.group_keys, lang)

    def row(self, doc: SearchDoc) -> IndexRow:
        simplify, segment, memo = self.simplify, self.segment, self.memo
        fields = [simplify(f) for f in doc.fields] if simplify else list(doc.fields)
        d = self.docs
        self.docs += 1
        # The title field is the title, which the row carries already; only a title that
        # Simplified script changes is kept again, by its page's position.
        search_title = fields[0] if fields[0] != doc.title else None
        if doc.path.startswith(_ANSWERING):
            self.answers.append(d)
        # page -> keys it holds but does not show, by field: its names in pinyin (with the title),
        # the synonym groups its words belong to (searchchunks adds them to the postings).
        extra = [self.find_groups(f) if f else "" for f in fields] if self.find_groups else [""] * len(fields)
        if segment:
            # Not the body: its words are found by their characters (searchchunks.py), and
            # cutting it would double the time of segmentation.
            cuts = [_tokens(segment, f, memo) for f in fields[:-1]]
            for cut in cuts:
                self.tokens.update(cut)
            # The words of the title and the metadata (places, units, groups, categories) in
            # pinyin, found as the title is, never shown.
            names = sorted(filter(_is_word, cuts[0] | cuts[1]))
            runs = _HAN_RUN.findall(f"{fields[0]}\n{fields[1]}")
            spoken = recall(memo, memo and ("pinyin", digest("\n".join([*runs, "", *names]))),
                            partial(pinyin, runs, names))
            extra[0] = f"{extra[0]} {spoken}".strip()
        return IndexRow((self.url_of(doc.path), doc.title, doc.tag, *fields[1:]), search_title, tuple(extra))

    def header(self) -> dict:
        """What the index holds besides its pages, once every page has had its row."""
        lang = self.lang
        index: dict = {"lang": lang, "fields": list(FIELDS), "scoring": scoring(lang),
                       "synonyms": [list(g) for g in self.groups], "synonym_keys": self.group_keys,
                       "answers": _ranges(self.answers)}
        if lang == "zh":
            index["vocabulary"] = sorted({*self.extra_words, *filter(_is_word, self.tokens)})
            index["t2s"] = "".join(f"{t}{s}" for t, s in sorted(traditional_to_simplified().items()))
            index["t2s_phrases"] = traditional_phrases(index["vocabulary"])
        else:
            index["english"] = ENGLISH
        return index


# A synonym group's key: its number and this, after (English) the first five letters of the key
# of its first word, as English words are chunked by the first five letters of their keys
# (searchchunks.chunk_text) and this key by its letters: a query for that word,
# the one the cases use, finds the group's key in the chunk it loads anyway (at 10,000 cases,
# "interpreters" fetched 31 KB more without). Never synonym0, synonym7: they shared one chunk,
# which held every group.
SYNONYM_KEY = "synonym"


def synonym_keys(groups: list[tuple[str, ...]], lang: str) -> list[str]:
    """The key of each synonym group, as the index and the manifest hold it."""
    if lang == "zh":
        return [f"{g}{SYNONYM_KEY}" for g in range(len(groups))]
    out = []
    for g, words in enumerate(groups):
        first = re.search("[a-z]+", words[0].lower())
        out.append(f"{english_key(first[0])[:LATIN_PREFIX[lang]] if first else ''}{g}{SYNONYM_KEY}")
    return out


# What may follow an English word of a synonym group in a text that holds it: an inflection
# (interpreter in interpreters), not another word (firm is not in firmly).
_INFLECTION = re.compile(r"(?:s|es|d|ed|ing|'s|s')?(?![a-z])")


def _group_finder(groups: list[tuple[str, ...]], keys: list[str], lang: str) -> Callable[[str], str] | None:
    """text -> the keys of the synonym groups whose words it holds ("0synonym 7synonym"); an
    English word only as a whole word or with an inflection."""
    if not groups:
        return None
    import ahocorasick_rs

    group_of: dict[str, list[int]] = {}
    for g, words in enumerate(groups):
        for w in words:
            group_of.setdefault(w.lower(), []).append(g)
    patterns = list(group_of)
    matcher = ahocorasick_rs.AhoCorasick(patterns)
    latin = lang != "zh"

    def find(text: str) -> str:
        lower = text.lower()
        found = set()
        for n, start, end in matcher.find_matches_as_indexes(lower, overlapping=True):
            if latin and ((start and lower[start - 1].isalpha()) or not _INFLECTION.match(lower, end)):
                continue
            found.update(group_of[patterns[n]])
        return " ".join(keys[g] for g in sorted(found))

    return find


def _ranges(numbers: list[int]) -> list[list[int]]:
    """Ascending numbers as [start, end) ranges: the checklists follow one another."""
    out: list[list[int]] = []
    for n in numbers:
        if out and out[-1][1] == n:
            out[-1][1] = n + 1
        else:
            out.append([n, n + 1])
    return out


def locations(index: dict) -> list[str]:
    """The address of every page in an index that build_index made."""
    return index["columns"]["url"]


def titles(index: dict) -> list[str]:
    return index["columns"]["title"]


def site_index(content: Content, indices: Indices, lang: str, urls: Mapping[str, str],
               handwritten: Iterable[tuple[str, str]] = (), memo: Memo | None = None) -> dict:
    """The search index of one language's site, whole (for tests and tools)."""
    return whole_index(*site_indexer(content, indices, lang, urls, handwritten, memo))


def site_indexer(content: Content, indices: Indices, lang: str, urls: Mapping[str, str],
                 handwritten: Iterable[tuple[str, str]] = (), memo: Memo | None = None
                 ) -> tuple[Indexer, Iterator[SearchDoc]]:
    """The indexer of one language's site and its pages, one at a time: every generated page,
    and the hand-written pages as (source path, Markdown). `urls`: source path -> the page's
    address."""
    tag = strings()[lang]["site_name"]
    docs = itertools.chain(documents(content, indices, lang, memo),
                           (page_doc(path, markdown, tag) for path, markdown in handwritten))
    words = domain_words(content, lang) if lang == "zh" else ()

    def url_of(path: str) -> str:
        page, _, anchor = path.partition("#")
        return urls[page] + (f"#{anchor}" if anchor else "")

    indexer = Indexer(lang, url_of, segmenter(words) if lang == "zh" else None, words, memo,
                      synonym_groups(content, lang))
    return indexer, docs
