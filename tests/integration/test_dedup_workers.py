"""Dedup across raw partitions, workers and a worker restart.

Copies of the same stories are sent, in one burst, to different partitions of an 8-partition
raw topic that two workers of one consumer group split between them. The ``khabar.pages`` agents
forward fingerprinted candidates to the single-partition ``<prefix>.dedup`` topic, so every copy
meets the same dedup state: exactly one canonical per story, every other copy a duplicate notice
pointing at it. Then both workers are killed and one new worker starts on an empty data dir: it
has to recover the dedup tables from their changelogs (and rebuild the LSH buckets from the
recovered signatures) to recognise further copies of the stories seen before the restart.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson
import pytest
from aiokafka import AIOKafkaProducer

from khabar.agents.kafka_io import bootstrap, ensure_topics
from khabar.agents.samples.synthetic import Generator
from khabar.streams.embedded import free_port
from khabar.streams.settings import Settings
from tests.cluster import WorkerProcess, collect, metric, names, settings_for, wait_all_ready

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

STORIES = 16
PARTITIONS = 8
READY_TIMEOUT = 60.0
COLLECT_TIMEOUT = 60.0


@dataclasses.dataclass
class Story:
    lang: str
    headline: str
    paragraphs: list[str]


def _page(page_id: str, source: str, text: str) -> bytes:
    return orjson.dumps({"id": page_id, "source": source,
                         "url": f"https://example.org/{source}/{page_id}", "text": text})


def _burst(settings: Settings, topic: str, placed: list[tuple[int, bytes, bytes]]) -> None:
    """Send every ``(partition, key, payload)`` at once to its explicit partition; wait for
    every ack (``publish`` would key them all to the partition their id hashes to)."""

    async def run() -> None:
        await ensure_topics(settings, [topic], settings.partitions)
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap(settings), linger_ms=5)
        await producer.start()
        try:
            futures = [await producer.send(topic, payload, key=key, partition=partition)
                       for partition, key, payload in placed]
            landed = await asyncio.gather(*futures)
            assert [m.partition for m in landed] == [p for p, _, _ in placed]
        finally:
            await producer.stop()

    asyncio.run(run())


def _by_id(outputs: dict[str, list[dict[str, Any]]], enriched: str, duplicates: str
           ) -> dict[str, dict[str, Any]]:
    """One record per article id. At-least-once may publish a decision twice; the repeat must
    be the same decision."""
    seen: dict[str, dict[str, Any]] = {}
    for topic in (enriched, duplicates):
        for record in outputs[topic]:
            earlier = seen.setdefault(record["id"], record)
            assert earlier["kind"] == record["kind"], ("decided both ways", earlier, record)
            if record["kind"] == "duplicate":
                assert earlier["duplicate_of"] == record["duplicate_of"], (earlier, record)
    return seen


def _seen(ids: set[str], enriched: str, duplicates: str):
    def until(outputs: dict[str, list[dict[str, Any]]]) -> bool:
        got = {r["id"] for t in (enriched, duplicates) for r in outputs[t]}
        return ids <= got
    return until


def test_copies_on_different_partitions_and_workers_meet_across_a_restart(
    broker, tmp_path: Path
) -> None:
    started = time.monotonic()
    generator = Generator(seed=404)
    stories = []
    for k in range(STORIES):
        lang = "en" if k % 2 else "ar"
        stories.append(Story(lang, *generator.story(lang)))

    # Story k: original on partition k, copies on k+3 and k+5 (mod 8), all in one burst.
    story_of: dict[str, int] = {}
    burst: list[tuple[int, bytes, bytes]] = []
    for k, story in enumerate(stories):
        texts = ["\n\n".join([story.headline, *story.paragraphs]),
                 generator.copy(story.lang, story.headline, story.paragraphs),
                 generator.copy(story.lang, story.headline, story.paragraphs)]
        for n, (shift, text) in enumerate(zip((0, 3, 5), texts, strict=True)):
            page_id = f"story{k}-v{n}"
            story_of[page_id] = k
            burst.append(((k + shift) % PARTITIONS, page_id.encode(),
                          _page(page_id, f"outlet-{n}", text)))
    # Interleave stories so copies of one story sit at the same depth of different partitions.
    burst.sort(key=lambda placed: (placed[1].decode().split("-v")[1], placed[0]))

    base = settings_for(broker, tmp_path / "data-a", partitions=PARTITIONS)
    topics = names(base)
    asyncio.run(ensure_topics(base, [topics.raw], PARTITIONS))
    second = dataclasses.replace(base, data_dir=tmp_path / "data-b", web_port=free_port())
    workers = [WorkerProcess(base, tmp_path / "worker-a.log"),
               WorkerProcess(second, tmp_path / "worker-b.log")]
    try:
        wait_all_ready(workers, READY_TIMEOUT)
        _burst(base, topics.raw, burst)
        outputs = collect(base, [topics.enriched, topics.duplicates],
                          until=_seen(set(story_of), topics.enriched, topics.duplicates),
                          timeout=COLLECT_TIMEOUT, idle=3.0)
        pages_per_worker = [metric(w, "khabar_pages_total") for w in workers]
    finally:
        for worker in workers:
            worker.kill()
    # Both members of the group took raw partitions.
    assert all(count > 0 for count in pages_per_worker), pages_per_worker

    decided = _by_id(outputs, topics.enriched, topics.duplicates)
    missing = sorted(set(story_of) - decided.keys())
    assert not missing, f"no decision for {missing}"
    assert decided.keys() == set(story_of), sorted(decided.keys() - set(story_of))
    canonical_of: dict[int, str] = {}
    per_story: dict[int, list[str]] = defaultdict(list)
    for article_id, record in decided.items():
        if record["kind"] == "article":
            per_story[story_of[article_id]].append(article_id)
    for k in range(STORIES):
        assert len(per_story[k]) == 1, f"story {k}: canonical {per_story[k]}"
        canonical_of[k] = per_story[k][0]
        assert decided[canonical_of[k]]["story_id"] == canonical_of[k]
    for article_id, record in decided.items():
        if record["kind"] != "duplicate":
            continue
        k = story_of[article_id]
        assert record["duplicate_of"] != article_id, record
        assert record["duplicate_of"] == canonical_of[k], (record, canonical_of[k])
        assert record["story_id"] == canonical_of[k], record
    assert sum(r["kind"] == "duplicate" for r in decided.values()) == 2 * STORIES

    # Restart on an empty data dir: only the changelogs know what was seen.
    fresh = dataclasses.replace(base, data_dir=tmp_path / "data-c", web_port=free_port())
    assert not fresh.data_dir.exists()
    later: dict[str, tuple[int, str]] = {}
    placed: list[tuple[int, bytes, bytes]] = []
    for k, story in enumerate(stories):
        # A new outlet's copy of every story (LSH buckets rebuilt from the recovered
        # signatures), and a verbatim repost of every fourth original (exact-hash table).
        page_id = f"story{k}-late"
        later[page_id] = (k, "near")
        placed.append(((k + 6) % PARTITIONS, page_id.encode(),
                       _page(page_id, "outlet-late",
                             generator.copy(story.lang, story.headline, story.paragraphs))))
        if k % 4 == 0:
            page_id = f"story{k}-repost"
            later[page_id] = (k, "exact")
            placed.append(((k + 1) % PARTITIONS, page_id.encode(), _page(
                page_id, "outlet-repost", "\n\n".join([story.headline, *story.paragraphs]))))
    worker = WorkerProcess(fresh, tmp_path / "worker-c.log")
    try:
        worker.wait_ready(timeout=READY_TIMEOUT)
        _burst(base, topics.raw, placed)
        outputs = collect(base, [topics.enriched, topics.duplicates],
                          until=_seen(set(later), topics.enriched, topics.duplicates),
                          timeout=COLLECT_TIMEOUT, idle=3.0)
        docs = metric(worker, 'khabar_dedup_state_keys{table="dedup_docs"}')
    finally:
        worker.stop()

    decided = _by_id(outputs, topics.enriched, topics.duplicates)
    missing = sorted(set(later) - decided.keys())
    assert not missing, f"no decision after the restart for {missing}"
    for page_id, (k, method) in later.items():
        record = decided[page_id]
        assert record["kind"] == "duplicate", f"{page_id} became a new canonical: {record}"
        assert record["duplicate_of"] == canonical_of[k], (record, canonical_of[k])
        assert record["story_id"] == canonical_of[k], record
        if method == "exact":
            assert record["method"] == "exact", record
        # (a new outlet's copy may keep every paragraph and lose only its wrapper: then its
        # normalised text is the original's, and "exact" is right for it too)
    # Nothing decided before the restart changed its mind, and nothing new became canonical.
    assert {r["id"] for r in outputs[topics.enriched]} == set(canonical_of.values())
    # The fresh store held the recovered signatures (the gauge is read on the first event).
    assert docs >= len(story_of), docs
    assert time.monotonic() - started < 180
