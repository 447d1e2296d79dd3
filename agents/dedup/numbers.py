"""The figures of a normalised text, each read as the number it stands for.

A copy writes a figure otherwise than its original: in words ("Fourteen dead" for 14, «خمس
عشرة آلية» for 15), with a multiplier ("4.2 million", «15 ألفا», "fifteen thousand" for
15,000), with or without thousands separators ("4,200" and "4200"). Each is read here as its
value, so the copy states the figure its original states and no other. :func:`text_numbers`
returns the CRC-32 of the decimal digits of each value, as ``zlib.crc32(b"4200")``:

- **digit runs** as written ("14", "04", "2023"), except single digits, which turn up in any
  two texts. Normalised text has no punctuation, so "4,200" arrives as ``4 200``: a run of one
  to three digits followed by groups of three is one number;
- **a number followed by a multiplier**: "15 thousand", «15 ألف», "4.2 million" (normalised
  ``4 2 million``, a decimal), "forty eight thousand", «عشرة آلاف», «ثلاثمائة ألف»;
- **numbers written as words** in English and Arabic: units, teens and tens ("forty eight",
  «خمسة وعشرين»), hundreds ("two hundred and twelve", "twelve hundred", «مئة وأربعين»,
  «ثلاث مئة وعشرين»), thousands, millions and billions («ألف وخمسمائة», «ألفين», «مليونين»);
- **ordinals** second to tenth and the Arabic compound ordinals («الجولة الرابعة عشرة» is
  round 14, not 4), as :mod:`agents.dedup.fingerprint` counts them: successive releases of one
  template are often told apart by them alone ("the fifth flight"). "First" is left out: most
  texts use it for something else.

Left out: a unit alone ("seven miners", like a single digit); a multiplier with no count
("hundreds of homes", «آلاف النازحين», "several hundred", "the Hundred"). English "and" joins
only what follows a multiplier ("two hundred and twelve"; "between ten and twenty" is two
numbers), Arabic «و» only a unit to its tens («خمسة وعشرين») or what follows a multiplier
(«ألف وخمسمائة»). Normalised text has no punctuation either, so "more than a hundred. Twenty
of them" reads as 120, as a paragraph's "Dec 3, 200 people" reads as 3200.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

#: Kinds of number word: unit 1-9, teen 10-19, tens 20-90, ordinal, «عشر» after a unit or
#: ordinal, hundred (a multiplier), a whole Arabic hundreds word (200-900), thousand,
#: million and billion, and their Arabic plurals, which need a count from three to ten.
UNIT, TEEN, TENS, ORDINAL, TEN_SUFFIX, HUNDRED, HUNDREDS = range(7)
THOUSAND, MILLION, BILLION = 1_000, 1_000_000, 1_000_000_000
_MULTIPLIERS = (HUNDRED, THOUSAND, MILLION, BILLION)


class _Word(NamedTuple):
    kind: int
    value: int
    plural: bool = False  # "thousands", «آلاف»: a count of three to ten, or no number
    alone: bool = False  # a multiplier that is a number with no count: «مئة», «ألف», «مليون»


def _table() -> dict[bytes, _Word]:
    words: dict[str, _Word] = {}
    en_units = "one two three four five six seven eight nine".split()
    en_teens = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
    en_tens = "twenty thirty forty fifty sixty seventy eighty ninety".split()
    en_ordinals = "second third fourth fifth sixth seventh eighth ninth tenth".split()
    words.update({w: _Word(UNIT, n) for n, w in enumerate(en_units, 1)})
    words.update({w: _Word(TEEN, n) for n, w in enumerate(en_teens.split(), 10)})
    words.update({w: _Word(TENS, 20 + 10 * i) for i, w in enumerate(en_tens)})
    words.update({w: _Word(ORDINAL, n) for n, w in enumerate(en_ordinals, 2)})
    words["hundred"] = _Word(HUNDRED, 100)
    words["hundreds"] = _Word(HUNDRED, 100, plural=True)
    for word, mult in (("thousand", THOUSAND), ("million", MILLION), ("billion", BILLION)):
        words[word] = _Word(mult, 1)
        words[word + "s"] = _Word(mult, 1, plural=True)
    # Arabic, as ``normalize`` writes it (ة → ه, أ إ آ → ا, ئ → ي), masculine and feminine
    ar_units = ["احد واحد", "اثنا اثني اثنان اثنين", "ثلاث ثلاثه", "اربع اربعه", "خمس خمسه",
                "ست سته", "سبع سبعه", "ثمان ثماني ثمانيه", "تسع تسعه"]
    ar_ordinals = ["الحادي الحاديه حادي", "الثاني الثانيه ثاني", "الثالث الثالثه ثالث",
                   "الرابع الرابعه رابع", "الخامس الخامسه خامس", "السادس السادسه سادس",
                   "السابع السابعه سابع", "الثامن الثامنه ثامن", "التاسع التاسعه تاسع",
                   "العاشر العاشره عاشر"]
    ar_tens = ["عشرون عشرين", "ثلاثون ثلاثين", "اربعون اربعين", "خمسون خمسين", "ستون ستين",
               "سبعون سبعين", "ثمانون ثمانين", "تسعون تسعين"]
    for n, forms in enumerate(ar_units, 1):
        words.update(dict.fromkeys(forms.split(), _Word(UNIT, n)))
    for n, forms in enumerate(ar_ordinals, 1):
        words.update(dict.fromkeys(forms.split(), _Word(ORDINAL, n)))
    for i, forms in enumerate(ar_tens):
        words.update(dict.fromkeys(forms.split(), _Word(TENS, 20 + 10 * i)))
    words.update(dict.fromkeys(["عشر", "عشره"], _Word(TEN_SUFFIX, 10)))
    words.update(dict.fromkeys(["ميه", "مايه"], _Word(HUNDRED, 100, alone=True)))
    words.update(dict.fromkeys("ميتين ميتان مايتين مايتان".split(), _Word(HUNDREDS, 200)))
    for n, unit in enumerate("ثلاث اربع خمس ست سبع ثمان تسع".split(), 3):
        words.update(dict.fromkeys((unit + h for h in ("ميه", "مايه")), _Word(HUNDREDS, 100 * n)))
    for mult, one, two, plural in ((THOUSAND, "الف الفا", "الفين الفان الفي", "الاف"),
                                   (MILLION, "مليون مليونا", "مليونين مليونان مليوني",
                                    "ملايين"),
                                   (BILLION, "مليار مليارا", "مليارين ملياران ملياري",
                                    "مليارات")):
        words.update(dict.fromkeys(one.split(), _Word(mult, 1, alone=True)))
        words.update(dict.fromkeys(two.split(), _Word(mult, 2, alone=True)))
        words[plural] = _Word(mult, 1, plural=True)
    return {w.encode(): spec for w, spec in words.items()}


_WORDS = _table()
_AR_PREFIXES = tuple(p.encode() for p in ("وب", "ول", "و", "ب", "ل"))  # a number's clitics
_CONJ = "و".encode()
_AND = b"and"
_A_HALF = [b"a", b"half"]
_AND_HALF = "ونصف".encode()
_DUAL = tuple(e.encode() for e in ("ين", "ان"))
_LARGE = (THOUSAND, MILLION, BILLION)
#: «ونصف المليون»: the half names its multiplier again.
_THE_LARGE = frozenset(w.encode() for w in ("الالف", "المليون", "المليار"))
_A = b"a"  # a count before an English multiplier ("a hundred")
#: Words that start a reading: a text with none of them holds no spelled number.
TRIGGERS = frozenset(
    w for spec_word, spec in _WORDS.items() if spec.kind != UNIT
    for w in (spec_word, _CONJ + spec_word))
_GROUPED = re.compile(rb"\d{1,3}(?: \d{3})+(?![^ ])")  # matched where a run starts
_DIGIT_BYTES = frozenset(range(0x30, 0x3A))
_DIGITS_ONLY = bytes(c if 0x30 <= c <= 0x39 else 0x20 for c in range(256))  # bytes.translate
_SINGLE_DIGITS = frozenset(bytes([c]) for c in range(0x30, 0x3A))
_MAX_BACK = 6  # words a reading looks back from its trigger


def text_numbers(encoded: bytes, words: list[bytes]) -> set[int]:
    """CRC-32 of the decimal digits of each number in a normalised, UTF-8 text (see the
    module's docstring); ``words`` is ``encoded.split()``."""
    runs = Counter(encoded.translate(_DIGITS_ONLY).split())
    values, consumed = _spelled(words)
    for groups in _grouped(encoded, runs):
        values.add(int(b"".join(groups)))
        consumed.extend(groups)
    runs.subtract(consumed)
    found = {zlib.crc32(run) for run, left in runs.items()
             if left > 0 and run not in _SINGLE_DIGITS}
    found.update(zlib.crc32(str(v).encode()) for v in values)
    return found


def _grouped(encoded: bytes, runs: Counter[bytes]) -> list[list[bytes]]:
    """The numbers written with thousands separators, each as its runs of digits ("4,200"
    arrives as ``4 200``). Found from the text's three-digit runs with ``bytes.find``: a
    pattern searched over the whole text would cost more than the rest of the reading."""
    starts: set[int] = set()
    for run in runs:
        if len(run) != 3:
            continue
        needle = b" " + run
        at = encoded.find(needle)
        while at != -1:
            start = space = at
            while start and encoded[start - 1] in _DIGIT_BYTES:
                start -= 1
                if space - start == 3 and start > 1 and encoded[start - 1] == 0x20 \
                        and encoded[start - 2] in _DIGIT_BYTES:
                    start = space = start - 1  # "12 500 000": the chain goes on leftwards
            starts.add(start)
            at = encoded.find(needle, at + 4)
    found: list[tuple[list[bytes], int]] = []
    for start in sorted(starts):
        match = _GROUPED.match(encoded, start)
        if match is not None and not (found and start < found[-1][1]):
            found.append((match[0].split(), match.end()))
    return [groups for groups, _ in found]


def _spelled(words: list[bytes]) -> tuple[set[int], list[bytes]]:
    """The numbers read from each occurrence of a trigger word, and the digit runs those
    readings took in ("15" of "15 thousand"), which are then no figures of their own.
    Occurrences are found with ``list.index``, so the text is scanned at C speed once per
    trigger word it holds, not word by word in Python."""
    values: set[int] = set()
    digits: list[bytes] = []
    done = -1  # the last word a reading took in
    for at in sorted(_occurrences(words)):
        if at <= done:
            continue
        start = at
        while start > max(done + 1, at - _MAX_BACK) and _leads_to(words, start - 1):
            start -= 1
        reading = _read(words, start)
        if start < at and reading is None and any(
                _kind(words, i) in _MULTIPLIERS for i in range(start, at)):
            continue  # "several hundred and twenty": a number that cannot be read
        if start < at and (reading is None or reading.end <= at):
            reading = _read(words, at)  # what came before was no part of this number
        if reading is None:
            continue
        done = reading.end - 1
        values.add(reading.value)
        digits.extend(reading.digits)
    return values, digits


def _occurrences(words: list[bytes]) -> list[int]:
    found = []
    for word in TRIGGERS.intersection(words):
        at = -1
        while True:
            try:
                at = words.index(word, at + 1)
            except ValueError:
                break
            found.append(at)
    return found


class _Token(NamedTuple):
    spec: _Word
    conj: bool  # carries «و»
    digits: bytes | None  # the digit run of a count written in digits


@lru_cache(maxsize=8192)
def _token(word: bytes) -> _Token | None:
    """A word as a number token, with the clitics an Arabic number can carry; a digit run is
    a count (kind UNIT, its value)."""
    spec = _WORDS.get(word)
    if spec is not None:
        return _Token(spec, False, None)
    if word.isdigit():
        return _Token(_Word(UNIT, int(word)), False, word)
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix):
            rest = word[len(prefix):]
            conj = prefix.startswith(_CONJ)
            spec = _WORDS.get(rest)
            if spec is not None:
                return _Token(spec, conj, None)
            if rest.isdigit():
                return _Token(_Word(UNIT, int(rest)), conj, rest)
    return None


def _kind(words: list[bytes], at: int) -> int | None:
    token = _token(words[at]) if 0 <= at < len(words) else None
    return token.spec.kind if token is not None else None


def _leads_to(words: list[bytes], at: int) -> bool:
    """Whether a reading that reaches ``words[at + 1]`` may start at ``words[at]`` instead."""
    word = words[at]
    if word == _AND:
        return _kind(words, at - 1) in _MULTIPLIERS or (
            words[at + 1:at + 3] == _A_HALF and _kind(words, at - 1) is not None)
    if word == _A:
        return _kind(words, at + 1) in _MULTIPLIERS or words[at - 1:at + 2] == [
            _AND, *_A_HALF]
    if word == _A_HALF[1]:
        return words[at - 2:at] == [_AND, _A_HALF[0]]
    return _token(word) is not None


class _Reading(NamedTuple):
    value: int
    end: int  # the index after its last word
    digits: list[bytes]  # the digit runs it took in


def _read(words: list[bytes], start: int) -> _Reading | None:
    """The number read from ``words[start]`` on, or None when there is none to read there."""
    total = current = 0
    last: int | None = None  # kind of the last word taken
    ordinal = False
    digits: list[bytes] = []
    decimal: int | None = None  # the digits after the point of "4 2 million"
    half = False  # "one and a half" before its multiplier
    at = start
    while at < len(words):
        word = words[at]
        if word == _AND:
            if words[at + 1:at + 3] == _A_HALF and (last in _LARGE or (last in (
                    UNIT, TEEN, TENS) and _kind(words, at + 3) in _LARGE)):
                if last in _LARGE:  # "a million and a half"
                    total += last // 2
                else:  # "one and a half million"
                    half = True
                at += 3
                continue
            if last in _MULTIPLIERS and _kind(words, at + 1) in (UNIT, TEEN, TENS):
                at += 1
                continue
            break
        if word == _AND_HALF and last in _LARGE:  # «مليون ونصف», «مليون ونصف المليون»
            total += last // 2
            at += 2 if at + 1 < len(words) and words[at + 1] in _THE_LARGE else 1
            continue
        if word == _A and last is None:
            if _kind(words, at + 1) not in _MULTIPLIERS:
                break
            current, last = 1, UNIT
            at += 1
            continue
        token = _token(word)
        if token is None:
            if last in _MULTIPLIERS and word.startswith(_CONJ) and word.endswith(_DUAL):
                return None  # «مئة وطنين» is 102 tonnes, told by a dual noun
            break
        spec, kind = token.spec, token.spec.kind
        if token.conj and last is not None and not (
                (last == UNIT and kind == TENS)
                or (last in (*_MULTIPLIERS, HUNDREDS)
                    and kind in (UNIT, TEEN, TENS, HUNDRED, HUNDREDS))):
            break
        if token.digits is not None:
            if last is None:
                current = spec.value
            elif last == UNIT and digits and decimal is None and len(token.digits) <= 2 \
                    and _kind(words, at + 1) in _LARGE:
                decimal = int(token.digits)
            else:
                break
            digits.append(token.digits)
            last = UNIT
        elif kind in (UNIT, TEEN, TENS):
            if ordinal or (last in (UNIT, TEEN) and not token.conj) \
                    or (last == TENS and kind != UNIT):
                break
            current += spec.value
            last = kind
        elif kind == TEN_SUFFIX:  # «خمس عشرة», «الرابعة عشرة», or «عشرة» alone
            if last is None:
                current = 10
            elif last in (UNIT, ORDINAL) and current % 100 < 10 and not digits:
                current += 10
            else:
                break
            last = TEEN
        elif kind == ORDINAL:
            if last not in (None, TENS):
                break
            current += spec.value
            ordinal, last = True, ORDINAL
        elif kind == HUNDREDS:
            if current or last not in (None, *_LARGE):
                break
            current, last = spec.value, HUNDREDS
        elif ordinal:
            break
        elif kind == HUNDRED:
            if spec.plural or current >= 100 or (last is None and not spec.alone):
                break
            current, last = (current or 1) * 100, HUNDRED
        else:  # thousand, million, billion
            if (spec.plural and not 3 <= current <= 10) or (last is None and not spec.alone) \
                    or (spec.value == 2 and last is not None):
                break
            count = current if last is not None else 1
            if half:
                total += count * kind + kind // 2
            elif decimal is not None:
                total += round(float(f"{count}.{decimal}") * kind)
            else:
                total += count * spec.value * kind
            current, last, decimal, half = 0, kind, None, False
        at += 1
    value = total + current
    if at == start or decimal is not None or value < (2 if ordinal else 10):
        return None
    return _Reading(value, at, digits)
