"""Every raw message accounted for, on the embedded broker.

500+ pages (distinct stories, republished copies, malformed messages) go to an 8-partition
raw topic; one worker runs; every valid page comes out as an enriched article or a duplicate
notice, every malformed one as a dead letter with the right reason, every output record
validates against its JSON Schema, and ``khabar process`` on the same messages gives the same
accounting.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import jsonschema
import orjson
import pytest

from khabar.agents.cli import _stages
from khabar.agents.demo import Accounting
from khabar.agents.pipeline import run_batch
from khabar.agents.samples.synthetic import Generator
from khabar.streams.records import schema_for
from tests.cluster import WorkerProcess, collect, names, publish_messages, settings_for

pytestmark = pytest.mark.integration

SCHEMAS = {kind: schema_for(kind) for kind in ("article", "duplicate", "dead_letter")}


def outcome(record: dict) -> str:
    """What a record says became of its raw message."""
    if record["kind"] == "dead_letter":
        return f"dead:{record['reason']}"
    return record["kind"]


def test_every_raw_message_is_accounted_for(broker, tmp_path: Path) -> None:
    corpus = Generator(seed=11).corpus(stories=420, copies_per_story=0.25, bad=40)
    assert len(corpus.messages) >= 500
    settings = settings_for(broker, tmp_path / "data", partitions=8)
    topics = names(settings)
    sent = publish_messages(settings, corpus.messages)
    assert len({s.partition for s in sent}) == 8
    accounting = Accounting(topics.raw, sent)

    worker = WorkerProcess(settings, tmp_path / "worker.log")
    try:
        outputs = collect(
            settings, [topics.enriched, topics.duplicates, topics.dlq],
            until=lambda out: _seen_all(accounting, out), timeout=240,
        )
    finally:
        worker.stop()
    records = [r for rs in outputs.values() for r in rs]
    for record in records:
        jsonschema.validate(record, SCHEMAS[record["kind"]])
    assert accounting.complete, f"unaccounted: {accounting.missing[:5]}"

    streamed = _outcomes(corpus, sent, records)
    for index, expect in enumerate(corpus.expect):
        got = streamed[index]
        if expect.startswith("dead:"):
            assert got in {f"dead:{r}" for r in expect[5:].split("|")}, (index, expect, got)
        else:
            assert got in ("article", "duplicate"), (index, expect, got)
    # Exactly one canonical per story; each copy points at it.
    canonical = Counter(corpus.story_of[r["id"]] for r in outputs[topics.enriched])
    assert set(canonical.values()) == {1}
    for notice in outputs[topics.duplicates]:
        assert corpus.story_of[notice["id"]] == corpus.story_of[notice["duplicate_of"]]
        assert notice["duplicate_of"] != notice["id"]

    # Batch mode, same cores, same messages in the same order: the same accounting.
    page_stage, dedup_stage = _stages(settings)
    batch = list(run_batch(corpus.messages, page_stage, dedup_stage))
    batched = Counter(outcome(r) for r in batch)
    assert batched == Counter(outcome(r) for r in records)
    assert {r["id"] for r in batch if r["kind"] == "article"} | {
        r["id"] for r in batch if r["kind"] == "duplicate"} == {
        r["id"] for r in records if r["kind"] in ("article", "duplicate")}


def _seen_all(accounting: Accounting, outputs: dict) -> bool:
    accounting.done.clear()
    for records in outputs.values():
        for record in records:
            accounting.see(record)
    return accounting.complete


def _outcomes(corpus, sent, records) -> dict[int, str]:
    by_key = {s.key.decode(): i for i, s in enumerate(sent) if s.key is not None}
    by_position = {(s.partition, s.offset): i for i, s in enumerate(sent)}
    result: dict[int, str] = {}
    for record in records:
        index = None
        if record["kind"] == "dead_letter":
            index = by_position.get((record["partition"], record["offset"]))
        if index is None:
            index = by_key.get(str(record.get("source_id")))
        assert index is not None, record
        result.setdefault(index, outcome(record))
    return result


def test_batch_mode_payloads_are_json_lines(tmp_path: Path, broker) -> None:
    """``khabar process`` output is one JSON object per line with its ``kind``."""
    corpus = Generator(seed=3).corpus(stories=5, bad=5)
    settings = settings_for(broker, tmp_path)
    page_stage, dedup_stage = _stages(settings)
    lines = [orjson.dumps(r) for r in run_batch(corpus.messages, page_stage, dedup_stage)]
    kinds = Counter(orjson.loads(line)["kind"] for line in lines)
    assert kinds["dead_letter"] == 5 and kinds["article"] >= 5
