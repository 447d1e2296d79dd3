"""Wrap every dev original in our own site chrome and count what the cleaner leaves behind.

The templates and related headlines below are invented for this bench (none comes from the
dev set); each original is wrapped by a seeded random mix of header chrome, in-body "read
also" links (inline and on their own line), and footer blocks, in the article's language.
Reports boilerplate lines left in the output, body lines lost, and articles split off.

    python bench/ingest_wrapped.py [-v] [--seed N] [path/to/articles.jsonl]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import orjson

from khabar.agents.ingest.core import RawPage, ingest
from khabar.agents.ingest.raw import clean_chars

DEFAULT = Path(__file__).resolve().parents[1] / "../shared/data/dev/articles.jsonl"

HEADLINES = {
    "ar": [
        "افتتاح معرض للكتاب بمشاركة 300 دار نشر",
        "ارتفاع أسعار الذهب في التعاملات المبكرة",
        "منتخب الشباب يتأهل إلى نصف النهائي",
        "الأرصاد تتوقع أمطارا رعدية على المرتفعات",
        "وزارة الصحة تطلق حملة تطعيم موسمية",
        "تدشين خط بحري جديد بين ميناءين خليجيين",
        "جامعة محلية تعلن مواعيد القبول للعام المقبل",
    ],
    "en": [
        "Museum unveils restored medieval tapestry",
        "Tech shares slip ahead of earnings season",
        "City council approves new cycling lanes",
        "Storm warning issued for coastal towns",
        "Local bakery wins national bread award",
        "Airline adds direct route to Lisbon",
        "Scientists map deep-sea coral reef",
    ],
}

HEADER = {
    "ar": [
        ["موقع الأفق الإخباري", "الرئيسية » أخبار عربية » سياسة"],
        ["الصفحة الرئيسية › العالم"],
        ["تابعونا عبر تويتر وإنستغرام", "إعلان"],
        ["تاريخ النشر: 03/11/2024 - 10:15"],
        ["آخر تحديث: 2024-11-03 12:40"],
        ["شارك الخبر: فيسبوك - تويتر - واتساب"],
        ["فيسبوك | تويتر | تيليغرام | طباعة"],
    ],
    "en": [
        ["The Morning Ledger", "Home › World › Middle East"],
        ["Skip to content", "Menu"],
        ["Posted on 2024-11-03 10:15"],
        ["Last updated 14:05 GMT | Share this article"],
        ["Facebook Twitter WhatsApp Email"],
        ["Follow us on Twitter"],
    ],
}

INLINE_LINK = {
    "ar": ["اقرأ أيضا: {h}", "إقرأ ايضاً : {h}", "اقرأ أيضًا - {h}", "طالع أيضا: {h}"],
    "en": ["Read more: {h}", "READ MORE: {h}", "Related: {h}", "See also: {h}", "Read also | {h}"],
}
STANDALONE_LINK = {
    "ar": ["اقرأ أيضاً", "إقرأ أيضا:", "شاهد أيضاً"],
    "en": ["Read more", "READ MORE:"],
}

FOOTER = {
    "ar": [
        ["المصدر - وكالات"],
        ["مصدر الخبر: صحف محلية"],
        ["الوسوم: سياسة، اقتصاد، الخليج"],
        ["الكلمات المفتاحية: أخبار | عاجل"],
        ["مواضيع ذات صلة", "- {h}", "- {h}", "- {h}"],
        ["قد يهمك أيضاً", "{h}", "{h}"],
        ["الأكثر مشاهدة", "1) {h}", "2) {h}", "3) {h}"],
        ["سجّل في النشرة الإخبارية ليصلك كل جديد"],
        ["حقوق النشر محفوظة © 2024 موقع الأفق"],
        ["© 2024 جميع الحقوق محفوظة"],
        ["التعليقات", "أضف تعليقاً", "كن أول من يعلق على الخبر"],
        ["المصدر: وكالات اشترك الآن في نشرتنا البريدية المزيد من أخبار العالم {h}"],
    ],
    "en": [
        ["Source - Reuters"],
        ["Sources: agencies"],
        ["Tags: politics | world | diplomacy"],
        ["Keywords: talks, region"],
        ["You may also like", "• {h}", "• {h}", "• {h}"],
        ["More from World", "{h}", "{h}"],
        ["Most popular", "1. {h}", "2. {h}", "3. {h}"],
        ["Subscribe to our weekly newsletter"],
        ["Sign up for our newsletter to get the latest headlines"],
        ["© 2024 The Morning Ledger. All rights reserved."],
        ["Comments (3)", "Leave a comment", "Be the first to comment"],
        ["Share this article: Facebook | Twitter | Email"],
        ["Source: AP Sign up for our newsletter © 2024 The Ledger"],
    ],
}


def wrap(text: str, lang: str, rng: random.Random) -> tuple[str, list[str]]:
    """Return the wrapped page and the list of boilerplate lines that went into it."""
    headlines = HEADLINES[lang]
    body = [line for line in clean_chars(text).split("\n") if line.strip()]
    added: list[str] = []

    def fill(lines: list[str]) -> list[str]:
        out = [line.replace("{h}", rng.choice(headlines)) for line in lines]
        added.extend(out)
        return out

    top = [line for block in rng.sample(HEADER[lang], 2) for line in fill(block)]
    cut = rng.randint(1, max(1, len(body) - 1))
    if rng.random() < 0.5:
        link = fill([rng.choice(INLINE_LINK[lang])])
    else:
        link = fill([rng.choice(STANDALONE_LINK[lang]), "{h}"])
    bottom = [line for block in rng.sample(FOOTER[lang], 4) for line in fill(block)]
    sep = rng.choice(["\n", "\n\n"])
    page = sep.join([*top, *body[:cut], *link, *body[cut:], *bottom])
    return page, added


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 7
    paths = [a for a in argv if a.endswith(".jsonl")]
    rng = random.Random(seed)
    rows = [
        orjson.loads(line)
        for line in Path(paths[0] if paths else DEFAULT).read_bytes().splitlines()
    ]
    pages = leftover = lost = splits = added_total = 0
    for row in rows:
        if row["kind"] != "original":
            continue
        page, added = wrap(row["text"], row["lang"], rng)
        arts = ingest(RawPage(id=row["id"], text=page))
        got = {line.strip() for a in arts for line in a.text.split("\n") if line.strip()}
        # The body: what cleaning the unwrapped original keeps (its own site lines, such as a
        # "link to this story" line, are measured by bench/ingest_dev.py).
        alone = ingest(RawPage(id=row["id"], text=row["text"]))
        body = [line.strip() for a in alone for line in a.text.split("\n") if line.strip()]
        left = [line for line in added if line.strip() in got and line.strip() not in body]
        gone = [line for line in body if line not in got]
        pages += 1
        added_total += len(added)
        leftover += len(left)
        lost += len(gone)
        splits += len(arts) - 1
        if verbose and (left or gone or len(arts) > 1):
            print(f"== {row['id']} articles={len(arts)}")
            for line in left:
                print("   + leftover:", line[:120])
            for line in gone:
                print("   - lost:    ", line[:120])
    print(
        f"pages={pages} boilerplate_lines_added={added_total} leftover_lines={leftover} "
        f"lost_body_lines={lost} extra_articles={splits}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
