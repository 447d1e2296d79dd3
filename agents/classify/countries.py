"""Country gazetteer: ISO 3166 names (English, and Arabic via pycountry's translations) plus a
small bundled data file of short names, demonyms, capitals and territories.

A name is registered in a ``Lexicon`` so it matches with clitics (بموسكو). A place does not
inflect, and the feminine, plural and dual forms the matcher would derive from an Arabic place
name are mostly common words («الرياضة» is not the feminine of «الرياض», «عدنان» is no dual of
«عدن»), so a one-word place name is registered exact (:func:`place_words`). An ISO
country name that ends in a consonant also registers its nisba adjective (name + ي, «تونسي»),
which inflects («التونسيين»); the data file lists its own demonyms («فلسطيني»), and a one-word
name of it that ends in ي is one and inflects. City names get no nisba: theirs are often common
adjectives («رياضي», athletic, is not of «الرياض»). A name that is also a common word
(ISO's «مالي», Mali, is also "financial") is listed ``ambiguous`` in the data file. English
place names are exact too (the stemmer would make "Homs" the word "homes"); a data-file name
adds its plural for demonyms ("Israelis"). A pycountry form claimed by two countries (e.g.
"كوريا") is dropped.
"""

from __future__ import annotations

import gettext
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pycountry

from khabar.agents.classify.lexicon import Lexicon, Pattern
from khabar.agents.classify.morph import canonical, is_arabic
from khabar.agents.ingest.normalize import normalize

DATA_FILE = Path(__file__).with_name("countries.toml")
# Final letters after which a nisba is not formed by adding ي (سوريا, مالي, جدة: ة is folded
# to ه); the data file lists those adjectives (سوري) where they are wanted.
_AR_OPEN_END = ("ا", "ى", "ي", "ه", "و")


@dataclass(frozen=True, slots=True)
class Place:
    code: str
    ambiguous: bool


def _pycountry_names() -> dict[str, set[str]]:
    """normalised name -> codes, from pycountry's English names and Arabic translations."""
    try:
        arabic = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
        translate = arabic.gettext
    except OSError:
        translate = gettext.NullTranslations().gettext  # names left in English
    names: dict[str, set[str]] = {}
    for country in pycountry.countries:
        keys = ("common_name", "official_name")
        english = [country.name, *(getattr(country, k, "") for k in keys)]
        for name in english:
            if name and "," not in name:
                names.setdefault(normalize(name), set()).add(country.alpha_2)
        for name in {translate(n) for n in english if n}:
            short = name.split("،")[0]
            for form in {normalize(name), normalize(short)}:
                if form and not form.isascii():
                    names.setdefault(form, set()).add(country.alpha_2)
    return names


def place_words(name: str, *, iso: bool) -> list[tuple[str, bool]]:
    """The words and phrases to register for one gazetteer name, each with whether it is exact.

    A one-word place name is exact. In Arabic an ISO name (``iso``) ending in a consonant adds
    its nisba adjective, and a data-file name ending in ي is a demonym and inflects. In English
    a data-file name adds its plural (a demonym's: "Israelis", "Houthis"); the stemmer is not
    asked, so "Homs" is not "homes". Phrases are registered as they are."""
    words = normalize(name).split()
    if len(words) != 1:
        return [(name, False)]
    if not is_arabic(words[0]):
        return [(name, True)] if iso else [(name, True), (words[0] + "s", True)]
    word = canonical(words[0])
    if not iso and word.endswith("ي"):
        return [(name, False)]
    if not iso or word.endswith(_AR_OPEN_END):
        return [(name, True)]
    return [(name, True), (word + "ي", False)]


def build_gazetteer(lexicon: Lexicon, data: bytes) -> dict[Pattern, Place]:
    """Register every country name in ``lexicon``; returns pattern -> place."""
    places: dict[Pattern, Place] = {}

    def register(name: str, place: Place, *, iso: bool) -> None:
        for text, exact in place_words(name, iso=iso):
            places[lexicon.add(text, exact=exact)] = place

    for name, codes in _pycountry_names().items():
        if len(codes) == 1:
            register(name, Place(next(iter(codes)), False), iso=True)
    extra = tomllib.loads(data.decode("utf-8"))
    for code, spec in extra.items():
        if pycountry.countries.get(alpha_2=code) is None:
            raise ValueError(f"{DATA_FILE.name}: unknown ISO 3166-1 alpha-2 code {code!r}")
        for name in [*spec.get("ar", []), *spec.get("en", [])]:
            register(name, Place(code, False), iso=False)
        for name in spec.get("ambiguous", []):
            # the name alone: its nisba («المغربي», Moroccan) is not the ambiguous word
            # («المغرب» is also the sunset prayer), so an ISO name's nisba stays certain
            text, exact = place_words(name, iso=True)[0]
            places[lexicon.add(text, exact=exact)] = Place(code, True)
    places.pop((), None)
    return places
