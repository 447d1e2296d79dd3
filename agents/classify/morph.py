"""Light morphology over normalised tokens (output of ``agents.ingest.normalize``).

Arabic: a taxonomy word is registered with its inflected forms (feminine, sound plurals and
their construct forms, duals, nisba adjectives) unless it is marked exact;
a text token is reduced by stripping proclitics (و ف ب ل ك, the article ال and their
combinations: ل + ال is written لل, «للانتخابات»; the future س only before a present-tense verb)
and pronoun suffixes, with ت restored to ه (folded ة) before a pronoun.
Broken plurals are not derivable and are listed as terms. A word whose first letters only look
like proclitics («لجان», «فكره») is listed in ``AR_STEMS`` and is not stripped further; a few
idioms («بدوره», in turn) are listed whole in ``AR_IDIOMS``. Words
shorter than three letters register no inflected forms (their "forms" are other words).

English: one deterministic suffix stemmer applied to both taxonomy words and tokens.

>>> ar_forms("لاجي")[:3]
['لاجي', 'لاجيه', 'لاجيات']
>>> canonical("الانتخابات")
'انتخابات'
>>> [f for f, _ in ar_candidates("وللاجيين")][:4]
['وللاجيين', 'للاجيين', 'لاجيين', 'اجيين']
>>> [f for f, _ in ar_candidates("للجان")]
['للجان', 'لجان']
>>> en_stem("negotiations"), en_stem("negotiated")
('negotiation', 'negotiat')
"""

from __future__ import annotations

from collections.abc import Iterator

# Proclitic clusters, shortest first so the least-stripped reading is tried first; each with
# whether it holds the future س, which only precedes the person prefix of a present-tense verb.
_AR_FUTURE = {"س", "وس", "فس"}
_AR_PREFIXES = tuple(
    (prefix, prefix in _AR_FUTURE)
    for prefix in sorted(
        {
            "و", "ف", "ب", "ل", "ك", "ال", "لل",
            "وال", "فال", "بال", "كال", "ولل", "فلل", "وب", "فب", "ول", "فل", "وك", "فك",
            "وبال", "فبال", "وكال", "فكال", *_AR_FUTURE,
        },
        key=lambda prefix: (len(prefix), prefix),
    )
)
_AR_CLITIC_FIRST = frozenset(prefix[0] for prefix, _ in _AR_PREFIXES)
_AR_PRESENT = ("ي", "ت", "ن", "ا")
_AR_PRONOUNS = ("هما", "كما", "هم", "هن", "ها", "كم", "نا", "ه", "ك", "ي")
# ه ات: feminine; ون ين و: masculine plural (و and ي in construct); ان: dual
_AR_INFLECT_MASC = ("ه", "ات", "ون", "ين", "و", "ان", "ي", "يه", "يون", "يين", "يات")
_AR_INFLECT_FEM = ("ات", "تان", "تين", "ي", "يه", "يات")
_AR_MIN = 3  # a stripped remainder shorter than this is never a taxonomy word
# Words whose first letters are proclitic letters but belong to the stem, where stripping them
# would reach another word («لجان» committees, not ل + «جان»; «فكره» an idea, not ف + «كره»).
# Stripping stops at them, also inside a longer token («للجان» is ل + «لجان»).
AR_STEMS = frozenset({
    "لجان", "لجنه", "لدي", "لديه", "لديها", "لديهم", "بدايه", "بدايات", "فكره", "فكرته",
    "بحري", "بحريه", "كرامه", "برقيه", "كافه", "كتله", "كتل", "وفاه", "وفيات", "بيان",
})
# Whole tokens that are a clitic and «دور» (role) with a pronoun, not a clitic and «دورة» (a
# course or a session) once ة is folded to ه: «بدوره» (in turn), «لدوره» (for its role). They
# are not stripped; a longer token is («للدورة» is ل + ال + «دورة»).
AR_IDIOMS = frozenset({
    "بدوره", "بدورها", "بدورهم", "وبدوره", "وبدورها", "وبدورهم", "لدوره", "لدورها", "لدورهم",
    "ولدوره", "ولدورها", "ولدورهم",
})
_EN_MIN = 3


def is_arabic(token: str) -> bool:
    """True when the token starts with an Arabic-block letter."""
    return "\u0600" <= token[0] <= "\u06ff"


def canonical(word: str) -> str:
    """The form a data word is indexed under: Arabic words lose the article ال."""
    if word.startswith("ال") and len(word) - 2 >= _AR_MIN:
        return word[2:]
    return word


def ar_forms(word: str) -> list[str]:
    """All surface forms (without clitics) that a non-exact canonical Arabic word registers."""
    if len(word) < _AR_MIN:
        return [word]
    if word.endswith("ه"):
        return [word] + [word[:-1] + s for s in _AR_INFLECT_FEM]
    return [word] + [word + s for s in _AR_INFLECT_MASC]


def ar_candidates(token: str) -> Iterator[tuple[str, bool]]:
    """Readings of a token, least stripped first, as ``(form, suffix_stripped)``."""
    stems = [token]
    if token[0] in _AR_CLITIC_FIRST and token not in AR_STEMS and token not in AR_IDIOMS:
        # the clusters that fit are prefixes of one another: each reading is shorter
        for prefix, future in _AR_PREFIXES:
            if not token.startswith(prefix) or len(token) - len(prefix) < _AR_MIN:
                continue
            rest = token[len(prefix):]
            if future and not rest.startswith(_AR_PRESENT):
                continue
            stems.append(rest)
            if rest in AR_STEMS:
                break
    for stem in stems:
        yield stem, False
    for stem in stems:
        for suffix in _AR_PRONOUNS:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= _AR_MIN:
                rest = stem[: -len(suffix)]
                yield rest, True
                if rest.endswith("ت"):
                    yield rest[:-1] + "ه", True


def en_stem(token: str) -> str:
    """A small, deterministic English suffix stemmer (plurals, -ed, -ing, final -e)."""
    w = token
    if len(w) <= _EN_MIN:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ing") and len(w) - 3 >= _EN_MIN:
        w = w[:-3]
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) - 2 >= _EN_MIN:
        w = w[:-2]
    if w.endswith("e") and not w.endswith("ee") and len(w) - 1 >= _EN_MIN:
        w = w[:-1]
    return w
