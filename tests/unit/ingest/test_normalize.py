"""normalize: the matching form (table of own examples) and fold, its punctuation-keeping key."""

from __future__ import annotations

import pytest

from agents.ingest.normalize import fold, normalize

CASES = [
    ("إِنَّ المُفاوَضاتِ ٣", "ان المفاوضات 3"),
    ("أإآٱ ى ة ؤ ئ", "اااا ي ه و ي"),
    ("الســـلام", "السلام"),
    ("۱۲۳ ١٢٣", "123 123"),
    ("«هدنة» — إنسانيّة!", "هدنه انسانيه"),
    ("Peace\u00a0TALKS,\tresume…", "peace talks resume"),
    ("ﬁre ＡＢＣ", "fire abc"),
    ("İstanbul", "istanbul"),
    ("a_b", "a b"),
    ("\u200fمرحبا\u200e", "مرحبا"),
    ("emoji 😀 here", "emoji here"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_fold_keeps_punctuation() -> None:
    assert fold("إقرأ أيضاً:") == "اقرا ايضا:"
    assert fold("اقرأ أيضًا") == fold("اقرا ايضا")
