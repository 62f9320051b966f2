"""The search index cut into chunks: every key's chunk holds the pages that hold it, in the
fields that hold it, and nothing else."""

from __future__ import annotations

from casebook.derive.segment import segmenter
from casebook.pages import search, searchchunks
from casebook.pages.search import SearchDoc
from casebook.pages.searchquery import _varints as varints
from casebook.script import to_simplified

DOCS = [
    SearchDoc("a.md", "白节小学的故事", "案例", ("白节小学的故事", "学校", "摘要", "", "", "正文提到 14.8% 的村民。")),
    SearchDoc("b.md", "小学", "案例", ("小学", "", "白和节分开写：白色，节日", "", "", "另一个正文 Qufu school")),
    SearchDoc("c.md", "无关", "案例", ("无关", "", "", "", "", "")),
]


def pages_of(data: dict, lang: str, key: str) -> dict[int, int]:
    """page -> mask of the fields holding `key`, read back from its chunk."""
    manifest = data[f"{lang}:index"]
    chunk = data[f"{lang}:g{searchchunks.chunk_of(key, manifest['chunks'], lang)}"]
    if key not in chunk:
        return {}
    head, masks, body = chunk[key]
    out = {d: searchchunks.MASK.index(m) for d, m in zip(varints(head), masks, strict=True)}
    for d in varints(body):
        out[d] = out.get(d, 0) | searchchunks.BODY
    return out


def built(lang: str = "zh") -> dict:
    index = search.build_index(DOCS, lang, lambda p: p.replace(".md", "/"))
    return searchchunks.read({f.path: f.text for f in searchchunks.chunk_files(index)})


def test_a_pair_of_characters_is_found_in_the_fields_that_hold_it_together():
    data = built()
    title, summary = 1, 4
    assert pages_of(data, "zh", "白节") == {0: title}
    # 白 and 节 apart in page b: each character is there, their pair is not.
    assert pages_of(data, "zh", "白") == {0: title, 1: summary}
    assert 1 not in pages_of(data, "zh", "白节")
    assert pages_of(data, "zh", "正文") == {0: searchchunks.BODY, 1: searchchunks.BODY}
    assert pages_of(data, "zh", "量子") == {}


def test_figures_and_latin_words_are_keys_and_body_characters_alone_are_not():
    data = built()
    assert pages_of(data, "zh", "14.8") == {0: searchchunks.BODY}
    assert pages_of(data, "zh", "qufu") == {1: searchchunks.BODY}
    # Single characters are keys of the fields before the body only: 村 stands in a's body.
    assert pages_of(data, "zh", "村") == {}


def test_every_key_of_every_field_is_in_its_chunk_and_only_there():
    data = built()
    manifest = data["zh:index"]
    for d, doc in enumerate(DOCS):
        fields = [to_simplified()(f) for f in doc.fields]
        for f, text in enumerate(fields):
            for key in searchchunks.keys(text.lower(), f < len(fields) - 1):
                assert pages_of(data, "zh", key).get(d, 0) & (1 << f), (key, d, f)
    every = [key for c in range(manifest["chunks"]) for key in data[f"zh:g{c}"]]
    assert len(every) == len(set(every))


def test_results_show_their_columns_from_small_chunks():
    data = built("en")
    manifest = data["en:index"]
    assert manifest["docs"] == 3 and manifest["texts"]["search_none"].count("{query}") == 1
    shown = data["en:d0"]
    assert shown["url"] == ["a/", "b/", "c/"]
    assert shown["summary"][1] == "白和节分开写：白色，节日"
    assert "body" not in shown
    assert "qufu" in data["en:words"] and "words" not in manifest and "vocabulary" not in manifest
    # A word being typed of two to four letters is completed from the words of its first letter.
    assert "qufu" in data["en:wq"] and "q" in manifest["initials"]
    assert all(w.startswith("q") for w in data["en:wq"]) and set(data["en:wq"]) < set(data["en:words"])


def test_many_pages_are_cut_into_chunks_of_bounded_size():
    docs = [SearchDoc(f"p{i}.md", f"标题{i}", "案例",
                      (f"标题{i}", "", "", "", "", "".join(chr(0x4E00 + (i * 7 + k) % 3000) for k in range(300))))
            for i in range(400)]
    files = searchchunks.chunk_files(search.build_index(docs, "zh", lambda p: p))
    postings = [f for f in files if f.path.startswith("search/g")]
    shown = [f for f in files if f.path.startswith("search/d")]
    assert len(postings) > 1 and len(shown) == 400 // searchchunks.DOCS_PER_CHUNK
    assert max(len(f.text) for f in postings) < 3 * searchchunks.CHUNK_CHARS


def test_a_character_alone_in_the_body_and_in_a_title_keeps_both_places():
    docs = [SearchDoc("a.md", "起点", "案例", ("起点", "", "", "", "", "一 起 走")),
            SearchDoc("b.md", "无", "案例", ("无", "", "", "", "", "起 来"))]
    files = searchchunks.chunk_files(search.build_index(docs, "zh", lambda p: p))
    data = searchchunks.read({f.path: f.text for f in files})
    assert pages_of(data, "zh", "起") == {0: 1 | searchchunks.BODY, 1: searchchunks.BODY}


def test_names_in_pinyin_and_synonym_groups_are_keys_that_no_result_shows():
    docs = [SearchDoc("a.md", "下谷坪土家族乡", "案例",
                      ("下谷坪土家族乡", "肃北县", "设立火葬场", "", "", "殡仪馆就在村里")),
            SearchDoc("b.md", "无关", "案例", ("无关", "", "", "", "", ""))]
    groups = [("殡仪馆", "火葬场"), ("翻译", "口译")]
    index = search.build_index(docs, "zh", lambda p: p, segmenter({"肃北县"}), {"肃北县"}, synonyms=groups)
    files = {f.path: f.text for f in searchchunks.chunk_files(index)}
    data = searchchunks.read(files)
    title, summary = 1, 4
    assert pages_of(data, "zh", "xiaguping") == {0: title}
    # 肃北县 stands in the metadata only, and is found by the title's keys, its initials too.
    assert pages_of(data, "zh", "subeixian") == {0: title} and pages_of(data, "zh", "sbx") == {0: title}
    assert pages_of(data, "zh", "0synonym") == {0: summary | searchchunks.BODY}
    assert pages_of(data, "zh", "1synonym") == {}
    assert data["zh:index"]["synonyms"] == [list(g) for g in groups]
    assert data["zh:index"]["synonym_keys"] == ["0synonym", "1synonym"]
    shown = files["search/d0.js"]
    assert "xiaguping" not in shown and "0synonym" not in shown


def test_each_name_is_read_in_pinyin_once_per_process():
    """Thousands of cases share their places, units and groups: pypinyin reads each once (it
    took 4 ms a case, 400 s of a 100,000-case build), and a read kept gives the same keys."""
    from casebook.derive import segment

    segment._syllables.cache_clear()
    first = segment.pinyin(["下谷坪", "肃北县"], ["肃北县"])
    again = [segment.pinyin(["肃北县", "下谷坪"], ["肃北县"]) for _ in range(3)]
    assert segment._syllables.cache_info().misses == 2
    assert first == again[0] == again[2]
    assert {"xiaguping", "subeixian", "sbx"} <= set(first.split())
