"""Figures as each language writes them, read as values, so that the twins of a case can be
compared figure by figure although each writes its figures in its own way.

Chinese counts in 万 (ten thousand) and 亿 (a hundred million) and hedges a figure with 余/多 (more
than) or 近 (nearly): 3400万元, 3万余份, 近千人, 10月29日. An English reader expects 34 million yuan,
more than 30,000 copies, nearly a thousand people, 29 October. Both sides are read here as values
(Decimal), with the hedge and the text as written, for trace.py to compare.

A figure is only ever read from what the text writes: nothing here guesses a unit the text does
not state. Not read as figures: ordinals (the seventh festival, 第七届), "one" alone in English
(most often a pronoun) and "May" away from a day or a year (most often the verb).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

# Hedges, as the comparison needs them: a figure said to be "more than" N is not one said to be
# "nearly" N.
MORE = "more than"
NEARLY = "nearly"


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of a text. `value`: what it counts, multiplied out (3400万 -> 34000000);
    `shown`: as the text writes it; `key`: what finds its line in the file (its first Arabic
    number, or its words in lower case); `hedge`: MORE, NEARLY or None; `arabic`: written with
    Arabic digits (the Chinese file's Arabic figures are the ones its twin must state)."""

    value: Decimal
    shown: str
    key: str
    offset: int
    hedge: str | None = None
    arabic: bool = True


def plain(value: Decimal) -> str:
    """A value as an English reader writes it in full: 34,000,000; 2,018,000; 98.7."""
    value = value.normalize()
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,f}"


def english(value: Decimal) -> str:
    """A value as an English text would best state it: 34 million, 2.018 million, 120,000."""
    for scale, word in ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if value >= scale:
            return f"{(value / scale).normalize():f} {word}"
    return plain(value)


def digits(value: Decimal) -> str:
    """The significant digits of a value (3400万 and 3.4 million both give 34): a figure whose
    digits are a Chinese figure's but whose value is not is that figure wrongly converted."""
    return str(value.normalize()).replace(".", "").split("E")[0].lstrip("0").rstrip("0") or "0"


# -- Chinese ----------------------------------------------------------------------------------------

_ZH_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
_ZH_UNIT = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 10 ** 4, "亿": 10 ** 8}
# An Arabic number (full-width already folded by the caller) and the Chinese scale after it:
# 3400万, 201.8万, 3万余, 30余万, 1.2亿.
# Digits that end a Latin word (G20, L0) are part of a name, as the English reads them (\b).
_ZH_ARABIC = re.compile(r"(近|上)?(?<![A-Za-z0-9])([0-9]+(?:\.[0-9]+)?)(余|多)?([百千万亿]*)(余|多)?")
_ZH_WORDS = re.compile(r"(近|上)?([零〇一二两三四五六七八九十百千万亿]+)(余|多)?")


def _zh_value(words: str) -> list[int]:
    """The values of a run of Chinese numerals: 十二 -> [12], 一千二百 -> [1200], 上万 -> [10000];
    digits side by side name a range or a list (三四亩 -> [3, 4])."""
    if len(words) > 1 and all(c in _ZH_DIGIT for c in words):
        return [_ZH_DIGIT[c] for c in words]
    total, section, digit = 0, 0, None
    for c in words:
        if c in _ZH_DIGIT:
            digit = _ZH_DIGIT[c]
        elif c in _ZH_UNIT:
            section += (1 if digit is None else digit) * _ZH_UNIT[c]
            digit = None
        else:  # 万, 亿
            total = (total + section + (digit or 0) or 1) * _ZH_BIG[c]
            section, digit = 0, None
    return [total + section + (digit or 0)]


def _scale(units: str) -> int:
    factor = 1
    for c in units:
        factor *= {"百": 100, "千": 1000, "万": 10 ** 4, "亿": 10 ** 8}[c]
    return factor


def zh_figures(text: str) -> Iterator[Figure]:
    """The figures of a Chinese text (folded): Arabic ones multiplied out by the 万 or 亿 after
    them, and figures in Chinese numerals (十二个, 近千人), which the English may write as words."""
    for m in _ZH_ARABIC.finditer(text):
        before, number, hedge1, units, hedge2 = m.groups()
        value = Decimal(number) * _scale(units)
        hedge = NEARLY if before == "近" else MORE if (hedge1 or hedge2 or before == "上") else None
        yield Figure(value, m.group().lstrip("近上"), number, m.start(2), hedge)
    for m in _ZH_WORDS.finditer(text):
        before, words, hedge = m.groups()
        if text[m.start() - 1:m.start()].isdigit():
            continue  # the 万 of 3400万, read above with its number
        for amount in _zh_value(words):
            yield Figure(Decimal(amount), m.group(), words, m.start(2),
                         NEARLY if before == "近" else MORE if (hedge or before == "上") else None, arabic=False)


# -- English ----------------------------------------------------------------------------------------

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUE = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10 ** 6, "billion": 10 ** 9}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

_SMALL = rf"(?:(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_UNITS[1:10])}))?|{'|'.join(reversed(_UNITS))})"
_SCALE = rf"(?:{'|'.join(_SCALES)})"
# twelve; twenty-five; three hundred; a thousand; one hundred and twenty
_WORDS = rf"(?:(?:{_SMALL}|a)\s+{_SCALE}(?:\s+(?:and\s+)?{_SMALL})?|{_SMALL})"
# 34; 34,000,000; 2.018 million; 12 thousand
_NUMERAL = rf"(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?(?:\s+{_SCALE}\b)?"
_HEDGE = r"(?:(more than|over|upwards of|at least|some|nearly|almost|close to|just under|about|around)\s+)?"
_EN = re.compile(rf"(?i:\b{_HEDGE})(?:(?P<numeral>{_NUMERAL})|(?i:\b(?P<words>{_WORDS})\b))")
_MONTH = re.compile(rf"\b(?:{'|'.join(MONTHS)})\b")
# May is a month beside a day or a year, or after a word that introduces a time; else the verb.
_MAY_CONTEXT = re.compile(r"(?:[0-9]\s+|\b(?:in|of|from|since|until|to|by|early|late|mid|end|and|or|between)"
                          r"[\s-]+)$", re.I)
_NEARLY_WORDS = {"nearly", "almost", "close to", "just under", "about", "around"}


def _words_value(words: str) -> Decimal:
    total, current = 0, 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word == "and":
            continue
        if word == "a":
            current = 1
        elif word in _SCALES:
            if _SCALES[word] == 100:
                current = (current or 1) * 100
            else:
                total, current = total + (current or 1) * _SCALES[word], 0
        else:
            current += _WORD_VALUE[word]
    return Decimal(total + current)


def en_figures(text: str) -> Iterator[Figure]:
    """The figures of an English text: Arabic numbers with thousands commas and a scale word
    (34 million, 120,000), numbers in words (twelve, a thousand) and months (29 October). "one"
    alone is not read as a figure: it is far more often a pronoun ("one of the hospitals")."""
    for m in _EN.finditer(text):
        hedge_word = (m.group(1) or "").lower()
        hedge = None if not hedge_word else NEARLY if hedge_word in _NEARLY_WORDS else MORE
        if hedge_word in ("about", "around", "some"):
            hedge = None  # a rounding, not a bound: it contradicts neither 余 nor 近
        if m.group("numeral"):
            shown = m.group("numeral")
            number, _, scale = shown.partition(" ")
            scale = scale.strip().lower()
            value = Decimal(number.replace(",", "")) * _SCALES.get(scale, 1)
            digits = re.match(r"[0-9]+(?:\.[0-9]+)?", number)
            assert digits is not None  # a numeral starts with a digit (_NUMERAL)
            key = digits.group()
            yield Figure(value, shown, key, m.start("numeral"), hedge)
        else:
            shown = m.group("words")
            if shown.lower() in ("one", "zero"):
                continue
            yield Figure(_words_value(shown), shown, shown.lower(), m.start("words"), hedge, arabic=False)
    for m in _MONTH.finditer(text):
        if m.group() == "May" and not (_MAY_CONTEXT.search(text, 0, m.start())
                                       or re.match(r"\s+[0-9]", text[m.end():m.end() + 3])):
            continue
        yield Figure(Decimal(MONTHS.index(m.group()) + 1), m.group(), m.group().lower(), m.start(), arabic=False)


# -- Dates: a day belongs to its month ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Date:
    """A day of a month as a text writes it (no year: the sources rarely give one with the day)."""

    month: int
    day: int
    shown: str
    key: str  # what finds its line: its first Arabic number


_ZH_DAY = re.compile(r"([0-9]{1,2})月([0-9]{1,2})日(?:(?:至|到|—|-|～|~)([0-9]{1,2})日)?")
_MONTH_NAMES = "|".join(MONTHS)
_TO = r"\s*(?:to|and|until|–|-)\s*"
_EN_DAY = re.compile(rf"\b([0-9]{{1,2}})(?:{_TO}([0-9]{{1,2}}))?\s+({_MONTH_NAMES})\b"
                     rf"|\b({_MONTH_NAMES})\s+([0-9]{{1,2}})(?![0-9])(?:{_TO}([0-9]{{1,2}})(?![0-9]))?")


def zh_dates(text: str) -> Iterator[Date]:
    """10月29日; 3月7日至8日 (the second day in the same month)."""
    for m in _ZH_DAY.finditer(text):
        month, first, last = int(m.group(1)), int(m.group(2)), m.group(3)
        for day in (first, int(last)) if last else (first,):
            if 1 <= month <= 12 and 1 <= day <= 31:
                yield Date(month, day, m.group(), m.group(1))


def en_dates(text: str) -> Iterator[Date]:
    """29 October; 1 to 30 September; October 29 (either order)."""
    for m in _EN_DAY.finditer(text):
        if m.group(3):
            month, days, key = m.group(3), [m.group(1), m.group(2)], m.group(1)
        else:
            month, days, key = m.group(4), [m.group(5), m.group(6)], m.group(5)
        for day in (int(d) for d in days if d):
            if 1 <= day <= 31:
                yield Date(MONTHS.index(month) + 1, day, m.group(), key)


def english_date(date: Date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]}"


# Words an English file locates a figure by, for trace.lines_of.
WORD_KEYS = re.compile(rf"(?i:\b{_WORDS}\b)|\b(?:{'|'.join(MONTHS)})\b")
