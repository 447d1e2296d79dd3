"""A page whose output would not fit the broker's message limit is a dead letter, on the
embedded broker.

A raw page just under ``KHABAR_MAX_MESSAGE_BYTES`` passes the raw limit, but its dedup candidate
(the article with its fingerprint and classification, about 1.5 KB more) does not fit. The
worker publishes one ``too_large`` dead letter naming the page instead of a send the broker
would refuse, stays up, and the page published after it comes out enriched. A candidate
written to the dedup topic whose article is over the limit is a dead letter of the dedup hop.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import orjson
import pytest

from khabar.agents.classify.core import Classifier
from khabar.agents.kafka_io import publish
from khabar.agents.pipeline import Origin, PageStage
from khabar.streams import records
from khabar.streams.embedded import EmbeddedBroker
from tests.cluster import WorkerProcess, collect, names, publish_messages, settings_for

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

LIMIT = 65_536
# Written for this test.
PARAGRAPH = ("The harbour authority extended the night shift at the container terminal after the "
             "cranes were repaired, and the ships waiting offshore began to dock on Wednesday.")
AFTER = ("The city council approved a new bus line to the university on Thursday, with buses "
         "every ten minutes from the station.\n\nWork on the stops starts next month and the "
         "line should open before the autumn term, the council said.")


def near_the_limit(page_id: str, size: int = LIMIT - 200) -> bytes:
    text = "\n\n".join([PARAGRAPH] * (size // len(PARAGRAPH) + 1))
    while len(payload := orjson.dumps({"id": page_id, "source": "wire", "text": text})) > size:
        text = text[:len(text) - (len(payload) - size)]
    return payload


def large_candidate(page_id: str) -> bytes:
    """A candidate, as a page hop with twice the limit makes it, of an article over the limit."""
    stage = PageStage(Classifier.from_file(), max_message_bytes=2 * LIMIT,
                      dlq_payload_bytes=LIMIT)
    result = stage.run(near_the_limit(page_id, LIMIT + 1000), Origin("raw", 0, 0, time.time()))
    ((_key, value),) = result.messages
    return value


def test_a_page_whose_candidate_does_not_fit_is_a_dead_letter_and_the_stream_goes_on(
        broker: EmbeddedBroker, tmp_path: Path) -> None:
    settings = settings_for(broker, tmp_path / "data", partitions=1, max_message_bytes=LIMIT)
    topics = names(settings)
    large = near_the_limit("near-limit")
    assert LIMIT - 300 < len(large) <= LIMIT
    worker = WorkerProcess(settings, tmp_path / "worker.log")
    try:
        worker.wait_ready(timeout=90)
        candidate = large_candidate("large-candidate")
        asyncio.run(publish(settings, topics.dedup, [candidate]))
        publish_messages(settings, [large, orjson.dumps({"id": "after", "source": "wire",
                                                         "text": AFTER})])
        outputs = collect(settings, [topics.enriched, topics.dlq, topics.dedup], idle=1.0,
                          timeout=90, until=lambda out: any(r["id"] == "after"
                                                            for r in out[topics.enriched]))
        assert worker.process.poll() is None
        assert worker.get("/healthz")[0] == 200
    finally:
        worker.stop()

    letters = {r["topic"]: r for r in outputs[topics.dlq]}
    assert len(letters) == len(outputs[topics.dlq]) == 2
    dedup_letter = letters[topics.dedup]
    assert (dedup_letter["reason"], dedup_letter["stage"], dedup_letter["source_id"]) == (
        "too_large", "publish", "large-candidate")
    assert dedup_letter["payload_bytes"] == len(candidate)
    letter = letters[topics.raw]
    assert (letter["reason"], letter["stage"], letter["source_id"]) == (
        "too_large", "publish", "near-limit")
    assert letter["payload_bytes"] == len(large) and letter["payload_truncated"]
    assert large.startswith(letter["payload"].encode())
    assert records.message_size(letter["source_id"], records.dumps(letter)) <= LIMIT
    assert [r["article"]["id"] for r in outputs[topics.dedup]] == ["large-candidate", "after"]
    assert [r["id"] for r in outputs[topics.enriched]] == ["after"]
