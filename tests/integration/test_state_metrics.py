"""The gauges a worker computes from its state, read from its ``/metrics`` page.

- ``khabar_stories`` across a restart and an expiry: a worker decides stories with one, two
  and three copies, restarts on the same data dir, and a page ten days newer makes the new
  process expire them. The gauge is at every reading what the ``dedup_stories`` table holds
  (walked once the worker has stopped), never below zero.
- ``khabar_consumer_lag`` across a revoke: a second worker joins the group and leaves again.
  Each worker reports the raw and dedup partitions it is assigned, and only those (never a
  changelog or faust's assignor topic); a partition's series goes from the worker that lost
  it; once the traffic is processed every lag is 0.
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from rocksdict import AccessType, Options, Rdict

from khabar.agents.samples.synthetic import Generator
from khabar.streams.embedded import free_port
from khabar.streams.metrics import COPY_BUCKETS, copy_bucket
from tests.cluster import (
    WorkerProcess,
    create_topics,
    names,
    publish_messages,
    samples,
    settings_for,
    wait_pages,
)

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

READY_TIMEOUT = 90.0
SETTLE_TIMEOUT = 60.0
PARTITIONS = 4


def _page(page_id: str, text: str, published: datetime) -> bytes:
    return orjson.dumps({"id": page_id, "source": f"outlet-{page_id}",
                         "url": f"https://example.org/{page_id}", "text": text,
                         "published_at": published.isoformat()})


def _stories(worker: WorkerProcess) -> dict[str, float]:
    """``khabar_stories`` by bucket; every reading is checked for a negative count."""
    by_bucket = {dict(labels)["copies"]: value
                 for labels, value in samples(worker, "khabar_stories").items()}
    assert all(value >= 0 for value in by_bucket.values()), by_bucket
    return by_bucket


def _expected(counts: dict[str, int]) -> dict[str, float]:
    return {bucket: float(counts.get(bucket, 0)) for bucket in COPY_BUCKETS}


def _settle(read: Callable[[], Any], want: Any, timeout: float = SETTLE_TIMEOUT) -> Any:
    """Read until the reading is ``want`` or ``timeout`` passes; the last reading."""
    deadline = time.monotonic() + timeout
    while True:
        got = read()
        if got == want or time.monotonic() > deadline:
            return got
        time.sleep(0.5)


def _stored_stories(data_dir: Path) -> Counter[str]:
    """Stories by bucket, walking the ``dedup_stories`` RocksDB store a stopped worker left."""
    (path,) = data_dir.rglob("dedup_stories-0.db")
    db = Rdict(str(path), options=Options(raw_mode=True), access_type=AccessType.read_only())
    try:
        return Counter(copy_bucket(orjson.loads(raw)["c"]) for raw in db.values())
    finally:
        db.close()


def test_the_stories_gauge_is_what_the_table_holds_across_a_restart_and_an_expiry(
    broker, tmp_path: Path
) -> None:
    generator = Generator(seed=808)
    old = datetime.now(UTC) - timedelta(days=10)  # older than the 7-day window
    pages: list[bytes] = []
    for number, copies in enumerate((3, 1, 2)):
        headline, paragraphs = generator.story("en" if number % 2 else "ar")
        text = "\n\n".join([headline, *paragraphs])
        pages += [_page(f"old{number}-{n}", text, old + timedelta(minutes=n))
                  for n in range(copies)]
    settings = settings_for(broker, tmp_path / "data")

    worker = WorkerProcess(settings, tmp_path / "worker-1.log")
    try:
        worker.wait_ready(timeout=READY_TIMEOUT)
        publish_messages(settings, pages)
        wait_pages(worker, 3, SETTLE_TIMEOUT, counter="khabar_duplicates_total")
        before = _settle(lambda: _stories(worker), _expected({"1": 1, "2": 1, "3-5": 1}))
    finally:
        worker.stop()
    assert before == _expected({"1": 1, "2": 1, "3-5": 1})

    # The same data dir: the count comes from the table, not from the first process.
    worker = WorkerProcess(settings, tmp_path / "worker-2.log")
    try:
        worker.wait_ready(timeout=READY_TIMEOUT)
        restarted = _settle(lambda: _stories(worker), before)
        assert restarted == before
        headline, paragraphs = generator.story("en")
        publish_messages(settings, [_page("new0-0", "\n\n".join([headline, *paragraphs]),
                                          datetime.now(UTC))])
        wait_pages(worker, 1, SETTLE_TIMEOUT, counter="khabar_articles_total")
        expired = _settle(lambda: _stories(worker), _expected({"1": 1}))
    finally:
        worker.stop()
    assert expired == _expected({"1": 1}), expired
    assert _expected(_stored_stories(settings.data_dir)) == expired


def _lags(worker: WorkerProcess) -> dict[tuple[str, int], float]:
    return {(labels["topic"], int(labels["partition"])): value
            for labels, value in ((dict(pairs), value) for pairs, value
                                  in samples(worker, "khabar_consumer_lag").items())}


def test_lag_series_follow_the_assignment_and_cover_the_input_topics_only(
    broker, tmp_path: Path
) -> None:
    first = settings_for(broker, tmp_path / "data-a", partitions=PARTITIONS)
    second = dataclasses.replace(first, data_dir=tmp_path / "data-b", web_port=free_port())
    topics = names(first)
    create_topics(first, [topics.raw])
    inputs = {(topics.raw, p) for p in range(PARTITIONS)} | {(topics.dedup, 0)}
    seen: set[str] = set()

    def lags(worker: WorkerProcess) -> dict[tuple[str, int], float]:
        got = _lags(worker)
        seen.update(topic for topic, _ in got)
        return got

    generator = Generator(seed=909)
    corpus = generator.corpus(stories=12, copies_per_story=0.3, bad=0).messages
    a = WorkerProcess(first, tmp_path / "worker-a.log")
    joined: list[WorkerProcess] = []
    try:
        a.wait_ready(timeout=READY_TIMEOUT)
        publish_messages(first, corpus)
        wait_pages(a, len(corpus), SETTLE_TIMEOUT)
        alone = _settle(lambda: lags(a), dict.fromkeys(inputs, 0.0))
        assert alone == dict.fromkeys(inputs, 0.0), alone  # all processed and committed

        b = WorkerProcess(second, tmp_path / "worker-b.log")
        joined.append(b)
        b.wait_ready(timeout=READY_TIMEOUT)

        def split() -> bool:
            held_a, held_b = set(lags(a)), set(lags(b))
            return bool(held_a and held_b) and not held_a & held_b and held_a | held_b == inputs
        assert _settle(split, True), (_lags(a), _lags(b))
        kept = set(_lags(a))
        assert kept < inputs  # the partitions B took are gone from A's page

        b.stop()
        back = _settle(lambda: set(lags(a)), inputs)
        assert back == inputs, back
    finally:
        for worker in (*joined, a):
            worker.stop()
    assert seen == {topics.raw, topics.dedup}, seen
