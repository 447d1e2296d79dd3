"""Language detection, including short and mixed texts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.agents.ingest.core import RawPage, ingest
from khabar.agents.ingest.language import _CLASSES, _count, _counts, _lingua, detect_language

CASES = [
    ("arabic", "قال المتحدث باسم الحكومة إن المفاوضات ستستأنف الأسبوع المقبل في العاصمة.", "ar"),
    (
        "arabic-quoting-english",
        "التقى الوزير مع John Smith من شركة Global Energy Partners وممثلين عن Reuters"
        " لبحث مشروعات الطاقة في المنطقة خلال العام المقبل.",
        "ar",
    ),
    ("english", "The two delegations agreed to resume the talks in Geneva next week.", "en"),
    ("english-headline", "Darfur rebels accuse government of breaking truce", "en"),
    (
        "french",
        "Les deux délégations ont accepté de reprendre les négociations la semaine prochaine.",
        "fr",
    ),
    ("persian", "دو هیئت توافق کردند که گفتگوها را هفته آینده در ژنو از سر بگیرند.", "fa"),
    (
        "turkish",
        "İki heyet görüşmelere gelecek hafta Cenevre'de devam etme konusunda anlaştı.",
        "tr",
    ),
    ("too-short", "OK 12", "und"),
    ("digits", "2025-01-01 12:00 | 3 4 5 6 7 8 9", "und"),
    ("empty", "", "und"),
]


@pytest.mark.parametrize(("name", "text", "lang"), CASES, ids=[c[0] for c in CASES])
def test_detect_language(name: str, text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_hint_is_used_only_when_undetermined() -> None:
    [short] = ingest(RawPage(id="s", text="OK 12", lang="ar-SA"))
    assert short.lang == "ar"
    [long] = ingest(RawPage(id="l", text="The talks will resume in Geneva next week.", lang="ar"))
    assert long.lang == "en"


@given(st.text(st.characters(max_codepoint=0xFFFF), max_size=80)
       | st.sampled_from([text for _, text, _ in CASES]))
def test_class_counts_by_table_equal_the_regex_counts(text: str) -> None:
    assert _counts(text) == tuple(_count(pattern, text) for pattern in _CLASSES)


def test_lingua_is_asked_once_per_sample() -> None:
    text = "Les deux délégations ont accepté de reprendre les négociations à Genève. " * 10
    assert detect_language(text) == "fr"
    hits = _lingua.cache_info().hits
    assert detect_language(text + "Fin.") == "fr"  # another text, the same sample
    assert _lingua.cache_info().hits == hits + 1
