"""HTML pages: trafilatura main text and title, then the same cleaning."""

from __future__ import annotations

import pytest

from khabar.agents.ingest.core import IngestError, RawPage, ingest

PAGE = """<html><head><title>Ceasefire talks resume | Example News</title>
<script>var tracker = "SCRIPT-SECRET";</script><style>.x{color:red}</style></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World NAV-LINK</a></li></ul></nav>
<article>
<h1>Ceasefire talks resume in Doha</h1>
<p>Negotiators from both sides met on Monday in Doha to resume talks on a ceasefire, officials
said, after a break of nearly two weeks.</p>
<!-- HTML-COMMENT -->
<p>Read more: Gold prices edge higher</p>
<p>The mediators said the meeting lasted four hours and would continue on Tuesday with
technical teams from both delegations.</p>
<p>Tags: ceasefire, Doha, talks</p>
</article>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>USER-COMMENT what a great story</p></div></section>
<footer><p>© 2025 Example News. All rights reserved.</p></footer>
</body></html>"""

ARABIC = """<html><head><title>استئناف المحادثات</title></head><body>
<div class="menu"><a href="/">الرئيسية</a> <a href="/s">سياسة</a></div>
<article><h1>استئناف المحادثات بين الطرفين</h1>
<p>استأنف الوفدان المحادثات اليوم في العاصمة بحضور الوسطاء الدوليين،
وفق ما أعلنه المتحدث الرسمي.</p>
<p>اقرأ أيضاً: ارتفاع أسعار الذهب في الأسواق</p>
<p>وقال المتحدث إن الجولة الجديدة ستركز على ملف الأسرى وفتح المعابر أمام المساعدات الإنسانية.</p>
<p>المصدر: وكالات</p></article></body></html>"""


def test_html_main_text_title_and_cleaning() -> None:
    [article] = ingest(RawPage(id="h", html=PAGE))
    assert article.title == "Ceasefire talks resume in Doha"  # trafilatura prefers the h1
    assert "Negotiators from both sides" in article.text
    assert "technical teams" in article.text
    assert article.lang == "en"
    for leak in (
        "SCRIPT-SECRET",
        "NAV-LINK",
        "HTML-COMMENT",
        "USER-COMMENT",
        "color:red",
        "Read more",
        "Tags:",
        "All rights reserved",
    ):
        assert leak not in article.text


def test_arabic_html() -> None:
    [article] = ingest(RawPage(id="a", title="عنوان من الناشر", html=ARABIC))
    assert article.title == "عنوان من الناشر"  # the raw title wins
    assert article.lang == "ar"
    assert "المساعدات الإنسانية" in article.text
    assert "اقرأ أيضاً" not in article.text and "المصدر" not in article.text


def test_text_wins_over_html_and_html_is_the_fallback() -> None:
    [article] = ingest(RawPage(id="t", text="Plain text body of the story, as sent.", html=PAGE))
    assert article.text == "Plain text body of the story, as sent."
    [fallback] = ingest(RawPage(id="f", text="Read more: Gold prices edge higher", html=PAGE))
    assert "Negotiators" in fallback.text


@pytest.mark.parametrize("html", ["<html><body><nav>Home</nav></body></html>", "<<<>>>", "\x00"])
def test_html_without_article_is_empty_text(html: str) -> None:
    with pytest.raises(IngestError) as info:
        ingest(RawPage(id="x", html=html))
    assert info.value.reason == "empty_text"
