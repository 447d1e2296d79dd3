"""Boilerplate shapes, one table row each, in Arabic and English (examples written for this
test). Every row is a page; ``keep`` lists the lines that must survive, in order: every other
line must go."""

from __future__ import annotations

import pytest

from khabar.agents.ingest.boilerplate import Kind, classify, clean

P1 = "قال المتحدث باسم الوزارة إن المحادثات ستستأنف الأسبوع المقبل في العاصمة بحضور الوسطاء."
P2 = "وأضاف أن الوفدين اتفقا على تشكيل لجنة فنية لمتابعة تنفيذ البنود التي تم التوصل إليها."
E1 = "The two delegations agreed on Tuesday to resume talks next week, a spokesman said."
E2 = "Officials said a technical committee would follow up on the points agreed so far."
HEAD_AR = "افتتاح مهرجان للتمور في المنطقة الشرقية"
HEAD_EN = "Harbour festival draws record crowds"

CASES = [
    # --- "read also" and its related headline: same line, next line, every spelling
    ("ar-read-also-inline", [P1, f"اقرأ أيضاً: {HEAD_AR}", P2], [P1, P2]),
    ("ar-read-also-hamza", [P1, f"إقرأ أيضا: {HEAD_AR}", P2], [P1, P2]),
    ("ar-read-also-tanween", [P1, f"اقرأ أيضًا {HEAD_AR}", P2], [P1, P2]),
    ("ar-read-also-tatweel", [P1, f"اقـرأ أيضـاً : {HEAD_AR}", P2], [P1, P2]),
    ("ar-read-also-next-line", [P1, "", "اقرأ أيضاً", "", HEAD_AR, "", P2], [P1, P2]),
    ("ar-read-also-colon-next", [P1, "إقرأ أيضاً:", HEAD_AR, P2], [P1, P2]),
    ("ar-see-also", [P1, f"شاهد أيضا: {HEAD_AR}", P2], [P1, P2]),
    ("en-read-more", [E1, f"Read more: {HEAD_EN}", E2], [E1, E2]),
    ("en-read-more-caps", [E1, f"READ MORE: {HEAD_EN}", E2], [E1, E2]),
    ("en-related", [E1, f"Related: {HEAD_EN}", E2], [E1, E2]),
    ("en-read-more-alone", [E1, "Read more", HEAD_EN, E2], [E1, E2]),
    # --- source, keywords, tags
    ("ar-source-pipe", [P1, "المصدر | وكالات"], [P1]),
    ("ar-source-colon", [P1, "المصدر: وكالة الأنباء الرسمية"], [P1]),
    ("ar-keywords", [P1, "كلمات دلالية: السلام، المفاوضات، الوسطاء"], [P1]),
    ("ar-tags", [P1, "الوسوم: سياسة - اقتصاد"], [P1]),
    ("en-source", [E1, "Source: Reuters"], [E1]),
    ("en-tags", [E1, "Tags: talks, diplomacy, region"], [E1]),
    # --- related lists with a heading
    ("ar-similar-list", [P1, "مقالات مشابهة", f"• {HEAD_AR}", "• ارتفاع أسعار الذهب عالميا"], [P1]),
    ("ar-related-plain", [P1, "أخبار ذات صلة", HEAD_AR, "ارتفاع أسعار الذهب عالميا"], [P1]),
    ("ar-most-read", [P1, "الأكثر قراءة", f"1. {HEAD_AR}", "2. ارتفاع أسعار الذهب"], [P1]),
    (
        "en-related-stories",
        [E1, "Related stories", f"- {HEAD_EN}", "- Gold prices edge higher"],
        [E1],
    ),
    ("en-most-read", [E1, "Most read", f"1 {HEAD_EN}", "2 Gold prices edge higher"], [E1]),
    ("en-you-may-like", [E1, "You may also like:", HEAD_EN, E2], [E1, E2]),
    # --- copyright, newsletter, share, breadcrumbs, datelines, comments, ads
    ("ar-copyright", [P1, "جميع الحقوق محفوظة © 2025 موقع المثال"], [P1]),
    ("ar-copyright-at", [P1, "جميع الحقوق محفوظة لوكالة المثال @ 2025"], [P1]),
    ("en-copyright", [E1, "© 2025 Example Media. All rights reserved."], [E1]),
    ("en-copyright-c", [E1, "(c) Example Times 2025. This material may not be published."], [E1]),
    ("ar-newsletter", [P1, "اشترك في النشرة البريدية ليصلك كل جديد"], [P1]),
    ("en-newsletter", [E1, "Sign up for our newsletter"], [E1]),
    ("ar-share", ["شارك: فيسبوك | تويتر | واتساب", P1], [P1]),
    ("en-share", [E1, "Share this article"], [E1]),
    ("social-only", [E1, "Facebook Twitter WhatsApp Email"], [E1]),
    ("ar-breadcrumb", ["الرئيسية › أخبار › سياسة", P1], [P1]),
    ("en-breadcrumb", ["Home > World > Middle East", E1], [E1]),
    ("masthead", ["موقع المثال | سياسة", "الرئيسية › سياسة", HEAD_AR, P1], [HEAD_AR, P1]),
    ("section-slash", ["سياسة / تقارير", HEAD_AR, P1], [HEAD_AR, P1]),
    ("ar-dateline", ["نشر في: 2025-03-01 10:00 | آخر تحديث: 2025-03-01 11:00", P1], [P1]),
    ("en-byline", ["By Staff Reporter | 2025-03-01 10:00", E1], [E1]),
    ("ar-comments", [P1, "أضف تعليقك", "لا توجد تعليقات حتى الآن"], [P1]),
    ("en-comments", [E1, "Comments (2) - Add your comment"], [E1]),
    ("ads", ["إعلان", P1, "Advertisement", E1], [P1, E1]),
    # --- a site menu above the headline (the classifier would read it as the lead)
    ("menu-pipes-ar", ["محليات | عربي ودولي | اقتصاد | رياضة", HEAD_AR, P1], [HEAD_AR, P1]),
    ("menu-dots-ar", ["أخبار • سياسة • منوعات", "", HEAD_AR, P1], [HEAD_AR, P1]),
    ("menu-dashes-ar", ["الرئيسية - تقارير - حوارات - فيديو", HEAD_AR, P1], [HEAD_AR, P1]),
    ("menu-names-ar", ["الرئيسية الأخبار المحلية والعربية الاقتصاد الرياضة", HEAD_AR, P1],
     [HEAD_AR, P1]),
    ("menu-lines-ar", ["أخبار", "", "عربي ودولي", "", "ثقافة وفنون", "رياضة", HEAD_AR, P1],
     [HEAD_AR, P1]),
    ("menu-pipes-en", ["News | World | Business | Opinion | Sport", HEAD_EN, E1], [HEAD_EN, E1]),
    ("menu-names-en", ["World Politics Business Tech Health Opinion", HEAD_EN, E1],
     [HEAD_EN, E1]),
    ("menu-lines-en", ["Menu", "Search", "Sign in", "UK News", HEAD_EN, E1], [HEAD_EN, E1]),
    # a menu is only looked for above the article's first sentence (below it, the lead is safe)
    ("menu-below-body", [HEAD_AR, P1, "أخبار | سياسة | اقتصاد | رياضة", P2], None),
    # not menus: a kicker over the headline, a headline with its site name, a headline that
    # names sections among other words, a short headline made of names
    ("trap-kicker", ["عاجل", HEAD_AR, P1], None),
    ("trap-headline-site", [f"{HEAD_EN} | Example Times", E1], None),
    ("trap-sections-in-headline", ["الرياضة والسياسة في ملاعب القارة", P1], None),
    ("trap-short-headline-run", ["عاجل", "هدنة في المدينة", HEAD_AR, P1], None),
    ("trap-headline-dashes", ["Talks resume - Geneva - day two", E1], None),
    # --- a line fusing several markers
    (
        "fused",
        [P1, "المصدر : وكالات اشترك في القائمة البريدية ليصلك آخر الأخبار المزيد من أخبار المنطقة"],
        [P1],
    ),
    ("fused-en", [E1, "Source: AP Sign up for our newsletter © 2025 Example"], [E1]),
    # --- traps: a marker word inside a real sentence stays
    (
        "trap-source-word",
        [
            "وقال المصدر: إن المفاوضات ستستمر حتى التوصل إلى اتفاق شامل ينهي الأزمة القائمة"
            " بين الطرفين منذ سنوات طويلة.",
            P2,
        ],
        None,
    ),
    (
        "trap-source-mid",
        [P1, "وأكد المصدر أن الوفد سيعود إلى العاصمة بعد انتهاء جولة المحادثات."],
        None,
    ),
    (
        "trap-read-more-mid",
        [
            E1,
            "Readers can read more about the agreement in the full text published by the ministry.",
        ],
        None,
    ),
    (
        "trap-read-more-start",
        [E1, "Read more carefully, the text shows that both sides gave ground on the key issues."],
        None,
    ),
    (
        "trap-share-verb",
        ["شارك الرئيس في القمة التي عقدت في العاصمة بحضور عدد من القادة.", P1],
        None,
    ),
    (
        "trap-related-word",
        [E1, "Related talks in Geneva collapsed last month without agreement."],
        None,
    ),
    ("trap-short-speech", [P1, "السيدات والسادة،", P2], None),
    (
        "trap-copyright-story",
        [E1, "The court ruled on a copyright dispute between two publishers over a novel."],
        None,
    ),
]


@pytest.mark.parametrize(("name", "page", "keep"), CASES, ids=[c[0] for c in CASES])
def test_boilerplate_shapes(name: str, page: list[str], keep: list[str] | None) -> None:
    expected = [line for line in page if line] if keep is None else keep
    got = [line for line in clean("\n".join(page)).split("\n") if line]
    assert got == expected


def test_kept_lines_verbatim_and_paragraphs_kept() -> None:
    text = f"{P1}\n\n\nاقرأ أيضاً\n\n{HEAD_AR}\n\n{P2}\r"
    assert clean(text) == f"{P1}\n\n{P2}"


def test_link_headline_followed_by_continuation_is_a_link() -> None:
    page = classify("\n".join([P1, "اقرأ أيضاً", HEAD_AR, P2]))
    assert page.kinds == (Kind.BODY, Kind.MARKER, Kind.LINK, Kind.BODY)
    assert page.headlines == {2: HEAD_AR}


def test_marker_followed_by_a_sentence_keeps_the_sentence() -> None:
    # A bare marker whose next line is a real paragraph (it ends like a sentence) takes nothing.
    assert clean("\n".join([P1, "اقرأ أيضاً", P2])) == f"{P1}\n{P2}"
