"""Unit tests of the dedup core: fingerprints, decisions, expiry, state bounds, scores."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.agents.dedup.core import Decision, Deduper
from khabar.agents.dedup.evaluate import dedup_scores
from khabar.agents.dedup.fingerprint import NUM_PERM, Fingerprint, estimate, fingerprint
from khabar.agents.dedup.state import BUCKET_CAP, HOUR, TABLES, DedupState
from khabar.agents.ingest.normalize import normalize
from khabar.agents.samples.synthetic import Generator

DAY = 86400.0

# Written for these tests: a wire story, and a template press release about two different events.
STORY = [
    "وزير الخارجية يصل إلى جنيف لبحث وقف إطلاق النار",
    "وصل وزير الخارجية صباح اليوم الثلاثاء إلى مدينة جنيف في زيارة تستغرق ثلاثة أيام يلتقي "
    "خلالها المبعوث الأممي وممثلين عن الأطراف المتنازعة لبحث تثبيت الهدنة وفتح الممرات.",
    "وقال الوزير في تصريح للصحافيين عند وصوله إن بلاده تدعم كل جهد يفضي إلى حل سياسي شامل "
    "ينهي معاناة المدنيين ويعيد النازحين إلى قراهم قبل حلول فصل الشتاء المقبل.",
    "وأضاف أن الوفد سيقدم ورقة من 12 بندا تتضمن تبادل الأسرى وإدخال 300 شاحنة مساعدات "
    "أسبوعيا إلى المناطق المحاصرة تحت إشراف اللجنة الدولية للصليب الأحمر.",
    "ومن المقرر أن يعقد الوزير مؤتمرا صحافيا مشتركا مع المبعوث في ختام المحادثات يوم الخميس "
    "لإعلان ما تم التوصل إليه من تفاهمات حول آليات المراقبة والجدول الزمني للتنفيذ.",
]
STORY_EN = [
    "Flood relief convoy reaches northern valley after road reopens",
    "A convoy of forty trucks carrying tents, blankets and clean water reached the northern "
    "valley on Monday, five days after landslides cut the only road into the district.",
    "Local officials said about 6,000 families had been sleeping in schools and mosques since "
    "the river burst its banks, and that two clinics were still without electricity.",
    "The regional governor told reporters the army engineers would keep the pass open around "
    "the clock while a second convoy with medicine and fuel was loaded in the capital.",
    "Aid groups warned that more rain was forecast for the weekend and urged families living "
    "near the river to move to higher ground until the water level falls.",
]


def template(number: str, ordinal: str, cargo: str, city: str, partner: str) -> str:
    return "\n\n".join([
        f"وصول الطائرة الإغاثية {ordinal} إلى مطار {city} محملة بـ{number} طنا من {cargo}",
        f"وصلت اليوم الطائرة الإغاثية {ordinal} إلى مطار {city} الدولي محملة بـ{number} طنا من "
        f"{cargo} يرافقها فريق ميداني من {partner} لتوزيعها على المستحقين.",
        "وأوضح المتحدث الرسمي باسم المركز أن هذه المساعدات تأتي ضمن الجسر الجوي الذي يسيره "
        "المركز بالتنسيق مع الجهات المحلية وبإشراف مباشر من إدارة العمليات الإنسانية.",
        f"وبين أن حمولة هذه الرحلة خصصت لـ{cargo} بعد تقييم ميداني أجراه الفريق في {city} "
        f"خلال الأسبوع الماضي بالشراكة مع {partner} وعدد من المنظمات المحلية العاملة هناك.",
    ])


def fp(text: str) -> Fingerprint:
    return fingerprint(normalize(text))


def deduper(**kwargs) -> Deduper:
    return Deduper(DedupState.in_memory(), window_seconds=7 * DAY, **kwargs)


def wrap(body: str) -> str:
    return f"الرئيسية > أخبار > سياسة\n\n{body}\n\nشارك الخبر عبر تويتر فيسبوك واتساب\n© 2024"


AR = "\n\n".join(STORY)
EN = "\n\n".join(STORY_EN)
ARABIC_DIGITS = AR.replace("12", "١٢").replace("300", "٣٠٠")
NEAR_COPIES = {
    "exact copy": (AR, "exact"),
    "site chrome and arabic-indic digits": (wrap(ARABIC_DIGITS), "near"),
    "paragraph dropped": ("\n\n".join(STORY[:3] + STORY[4:]), "near"),
    "headline changed": ("\n\n".join(["جنيف تستضيف محادثات الهدنة", *STORY[1:]]), "near"),
    "diacritics and tatweel": (AR.replace("وزير", "وَزِيـر").replace("الهدنة", "الهُدْنَة"), "exact"),
    "shortened to three paragraphs": ("\n\n".join(STORY[:3]), "near"),
}


@pytest.mark.parametrize(("copy", "method"), NEAR_COPIES.values(), ids=NEAR_COPIES.keys())
def test_copies_are_duplicates_of_the_first(copy: str, method: str) -> None:
    d = deduper()
    first = d.decide("a", fp(AR), 0.0, "outlet-a")
    second = d.decide("b", fp(copy), 3600.0, "outlet-b")
    assert first == Decision(True, "a", None, None, None, 1)
    assert (second.canonical, second.story_id, second.duplicate_of) == (False, "a", "a")
    assert second.method == method and second.copies == 2
    assert second.similarity is not None and 0.55 <= second.similarity <= 1.0


def test_english_copy_with_chrome_and_curly_quotes() -> None:
    d = deduper()
    d.decide("en-1", fp(EN), 0.0, "wire")
    copy = "Home > World\n\n" + EN.replace("'", "\u2019") + "\n\nREAD MORE: Markets close higher"
    assert d.decide("en-2", fp(copy), 10.0, "site").duplicate_of == "en-1"


TEMPLATES = [
    ("10", "الرابعة", "المستلزمات الطبية لمرضى الكلى", "عدن", "منظمة أطباء بلا حدود"),
    ("11", "السادسة", "المواد الغذائية والتمور", "المكلا", "الهلال الأحمر"),
    ("25", "الثامنة", "الخيام والبطانيات", "سيئون", "برنامج الأغذية العالمي"),
]


def test_template_press_releases_about_different_events_are_not_copies() -> None:
    d = deduper()
    decisions = [d.decide(f"t{i}", fp(template(*t)), i * 3600.0, "agency")
                 for i, t in enumerate(TEMPLATES)]
    assert all(dec.canonical for dec in decisions)
    # and they are hard negatives: they share bands and over 40% of their shingles
    first, second = fp(template(*TEMPLATES[0])), fp(template(*TEMPLATES[1]))
    assert set(first.bands) & set(second.bands)
    assert estimate(first, second)[1] > 0.4


def test_unrelated_stories_are_both_canonical() -> None:
    d = deduper()
    assert d.decide("a", fp(AR), 0.0, None).canonical
    assert d.decide("b", fp(EN), 0.0, None).canonical


def test_third_copy_joins_the_story_even_when_closer_to_the_second() -> None:
    d = deduper()
    d.decide("a", fp(AR), 0.0, "x")
    d.decide("b", fp(wrap(AR)), 1.0, "y")
    third = d.decide("c", fp(wrap(ARABIC_DIGITS)), 2.0, "y")
    assert (third.story_id, third.duplicate_of, third.copies) == ("a", "a", 3)
    assert d.state.stories["a"]["c"] == 3 and d.state.stories["a"]["s"] == ["x", "y"]


def test_re_deciding_an_id_returns_the_same_decision() -> None:
    d = deduper()
    first = d.decide("a", fp(AR), 0.0, "x")
    dup = d.decide("b", fp(AR), 5.0, "y")
    assert d.decide("a", fp(AR), 9.0, "x") == first
    assert d.decide("b", fp(AR), 9.0, "y") == dup
    assert d.state.stories["a"]["c"] == 2


def test_copy_after_the_window_is_canonical_again() -> None:
    d = deduper()
    d.decide("a", fp(AR), 0.0, None)
    assert not d.decide("b", fp(wrap(AR)), 7 * DAY, None).canonical
    late = d.decide("c", fp(AR), 14 * DAY + 1, None)  # "b" is 7 days + 1 s before it
    assert late.canonical and late.story_id == "c"


def key_counts(state: DedupState) -> dict[str, int]:
    """Keys per table, walking every key."""
    return {name: len(getattr(state, name.removeprefix("dedup_"))) for name in TABLES}


def test_expire_removes_old_state_and_bounds_it() -> None:
    d = deduper()
    for day in range(30):
        text = " ".join(f"word{day}x{i}" for i in range(40))
        d.decide(f"s{day}", fp(text), day * DAY, "x")
        d.decide(f"c{day}", fp(text), day * DAY + 60, "y")
        d.expire(day * DAY)
    counts = key_counts(d.state)
    assert counts["dedup_docs"] <= 2 * 9
    assert counts["dedup_stories"] <= 9
    assert all(story["c"] == 2 for story in d.state.stories.values())
    assert d.expire(100 * DAY) > 0
    assert all(n <= 1 for n in key_counts(d.state).values())  # only the "oldest" pointer


def test_expire_returns_the_number_of_articles_removed() -> None:
    d = deduper()
    d.decide("a", fp(AR), 0.0, None)
    d.decide("b", fp(EN), 0.0, None)
    assert d.expire(6 * DAY) == 0
    assert d.expire(8 * DAY) == 2
    assert d.state.buckets == {} and d.state.exact == {} and d.state.docs == {}


def test_state_needs_every_table() -> None:
    assert DedupState.from_mappings(**{name: {} for name in TABLES}).docs == {}
    with pytest.raises(ValueError, match="missing"):
        DedupState.from_mappings(dedup_docs={})


def test_fingerprint_round_trip_and_shape() -> None:
    f = fp(AR)
    assert Fingerprint.decode(f.encode()) == f
    assert len(f.signature) == NUM_PERM * 4 and f.bands and f.shingles > 0
    assert Fingerprint.decode({**f.encode(), "v": "other"}).reason == "other_version"


def test_empty_text_has_no_bands_and_matches_exactly_only() -> None:
    d = deduper()
    empty = fingerprint("")
    assert empty.bands == () and Fingerprint.decode(empty.encode()) == empty
    d.decide("a", empty, 0.0, None)
    assert d.decide("b", empty, 0.0, None).method == "exact"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d"]),
                          st.sampled_from([AR, EN, wrap(AR), "", "x", template(*TEMPLATES[0])]),
                          st.floats(0, 30 * DAY)), max_size=12))
def test_decide_never_raises_nor_points_to_itself(events) -> None:
    d = deduper()
    for article_id, text, t in events:
        decision = d.decide(article_id, fp(text), t, None)
        assert decision.duplicate_of != article_id
        assert decision.canonical == (decision.story_id == article_id)
        d.expire(t)


@pytest.mark.parametrize(("rows", "expected"), [
    ([("g", "a"), ("g", "a"), (None, "c")], (1.0, 1.0)),
    ([("g", "a"), ("g", "b")], (1.0, 0.0)),
    ([("g", "a"), ("h", "a")], (0.0, 1.0)),
    ([("g", "a"), ("g", "a"), ("g", "b"), (None, "a")], (1 / 3, 1 / 3)),
    ([(None, "a"), (None, "b")], (1.0, 1.0)),
])
def test_dedup_scores_are_pairwise(rows, expected) -> None:
    scores = dedup_scores({"dup_group": g, "story_id": s} for g, s in rows)
    assert scores == pytest.approx(expected)


class _Changelog(dict):
    """``dedup_docs`` that records its changelog: (article id, doc or None), in order."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, dict | None]] = []

    def __setitem__(self, key: str, value: dict) -> None:
        super().__setitem__(key, value)
        self.records.append((key, value))

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self.records.append((key, None))


def _replay(state: DedupState, records: list[tuple[str, dict | None]], batch: int) -> int:
    """What the worker's dedup_docs table does with replayed changelog batches."""
    changed = 0
    for start in range(0, len(records), batch):
        chunk = records[start:start + batch]
        replayed = state.replay(chunk, state.docs.get)
        assert replayed.failed == []
        changed += replayed.changed
        for key, doc in chunk:
            if doc is None:
                state.docs.pop(key, None)
            else:
                state.docs[key] = doc
    return changed


def _view(state: DedupState) -> tuple[dict, dict, dict]:
    return dict(state.buckets), dict(state.exact), dict(state.stories)


def _stories(n: int, seed: int = 5) -> list[tuple[str, list[str], list[str]]]:
    """(lang, [original, two copies], paragraphs) per story, from the synthetic generator."""
    gen = Generator(seed)
    out = []
    for k in range(n):
        lang = "en" if k % 2 else "ar"
        headline, paragraphs = gen.story(lang, size=900)
        original = "\n\n".join([headline, *paragraphs])
        out.append((lang, [original, gen.copy(lang, headline, paragraphs),
                           gen.copy(lang, headline, paragraphs)], paragraphs))
    return out


def test_replaying_the_docs_changelog_rebuilds_the_derived_view() -> None:
    """A worker taking the dedup partition over files the replayed docs into its derived
    tables: the writer's view exactly (copies, reposts, expiries, a bucket over its cap), and
    the same decisions afterwards."""
    docs = _Changelog()
    writer = Deduper(DedupState(docs, {}, {}, {}, {}), window_seconds=4 * HOUR)
    t = 1.79e9
    for k, (_, texts, _) in enumerate(_stories(24)):
        for n, text in enumerate([*texts, texts[0]]):  # a verbatim repost: an exact copy
            t += 97.0
            writer.decide(f"s{k}-{n}", fingerprint(normalize(text)), t, f"outlet-{n % 3}")
        if k % 6 == 5:
            assert writer.expire(t) >= 0
    shared = fingerprint(normalize(AR))
    t += 3 * HOUR
    for i in range(BUCKET_CAP + 8):  # one text again and again: its buckets overflow
        writer.decide(f"same-{i}", shared, t + i, "wire")
    assert writer.expire(t) > 0  # the early stories are tombstoned
    assert any(doc is None for _, doc in docs.records)
    assert max(map(len, writer.state.buckets.values())) == BUCKET_CAP

    reader = DedupState.in_memory()
    assert _replay(reader, docs.records, batch=7) > 0
    assert reader.docs == docs
    assert _view(reader) == _view(writer.state)

    # This worker's own last records coming back (a restart before their offsets were
    # stored) change nothing.
    assert reader.replay(docs.records[-5:], reader.docs.get).changed == 0
    assert _view(reader) == _view(writer.state)

    later = [(f"late-{k}", fingerprint(normalize(texts[1]))) for k, (_, texts, _) in
             enumerate(_stories(24))]
    on_reader = Deduper(reader, window_seconds=4 * HOUR)
    for article_id, fp in [*later, ("late-same", shared)]:
        assert on_reader.decide(article_id, fp, t + 60, "x") == writer.decide(
            article_id, fp, t + 60, "x")
    assert on_reader.expire(t + 20 * HOUR) == writer.expire(t + 20 * HOUR)
    assert reader.docs == docs


def test_expiry_keeps_an_article_decided_again_after_a_replayed_expiry() -> None:
    """A replayed tombstone leaves the id filed under its old hour; when that hour expires on
    the worker that replayed it, the same id decided again later is kept."""
    docs = _Changelog()
    writer = Deduper(DedupState(docs, {}, {}, {}, {}), window_seconds=HOUR)
    fp = fingerprint(normalize(AR))
    writer.decide("a", fp, 0.0, "wire")
    writer.expire(3 * HOUR)
    writer.decide("a", fp, 5 * HOUR, "wire")  # the same article, scraped again
    reader = DedupState.in_memory()
    _replay(reader, docs.records, batch=1)
    assert Deduper(reader, window_seconds=HOUR).expire(5.5 * HOUR) == 0
    assert reader.docs["a"]["t"] == 5 * HOUR and reader.exact[fp.content_hash] == "a"


def test_an_expired_canonical_seen_again_is_not_a_duplicate_of_itself() -> None:
    """Found by the property test: a canonical expires, a copy of it is still in the window,
    and the canonical is processed again: it matches its own story through the copy."""
    d = Deduper(DedupState.in_memory(), window_seconds=7 * 86400)
    text = fingerprint(normalize(AR))
    d.decide("a", text, 0.0, None)
    d.decide("b", text, 3600.0, None)
    d.expire(608400.0)
    again = d.decide("a", text, 608400.0, None)
    assert again.canonical and again.duplicate_of is None
