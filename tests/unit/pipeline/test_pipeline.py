"""The composed cores: dead letters for every failure, routing, event time, layering."""

from __future__ import annotations

import ast
from pathlib import Path

import jsonschema
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.agents.classify.core import Classifier
from khabar.agents.dedup.core import Deduper
from khabar.agents.dedup.state import DedupState
from khabar.agents.pipeline import DedupStage, Origin, PageStage, _event_time, run_batch
from khabar.agents.publish.core import route
from khabar.streams import records

REPO = Path(__file__).resolve().parents[3]
CLASSIFIER = Classifier.from_file()


def stages() -> tuple[PageStage, DedupStage]:
    page = PageStage(CLASSIFIER, max_message_bytes=100_000, dlq_payload_bytes=1000)
    return page, DedupStage(Deduper(DedupState.in_memory()))


PAGE = {"id": "p1", "source": "wire", "text": (
    "The two sides agreed a ceasefire after talks mediated by Qatar in Doha.\n\n"
    "Negotiators will meet again next week to discuss a peace agreement and a prisoner "
    "exchange, the mediators said on Sunday.")}


def test_a_page_becomes_an_enriched_article_then_a_duplicate() -> None:
    page_stage, dedup_stage = stages()
    first = page_stage.run(orjson.dumps(PAGE), Origin("raw", 0, 1, 1.0e9))
    again = page_stage.run(orjson.dumps({**PAGE, "id": "p2"}), Origin("raw", 1, 1, 1.0e9))
    decided = [dedup_stage.run(c) for c in first.candidates + again.candidates]
    article = decided[0].deliveries[0].record
    jsonschema.validate(article, records.schema_for("article"))
    assert "peace_talks" in article["labels"] and article["story_id"] == "p1"
    assert [d.destination for d in decided[0].deliveries][:1] == ["enriched"]
    notice = decided[1].deliveries[0].record
    jsonschema.validate(notice, records.schema_for("duplicate"))
    assert (notice["duplicate_of"], notice["method"]) == ("p1", "exact")


@pytest.mark.parametrize(("payload", "reason"), [
    (b"not json", "invalid_json"),
    (b"[1, 2]", "not_an_object"),
    (b'{"id": "x", "text": 5}', "schema"),
    (b'{"id": "x", "text": "  "}', "empty_text"),
    (b'{"id": "x", "text": "' + b"a" * 200_000 + b'"}', "too_large"),
])
def test_bad_input_is_one_dead_letter(payload: bytes, reason: str) -> None:
    result = stages()[0].run(payload, Origin("raw", 3, 7))
    assert result.candidates == [] and result.dead_letter is not None
    assert (result.dead_letter["reason"], result.dead_letter["offset"]) == (reason, 7)
    jsonschema.validate(result.dead_letter, records.schema_for("dead_letter"))


def test_an_exception_in_a_core_is_an_internal_dead_letter(monkeypatch) -> None:
    page_stage, _ = stages()

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(page_stage.classifier, "classify", broken)
    result = page_stage.run(orjson.dumps(PAGE), Origin("raw", 0, 9))
    assert result.dead_letter["reason"] == "internal"
    assert "boom" in result.dead_letter["error"] and result.dead_letter["stage"] == "classify"


FIELD_VALUES = st.one_of(st.text(max_size=300), st.integers(-(2**62), 2**62), st.none())
FIELDS = st.sampled_from(["id", "text", "html", "title", "url"])


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=2000), st.text(max_size=500).map(str.encode),
                 st.dictionaries(FIELDS, FIELD_VALUES).map(orjson.dumps)))
def test_any_bytes_become_articles_or_one_dead_letter(payload: bytes) -> None:
    result = stages()[0].run(payload, Origin("raw", 0, 0))
    assert bool(result.candidates) != (result.dead_letter is not None)


def test_routing() -> None:
    assert route(True, ["elections", "humanitarian"]) == [
        "enriched", "label:elections", "label:humanitarian"]
    assert route(False, ["elections"]) == ["duplicates"]


@pytest.mark.parametrize(("published", "timestamp", "expected"), [
    ("2026-11-20T10:00:00Z", 5.0, 1795168800.0),
    ("2026-11-20T10:00:00", 5.0, 1795168800.0),
    ("yesterday", 5.0, 5.0),
    ("2999-01-01T00:00:00Z", 5.0, 5.0),
    (None, None, 42.0),
])
def test_event_time(published, timestamp, expected) -> None:
    assert _event_time(published, timestamp, now=1.9e9 if expected != 42.0 else 42.0) == expected


def test_batch_mode_reports_dead_letters_and_articles_in_order() -> None:
    lines = [orjson.dumps(PAGE), b"oops", orjson.dumps({**PAGE, "id": "p3"})]
    kinds = [r["kind"] for r in run_batch(lines, *stages())]
    assert kinds == ["article", "dead_letter", "duplicate"]


@pytest.mark.parametrize("stage", ["ingest", "dedup", "classify", "publish"])
def test_cores_import_neither_faust_nor_streams(stage: str) -> None:
    for path in (REPO / "agents" / stage).glob("*.py"):
        if path.name == "agent.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert name.removeprefix("khabar.").split(".")[0] not in (
                    "faust", "streams", "mode"), (path, name)


def test_streams_never_import_agents() -> None:
    for path in (REPO / "streams").rglob("*.py"):
        text = path.read_text()
        assert "from khabar.agents" not in text and "import khabar.agents" not in text
