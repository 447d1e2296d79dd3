"""ingest: ids, titles, passthrough fields, empty pages."""

from __future__ import annotations

import pytest

from khabar.agents.ingest.core import CleanArticle, IngestError, RawPage, ingest
from khabar.agents.ingest.normalize import normalize

BODY = "قال المتحدث باسم الوزارة إن المحادثات ستستأنف الأسبوع المقبل في العاصمة بحضور الوسطاء."


def test_fields_pass_through() -> None:
    page = RawPage(
        id="r1",
        url="https://e.example/1",
        source="wire",
        title="عنوان الخبر",
        text=f"{BODY}\n\nالمصدر: وكالات",
        published_at="2025-01-02T03:04:05Z",
        lang="ar",
        published_at_raw="2025-01-02T06:04:05+03:00",
    )
    assert ingest(page) == [
        CleanArticle(
            id="r1",
            source_id="r1",
            url="https://e.example/1",
            source="wire",
            published_at="2025-01-02T03:04:05Z",
            published_at_raw="2025-01-02T06:04:05+03:00",
            title="عنوان الخبر",
            text=BODY,
            norm_text=normalize(BODY),
            norm_title=normalize("عنوان الخبر"),
            lang="ar",
        )
    ]


def test_no_raw_title_means_no_title_and_text_kept_whole() -> None:
    headline = "استئناف المحادثات الأسبوع المقبل"
    [article] = ingest(RawPage(id="r2", text=f"{headline}\n\n{BODY}"))
    assert article.title is None and article.norm_title == ""
    assert article.text == f"{headline}\n\n{BODY}"


@pytest.mark.parametrize(
    "text",
    ["المصدر: وكالات\nجميع الحقوق محفوظة © 2025", "   \n\n", "Read more: Something else", "— … !"],
)
def test_only_boilerplate_is_empty_text(text: str) -> None:
    with pytest.raises(IngestError) as info:
        ingest(RawPage(id="r3", text=text))
    assert info.value.reason == "empty_text"
