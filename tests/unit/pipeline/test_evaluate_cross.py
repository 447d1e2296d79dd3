"""Cross-source evaluation: source groups, the fitted cut-off, leave one group out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest

from khabar.agents.evaluate import Prediction, _best_cutoff, cross_source, source_group


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


def _page(row_id: str, source: str, text: str, labels: list[str]) -> dict[str, Any]:
    return {"id": row_id, "lang": "en", "source": source, "text": text, "labels": labels,
            "dup_group": None}


def test_eval_cross_prints_fit_beside_cross_for_each_set(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from khabar.agents.cli import main

    peace = ("Rebels and government agree ceasefire at peace talks\n\nNegotiators agreed a truce "
             "after mediation by a UN envoy, as fighting between troops and rebels eased.")
    strike = ("Dockers end walkout after mediated pay deal\n\nThe union and the port employer "
              "reached a deal after talks led by a mediator; the strike over wages ends.")
    one = tmp_path / "one" / "articles.jsonl"
    two = tmp_path / "two" / "articles.jsonl"
    for path, source in ((one, "Paper A"), (two, "Paper B")):
        path.parent.mkdir()
        rows = [_page(f"{source}-1", source, peace, ["peace_talks"]),
                _page(f"{source}-2", source, strike, [])]
        path.write_text("".join(orjson.dumps(r).decode() + "\n" for r in rows), encoding="utf-8")
    assert main(["eval", "--cross", str(one), str(two)]) == 0
    out = capsys.readouterr().out
    assert "one (2 rows; groups: Paper A 2)" in out and "two (2 rows; groups: Paper B 2)" in out
    line = next(x for x in out.splitlines() if x.startswith("en    peace_talks"))
    assert line.split()[2:8] == ["1.000"] * 6  # fit P R F1, cross P R F1
