"""Cross-source evaluation: source groups, the fitted cut-off, leave one group out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from agents.evaluate import Prediction, _best_cutoff, cross_source, source_group


def test_source_groups_follow_outlet_family_and_variants_follow_their_base() -> None:
    rows = [
        {"id": "a", "source": "SaudiNewsNet/okaz (2015-08-01)"},
        {"id": "b", "source": "Reuters via secureIntent-git/teftst (2016-05-25)"},
        {"id": "c", "source": "synthetic scraped-page variant of a", "variant_of": "a"},
        {"id": "d", "source": "Example Gazette via someone/repo (2020)"},
    ]
    by_id = {r["id"]: r for r in rows}
    assert [source_group(r, by_id) for r in rows] == [
        "Saudi press 2015", "Reuters + US outlets 2016", "Saudi press 2015", "Example Gazette"]


def test_best_cutoff_separates_and_prefers_the_default_among_near_equals() -> None:
    points = [(1.0, False), (2.0, False), (6.0, True), (8.0, True)]
    cut = _best_cutoff(points, default=100.0)
    assert 2.0 < cut <= 6.0  # every cut-off between the classes has F1 1.0
    assert _best_cutoff(points, default=4.0) == 4.0  # the default is among the best
    assert _best_cutoff([], default=3.5) == 3.5


@dataclass
class _Verdict:
    label: str
    raw: float
    blocked: str | None


@dataclass
class _Explained:
    verdicts: list[_Verdict]


class _Stub:
    """A classifier whose raw score is the article's text read as a number."""

    labels = ("topic",)

    def cutoff(self, label: str, lang: str) -> float:
        return 0.5

    def explain(self, *, title: str | None, text: str, lang: str) -> _Explained:
        raw, _, gate = text.partition(" ")
        return _Explained([_Verdict("topic", float(raw), gate or None)])


def _rows(group: str, items: list[tuple[str, bool]]) -> list[dict[str, Any]]:
    return [{"id": f"{group}-{i}", "source": group, "text": text,
             "labels": ["topic"] if gold else []} for i, (text, gold) in enumerate(items)]


def test_each_group_is_scored_with_cutoffs_fitted_on_the_others() -> None:
    # Group A separates at 5, group B at 15: fitted on B, A's positives at 10 fall short.
    a = _rows("A", [("2", False), ("10", True), ("11", True)])
    b = _rows("B", [("12", False), ("13", False), ("20", True), ("22", True)])
    c = _rows("C", [("30 vetoed", True)])  # a gate that fails holds the label back
    rows = a + b + c
    predictions = {r["id"]: Prediction([], None, {"title": None, "text": r["text"],
                                                  "lang": "en"}) for r in rows}
    cross, cutoffs = cross_source(rows, predictions, _Stub())  # type: ignore[arg-type]
    assert 13 < cutoffs["A"]["en"]["topic"] <= 20
    assert 2 < cutoffs["B"]["en"]["topic"] <= 10
    assert [cross[r["id"]].labels for r in a] == [[], [], []]
    assert [cross[r["id"]].labels for r in b] == [["topic"], ["topic"], ["topic"], ["topic"]]
    assert cross["C-0"].labels == []
