"""Gazetteer derivation: place names do not inflect into common words («الرياضة», "homes"),
while their clitic forms and their demonyms' inflections still name the country."""

from __future__ import annotations

import pytest

from khabar.agents.classify.core import Classifier
from khabar.agents.classify.countries import place_words


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier.from_file()


def _countries(clf: Classifier, text: str) -> set[str]:
    return set(clf.classify(title=text, text=text, lang="ar").countries)


# surface form -> the country it must name (None: it names no country)
FORMS = [
    ("الرياض", "SA"), ("بالرياض", "SA"), ("وللرياض", "SA"),
    ("الرياضة", None), ("للرياضات", None), ("الرياضي", None), ("رياضته", None),
    ("عدن", "YE"), ("وعدن", "YE"), ("عدنان", None),
    ("جدة", "SA"), ("جدية", None), ("الجدية", None), ("بجديتهم", None),
    ("البصرة", "IQ"), ("البصرية", None),
    ("الحديدة", "YE"), ("الحديدية", None),
    ("قطر", "QA"), ("القطريين", "QA"), ("قطرة", None),
    ("تونس", "TN"), ("التونسيين", "TN"), ("التونسيون", "TN"),
    ("الفلسطينيين", "PS"), ("اليمنيون", "YE"), ("المصرية", "EG"),
    ("المالية", None), ("ماليات", None),
    ("المغربي", "MA"),
]


@pytest.mark.parametrize(("form", "code"), FORMS)
def test_arabic_place_forms(clf: Classifier, form: str, code: str | None) -> None:
    found = _countries(clf, form)
    assert found == ({code} if code else set())


@pytest.mark.parametrize(("text", "code"), [
    ("Shelling hit Homs again overnight.", "SY"),
    ("Israelis queued at the polls.", "IL"),
    ("The Houthis took the port.", "YE"),
    ("Syrians crossed the border.", "SY"),
    ("Floods reached their homes and families fled their homes.", None),
])
def test_english_place_forms(clf: Classifier, text: str, code: str | None) -> None:
    found = set(clf.classify(title=text, text=text, lang="en").countries)
    assert found == ({code} if code else set())


def test_common_word_name_needs_a_certain_mention(clf: Classifier) -> None:
    # «مالي» is also "financial": alone it names no country, beside Bamako it names Mali
    assert "ML" not in _countries(clf, "دعم مالي وعجز مالي في الموازنة")
    assert "ML" in _countries(clf, "وصل الوفد إلى باماكو، عاصمة مالي، بعد قتال في شمال مالي")


@pytest.mark.parametrize(("name", "iso", "registered"), [
    ("الرياض", False, [("الرياض", True)]),
    ("تونس", True, [("تونس", True), ("تونسي", False)]),
    ("سوريا", True, [("سوريا", True)]),
    ("مالي", True, [("مالي", True)]),
    ("فلسطيني", False, [("فلسطيني", False)]),
    ("رام الله", False, [("رام الله", False)]),
    ("riyadh", False, [("riyadh", True), ("riyadhs", True)]),
    ("Yemen", True, [("Yemen", True)]),
])
def test_place_words(name: str, iso: bool, registered: list[tuple[str, bool]]) -> None:
    assert place_words(name, iso=iso) == registered
