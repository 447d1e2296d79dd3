"""Properties of the text functions on arbitrary Unicode."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.agents.ingest.boilerplate import clean
from khabar.agents.ingest.core import IngestError, RawPage, ingest
from khabar.agents.ingest.normalize import normalize

# Text shaped like pages: lines of Arabic/Latin words, markers, bullets and punctuation.
_PIECES = st.sampled_from(
    [
        "اقرأ أيضاً",
        "إقرأ أيضا:",
        "المصدر:",
        "كلمات دلالية:",
        "©",
        "Read more:",
        "Tags:",
        "•",
        "-",
        "مقالات مشابهة",
        "Related stories",
        "الرئيسية ›",
        "|",
        ":",
        "\n",
        "\n\n",
        " ",
        "\r\n",
        "قال الوزير إن المحادثات مستمرة.",
        "The talks will resume next week.",
        "١٢٣",
        "ـ",
        "\u064b",
    ]
)
PAGE_TEXT = st.one_of(st.text(), st.lists(st.one_of(_PIECES, st.text(max_size=20))).map("".join))


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(PAGE_TEXT)
def test_cleaner_never_grows_the_text(text: str) -> None:
    assert len(clean(text)) <= len(text)


@settings(deadline=None)
@given(PAGE_TEXT)
def test_ingest_returns_articles_or_empty_text(text: str) -> None:
    try:
        articles = ingest(RawPage(id="p", text=text))
    except IngestError as exc:
        assert exc.reason == "empty_text"
        return
    assert articles[0].id == "p"
    assert all(len(a.text) <= len(text) and a.norm_text for a in articles)


def test_repeated_marker_lines_stay_linear() -> None:
    # Not a timing assertion: the page must simply finish (no catastrophic backtracking).
    page = "اقرأ أيضاً:\n" * 200_000 + "Read more: " + "a " * 100_000 + "\n" + "المصدر: " * 50_000
    out = clean(page)
    assert "اقرأ" not in out  # the marker lines are gone; the two giant lines are no marker lines
    assert len(out.split("\n")) == 2
