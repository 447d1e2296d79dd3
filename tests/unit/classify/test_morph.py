"""Arabic clitics and inflections in the matcher, checked against a table of surface forms."""

from __future__ import annotations

import pytest

from khabar.agents.classify.lexicon import Lexicon
from khabar.agents.classify.morph import canonical
from khabar.agents.ingest.normalize import normalize

# Our own small vocabulary: election, talks and aid words, plus words chosen to tempt a careless
# stripper (a name «جان», a city «الرقة», «جنة», «كرة», an epidemic «وباء» beside «كوبا»).
TERMS = ["انتخابات", "مرشح", "ناخب", "اتفاق", "هدنة", "لاجئ", "لجنة", "يتفاوض", "جنة", "جان",
         "الرقة", "كرة", "وباء", "كوبا", "تل أبيب", "دورة"]
EXACT = ["سلام"]
PHRASES = ["المفوضية العليا للانتخابات", "التوصل لاتفاق", "عملية السلام", "ورقة عمل"]

# surface form, the term it must match (None: it must match no term), what the row shows
TABLE = [
    ("الانتخابات", "انتخابات", "article"),
    ("للانتخابات", "انتخابات", "ل + ال written لل"),
    ("لانتخابات", "انتخابات", "ل without the article"),
    ("وللانتخابات", "انتخابات", "و + ل + ال"),
    ("فللانتخابات", "انتخابات", "ف + ل + ال"),
    ("بالانتخابات", "انتخابات", "ب + ال"),
    ("كالانتخابات", "انتخابات", "ك + ال"),
    ("والانتخابات", "انتخابات", "و + ال"),
    ("فالانتخابات", "انتخابات", "ف + ال"),
    ("وبالانتخابات", "انتخابات", "و + ب + ال"),
    ("فبانتخابات", "انتخابات", "ف + ب"),
    ("فبالانتخابات", "انتخابات", "ف + ب + ال"),
    ("وكالمرشحين", "مرشح", "و + ك + ال + sound plural"),
    ("فللمرشحين", "مرشح", "ف + ل + ال + sound plural"),
    ("وكالة", None, "an agency: not و + ك + «الة»"),
    ("انتخاباتها", "انتخابات", "pronoun ها"),
    ("وانتخاباتهم", "انتخابات", "و + pronoun هم"),
    ("للمرشحين", "مرشح", "ل + ال + sound plural"),
    ("مرشحو", "مرشح", "plural in construct (nominative)"),
    ("مرشحيها", "مرشح", "plural in construct + pronoun"),
    ("مرشحة", "مرشح", "feminine"),
    ("والمرشحات", "مرشح", "و + ال + feminine plural"),
    ("مرشحان", "مرشح", "dual"),
    ("الناخبين", "ناخب", "ال + sound plural"),
    ("هدنته", "هدنه", "ة written ت before a pronoun"),
    ("بهدنتين", "هدنه", "ب + feminine dual"),
    ("الهدنات", "هدنه", "feminine plural"),
    ("للاجئين", "لاجي", "ل + ال before a stem in ل: two lams, not three"),
    ("اللاجئات", "لاجي", "ال + stem in ل"),
    ("لاجئيها", "لاجي", "plural in construct + pronoun"),
    ("للجنة", "لجنه", "ل + ال + لجنة is «للجنة», the stem keeps its ل"),
    ("واللجنة", "لجنه", "و + ال + stem in ل"),
    ("لجنتها", "لجنه", "pronoun after ة"),
    ("سيتفاوض", "يتفاوض", "future س before a present-tense verb"),
    ("وسيتفاوضون", "يتفاوض", "و + س + verb + plural"),
    ("للاتفاق", "اتفاق", "ل + ال"),
    ("لاتفاق", "اتفاق", "the bare ل that a phrase of the data also carries"),
    ("للسلام", "سلام", "an exact word still takes proclitics"),
    # negative rows: letters that only look like clitics, or forms of another word
    ("لجان", None, "committees: not ل + the name «جان»"),
    ("للجان", None, "ل + ال + committees"),
    ("لجنة", "لجنه", "committee: not ل + «جنة»"),
    ("فكرة", None, "an idea: not ف + «كرة»"),
    ("كوبا", "كوبا", "Cuba: not ك + «وباء»"),
    ("وسرقة", None, "theft: the future س never precedes a noun"),
    ("ورقة", "ورقه", "a paper: not و + «الرقة»"),
    ("سلامة", None, "safety: an exact «سلام» claims no feminine"),
    ("سلامته", None, "no pronoun on an exact word"),
    ("كتلة", None, "a bloc: a two-letter word («تل») has no inflected forms"),
    ("لتل", None, "a remainder of two letters is never stripped to"),
    ("بالغ", None, "adult: the remainder after بال is too short to be a word"),
    ("بدوره", None, "«in turn»: not ب + «دورة» (ة and ه fold together)"),
    ("وبدورها", None, "«and in turn»"),
    ("لدوره", None, "«for its role»: not ل + «دورة»"),
    ("لدورها", None, "«for her role»"),
    ("للدورة", "دوره", "but ل + ال + دورة is the word"),
]


def _lexicon(order: int) -> Lexicon:
    lexicon = Lexicon()
    groups = [TERMS, PHRASES]
    for group in groups if order == 0 else reversed(groups):
        for text in group:
            lexicon.add(text)
    for text in EXACT:
        lexicon.add(text, exact=True)
    return lexicon


@pytest.fixture(scope="module", params=[0, 1], ids=["terms-first", "phrases-first"])
def lexicon(request: pytest.FixtureRequest) -> Lexicon:
    return _lexicon(request.param)


@pytest.mark.parametrize(("surface", "term", "why"), TABLE, ids=[row[0] for row in TABLE])
def test_form_table(lexicon: Lexicon, surface: str, term: str | None, why: str) -> None:
    assert lexicon.resolve(normalize(surface)) == term, why


def test_a_phrase_written_with_clitics_matches_and_frees_its_word(lexicon: Lexicon) -> None:
    text = "اعلنت المفوضية العليا للانتخابات موعد الاقتراع للانتخابات المقبلة"
    words = [lexicon.resolve(t) for t in normalize(text).split()]
    found = [(pattern, start) for pattern, start, _ in lexicon.scan(words)]
    phrase = tuple(canonical(w) for w in normalize(PHRASES[0]).split())
    assert (phrase, 1) in found  # the phrase, as the data wrote it
    assert (("انتخابات",), 6) in found  # and the single word, in the same text


def test_a_bare_clitic_before_a_stem_letter_is_kept_in_a_phrase(lexicon: Lexicon) -> None:
    words = [lexicon.resolve(t) for t in normalize("قدم ورقة عمل عن الرقة").split()]
    patterns = [pattern for pattern, _, _ in lexicon.scan(words)]
    assert ("ورقه", "عمل") in patterns
    assert ("رقه",) in patterns and words.count("رقه") == 1


@pytest.mark.parametrize("order", [0, 1], ids=["phrase-first", "term-first"])
def test_english_words_with_one_stem_are_one_word(order: int) -> None:
    lexicon = Lexicon()
    entries = ["senate voted", "talks with rebels", "vote", "rebel"]
    for text in entries if order == 0 else reversed(entries):
        lexicon.add(text)
    words = [lexicon.resolve(t) for t in normalize("The Senate voted; rebels vote").split()]
    found = [pattern for pattern, _, _ in lexicon.scan(words)]
    assert found == [("senate", "voted"), ("rebel",), ("vote",)]
    words = [lexicon.resolve(t) for t in normalize("talks with rebel groups").split()]
    assert [pattern for pattern, _, _ in lexicon.scan(words)] == [("talks", "with", "rebels")]


def test_the_longest_phrase_wins_and_a_lone_word_stands_when_no_phrase_fits() -> None:
    lexicon = Lexicon()
    for text in ["republic", "republic of the congo", "democratic republic of the congo",
                 "republic of", "peace", "peace talks", "peace talks resume"]:
        lexicon.add(text)
    text = ("the democratic republic of the congo and the republic of the congo held peace "
            "talks resume now peace talks then a republic, peace.")
    words = [lexicon.resolve(t) for t in normalize(text).split()]
    found = [(" ".join(pattern), start) for pattern, start, _ in lexicon.scan(words)]
    assert found == [("democratic republic of the congo", 1), ("republic of the congo", 8),
                     ("peace talks resume", 13), ("peace talks", 17), ("republic", 21),
                     ("peace", 22)]


def test_a_phrase_never_crosses_a_paragraph_or_runs_past_the_text() -> None:
    lexicon = Lexicon()
    for text in ["peace", "peace talks", "peace talks resume"]:
        lexicon.add(text)
    words = [lexicon.resolve(t) for t in ["peace", "talks"]]
    cut = [*words, None, *words[:1]]  # a paragraph ends after "talks"; the text after "peace"
    assert [(p, s, e) for p, s, e in lexicon.scan(cut)] == [
        (("peace", "talks"), 0, 2), (("peace",), 3, 4)]
    assert [(p, s) for p, s, _ in lexicon.scan([words[0], None, words[1]])] == [(("peace",), 0)]
