"""Boilerplate marker phrases of Arabic and English news sites, as compiled patterns.

Every pattern is matched against the *folded* form of a line (see ``normalize.fold``: hamza
and alef variants, tanween, tatweel and case folded away), so that «إقرأ أيضاً:», «اقرأ ايضا»
and «اقرأ أيضًا» are one key. Patterns are written in plain Arabic and folded at import time;
English parts are written in lower case. No pattern nests quantifiers: matching is linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.agents.ingest.normalize import fold


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile ``pattern`` after folding its non-ASCII characters (regex syntax is ASCII)."""
    return re.compile("".join(ch if ch.isascii() else fold(ch) for ch in pattern))


@dataclass(frozen=True, slots=True, eq=False)
class Phrase:
    """A phrase searched anywhere in a line, behind a gate of plain substrings.

    Every match of ``pattern`` contains one of ``gate``: the substring tests (fast, in C) skip
    the regex on the many body lines that cannot match. Phrases compare and hash by identity
    (cheap dictionary keys).
    """

    pattern: re.Pattern[str]
    gate: tuple[str, ...]

    def search(self, key: str) -> bool:
        return any(g in key for g in self.gate) and self.pattern.search(key) is not None

    def within(self, text: str) -> Phrase:
        """This phrase behind only the gates that occur in ``text``: ``search`` gives the same
        answer for every key that is part of ``text``, with fewer substring tests."""
        return Phrase(self.pattern, tuple(g for g in self.gate if g in text))


def _phrase(pattern: str, *gate: str) -> Phrase:
    return Phrase(_rx(pattern), tuple(fold(g) for g in gate))


# Optional punctuation that follows a marker word: colon, dash, pipe, arrows.
_PUNCT = r"[\s:：\-–—|»›>.]*"

# «اقرأ أيضاً» and friends; the related headline may follow on the same line.
READ_ALSO = _rx(
    r"(?:(?:اقرأ|إقرأ|طالع|شاهد)\s*(?:أيضا|كذلك)|اقرأ المزيد|اقرأ أكثر"
    r"|read (?:more|also|next)|also read|see also|related(?= *:)|more on this(?: story)?"
    r"|recommended(?= *:))(?![^\W\d_])"
)
READ_ALSO_ANYWHERE = Phrase(
    READ_ALSO,
    tuple(
        fold(g)
        for g in (
            "اقرأ",
            "طالع",
            "شاهد",
            "read ",
            "also read",
            "see also",
            "related",
            "more on this",
            "recommended",
        )
    ),
)
# A heading that introduces a list of related headlines (matched on the whole line).
LIST_HEAD = _rx(
    r"(?:مقالات|أخبار|مواضيع|موضوعات|تقارير|قصص) (?:مشابهة|ذات صلة|متعلقة|مرتبطة|أخرى)"
    r"|ذات صلة|الأكثر (?:قراءة|مشاهدة|تداولا|تعليقا|شعبية)|الأكثر قراءة اليوم|اخترنا لك"
    r"|قد (?:يهمك|يعجبك|تعجبك|يهمكم)(?: أيضا)?|المزيد من الأخبار|آخر الأخبار|أحدث الأخبار"
    r"|عناوين أخرى"
    r"|related(?: stories| articles| news| posts| links| content| coverage| topics| reading)?"
    r"|more (?:stories|news|headlines|on this story|from [\w ]{1,40})|most (?:read|popular|viewed"
    r"|shared|emailed|commented)|trending(?: now| stories)?|you (?:may|might) also like"
    r"|recommended(?: for you| stories| articles)?|latest (?:news|stories|headlines)"
    r"|top stories|further reading|editor'?s picks|in other news|what to read next|read next"
)
SOURCE = _rx(r"(?:المصدر|مصدر الخبر|المصادر|source|sources)\s*[:|：]|(?:المصدر|source) [-–—] ")
LINK_LINE = _rx(r"(?:رابط الخبر|رابط المقال|رابط مختصر|الرابط المختصر|short link|permalink)")
TAGS = _rx(
    r"(?:كلمات دلالية|الكلمات الدلالية|الكلمات المفتاحية|كلمات مفتاحية|الوسوم|وسوم|العلامات"
    r"|سمات|tags|keywords|topics|filed under|tagged)\s*[:|：]"
)
COPYRIGHT = _phrase(
    r"©|\(c\) ?(?:\d{4}|[a-z])|copyright\s*(?:©|\(c\)|\d{4})|all rights reserved|جميع الحقوق محفوظة"
    r"|حقوق (?:النشر|الطبع|الطبع والنشر) محفوظة|الحقوق محفوظة|يسمح بالاقتباس"
    r"|لا يجوز (?:نسخ|نشر|إعادة نشر)|may not be (?:published|reproduced|redistributed)",
    *("©", "(c)", "copyright", "all rights reserved", "محفوظة", "يسمح بالاقتباس", "لا يجوز"),
    "may not be",
)
NEWSLETTER = _phrase(
    r"(?:اشترك|اشتركوا|سجل|سجلوا) (?:في|ب|الآن في|معنا في) ?(?:نشرتنا|النشرة|القائمة البريدية"
    r"|قائمتنا البريدية|خدمة)|ليصلك (?:آخر|أهم|كل)|النشرة البريدية|النشرة الإخبارية"
    r"|sign up (?:for|to) [\w' ]{0,40}newsletter|subscribe to [\w' ]{0,40}newsletter"
    r"|newsletter sign ?up|get (?:our|the) [\w' ]{0,30}newsletter|sign up for our",
    *("اشترك", "سجل", "ليصلك", "النشرة", "newsletter", "sign up for our"),
)
SHARE_START = _rx(
    r"(?:شارك|شاركوا|انشر|مشاركة)(?:\s*[:：]| (?:عبر|على|من خلال|الخبر|المقال|المقالة|هذا"
    r"|الموضوع))|(?:تابعونا|تابعنا) (?:على|عبر|في)|share(?:\s*[:：]| this| on| via| the story"
    r"|$)|follow us(?: on)?\b|email this|print this"
)
SHARE = Phrase(
    SHARE_START,
    tuple(
        fold(g)
        for g in (
            "شارك",
            "انشر",
            "مشاركة",
            "تابعونا",
            "تابعنا",
            "share",
            "follow us",
            "email this",
            "print this",
        )
    ),
)
MORE_FROM = _phrase(
    r"المزيد من (?:آخر )?(?:أخبار|الأخبار)|more from [a-z]", "المزيد من", "more from"
)
DATELINE = _rx(
    r"(?:نشر في|نشر بتاريخ|تاريخ النشر|آخر تحديث|تم النشر|تم التحديث|بتاريخ|تاريخ الخبر"
    r"|published|updated|last updated|posted(?: on)?|by\s[^|]{1,60}\|)"
)
DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}:\d{2}|\|")
BREADCRUMB_HOME = _rx(r"(?:الرئيسية|الصفحة الرئيسية|home|homepage)\s*[›»>/|]")
BREADCRUMB_SEP = re.compile(r" [›»>] |›")
NAV = _rx(
    r"(?:home|homepage|الرئيسية|الصفحة الرئيسية|إعلان|إعلانات|اعلان ممول|محتوى مدعوم"
    r"|advertisement|advertising|sponsored(?: content)?"
    r"|skip to (?:main )?content|تخطى إلى المحتوى|انتقل إلى المحتوى|next|previous|next previous"
    r"|السابق|التالي|السابق التالي|print|طباعة|back to top|العودة للأعلى|شاهد الفيديو"
    r"|watch(?: the)? video|loading|جار التحميل|click here|اضغط هنا|المزيد|more|show more"
    r"|عرض المزيد|close|إغلاق|menu|القائمة|search|بحث|login|تسجيل الدخول|التعليقات|تعليقات"
    r"|عدد التعليقات|comments|show comments|view comments)"
)
COMMENTS = _rx(
    r"(?:أضف تعليق|اترك تعليقا|اكتب تعليقك|لا توجد تعليقات|كن أول من يعلق|التعليقات \(\d"
    r"|comments?\s*\(\d+\)|add (?:a |your )?comment|leave a (?:comment|reply)|post a comment"
    r"|no comments yet|be the first to comment|log ?in to comment)"
)
SOCIAL = frozenset(
    fold(w)
    for w in (
        "فيسبوك فيس بوك تويتر واتساب واتس اب تيليغرام تلغرام تليجرام انستغرام إنستغرام "
        "انستجرام يوتيوب لينكدإن لينكد إن بريد إلكتروني طباعة سناب شات تيك توك "
        "facebook twitter whatsapp telegram email e-mail linkedin instagram youtube print "
        "pinterest reddit x tiktok snapchat messenger copy link"
    ).split()
)
# A list item: a bullet sign, or a number with punctuation, before the text.
# Section names a site's menu lists (folded, without the article): a head line made of them
# is navigation, not a headline.
SECTIONS = frozenset(
    fold(w)
    for w in (
        "الرئيسية رئيسية أخبار اخبار محليات محلية محلي عربي عربية دولي دولية عالم العالم سياسة "
        "اقتصاد أعمال مال بورصة أسواق رياضة رياضات ثقافة فن فنون منوعات مجتمع صحة علوم تكنولوجيا "
        "تقنية رأي آراء مقالات كتاب تقارير تحقيقات حوارات فيديو صور ملفات عاجل مرأة سياحة سيارات "
        "طقس شؤون "
        "home news world uk us local politics business economy markets money sport sports "
        "football culture arts entertainment lifestyle opinion comment analysis science tech "
        "technology health travel weather video videos photos podcasts live latest more menu "
        "search sign in login subscribe"
    ).split()
)
# What separates the items of a menu printed on one line.
MENU_SEP = re.compile(r"\s+[|•·/–—»›>-]\s+|\s*[|•·]\s*")
MENU_SEP_CHAR = re.compile(r"[|•·/–—»›>-]")  # a line without one has a single item

BULLET = re.compile(r"[•·▪▫◦●○■□►▶➤✓✔\-–—*]\s|\d{1,2}\s?[.)\-]\s")
# Sentence-final punctuation that a headline does not end with (a body sentence does).
SENTENCE_END = re.compile(r"(?<!\.)[.،,:;؛](?:[\"'”»)]*)$")
