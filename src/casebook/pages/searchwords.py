"""English words as the search finds them: the rules that give a word its key (its British
spelling folded into American, an inflection dropped), declared once here as data that Python
and the browser read alike, and the key in Python.

A word and an index word are the same if their keys are. The key folds British spelling into
American (-ise/-ize, -isation/-ization, -yse/-yze, -our/-or, -tre/-ter, -tred/-tered, -lled/-led
and -lling/-ling as in travelled and counselling; only after a few letters, so that four, hour,
rise, wise and telling stay as they are), then drops an inflection: plural
-s/-es/-ies, -ing and -ed (where a vowel is left before them), a final -e and a doubled final
consonant (planned = plan). Derivations stay apart (civil, civilized and civilization are three
words; a Porter stemmer made them one). Each rule is a regular expression and a replacement,
read alike by Python and JavaScript ($1 is the first group); `fold` rules apply first (the
first that matches), then each `inflect` rule once, in order.

A word's close key applies only the first `close` inflect rules (a plural): a page holding a
word only in a form of another close key (boards for boarding, trained for training) holds it
loosely, and ranks below one holding the word as typed; where no page holds a word of the query
closely, the box says that the pages shown hold another form of it.

The index files an English word's postings under the first letters of its key
(searchchunks.chunk_text), so that the forms of one word (colour, colours, color) are in one
chunk and a query finds them all there, without a list of every word in the manifest."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

# What a query's words are split at and a whole query joined without (a character class's
# inside, as Python's re and JavaScript's RegExp both read it): the browser takes it from the
# manifest (searchchunks.wire_format), so the two cannot drift apart.
PUNCT = r"\s,.;:!?'\"()\[\]{}<>/\\|，。；：！？、“”‘’（）《》【】·…—-"

ENGLISH = {
    "fold": [
        ["^([a-z]{2,})isation(s|al|ally)?$", "$1ization$2"],
        ["^([a-z]{3,})is(e|es|ed|ing|er|ers)$", "$1iz$2"],
        ["^([a-z]{2,})ys(e|es|ed|ing)$", "$1yz$2"],
        ["^([a-z]{2,}[^aeo])our(s|ed|ing|er|ers|able|ably|ite|ites|hood|hoods|ful|fully|less|ly)?$", "$1or$2"],
        ["^([a-z]{2,})tre(s?)$", "$1ter$2"],
        ["^([a-z]{3,})tred$", "$1tered"],
        ["^([a-z]{3,}[aeiou])ll(ing|ed|er|ers)$", "$1l$2"],
    ],
    "inflect": [
        ["([^aeiou])ies$", "$1y"],
        ["(ss|x|z|ch|sh)es$", "$1"],
        ["([^su])s$", "$1"],
        ["^([a-z]*[aeiouy][a-z]+)(ing|ed)$", "$1"],
        ["^([a-z]{2,}[^aeiou])e$", "$1"],
        ["([^aeious])\\1$", "$1"],
    ],
    "close": 3,
}


def leading_letters(key: str) -> str:
    """The letters a-z that `key` begins with (interp of interp3synonym; nothing of 2017)."""
    return key[: len(key) - len(key.lstrip("abcdefghijklmnopqrstuvwxyz"))]


def js_rule(rule: list[str]) -> tuple[re.Pattern, str]:
    """A rule as Python reads it: its JavaScript replacement ($1) as Python's (\\g<1>)."""
    return re.compile(rule[0]), re.sub(r"\$(\d)", r"\\g<\1>", rule[1])


def key_of(rules: dict, close: bool = False) -> Callable[[str], str]:
    """word -> its key under `rules` (ENGLISH, or the manifest's copy of it); its close key
    (the first `close` inflect rules only) if `close`."""
    fold = [js_rule(r) for r in rules.get("fold", ())]
    inflect = [js_rule(r) for r in rules.get("inflect", ())]
    if close:
        inflect = inflect[:rules.get("close", len(inflect))]

    def key(word: str) -> str:
        for pattern, to in fold:
            if pattern.search(word):
                word = pattern.sub(to, word, count=1)
                break
        for pattern, to in inflect:
            word = pattern.sub(to, word, count=1)
        return word

    return key


@cache
def _english_key() -> Callable[[str], str]:
    # Bounded: the distinct words of an index grow with it.
    return lru_cache(maxsize=1 << 16)(key_of(ENGLISH))


def english_key(word: str) -> str:
    """An English word's key (ENGLISH): colours -> color, planned -> plan."""
    return _english_key()(word)
