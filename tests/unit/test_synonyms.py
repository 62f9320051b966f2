"""content/synonyms.yml, the words readers use, as `casebook check` reads it: valid groups load,
each mistake is named with file, line and place, and the real file is valid."""

from __future__ import annotations

from pathlib import Path

from casebook.corpus import loader
from support import ROOT, write_case


def load(content: Path, text: str):
    (content / "synonyms.yml").write_text(text, "utf-8")
    write_case(content, "alpha", "zh")
    write_case(content, "alpha", "en")
    return loader.load(content)


def test_groups_load_in_both_languages(content):
    result = load(content, "zh:\n  - [翻译, 口译]\nen:\n  - [interpreter, translator, interpreting service]\n")
    assert result.problems == ()
    assert result.content.synonyms.groups("zh") == (("翻译", "口译"),)
    assert result.content.synonyms.groups("en") == (("interpreter", "translator", "interpreting service"),)


def test_each_mistake_is_named_with_its_line_and_place(content):
    result = load(content, "zh:\n  - [翻译]\n  - [口译, translator]\n  - [翻译, 译员]\nen:\n  - [hawker, 小贩]\n")
    assert [str(p) for p in result.errors] == [
        "content/synonyms.yml:2: zh[0]: must be a list of two or more words, such as [翻译, 口译]",
        "content/synonyms.yml:3: zh[1]: 'translator' is not a Chinese word",
        "content/synonyms.yml:6: en[0]: '小贩' is not an English word",
    ]


def test_a_word_in_two_groups_is_refused(content):
    result = load(content, "zh:\n  - [翻译, 口译]\n  - [口译, 译员]\n")
    (problem,) = result.errors
    assert str(problem) == "content/synonyms.yml:3: zh[1]: '口译' is already in group 0: a word belongs to one group"


def test_a_file_that_is_not_a_mapping_of_languages_is_refused(content):
    (problem,) = load(content, "fr:\n  - [a, b]\n").errors
    assert str(problem).startswith("content/synonyms.yml") and "must be a mapping of zh and en" in str(problem)


def test_the_real_synonyms_are_valid_and_hold_the_readers_words():
    from casebook.corpus.taxonomy import parse_synonyms

    path = ROOT / "content" / "synonyms.yml"
    synonyms, problems = parse_synonyms("content/synonyms.yml", path.read_text("utf-8"))
    assert problems == []
    assert any("火葬场" in g for g in synonyms.zh) and any("hawker" in g for g in synonyms.en)
