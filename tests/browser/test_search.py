"""Search as a reader uses it: each held query put into the search box of the built site in
headless Chromium must bring a relevant page into the top 5 (or, for nonsense, no page at all;
for a query in the other language's words, that language's pages among the ones offered).
Prints recall@5 and every miss."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from support import ROOT, real

pytestmark = pytest.mark.browser
QUERIES = yaml.safe_load((ROOT / "tests/search_queries.yml").read_text("utf-8"))
ROOTS = {"zh": "", "en": "en/"}
OTHER = {"zh": "en", "en": "zh"}


def type_query(page, query: str, typed: bool = True) -> None:
    """`query` in the box, a key at a time as a reader types it, or (`typed=False`) at once, as a
    paste or the browser's autofill puts it: one input event, one search, where typing runs one
    after each key that the box's pause lets through. The lists of many queries put them at once
    (the searches in between are the other tests' to check): typed, the held queries took 1.6 times as long."""
    box = page.locator(".cb-search__input")
    box.fill("")
    if typed:
        box.type(query, delay=5)
    else:
        box.fill(query)
    page.wait_for_selector(f".cb-search[data-query={json.dumps(query, ensure_ascii=False)}]", timeout=10000)


def shown(page, selector: str, attribute: str) -> list[str]:
    """The absolute addresses of the first five elements that `selector` finds."""
    return page.evaluate(f"""() => Array.from(document.querySelectorAll({json.dumps(selector)})).slice(0, 5)
        .map(e => new URL(e.getAttribute({json.dumps(attribute)}), location.href).href)""")


# Many queries in one call: each put in the box at once (as `type_query(typed=False)` does) and
# read when the box says it has answered it, all inside the page. A query a round trip at a time
# took Playwright eight calls each (fill, wait, the addresses, the notes): about half of the time.
ASKED = """async (queries) => {
  const root = document.querySelector('.cb-search'), box = root.querySelector('.cb-search__input');
  const hrefs = (selector, attribute) => Array.from(document.querySelectorAll(selector)).slice(0, 5)
    .map(e => new URL(e.getAttribute(attribute), location.href).href);
  const answered = (query) => new Promise((resolve, reject) => {
    const done = () => root.getAttribute('data-query') === query;
    if (done()) return resolve();
    const watch = new MutationObserver(() => { if (done()) { watch.disconnect(); clearTimeout(late); resolve(); } });
    const late = setTimeout(() => { watch.disconnect(); reject(new Error('no answer to ' + query)); }, 10000);
    watch.observe(root, {attributes: true, attributeFilter: ['data-query']});
  });
  const out = [];
  for (const query of queries) {
    box.value = query;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    await answered(query);
    out.push({results: hrefs('.cb-search__result', 'data-href'), other: hrefs('.cb-search__other a', 'href'),
              paths: Array.from(document.querySelectorAll('.cb-search__result'))
                .map(e => new URL(e.getAttribute('data-href'), location.href).pathname),
              also: document.querySelectorAll('.cb-search__also').length,
              corrected: root.getAttribute('data-corrected') || '', partial: root.getAttribute('data-partial')});
  }
  return out;
}"""


def asked(page, queries: list[str]) -> list[dict]:
    """What the box shows for each of `queries`, asked one after the other in `page`: the first
    five results' and the other language's offered addresses, every result's path, and the
    box's notes (also searched, the corrected query, the partial flag)."""
    return page.evaluate(ASKED, queries)


def _said(shows: dict, q: dict) -> str:
    """What the box must say beside the results of a query of q's kind, and does not ("" if all is said)."""
    if q["kind"] in ("synonym", "abbreviation") and not shows["also"]:
        return "no 'also searched'"
    if q["kind"] == "typo" and not shows["corrected"]:
        return "no 'showing results for'"
    if q["kind"] == "partial" and shows["partial"] != "true":
        return "partial flag missing"
    if q["kind"] == "question":
        tags = shows["paths"]
        glossary = [i for i, t in enumerate(tags) if "/glossary/" in t]
        answer = [i for i, t in enumerate(tags) if any(t.endswith("/" + e) for e in q["expect"])]
        if glossary and (not answer or answer[0] > glossary[0]):
            return "a glossary entry ranks above the checklist"
    return ""


def run_queries(browser, site_url: str, lang: str) -> list[tuple[dict, list[str], str]]:
    """(query, the top-5 paths it shows, what the box fails to say) for each held query of one
    language: the results, or for a cross-language query the other language's pages offered
    below "no result"."""
    page = browser.new_page()
    try:
        page.goto(site_url + ROOTS[lang] + "units/")
        answers = asked(page, [q["query"] for q in QUERIES[lang]])
    finally:
        page.close()
    out = []
    for q, shows in zip(QUERIES[lang], answers, strict=True):
        if q["kind"] == "cross":
            base, hrefs = site_url + ROOTS[OTHER[lang]], shows["other"]
        else:
            base, hrefs = site_url + ROOTS[lang], shows["results"]
        top = [h[len(base):].split("#")[0] if h.startswith(base) else h for h in hrefs]
        out.append((q, top, _said(shows, q)))
    return out


def test_held_queries_find_a_relevant_page_in_the_top_5(browser, site_url):
    kinds = {q["kind"] for lang in ("zh", "en") for q in QUERIES[lang]}
    assert {"unknown", "nonsense", "body", "cross", "synonym", "abbreviation", "spelling", "typo", "partial",
            "question", "pinyin"} <= kinds
    assert len(QUERIES["zh"]) + len(QUERIES["en"]) >= 60
    misses, total = [], 0
    for lang in ("zh", "en"):
        for q, top, unsaid in run_queries(browser, site_url, lang):
            total += 1
            # Nonsense must bring no page; every other query one of the pages it expects, with
            # what its kind must say (partial, corrected, also searched).
            if (top != []) if q["kind"] == "nonsense" else not set(top) & set(q["expect"]) or unsaid:
                misses.append(f"  {lang} {q['kind']:<12} {q['query']!r}: got {top} {unsaid}".rstrip())
    print(f"\nrecall@5: {total - len(misses)}/{total} = {(total - len(misses)) / total:.3f}")
    kinds_total = {k: sum(q["kind"] == k for lang in ("zh", "en") for q in QUERIES[lang]) for k in sorted(kinds)}
    missed = [m.split()[1] for m in misses]
    print("  by kind: " + ", ".join(f"{k} {n - missed.count(k)}/{n}" for k, n in kinds_total.items()))
    print("\n".join(misses) or "  no misses")
    assert not misses


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nonsense_brings_no_page_but_says_so_and_offers_the_browse_page(browser, site_url, lang):
    query = {"zh": "量子计算机", "en": "quantum teleportation"}[lang]
    page = browser.new_page()
    try:
        page.goto(site_url + ROOTS[lang])
        type_query(page, query)
        assert page.locator(".cb-search__result").count() == 0
        assert page.locator(".cb-search").get_attribute("data-results") == "0"
        status = page.locator(".cb-search__status")
        assert query in status.inner_text()
        assert {"zh": "没有页面", "en": "No page"}[lang] in status.inner_text()
        assert shown(page, ".cb-search__browse", "href") == [site_url + ROOTS[lang] + "browse/"]
        # Before this, the characters of an unknown word were matched one by one anywhere.
        assert page.locator(".cb-search__input").get_attribute("aria-expanded") == "false"
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_result_offers_the_nearest_words_which_then_find_pages(browser, site_url, lang):
    # Two edits from a word: offered, not searched for the reader (one edit is: see below).
    query = {"zh": "计算机", "en": "landlrdz"}[lang]
    page = browser.new_page()
    try:
        page.goto(site_url + ROOTS[lang])
        type_query(page, query)
        assert page.locator(".cb-search__result").count() == 0
        words = page.locator(".cb-search__word")
        assert words.count() >= 1
        word = words.first.inner_text()
        words.first.click()
        page.wait_for_selector(f".cb-search[data-query={json.dumps(word, ensure_ascii=False)}]")
        assert page.locator(".cb-search__result").count() >= 1
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_one_character_typo_shows_the_results_of_the_word_meant_and_offers_the_query_as_typed(
        browser, site_url, lang):
    query, meant, target = {"zh": ("巴冬县", "巴东县", "cases/badong-county-survey/"),
                            "en": ("landlrds", "landlords", "cases/tuanjie-west-road-community/")}[lang]
    page = browser.new_page()
    try:
        page.goto(site_url + ROOTS[lang])
        type_query(page, query)
        root = page.locator(".cb-search")
        assert root.get_attribute("data-corrected") == meant
        assert meant in page.locator(".cb-search__corrected").inner_text()
        assert site_url + ROOTS[lang] + target in shown(page, ".cb-search__result", "data-href")
        page.locator(".cb-search__as-typed").click()
        page.wait_for_function("document.querySelector('.cb-search').getAttribute('data-corrected') === ''")
        assert page.locator(".cb-search__result").count() == 0
        assert page.locator(".cb-search__word").count() >= 1
    finally:
        page.close()


def test_a_word_held_only_in_another_form_is_said_so(browser, site_url):
    # No page says "boarding"; "boards" (a bulletin board) is another word of the same stem.
    page = browser.new_page()
    try:
        page.goto(site_url + "en/")
        type_query(page, "boarding")
        root = page.locator(".cb-search")
        assert root.get_attribute("data-forms") == "boarding"
        assert "“boarding” as typed" in page.locator(".cb-search__forms").inner_text()
        type_query(page, "boards")
        assert root.get_attribute("data-forms") == "" and page.locator(".cb-search__forms").count() == 0
        assert page.locator(".cb-search__result").count() >= 1
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_query_in_the_other_language_offers_its_results_with_their_count(browser, site_url, lang):
    query, target = {"zh": ("paired households", "cases/xiangcheng-luzhou-aid/"),
                     "en": ("结对认亲", "cases/xiangcheng-luzhou-aid/")}[lang]
    page = browser.new_page()
    try:
        page.goto(site_url + ROOTS[lang])
        type_query(page, query)
        count = int(page.locator(".cb-search").get_attribute("data-other"))
        assert count >= 1
        text = page.locator(".cb-search__other").inner_text()
        assert re.search(rf"\b{count}\b", text) and {"zh": "英文", "en": "in Chinese"}[lang] in text
        assert site_url + ROOTS[OTHER[lang]] + target in shown(page, ".cb-search__other a", "href")
    finally:
        page.close()


def test_first_search_loads_the_manifest_and_only_the_chunks_it_needs(browser, site_url, site):
    manifest = (site / "search/index.js").read_text("utf-8")
    chunks = json.loads(re.search(r'"chunks":(\d+)', manifest)[1])
    assert chunks >= 4, "the real content is cut into several chunks"
    page = browser.new_page()
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url[len(site_url):]) if "/search/" in r.url else None)
    try:
        page.goto(site_url + "units/")
        # At once: typed, a key slower than the box's pause (a busy machine) searches 蒙 and 蒙医
        # on the way, whose chunks are then loaded too (4 where this counts at most 3).
        type_query(page, "蒙医院", typed=False)
        postings = [u for u in loaded if re.fullmatch(r"search/g\d+\.js", u)]
        shown_docs = [u for u in loaded if re.fullmatch(r"search/d\d+\.js", u)]
        print(f"\n蒙医院: {loaded}")
        assert loaded.count("search/index.js") == 1
        # 蒙医, 医院 and the key of its synonym group (蒙医医院, 蒙医药): three keys, at most three
        # chunks of postings; of what the results show, at most one chunk a result.
        results = page.locator(".cb-search__result").count()
        assert 1 <= len(postings) <= 3 < chunks
        assert 1 <= len(shown_docs) <= results
        assert not [u for u in loaded if u.startswith("en/")]
    finally:
        page.close()


def test_the_first_english_search_loads_no_list_of_every_word(browser, site_url):
    # Every English word (search/words.js) is for the nearest words when nothing matches; a
    # query that finds its pages loads the manifest, the chunk of its word and what it shows.
    page = browser.new_page()
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url[len(site_url):]) if "/search/" in r.url else None)
    try:
        page.goto(site_url + "en/units/")
        type_query(page, "interpreters")
        assert page.locator(".cb-search__result").count() >= 1
        assert loaded.count("en/search/index.js") == 1 and "en/search/words.js" not in loaded, loaded
        type_query(page, "flurbish gronkle")
        assert page.locator(".cb-search__result").count() == 0 and "en/search/words.js" in loaded, loaded
    finally:
        page.close()


def test_search_box_follows_the_combobox_pattern(browser, site_url):
    page = browser.new_page()
    try:
        page.goto(site_url + "units/")
        box = page.locator(".cb-search__input")
        assert box.get_attribute("role") == "combobox"
        assert box.get_attribute("aria-expanded") == "false"
        listbox = page.locator("#" + box.get_attribute("aria-controls"))
        assert listbox.get_attribute("role") == "listbox"
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.classList.contains('cb-search__input')")
        type_query(page, "医院")
        assert box.get_attribute("aria-expanded") == "true"
        options = listbox.locator("[role=option]")
        assert options.count() >= 2
        assert listbox.locator("a, button, input, [tabindex]").count() == 0, "no interactive element inside an option"
        assert [options.nth(i).get_attribute("aria-selected") for i in range(2)] == ["false", "false"]
        assert box.get_attribute("aria-activedescendant") is None
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        second = options.nth(1)
        assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
        assert second.get_attribute("aria-selected") == "true"
        assert options.nth(0).get_attribute("aria-selected") == "false"
        page.keyboard.press("Escape")
        assert box.get_attribute("aria-expanded") == "false"
        assert box.get_attribute("aria-activedescendant") is None
        assert page.evaluate("document.activeElement.classList.contains('cb-search__input')")
        assert not page.locator(".cb-search__panel").is_visible()
        target = options.nth(0).get_attribute("data-href")
        page.keyboard.press("ArrowDown")
        assert box.get_attribute("aria-expanded") == "true"
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: url.rstrip("/").endswith(target.strip("./").rstrip("/")))
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_results_stay_in_their_language_and_show_unit_type_and_highlight(browser, site_url, lang):
    query = {"zh": "结对认亲", "en": "paired households"}[lang]
    page = browser.new_page()
    try:
        page.goto(site_url + ROOTS[lang])
        type_query(page, query)
        first = page.locator(".cb-search__result").first
        expected_tag = {"zh": "援建工作队", "en": "Aid team"}[lang]
        assert first.locator(".cb-search__tag").inner_text() == expected_tag
        assert first.locator("mark").count() >= 1
        for href in shown(page, ".cb-search__result", "data-href"):
            inside_en = href.startswith(site_url + "en/")
            assert inside_en == (lang == "en"), href
        page.keyboard.press("Enter")
        page.wait_for_url("**/cases/xiangcheng-luzhou-aid/")
        page.go_back()
        type_query(page, query)
        page.locator(".cb-search__result").first.click()
        page.wait_for_url("**/cases/xiangcheng-luzhou-aid/")
    finally:
        page.close()


def body_details(lang: str) -> list[tuple[str, str]]:
    """(a run of the case's body found in no other page, the case's path) for every case: the
    first four Han characters in a row (Chinese) or capitalised word of five letters or more, a
    name (English: a common word would share its stem with other pages), that only this case's
    body holds; worked out from the content, not written here."""
    from casebook.pages import search

    content = real.loaded().content
    docs = list(search.documents(content, None, lang))
    everything = [" ".join(d.fields).lower() for d in docs]
    out = []
    for d, doc in enumerate(docs):
        if not doc.path.startswith("cases/"):
            continue
        body = doc.fields[-1]
        if lang == "zh":
            runs = [r[i:i + 4] for r in re.findall(r"[\u4e00-\u9fff]{4,}", body) for i in range(len(r) - 3)]
        else:
            runs = re.findall(r"\b[A-Z][a-z]{4,}\b", body)
        unique = next((r for r in runs if not any(r.lower() in t for k, t in enumerate(everything) if k != d)), None)
        if unique:
            out.append((unique, doc.path.removesuffix(".md") + "/"))
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_detail_of_every_case_body_finds_its_case_in_the_top_5(browser, site_url, lang):
    details = body_details(lang)
    assert len(details) >= {"zh": 15, "en": 12}[lang]
    page = browser.new_page()
    misses = []
    try:
        page.goto(site_url + ROOTS[lang] + "units/")
        for (query, path), shows in zip(details, asked(page, [q for q, _ in details]), strict=True):
            top = [h[len(site_url + ROOTS[lang]):] for h in shows["results"]]
            if path not in top:
                misses.append(f"  {query!r} -> {top}, expected {path}")
    finally:
        page.close()
    print(f"\n{lang}: {len(details) - len(misses)}/{len(details)} body details found in the top 5")
    print("\n".join(misses) or "  no misses")
    assert not misses


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_box_with_its_notes_has_no_serious_accessibility_violation(browser, site_url, scheme):
    """The results with "showing results for", "search as typed" and "also searched" (axe-core)."""
    axe = ROOT / "node_modules/axe-core/axe.min.js"
    if not axe.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (make test does)")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    failures = []
    try:
        page = context.new_page()
        for lang, query in (("en", "landlrds"), ("zh", "火葬场"), ("en", "Mongolian medicine aircraft")):
            page.goto(site_url + ROOTS[lang] + "units/")
            type_query(page, query)
            page.add_script_tag(content=axe.read_text("utf-8"))
            result = page.evaluate("axe.run(document.querySelector('.cb-search'), {resultTypes: ['violations']})")
            failures += [f"{query}: {v['id']}: {v['help']} ({len(v['nodes'])})" for v in result["violations"]
                         if v["impact"] in ("critical", "serious")]
    finally:
        context.close()
    assert not failures, "\n".join(failures)
