"""The dedup partition has no poison pill, on the embedded broker.

Every article of the cluster passes through the one dedup partition, so one record there that
the worker cannot take would stop every decision. Malformed records and a candidate of another
fingerprint version are written to the dedup topic of a running worker: each malformed one is
a dead letter, the other version is decided as usual, the worker stays up, and a valid page
published after them comes out enriched within seconds. Then a record that is not a doc is
written to the ``dedup_docs`` changelog, then one without a key, then bytes that are not JSON,
and a worker on an empty data dir replays them: it becomes ready, the replay-failure counter
rises by three and the other articles are still found.
"""

from __future__ import annotations

import asyncio
import base64
import time
from pathlib import Path
from typing import Any

import orjson
import pytest
from aiokafka import AIOKafkaProducer

from khabar.agents.classify.core import Classifier
from khabar.agents.kafka_io import bootstrap, publish
from khabar.agents.pipeline import Origin, PageStage
from khabar.streams.embedded import EmbeddedBroker, free_port
from khabar.streams.settings import Settings
from tests.cluster import (
    WorkerProcess,
    collect,
    metric,
    names,
    publish_messages,
    settings_for,
    wait_pages,
)

pytestmark = [pytest.mark.integration, pytest.mark.timeout(300)]

#: How long the valid page published after the bad candidates may take to come out.
WITHIN_SECONDS = 10.0

# Written for this test.
OLD_VERSION_TEXT = (
    "The coast guard towed a fishing boat with a broken engine back to harbour on Tuesday "
    "after it drifted for a night off the northern cape.\n\nAll eight crew members were "
    "unhurt, and the boat's owner thanked the rescuers who reached it before the storm.")
GOOD_TEXT = (
    "The regional airport opened a second runway on Monday, two years after work began on the "
    "reclaimed land beside the old terminal.\n\nAirlines said the new runway would allow night "
    "flights and cut the delays that have grown every summer since the terminal was enlarged.")


def candidate(settings: Settings, page_id: str, text: str) -> dict[str, Any]:
    """A dedup candidate as the page hop makes it."""
    stage = PageStage(Classifier.from_file(settings.taxonomy),
                      max_message_bytes=settings.max_message_bytes,
                      dlq_payload_bytes=settings.dlq_payload_bytes)
    result = stage.run(orjson.dumps({"id": page_id, "source": "wire", "text": text}),
                       Origin("raw", 0, 0, time.time()))
    (made,) = result.candidates
    return made


async def _send_raw(settings: Settings, topic: str, key: bytes | None, value: bytes) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap(settings))
    await producer.start()
    try:
        await producer.send_and_wait(topic, value, key=key, partition=0)
    finally:
        await producer.stop()


def test_bad_candidates_are_dead_letters_and_the_stream_goes_on(
        broker: EmbeddedBroker, tmp_path: Path) -> None:
    settings = settings_for(broker, tmp_path / "data", partitions=2)
    topics = names(settings)
    old = candidate(settings, "old-version", OLD_VERSION_TEXT)
    old["fingerprint"] = {"v": "w4p64b16r4s1", "h": "00", "s": "AAAA", "n": 2}
    without_fingerprint = candidate(settings, "no-fingerprint", OLD_VERSION_TEXT + " Again.")
    del without_fingerprint["fingerprint"]
    bad = {
        "not utf-8": b"\xff\xfe{\x80 not json",
        "a json list": b'["article", "fingerprint"]',
        "no fingerprint": orjson.dumps(without_fingerprint),
        "no article": b'{"fingerprint": {"v": "w5", "h": "00", "s": "", "n": 0}}',
    }
    worker = WorkerProcess(settings, tmp_path / "worker.log")
    try:
        worker.wait_ready(timeout=90)
        sent = asyncio.run(publish(settings, topics.dedup, [*bad.values(), orjson.dumps(old)]))
        wait_pages(worker, 1, timeout=30, counter="khabar_dedup_refingerprinted_total")
        published = time.monotonic()
        publish_messages(settings, [orjson.dumps({"id": "good-after", "source": "wire",
                                                  "text": GOOD_TEXT})])
        outputs = collect(settings, [topics.enriched, topics.dlq], idle=1.0, timeout=60,
                          until=lambda out: any(r["id"] == "good-after"
                                                for r in out[topics.enriched]))
        took = time.monotonic() - published
        assert worker.process.poll() is None
        assert worker.get("/healthz")[0] == 200
        counted = metric(worker, "khabar_dead_letters_total")
    finally:
        worker.stop()

    letters = {r["offset"]: r for r in outputs[topics.dlq]}
    for (label, payload), at in zip(bad.items(), sent, strict=False):
        letter = letters[at.offset]
        assert (letter["stage"], letter["topic"], letter["partition"]) == (
            "dedup", topics.dedup, 0), label
        kept = (base64.b64decode(letter["payload"]) if letter["payload_encoding"] == "base64"
                else letter["payload"].encode())
        assert kept == payload, label
    reasons = {label: letters[at.offset]["reason"]
               for label, at in zip(bad, sent, strict=False)}
    assert reasons == {"not utf-8": "invalid_json", "a json list": "not_an_object",
                       "no fingerprint": "invalid_fingerprint", "no article": "schema"}
    assert len(letters) == len(bad) and counted == len(bad)
    enriched = {r["id"]: r for r in outputs[topics.enriched]}
    assert enriched["old-version"]["story_id"] == "old-version"  # decided as usual
    assert "good-after" in enriched
    assert took < WITHIN_SECONDS, f"the valid page took {took:.1f} s"
    print(f"poison: {len(bad)} dead letters, the old version decided, the page after them "
          f"out in {took:.1f} s")


def test_a_bad_changelog_record_is_counted_on_replay_and_the_rest_recovers(
        broker: EmbeddedBroker, tmp_path: Path) -> None:
    settings = settings_for(broker, tmp_path / "first", partitions=2)
    topics = names(settings)
    first = WorkerProcess(settings, tmp_path / "first.log")
    try:
        first.wait_ready(timeout=90)
        publish_messages(settings, [orjson.dumps({"id": "kept", "source": "wire",
                                                  "text": GOOD_TEXT})])
        wait_pages(first, 1, timeout=60, counter="khabar_articles_total")
    finally:
        first.stop()
    changelog = f"{settings.app_id}-dedup_docs-changelog"
    asyncio.run(_send_raw(settings, changelog, b'"not-a-doc"', b'{"t": 1}'))
    asyncio.run(_send_raw(settings, changelog, None, b'{"t": 2}'))
    # Last on the changelog: a record faust's own JSON codec cannot read, which its recovery
    # would wait for forever.
    asyncio.run(_send_raw(settings, changelog, b'"not-json"', b"\xff{not json"))

    second_settings = settings.__class__(**{
        **{name: getattr(settings, name) for name in settings.__dataclass_fields__},
        "data_dir": tmp_path / "second", "web_port": free_port()})
    second = WorkerProcess(second_settings, tmp_path / "second.log")
    try:
        second.wait_ready(timeout=90)
        assert wait_pages(second, 3, timeout=30,
                          counter="khabar_dedup_replay_failures_total") == 3
        publish_messages(settings, [orjson.dumps({"id": "copy-of-kept", "source": "other",
                                                  "text": GOOD_TEXT})])
        outputs = collect(settings, [topics.duplicates], idle=1.0, timeout=60,
                          until=lambda out: bool(out[topics.duplicates]))
        assert second.process.poll() is None
    finally:
        second.stop()
    (notice,) = outputs[topics.duplicates]
    assert (notice["id"], notice["duplicate_of"]) == ("copy-of-kept", "kept")
    log = second.log_path.read_text(errors="replace")
    assert "left out of the derived tables" in log and "not-a-doc" in log
    assert "Error in recovery" not in log
