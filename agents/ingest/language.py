"""Language detection: a script-ratio shortcut first, lingua for the rest.

Most pages are Arabic or English, and both can be told cheaply: a text whose letters are mostly
Arabic script (without the letters that mark Persian or Urdu) is Arabic, even when it quotes
English names; a Latin-script text dense in English function words is English. Everything else
goes to lingua-language-detector (offline models in the wheel), restricted to the languages a
Middle-East news stream carries, built once on first use. ``und`` when the text is too short or
lingua is not confident.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from lingua import LanguageDetector

UNDETERMINED = "und"
MIN_LETTERS = 12  # fewer letters than this: "und"
SAMPLE_CHARS = 600  # lingua sees at most this much text (its cost grows with length)
LINGUA_CACHE = 1024  # samples whose lingua answer is kept (at most ~2.4 MB of text)

_ARABIC = re.compile(
    r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]"
)
# Letters used by Persian, Urdu, Pashto, Kurdish but not by Arabic (ک and ی are left out: Arabic
# sites print them too).
_NON_ARABIC = re.compile(
    r"[\u067e\u0686\u0698\u06af\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2\u06d5\u06b5\u06ce]"
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_WORD = re.compile(r"[a-z']+")
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for on was with as by at from it be has have are said "
    "an its his will were not but this which who after their had been they he".split()
)
_ENGLISH_CORE = frozenset(("the", "of", "and", "to"))  # not words in French, Spanish, ...
_LANGUAGES = (
    "ARABIC",
    "ENGLISH",
    "FRENCH",
    "SPANISH",
    "GERMAN",
    "ITALIAN",
    "PORTUGUESE",
    "TURKISH",
    "PERSIAN",
    "URDU",
    "HEBREW",
    "RUSSIAN",
    "INDONESIAN",
    "DUTCH",
    "SOMALI",
)


@cache
def _detector() -> LanguageDetector:
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in _LANGUAGES]
    return (
        LanguageDetectorBuilder.from_languages(*languages)
        .with_minimum_relative_distance(0.15)
        .build()
    )


_CLASSES = (_LETTER, _ARABIC, _NON_ARABIC, _LATIN)


def _count(pattern: re.Pattern[str], text: str) -> int:
    """Characters of ``text`` that ``pattern`` (one character class) matches."""
    return len(text) - len(pattern.sub("", text))


@cache
def _flags() -> np.ndarray:
    """For every BMP code point, bit k set when ``_CLASSES[k]`` matches it (built once)."""
    flags = np.zeros(0x10000, dtype=np.uint8)
    for bit, pattern in enumerate(_CLASSES):
        members = pattern.findall("".join(map(chr, range(0xD800))) +
                                  "".join(map(chr, range(0xE000, 0x10000))))
        codes = np.fromiter(map(ord, members), dtype=np.int64, count=len(members))
        flags[codes] |= np.uint8(1 << bit)
    return flags


# _BITS[k, v] is 1 when flag value v has bit k set: a histogram of the flag values times _BITS
# counts the characters of each class.
_BITS = np.array([[(v >> k) & 1 for v in range(1 << len(_CLASSES))]
                  for k in range(len(_CLASSES))], dtype=np.int64)


def _counts(sample: str) -> tuple[int, int, int, int]:
    """Letters, Arabic, non-Arabic Arabic-script and Latin letters of ``sample``: one table
    lookup per character (numpy) instead of four regex passes."""
    codes = np.frombuffer(sample.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if not codes.size or int(codes.max()) > 0xFFFF:
        return tuple(_count(p, sample) for p in _CLASSES)  # type: ignore[return-value]
    histogram = np.bincount(_flags()[codes], minlength=1 << len(_CLASSES))
    return tuple((_BITS @ histogram).tolist())


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of ``text``'s language, or ``"und"``."""
    sample = text[:SAMPLE_CHARS]
    letters, arabic, non_arabic, latin = _counts(sample)
    if letters < MIN_LETTERS:
        return UNDETERMINED
    if arabic >= 0.6 * letters and non_arabic <= 0.01 * arabic:
        return "ar"
    if latin >= 0.9 * letters:
        words = _LATIN_WORD.findall(sample.lower())
        function_words = [w for w in words if w in _ENGLISH_FUNCTION_WORDS]
        core = sum(w in _ENGLISH_CORE for w in function_words)
        if len(words) >= 8 and len(function_words) >= 0.12 * len(words) and core >= 2:
            return "en"
    return _lingua(sample)


@lru_cache(maxsize=LINGUA_CACHE)
def _lingua(sample: str) -> str:
    """lingua's answer for ``sample``. Cached: lingua takes 0.5-1.5 ms a call, and copies of
    one story from several sites open with the same text."""
    language = _detector().detect_language_of(sample)
    if language is None:
        return UNDETERMINED
    return language.iso_code_639_1.name.lower()
