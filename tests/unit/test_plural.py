"""Texts with a number take the form of their number: "1 case", "2 cases"."""

from __future__ import annotations

import pickle

from casebook.plural import Plural, with_plurals
from casebook.strings import strings


def test_one_and_other_forms():
    text = with_plurals({"count": {"one": "{n} case", "other": "{n} cases"}, "name": "x"})
    assert text["name"] == "x"
    assert [text["count"].format(n=n) for n in (0, 1, 2)] == ["0 cases", "1 case", "2 cases"]
    # Used as a plain string (a script's template, escaping), it is the "other" form.
    assert str(text["count"]) == "{n} cases" and isinstance(text["count"], str)
    assert pickle.loads(pickle.dumps(text["count"])).format(n=1) == "1 case"


def test_the_site_counts_in_english_plurals_and_chinese_as_it_is():
    en, zh = strings()["en"], strings()["zh"]
    assert en["case_count"].format(n=1) == "1 case" and en["case_count"].format(n=6) == "6 cases"
    assert en["item_count"].format(n=1) == "1 item" and en["checklist_count"].format(n=1) == "1 checklist"
    assert zh["case_count"].format(n=1) == "1\u00a0个案例"  # a no-break space keeps the number with its measure word
    assert not isinstance(zh["case_count"], Plural)
