"""Country gazetteer: ISO 3166 names (English, and Arabic via pycountry's translations) plus a
small bundled data file of short names, demonyms, capitals and territories.

A name is registered in a ``Lexicon`` so it matches with clitics and inflections (بموسكو،
الفلسطينيين). A pycountry form claimed by two countries (e.g. "كوريا") is dropped.
"""

from __future__ import annotations

import gettext
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pycountry

from khabar.agents.classify.lexicon import Lexicon, Pattern
from khabar.agents.ingest.normalize import normalize

DATA_FILE = Path(__file__).with_name("countries.toml")


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


def build_gazetteer(lexicon: Lexicon, data: bytes) -> dict[Pattern, Place]:
    """Register every country name in ``lexicon``; returns pattern -> place."""
    places: dict[Pattern, Place] = {}
    for name, codes in _pycountry_names().items():
        if len(codes) == 1:
            places[lexicon.add(name)] = Place(next(iter(codes)), False)
    extra = tomllib.loads(data.decode("utf-8"))
    for code, spec in extra.items():
        if pycountry.countries.get(alpha_2=code) is None:
            raise ValueError(f"{DATA_FILE.name}: unknown ISO 3166-1 alpha-2 code {code!r}")
        for name in [*spec.get("ar", []), *spec.get("en", [])]:
            places[lexicon.add(name)] = Place(code, False)
        for name in spec.get("ambiguous", []):
            places[lexicon.add(name)] = Place(code, True)
    places.pop((), None)
    return places
