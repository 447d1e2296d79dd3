"""Numbers written as words, read as the figures they stand for.

A copy spells out what its original writes in digits, or the other way round ("Fourteen
dead" for 14, «خمس عشرة آلية» for 15 machines), and a spelled ordinal can be a compound
(«الجولة الرابعة عشرة» is round 14, not 4). :func:`spelled_numbers` reads, in normalised text:

- English and Arabic cardinals from ten to ninety-nine: teens, tens alone or with their unit
  ("forty eight", «خمسة وعشرين»), and the Arabic teens of a unit or an ordinal and «عشر»;
- the ordinals second to tenth in both languages, as :mod:`agents.dedup.fingerprint` counts
  them: successive releases of one template are often told apart by them alone ("the fifth
  flight"). "First" is left out: most texts use it for something else;
- such a cardinal after hundreds, as one number: "two hundred and twelve" is 212 and
  «مئة وأربعين» 140, never 12 or 40, which the original's digits would not state. Hundreds
  told by a digit or a vague word ("several hundred and twenty") leave the number out.
  Normalised text has no punctuation, so "more than a hundred. Twenty of them" reads as 120.

Units alone (one to nine) are left out, as single digits are: they turn up in any two texts.
So is a number followed by hundred, thousand, million or billion: "fifteen thousand" is not
15, and its digits are not always one run a spelled number could meet ("1,200" reads as 1 and
200; "15,000" as 15 and 000, where the 15 would meet "fifteen" only by chance).
"""

from __future__ import annotations

import re
import zlib

_EN_UNITS = "one two three four five six seven eight nine".split()  # 1..9
_EN_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()  # 20..90
_EN_ORDINALS = "second third fourth fifth sixth seventh eighth ninth tenth".split()  # 2..10
#: Arabic forms as ``normalize`` writes them (ة → ه), masculine and feminine, 1..9.
_AR_UNITS = ["احد واحد", "اثنا اثني اثنان اثنين", "ثلاث ثلاثه", "اربع اربعه", "خمس خمسه",
             "ست سته", "سبع سبعه", "ثمان ثماني ثمانيه", "تسع تسعه"]
_AR_ORDINALS = ["الحادي الحاديه حادي", "الثاني الثانيه ثاني", "الثالث الثالثه ثالث",
                "الرابع الرابعه رابع", "الخامس الخامسه خامس", "السادس السادسه سادس",
                "السابع السابعه سابع", "الثامن الثامنه ثامن", "التاسع التاسعه تاسع",
                "العاشر العاشره عاشر"]  # 1..10
_AR_TENS = ["عشرون عشرين", "ثلاثون ثلاثين", "اربعون اربعين", "خمسون خمسين", "ستون ستين",
            "سبعون سبعين", "ثمانون ثمانين", "تسعون تسعين"]  # 20..90
_AR_TEN = ["عشر", "عشره"]
#: Forms as ``normalize`` writes them (ئ → ي, أ → ا, ة → ه).
_MULTIPLIERS = ("hundred hundreds thousand thousands million millions billion billions "
                "ميه مايه ميات مايات الف الاف مليون ملايين مليار مليارات").split()
#: Arabic hundreds written as one word, normalised: 100, 200 and the units' compounds.
_AR_HUNDRED = ["ميه", "مايه"]
_AR_HUNDREDS = {
    **dict.fromkeys((w.encode() for w in _AR_HUNDRED), 100),
    **dict.fromkeys((w.encode() for w in "ميتين ميتان مايتين مايتان".split()), 200),
    **{(unit + h).encode(): 100 * n
       for n, unit in enumerate("ثلاث اربع خمس ست سبع ثمان تسع".split(), 3)
       for h in _AR_HUNDRED},
}
#: What may tell the hundreds before a number phrase: "a" or a unit ("two hundred and
#: twelve"), and in Arabic a unit before «مئة» written apart («ثلاث مئة وعشرين»).
_EN_HUNDRED_UNITS = {b"a": 1, **{w.encode(): n for n, w in enumerate(_EN_UNITS, 1)}}
_AR_UNIT_VALUES = {w.encode(): n for n, forms in enumerate(_AR_UNITS, 1) for w in forms.split()}
_AND = "و".encode()


def _values() -> dict[bytes, int]:
    """Each word above, encoded, with the number it stands for."""
    values = {}
    for number, word in [*enumerate(_EN_UNITS, 1), *enumerate(_EN_TEENS.split(), 10),
                         *((20 + 10 * i, w) for i, w in enumerate(_EN_TENS)),
                         *enumerate(_EN_ORDINALS, 2)]:
        values[word.encode()] = number
    for number, forms in [*enumerate(_AR_UNITS, 1), *enumerate(_AR_ORDINALS, 1),
                          *((20 + 10 * i, w) for i, w in enumerate(_AR_TENS))]:
        values.update(dict.fromkeys((w.encode() for w in forms.split()), number))
    return values


_VALUES = _values()


def _alt(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_AR_TENS_WORDS = [w for forms in _AR_TENS for w in forms.split()]
_AR_UNIT_WORDS = [w for forms in _AR_UNITS for w in forms.split()]
_AR_ORDINAL_WORDS = [w for forms in _AR_ORDINALS for w in forms.split()]
_AR_ORDINALS_ALONE = [w for forms in _AR_ORDINALS[1:] for w in forms.split()]  # 2..10
#: One phrase: the optional parts are possessive, so "forty eight thousand" is no match at
#: all rather than a 40. Words are space-separated in normalised text; ``و`` is the
#: conjunction an Arabic word can carry.
_PHRASE = re.compile(
    (r"(?<![^ ])(?:"
     rf"(?P<tens>{_alt(_EN_TENS)})(?: (?P<unit>{_alt(_EN_UNITS)}))?+"
     rf"|(?P<teen>{_alt(_EN_TEENS.split())})"
     rf"|(?P<ordinal>{_alt(_EN_ORDINALS)})"
     rf"|(?:و)?(?P<ar_unit>{_alt(_AR_UNIT_WORDS + _AR_ORDINAL_WORDS)}) (?:{_alt(_AR_TEN)})"
     rf"|(?:(?:و)?(?P<ar_tens_unit>{_alt(_AR_UNIT_WORDS)}) )?+(?:و)?"
     rf"(?P<ar_tens>{_alt(_AR_TENS_WORDS)})"
     rf"|(?:و)?(?P<ar_ordinal>{_alt(_AR_ORDINALS_ALONE)})"
     rf"|(?:و)?(?P<ar_ten>{_alt(_AR_TEN)})"
     rf")(?! (?:{_alt(_MULTIPLIERS)})(?![^ ]))(?![^ ])").encode())
#: Words without which a text holds no spelled number: a text without any of them is not
#: searched.
NUMBER_WORDS = frozenset(
    w.encode() for w in [*_EN_TEENS.split(), *_EN_TENS, *_EN_ORDINALS,
                         *(p + w for w in [*_AR_TENS_WORDS, *_AR_ORDINALS_ALONE, *_AR_TEN]
                           for p in ("", "و"))])


def _value(match: re.Match[bytes]) -> int:
    tens, unit, ar_unit, ar_tens, ar_tens_unit = match.group(
        "tens", "unit", "ar_unit", "ar_tens", "ar_tens_unit")
    if tens:
        return _VALUES[tens] + (_VALUES[unit] if unit else 0)
    if ar_unit:
        return 10 + _VALUES[ar_unit]
    if ar_tens:
        return _VALUES[ar_tens] + (_VALUES[ar_tens_unit] if ar_tens_unit else 0)
    if match["ar_ten"]:
        return 10
    return _VALUES[match["teen"] or match["ordinal"] or match["ar_ordinal"]]


def spelled_numbers(words: list[bytes]) -> set[int]:
    """CRC-32 of the decimal digits of each number spelled out in the words of a normalised,
    UTF-8 text, as ``zlib.crc32(b"14")`` for "fourteen".

    Each occurrence of one of :data:`NUMBER_WORDS` is read where it stands: as the end of a
    phrase begun by the word before (a unit of an Arabic teen or tens), else as the start of
    one, with the two words after it (a unit, a multiplier), and with the hundreds before the
    phrase (:func:`_hundreds`). Occurrences are found with ``list.index``, so the text is
    scanned at C speed once per number word it holds, not word by word in Python.
    """
    found: set[int] = set()
    for word in NUMBER_WORDS.intersection(words):
        at = -1
        while True:
            try:
                at = words.index(word, at + 1)
            except ValueError:
                break
            start = len(words[at - 1]) + 1 if at else 0  # of the number word in the window
            window = b" ".join(words[max(0, at - 1):at + 3])
            phrase = _PHRASE.match(window) if at else None
            first = at - 1  # the word the phrase starts with
            if phrase is None or phrase.end() < start:
                phrase, first = _PHRASE.match(window, start), at
            if phrase is None:
                continue
            hundreds = _hundreds(words, first)
            if hundreds != 0:
                found.add(zlib.crc32(str(_value(phrase) + (hundreds or 0)).encode()))
    return found


def _hundreds(words: list[bytes], first: int) -> int | None:
    """The hundreds that come before the number phrase starting at ``words[first]`` ("two
    hundred and twelve", "a hundred forty", «مئة وأربعين», «ثلاثمائة واثنا عشر», «ثلاث مئة
    وعشرين»): None when there are none, 0 when they cannot be read ("nineteen hundred and
    ninety"), and the phrase is then no number of its own."""
    if first < 1:
        return None
    before = words[first - 1]
    if words[first].startswith(_AND):  # Arabic: the phrase carries the conjunction
        hundreds = _AR_HUNDREDS.get(before.removeprefix(_AND))  # «ألف ومئتين وخمسين»
        unit = words[first - 2].removeprefix(_AND) if first >= 2 else b""
        if hundreds == 100 and unit in _AR_UNIT_VALUES:  # «ثلاث مئة وعشرين»
            return 100 * _AR_UNIT_VALUES[unit]
        return hundreds
    at = first - 2 if before == b"and" and first >= 2 else first - 1
    if words[at] != b"hundred":
        return None
    unit = words[at - 1] if at else b"a"
    if unit in _EN_HUNDRED_UNITS:
        return 100 * _EN_HUNDRED_UNITS[unit]
    return 100 if unit == b"the" else 0  # "nineteen hundred", "several hundred": unread
