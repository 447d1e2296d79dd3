"""Figures read as the numbers they stand for, however a text writes them."""

from __future__ import annotations

import zlib

import pytest

from khabar.agents.dedup.fingerprint import number_hashes
from khabar.agents.dedup.numbers import TRIGGERS, text_numbers
from khabar.agents.ingest.normalize import normalize

#: Every value the tables below state, by its CRC-32, to print a text's figures back.
_VALUES = [*range(2100), 2300, 2500, 4200, 5000, 10_000, 15_000, 34_000, 48_000, 320_000,
           1_500_000, 2_000_000, 3_000_000, 2_750_000_000]
_BY_CRC = {zlib.crc32(str(n).encode()): n for n in _VALUES}


def figures(text: str) -> list[int]:
    encoded = normalize(text).encode()
    return sorted(_BY_CRC[h] for h in text_numbers(encoded, encoded.split()))


@pytest.mark.parametrize(("text", "values"), [
    ("Fourteen dead as bus leaves road", [14]),
    ("a forty-eight hour strike", [48]),
    ("twenty people and ninety two cars", [20, 92]),
    ("between ten and twenty people", [10, 20]),  # "and" joins only after a multiplier
    ("the fifth flight", [5]),
    ("the second and third rounds", [2, 3]),
    ("خمس عشرة آلية", [15]),
    ("اثنا عشر شهرا", [12]),
    ("خمسة وعشرين يوما", [25]),
    ("الجولة الرابعة عشرة", [14]),  # a compound ordinal, not the fourth
    ("الدورة الحادية عشرة", [11]),
    ("والسادسة", [6]),
    ("عشرة أيام", [10]),
])
def test_cardinals_and_ordinals_in_both_languages(text: str, values: list[int]) -> None:
    assert figures(text) == values


@pytest.mark.parametrize(("text", "values"), [
    ("two hundred and twelve suspected cases", [212]),
    ("one hundred forty-two homes", [142]),
    ("a hundred and ten families", [110]),
    ("nine hundred have fallen ill", [900]),
    ("twelve hundred appointments", [1200]),
    ("nineteen hundred and ninety", [1990]),
    ("more than a hundred. Twenty of them", [120]),  # no punctuation once normalised
    ("مئة وأربعين مسكنا", [140]),
    ("مائتين وخمسين أسرة", [250]),
    ("ثلاثمائة واثنا عشر طنا", [312]),
    ("ثلاثمئة وخمسة وعشرين", [325]),
    ("ثلاث مئة وعشرين", [320]),
])
def test_hundreds_are_read_with_what_follows_them(text: str, values: list[int]) -> None:
    """Read alone, the twelve of 212 or the forty of 140 would be a figure the original's
    digits do not state, and the copy would look like another story's item."""
    assert figures(text) == values


@pytest.mark.parametrize(("text", "values"), [
    ("forty eight thousand people", [48_000]),
    ("fifteen thousand", [15_000]),
    ("15 thousand", [15_000]),
    ("one thousand two hundred and twelve", [1212]),
    ("a million and a half", [1_500_000]),
    ("one and a half million", [1_500_000]),
    ("1.5 million people", [1_500_000]),
    ("2.75 billion dollars", [2_750_000_000]),
    ("عشرة آلاف متظاهر", [10_000]),
    ("خمسة عشر ألف شخص", [15_000]),
    ("بخمسة آلاف", [5000]),
    ("ألف وثلاث مئة وعشرين", [1320]),
    ("ألفين وثلاثمائة أسرة", [2300]),
    ("ألف ونصف", [1500]),
    ("ألف ومئة", [1100]),
    ("مليونين", [2_000_000]),
    ("3 ملايين", [3_000_000]),
    ("بنحو 1.5 مليون دولار", [1_500_000]),
    ("مليون ونصف المليون دولار", [1_500_000]),
    ("ثلاثمائة وعشرون ألفا", [320_000]),
])
def test_thousands_millions_and_billions(text: str, values: list[int]) -> None:
    assert figures(text) == values


@pytest.mark.parametrize(("text", "values"), [
    ("Some 4,200 homes", [4200]),
    ("34,000 tonnes and 15 000 more", [15_000, 34_000]),
    ("نحو 4,200 منزل و٣٤٫٠٠٠ طن", [4200, 34_000]),
    ("in 2023 and 2024", [2023, 2024]),  # years side by side are two numbers
    ("5.6 magnitude at 10 km", [10]),  # a decimal with no multiplier: its single digits
    ("it cost 4200 and 4,200", [4200]),
])
def test_digits_with_thousands_separators_are_one_number(text: str, values: list[int]) -> None:
    assert figures(text) == values


@pytest.mark.parametrize("text", [
    "seven miners and one dog",  # units, like single digits
    "three days",
    "ثلاثة أيام",
    "the first flight",
    "hundreds of homes",
    "thousands fled",
    "آلاف النازحين",
    "several hundred and twenty",
    "the Hundred, a cricket competition",
    "مئة وطنين",  # 102 tonnes, told by a dual noun
])
def test_units_and_multipliers_without_a_count_are_left_out(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(("words", "digits"), [
    ("Fourteen dead", "14 dead"),
    ("خمس عشرة آلية", "15 آلية"),
    ("قمة الجولة الرابعة عشرة", "قمة الجولة الـ 14"),
    ("two hundred and twelve cases", "212 cases"),
    ("نحو مئة وأربعين مسكنا", "نحو 140 مسكنا"),
    ("thirty-four thousand tonnes", "34,000 tonnes"),
    ("ألفين وثلاثمائة أسرة", "2300 أسرة"),
    ("4.2 million", "4,200,000"),
    ("مليون ونصف", "1.5 مليون"),
])
def test_a_number_in_words_and_in_digits_is_one_figure(words: str, digits: str) -> None:
    assert number_hashes(normalize(words)) == number_hashes(normalize(digits))


def test_every_number_of_a_text_is_read_where_it_stands() -> None:
    """Each occurrence is read with the words around it, at the start and end of the text."""
    text = "fifteen at first then twenty one and later fifteen thousand and then forty"
    assert figures(text) == [15, 21, 40, 15_000]
    assert figures("ninety") == [90]
    assert figures("in 2019 fifteen people died") == [15, 2019]
    assert TRIGGERS.isdisjoint(normalize("Seven miners alive after 62 hours").encode().split())
