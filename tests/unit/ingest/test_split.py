"""Page splitting: an embedded article after the first one has ended; links stay links."""

from __future__ import annotations

from khabar.agents.ingest.boilerplate import classify
from khabar.agents.ingest.core import RawPage, ingest
from khabar.agents.ingest.split import split

A = [
    "عقد وزراء خارجية الدول الثلاث اجتماعا في العاصمة لبحث ملف المياه وسبل التوصل إلى اتفاق.",
    "وقال الوزير المضيف إن الاجتماع تناول النقاط الخلافية وإن الوفود ستعود للتشاور مع حكوماتها.",
    "وأضاف أن جولة جديدة من المفاوضات ستعقد الشهر المقبل بمشاركة خبراء فنيين من الدول الثلاث.",
]
B_HEAD = "البنك المركزي يبقي أسعار الفائدة دون تغيير للمرة الثالثة"
B = [
    "أعلن البنك المركزي اليوم إبقاء أسعار الفائدة الرئيسية دون تغيير، في قرار جاء متوافقا مع توقعات"
    " المحللين في الأسواق المحلية والدولية.",
    "وقال محافظ البنك في مؤتمر صحفي إن معدلات التضخم بدأت في التراجع خلال الأشهر الأخيرة، وإن البنك"
    " سيواصل مراقبة المؤشرات الاقتصادية عن كثب قبل اتخاذ أي قرار جديد.",
    "وأشار إلى أن القطاع المصرفي يتمتع بسيولة جيدة وأن معدلات الإقراض ارتفعت"
    " بنسبة ملحوظة هذا العام.",
]
FOOTER = ["المصدر: وكالات", "كلمات دلالية: المياه، المفاوضات"]


def _page(*blocks: list[str]) -> str:
    return "\n\n".join(line for block in blocks for line in block)


def test_embedded_article_after_footer_is_split() -> None:
    text = _page(A, FOOTER, ["إقرأ أيضاً:", B_HEAD], B, ["جميع الحقوق محفوظة © 2025"])
    articles = ingest(RawPage(id="p", title="اجتماع ثلاثي حول المياه", text=text))
    assert [(a.id, a.title) for a in articles] == [
        ("p", "اجتماع ثلاثي حول المياه"),
        ("p#2", B_HEAD),
    ]
    assert articles[0].text == "\n\n".join(A)
    assert articles[1].text == "\n\n".join([B_HEAD, *B])


def test_inline_marker_headline_is_split_too() -> None:
    parts = split(classify(_page(A, FOOTER, [f"اقرأ أيضا: {B_HEAD}"], B)))
    assert [p.headline for p in parts] == [None, B_HEAD]
    assert parts[1].text.startswith(B_HEAD + "\n\n")


def test_related_headline_before_continuation_is_a_link() -> None:
    parts = split(classify(_page(A[:1], ["اقرأ أيضاً", B_HEAD], A[1:], B)))
    assert len(parts) == 1
    assert B_HEAD not in parts[0].text


def test_related_headline_after_footer_without_body_is_a_link() -> None:
    parts = split(
        classify(_page(A, ["اقرأ أيضاً", B_HEAD], FOOTER, ["مقالات مشابهة", f"• {B_HEAD}"]))
    )
    assert [p.text for p in parts] == ["\n\n".join(A)]


def test_one_short_paragraph_after_the_headline_is_not_an_article() -> None:
    parts = split(classify(_page(A, FOOTER, ["إقرأ أيضاً:", B_HEAD], B[:1])))
    assert len(parts) == 1


def test_english_embedded_article() -> None:
    first = [
        "Leaders of the two neighbouring states met on Monday to discuss border crossings.",
        "Both delegations said the talks were constructive and would continue next month.",
    ]
    head = "Central bank holds rates steady for third month"
    second = [
        "The central bank left its main interest rate unchanged on Thursday, in line with the"
        " expectations of most analysts surveyed ahead of the decision.",
        "The governor said inflation had begun to ease in recent months and the bank would keep"
        " watching the data closely before any further move.",
        "Markets showed little reaction to the announcement.",
    ]
    text = _page(first, ["Source: Reuters", "Tags: borders, talks", f"Read more: {head}"], second)
    articles = ingest(RawPage(id="e", text=text))
    assert [(a.id, a.title, a.lang) for a in articles] == [("e", None, "en"), ("e#2", head, "en")]
