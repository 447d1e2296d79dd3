"""normalize: the matching form (table of own examples) and fold, its punctuation-keeping key."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.agents.ingest.normalize import (
    _LONG,
    _nfkc,
    _normalize_lowered,
    fold,
    fold_lines,
    normalize,
)
from khabar.agents.samples import raw_messages

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


def _translated(text: str) -> str:
    """normalize by ``str.translate`` alone, the path short texts take."""
    return _normalize_lowered(_nfkc(text).lower())


# Long texts mixing what the numpy path must get right: Arabic with diacritics and hamza, Latin
# with compatibility forms and special lower-casing (İ, Σ), runs of spaces and separators,
# combining marks, zero-width and bidi marks, lone surrogates and characters beyond the BMP.
_LONG_TEXT = st.lists(
    st.one_of(
        st.sampled_from(["إِنَّ", "المُفاوَضاتِ", "٣", "ـ", "ء", "Σ", "İ", "ﬁ", "Ａ", "\u00a8",
                         "\u0301", "\u200f", "\ud800", "😀", "  ", "\n\t", "…", "_", "\u00a0"]),
        st.text(max_size=12),
    ),
    min_size=40,
).map(" ".join).filter(lambda text: len(text) >= _LONG)


@settings(max_examples=400, deadline=None)
@given(_LONG_TEXT)
def test_long_text_path_equals_translate(text: str) -> None:
    assert normalize(text) == _translated(text)


def test_long_text_path_equals_translate_on_sample_pages() -> None:
    texts = [line.decode("utf-8", "replace") * 3 for line in raw_messages()]
    assert any(len(text) >= _LONG for text in texts)
    for text in texts:
        assert normalize(text) == _translated(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LONG_TEXT.map(lambda text: text.replace("\n", " ")) | st.text(max_size=40)))
def test_fold_lines_equals_fold_of_each(lines: list[str]) -> None:
    # Lines with a newline, lone surrogates and characters beyond the BMP take the fallback.
    assert fold_lines(lines) == [fold(line) for line in lines]


def test_fold_lines_on_sample_pages() -> None:
    lines = [line for message in raw_messages()
             for line in message.decode("utf-8", "replace").split("\n")]
    assert fold_lines(lines) == [fold(line) for line in lines]
