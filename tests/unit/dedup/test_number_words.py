"""Numbers written as words count as the figures they stand for."""

from __future__ import annotations

import zlib

import pytest

from khabar.agents.dedup.fingerprint import number_hashes
from khabar.agents.dedup.number_words import NUMBER_WORDS, spelled_numbers
from khabar.agents.ingest.normalize import normalize


def spelled(text: str) -> list[int]:
    crc = {zlib.crc32(str(n).encode()): n for n in range(1000)}
    return sorted(crc[h] for h in spelled_numbers(normalize(text).encode().split()))


@pytest.mark.parametrize(("text", "figures"), [
    ("Fourteen dead as bus leaves road", [14]),
    ("a forty-eight hour strike", [48]),
    ("twenty people and ninety two cars", [20, 92]),
    ("the fifth flight", [5]),
    ("خمس عشرة آلية", [15]),
    ("اثنا عشر شهرا", [12]),
    ("خمسة وعشرين يوما", [25]),
    ("الجولة الرابعة عشرة", [14]),  # a compound ordinal, not the fourth
    ("الدورة الحادية عشرة", [11]),
    ("والسادسة", [6]),
    ("عشرة أيام", [10]),
])
def test_cardinals_and_ordinals_in_both_languages(text: str, figures: list[int]) -> None:
    assert spelled(text) == figures


@pytest.mark.parametrize("text", [
    "seven miners and one dog",  # units, like single digits
    "twelve hundred appointments",  # its digits (1,200) are read as separate runs
    "forty eight thousand people",
    "عشرة آلاف متظاهر",
    "ثلاثة أيام",
    "the first flight",
    "nineteen hundred and ninety",  # a year told in hundreds: not 90
    "2 hundred and twelve",
    "several hundred and twenty",
])
def test_units_and_numbers_before_a_multiplier_are_left_out(text: str) -> None:
    assert spelled(text) == []


@pytest.mark.parametrize(("text", "figures"), [
    ("two hundred and twelve suspected cases", [212]),
    ("one hundred forty-two homes", [142]),
    ("a hundred and ten families", [110]),
    ("مئة وأربعين مسكنا", [140]),
    ("مائتين وخمسين أسرة", [250]),
    ("ثلاثمائة واثنا عشر طنا", [312]),
    ("ثلاثمئة وخمسة وعشرين", [325]),
    ("ثلاث مئة وعشرين", [320]),
    ("ألف وثلاث مئة وعشرين", [320]),  # after a thousand, the hundreds carry the conjunction
    ("one thousand two hundred and twelve", [212]),  # as "1,212" reads: 1 and 212
])
def test_a_number_after_hundreds_is_read_with_them(text: str, figures: list[int]) -> None:
    """Read alone, the twelve of 212 or the forty of 140 would be a figure the original's
    digits do not state, and the copy would look like another story's item."""
    assert spelled(text) == figures


def test_a_spelled_number_and_its_digits_are_one_figure() -> None:
    assert number_hashes(normalize("Fourteen dead")) == number_hashes(normalize("14 dead"))
    assert number_hashes(normalize("خمس عشرة آلية")) == number_hashes(normalize("15 آلية"))
    assert number_hashes(normalize("قمة الجولة الـ 14")) == number_hashes(
        normalize("قمة الجولة الرابعة عشرة"))
    assert number_hashes(normalize("two hundred and twelve cases")) == number_hashes(
        normalize("212 cases"))
    assert number_hashes(normalize("نحو مئة وأربعين مسكنا")) == number_hashes(
        normalize("نحو 140 مسكنا"))


def test_every_number_word_of_a_text_is_read_where_it_stands() -> None:
    """Each occurrence is read with the words around it, at the start and end of the text."""
    text = "fifteen at first then twenty one and later fifteen thousand and then forty"
    assert spelled(text) == [15, 21, 40]
    assert spelled("ninety") == [90]
    assert NUMBER_WORDS.isdisjoint(normalize("Seven miners alive after 62 hours").encode().split())
